import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Hazard } from '../hazard/hazard.entity.js';
import { Photo } from './photo.entity.js';

@Resolver(() => Photo)
export class PhotoResolver {
  @FieldResolver(() => String, {
    description: 'Where to GET the display copy (re-encoded, without EXIF or location); send the Bearer token.',
  })
  url(@Root() photo: Photo): string {
    return `/uploads/${photo.id}`;
  }

  @FieldResolver(() => String, {
    description:
      'A path an <img> tag can load without a header: the display copy with a signed token valid for 30 minutes. Only those who may see the hazard are given it.',
  })
  signedUrl(@Root() photo: Photo, @Ctx() ctx: Context): string {
    return ctx.deps.photoLinks.path(photo.id);
  }
}

@Resolver(() => Hazard)
export class HazardPhotosResolver {
  @FieldResolver(() => [Photo], {
    description:
      'Photo evidence: BEFORE photos from filing, AFTER photos from each reported rectification, oldest first.',
  })
  photos(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<Photo[]> {
    return ctx.em.find(Photo, { hazard: hazard.id }, { orderBy: { attachedAt: 'asc', uploadedAt: 'asc' } });
  }
}
