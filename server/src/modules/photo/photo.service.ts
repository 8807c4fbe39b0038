import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import sharp from 'sharp';
import type { Env } from '../../config/env.js';
import type { Viewer } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { runChange, type EventPublisher } from '../event/change.js';
import { isUuid } from '../common/ids.js';
import { idempotencyOf, once, rememberResult, type Idempotency } from '../field/idempotency.js';
import { Photo, type PhotoPhase } from './photo.entity.js';
import { sniffImage } from './image-check.js';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Decoding a small file can still take gigabytes when it claims huge dimensions: 40 megapixels is a good phone camera. */
export const MAX_PHOTO_PIXELS = 40_000_000;
export const MAX_PHOTOS_PER_STEP = 10;

/** A refusal of an upload, with the HTTP status that says why. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function uploadDir(env: Pick<Env, 'uploadDir'>): string {
  return resolve(env.uploadDir);
}

/**
 * Checks an upload by its bytes, keeps the original under a server-made name (evidence, never served),
 * writes a re-encoded copy without EXIF or location for display, and records the original's SHA-256 (R7).
 */
export async function storePhoto(
  em: EntityManager,
  publisher: EventPublisher,
  env: Pick<Env, 'uploadDir'>,
  viewer: Viewer,
  bytes: Buffer,
  now: Date,
  idempotencyKey?: string | null,
): Promise<Photo> {
  // A phone resending a photo after a lost answer gets the first upload back, not a second copy (R17).
  const idem = idempotencyOf(viewer, 'upload', idempotencyKey, bytes, 'Idempotency-Key');
  return once(
    em,
    idem,
    (id) => em.findOneOrFail(Photo, id),
    () => writePhoto(em, publisher, env, viewer, bytes, now, idem),
  );
}

async function writePhoto(
  em: EntityManager,
  publisher: EventPublisher,
  env: Pick<Env, 'uploadDir'>,
  viewer: Viewer,
  bytes: Buffer,
  now: Date,
  idem: Idempotency | null,
): Promise<Photo> {
  if (bytes.length === 0) throw new UploadError(400, 'The file is empty; choose a photo.');
  if (bytes.length > MAX_PHOTO_BYTES) throw new UploadError(413, 'A photo may be at most 10 MiB.');
  const kind = sniffImage(bytes);
  if (!kind) throw new UploadError(415, 'Only JPEG, PNG or WebP photos are accepted; this file is none of them.');

  let width: number;
  let height: number;
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    width = meta.autoOrient?.width ?? meta.width ?? 0;
    height = meta.autoOrient?.height ?? meta.height ?? 0;
  } catch {
    throw new UploadError(415, 'The photo could not be read; it may be damaged.');
  }
  if (width * height > MAX_PHOTO_PIXELS) {
    throw new UploadError(
      413,
      `A photo may have at most ${MAX_PHOTO_PIXELS / 1_000_000} megapixels; this one has ${((width * height) / 1_000_000).toFixed(1)}.`,
    );
  }

  let display: Buffer;
  try {
    // rotate() applies the EXIF orientation first; sharp writes no metadata unless asked, so EXIF and GPS are gone.
    const pipeline = sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS }).rotate();
    display = await (
      kind.ext === 'png'
        ? pipeline.png()
        : kind.ext === 'webp'
          ? pipeline.webp({ quality: 85 })
          : pipeline.jpeg({ quality: 85 })
    ).toBuffer();
  } catch {
    throw new UploadError(415, 'The photo could not be decoded; it may be damaged.');
  }

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = randomUUID();
  const originalFile = `${id}.original`;
  const displayFile = `${id}.${kind.ext}`;
  const dir = uploadDir(env);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, originalFile), bytes, { flag: 'wx' });
  await writeFile(join(dir, displayFile), display, { flag: 'wx' });
  try {
    return await runChange(em, publisher, async (change) => {
      const { tx } = change;
      const photo = tx.create(Photo, {
        id,
        uploadedBy: viewer.user.id,
        uploadedAt: now,
        sha256,
        mimeType: kind.mimeType,
        width,
        height,
        bytes: bytes.length,
        originalFile,
        displayFile,
      });
      await tx.flush();
      await change.audit({
        at: now,
        actorId: viewer.user.id,
        action: 'photo.uploaded',
        subjectType: 'photo',
        subjectId: id,
        data: { sha256, mimeType: kind.mimeType, bytes: bytes.length, width, height },
      });
      if (idem) await rememberResult(tx, idem, id, now);
      return photo;
    });
  } catch (error) {
    await rm(join(dir, originalFile), { force: true });
    await rm(join(dir, displayFile), { force: true });
    throw error;
  }
}

/**
 * Attaches the viewer's own unattached uploads to a hazard, inside the caller's transaction; returns what
 * the history records of them. Any id that is not such an upload refuses the whole change.
 */
export async function attachPhotos(
  tx: EntityManager,
  viewer: Viewer,
  photoIds: readonly string[] | null | undefined,
  hazardId: string,
  phase: PhotoPhase,
  now: Date,
): Promise<Array<{ id: string; sha256: string }>> {
  const ids = [...new Set(photoIds ?? [])];
  if (ids.length === 0) return [];
  if (ids.length > MAX_PHOTOS_PER_STEP)
    throw badInput('photoIds', `Attach at most ${MAX_PHOTOS_PER_STEP} photos at a time.`);
  if (!ids.every(isUuid))
    throw badInput('photoIds', 'photoIds holds an id that is not a photo id; use the ids returned by POST /uploads.');
  const photos = await tx.find(Photo, { id: { $in: ids.map((id) => id.toLowerCase()) } });
  const usable = photos.filter((p) => p.uploadedBy.id === viewer.user.id && !p.hazard);
  if (usable.length !== ids.length) {
    throw badInput(
      'photoIds',
      'Only your own uploads that are not yet attached to a hazard can be attached; upload the photo again.',
    );
  }
  for (const photo of usable) tx.assign(photo, { hazard: hazardId, phase, attachedAt: now });
  await tx.flush();
  return usable.map((p) => ({ id: p.id, sha256: p.sha256 }));
}
