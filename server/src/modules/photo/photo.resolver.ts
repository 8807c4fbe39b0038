import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { Photo } from './photo.entity.js';

@Resolver(() => Photo)
export class PhotoResolver {
  @FieldResolver(() => String, { description: 'Where to GET the display copy (re-encoded, without EXIF or location); send the Bearer token.' })
  url(@Root() photo: Photo): string {
    return `/uploads/${photo.id}`;
  }
}

@Resolver(() => Hazard)
export class HazardPhotosResolver {
  @FieldResolver(() => [Photo], { description: 'Photo evidence: BEFORE photos from filing, AFTER photos from each reported rectification, oldest first.' })
  photos(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<Photo[]> {
    return ctx.em.find(Photo, { hazard: hazard.id }, { orderBy: { attachedAt: 'asc', uploadedAt: 'asc' } });
  }
}
