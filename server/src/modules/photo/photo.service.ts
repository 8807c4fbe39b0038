import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import sharp from 'sharp';
import type { Env } from '../../config/env.js';
import type { Viewer } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { BUREAU_LOCALE, renderMessage, type MessageKey, type MessageParams } from '../../messages/render.js';
import { runChange, type EventPublisher } from '../event/change.js';
import { isUuid } from '../common/ids.js';
import { idempotencyOf, once, rememberResult, type Idempotency } from '../field/idempotency.js';
import { IdempotentRequest } from '../field/idempotent-request.entity.js';
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
    readonly messageKey: MessageKey,
    readonly messageParams: MessageParams = {},
  ) {
    super(renderMessage(BUREAU_LOCALE, messageKey, messageParams));
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
  if (bytes.length === 0) throw new UploadError(400, 'photo.empty');
  if (bytes.length > MAX_PHOTO_BYTES) throw new UploadError(413, 'photo.tooLarge');
  const kind = sniffImage(bytes);
  if (!kind) throw new UploadError(415, 'photo.notImage');

  let width: number;
  let height: number;
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    width = meta.autoOrient?.width ?? meta.width ?? 0;
    height = meta.autoOrient?.height ?? meta.height ?? 0;
  } catch {
    throw new UploadError(415, 'photo.unreadable');
  }
  if (width * height > MAX_PHOTO_PIXELS) {
    throw new UploadError(413, 'photo.tooManyPixels', {
      max: MAX_PHOTO_PIXELS / 1_000_000,
      actual: ((width * height) / 1_000_000).toFixed(1),
    });
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
    throw new UploadError(415, 'photo.unreadable');
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
  if (ids.length > MAX_PHOTOS_PER_STEP) throw badInput('photo.tooMany', { max: MAX_PHOTOS_PER_STEP }, 'photoIds');
  if (!ids.every(isUuid)) throw badInput('photo.notPhotoId', {}, 'photoIds');
  const photos = await tx.find(Photo, { id: { $in: ids.map((id) => id.toLowerCase()) } });
  const usable = photos.filter((p) => p.uploadedBy.id === viewer.user.id && !p.hazard);
  if (usable.length !== ids.length) {
    throw badInput('photo.notOwnUpload', {}, 'photoIds');
  }
  for (const photo of usable) tx.assign(photo, { hazard: hazardId, phase, attachedAt: now });
  await tx.flush();
  return usable.map((p) => ({ id: p.id, sha256: p.sha256 }));
}

/**
 * Seconds until this user may upload again, or 0: at most `UPLOAD_RATE` photos per user within its
 * window, counted from the photos themselves (so every process of an installation counts alike).
 */
export async function uploadWait(
  em: EntityManager,
  env: Pick<Env, 'uploadRate'>,
  userId: string,
  now: Date,
): Promise<number> {
  const { count, windowMs } = env.uploadRate;
  const since = new Date(now.getTime() - windowMs);
  const recent = await em.find(
    Photo,
    { uploadedBy: userId, uploadedAt: { $gt: since } },
    { orderBy: { uploadedAt: 'desc' }, limit: count, fields: ['uploadedAt'] },
  );
  if (recent.length < count) return 0;
  // The oldest of the last `count` leaves the window first.
  const oldest = recent[recent.length - 1]!.uploadedAt.getTime();
  return Math.max(1, Math.ceil((oldest + windowMs - now.getTime()) / 1000));
}

/** Expired photos removed per pass; the leader's next pass takes the rest. */
const EXPIRY_BATCH = 200;

/**
 * Removes photos that were never attached to a hazard within `UNATTACHED_PHOTO_TTL` of their upload:
 * the rows (each removal recorded in the history with the original's SHA-256, R7), the idempotency
 * keys that pointed to them, and, once committed, both files. Run by the timer leader.
 */
export async function expireUnattachedPhotos(
  em: EntityManager,
  publisher: EventPublisher,
  env: Pick<Env, 'uploadDir' | 'unattachedPhotoTtlMs'>,
  now: Date,
): Promise<number> {
  const before = new Date(now.getTime() - env.unattachedPhotoTtlMs);
  const expired = await em.find(
    Photo,
    { hazard: null, uploadedAt: { $lt: before } },
    { orderBy: { uploadedAt: 'asc' }, limit: EXPIRY_BATCH },
  );
  if (expired.length === 0) return 0;
  const ids = expired.map((p) => p.id);
  const dir = uploadDir(env);
  const removed = await runChange(em, publisher, async (change) => {
    const { tx } = change;
    // Attached meanwhile (a filing committed after the read above) are kept: the condition is checked again.
    const removed = await tx.find(Photo, { id: { $in: ids }, hazard: null });
    if (removed.length === 0) return [];
    const removedIds = removed.map((p) => p.id);
    await tx.nativeDelete(IdempotentRequest, { operation: 'upload', resultId: { $in: removedIds } });
    await tx.nativeDelete(Photo, { id: { $in: removedIds } });
    for (const photo of removed)
      await change.audit({
        at: now,
        actorId: null,
        action: 'photo.expired',
        subjectType: 'photo',
        subjectId: photo.id,
        data: { sha256: photo.sha256, uploadedAt: photo.uploadedAt.toISOString(), uploadedBy: photo.uploadedBy.id },
      });
    return removed;
  });
  // The files go only once the rows are gone: a failed commit leaves both in place.
  await Promise.all(
    removed.flatMap((photo) => [photo.originalFile, photo.displayFile].map((f) => rm(join(dir, f), { force: true }))),
  );
  return removed.length;
}
