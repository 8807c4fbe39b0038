import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../auth/user.entity.js';
import { BaseEntity } from '../common/base.entity.js';
import { Hazard } from '../hazard/hazard.entity.js';

export enum PhotoPhase {
  BEFORE = 'BEFORE',
  AFTER = 'AFTER',
}

registerEnumType(PhotoPhase, {
  name: 'PhotoPhase',
  description: 'Whether a photo shows the hazard as found or as rectified.',
  valuesConfig: {
    BEFORE: { description: 'As found, attached at filing.' },
    AFTER: { description: 'As rectified, attached when the rectification is reported.' },
  },
});

/** One uploaded photo. The original is kept as evidence and never served; clients get the re-encoded copy. */
@ObjectType({ description: 'Photo evidence of a hazard, before or after rectification.' })
@Entity({ tableName: 'photo' })
@Index({ properties: ['hazard', 'uploadedAt'] })
export class Photo extends BaseEntity {
  @ManyToOne(() => User, { ref: true, index: true })
  uploadedBy!: Ref<User>;

  @Field({ description: 'When the server received it.' })
  @Property()
  uploadedAt!: Date;

  @Field({ description: 'SHA-256 of the original upload, as recorded in the history.' })
  @Property({ length: 64 })
  sha256!: string;

  @Field({ description: 'image/jpeg, image/png or image/webp, as recognised from the bytes.' })
  @Property({ length: 20 })
  mimeType!: string;

  @Field(() => Int)
  @Property()
  width!: number;

  @Field(() => Int)
  @Property()
  height!: number;

  @Field(() => Int, { description: 'Size of the original in bytes.' })
  @Property()
  bytes!: number;

  /** Server-made file names under UPLOAD_DIR: nothing of the client's name reaches the disk. */
  @Property({ hidden: true })
  originalFile!: string;

  @Property({ hidden: true })
  displayFile!: string;

  @ManyToOne(() => Hazard, { ref: true, nullable: true })
  hazard?: Ref<Hazard>;

  @Field(() => PhotoPhase, { nullable: true, description: 'Null while not yet attached to a hazard.' })
  @Enum({ items: () => PhotoPhase, nativeEnumName: 'photo_phase', nullable: true })
  phase?: PhotoPhase;

  @Property({ nullable: true })
  attachedAt?: Date;
}
