import { join } from 'node:path';
import busboy from 'busboy';
import type { Express, Request } from 'express';
import { bearerToken } from '../auth/bearer.js';
import { log } from '../../config/log.js';
import type { AppDeps, Viewer } from '../../graphql/context.js';
import { requestFacts } from '../../ops/request-log.js';
import { UserError } from '../../graphql/errors.js';
import { authenticate } from '../auth/auth.service.js';
import { mayUploadPhotos } from '../auth/permissions.js';
import { isUuid } from '../common/ids.js';
import { findHazardInScope } from '../hazard/hazard.repository.js';
import { Photo } from './photo.entity.js';
import { refuse } from '../../http/refuse.js';
import { MAX_PHOTO_BYTES, UploadError, storePhoto, uploadDir, uploadWait } from './photo.service.js';

/** An upload refusal as JSON: `code`, `messageKey`, `messageParams` and the sentence in the request's language. */
async function viewerOf(deps: AppDeps, req: Request) {
  const viewer = await authenticate(deps.orm.em.fork(), bearerToken(req.headers.authorization), deps.clock.now());
  if (viewer && req.res) requestFacts(req.res).userId = viewer.user.id;
  return viewer;
}

/** The metric label of a refused upload. */
const refusalReason = (status: number) =>
  status === 429 ? 'rate' : status === 413 ? 'size' : status === 415 ? 'type' : 'other';

/** Reads the one multipart field `file` into memory, stopping at the size cap. */
function readFileField(req: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // busboy signals its limit when a file reaches it, so a photo of exactly 10 MiB needs one byte of room.
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: MAX_PHOTO_BYTES + 1, fields: 10, parts: 12 },
      });
    } catch {
      reject(new UploadError(400, 'photo.notMultipart'));
      return;
    }
    let found: Buffer | null = null;
    let failure: UploadError | null = null;
    parser.on('file', (name, stream) => {
      if (name !== 'file' || found) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure = new UploadError(413, 'photo.tooLarge');
      });
      stream.on('end', () => {
        if (!failure) found = Buffer.concat(chunks);
      });
    });
    parser.on('error', () => reject(new UploadError(400, 'photo.notMultipart')));
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!found) reject(new UploadError(400, 'photo.noFile'));
      else resolve(found);
    });
    req.pipe(parser);
  });
}

/** May this viewer see the photo: anyone who may see its hazard, or its uploader while it is unattached. */
async function mayView(deps: AppDeps, viewer: Viewer, photo: Photo): Promise<boolean> {
  if (!photo.hazard) return photo.uploadedBy.id === viewer.user.id;
  return (await findHazardInScope(deps.orm.em.fork(), viewer.scope, photo.hazard.id)) !== null;
}

/** `POST /uploads` (multipart field `file`, Bearer auth) → {"id"}; `GET /uploads/:id` for those who may see the hazard. */
export function mountUploads(app: Express, deps: AppDeps): void {
  app.post('/uploads', async (req, res) => {
    try {
      const viewer = await viewerOf(deps, req);
      if (!viewer) return refuse(req, res, 401, 'UNAUTHENTICATED', 'auth.signInFirst');
      if (!mayUploadPhotos(viewer)) return refuse(req, res, 403, 'FORBIDDEN', 'photo.analystReadOnly');
      // Before the body is read: a refused sender costs no 10 MiB of memory.
      const wait = await uploadWait(deps.orm.em.fork(), deps.env, viewer.user.id, deps.clock.now());
      if (wait > 0) {
        req.resume();
        deps.metrics.uploadsRefused.inc({ reason: 'rate' });
        res.setHeader('Retry-After', String(wait));
        const window = {
          count: deps.env.uploadRate.count,
          minutes: Math.max(1, Math.round(deps.env.uploadRate.windowMs / 60_000)),
          wait,
        };
        return refuse(req, res, 429, 'RATE_LIMITED', 'photo.uploadRate', window, undefined, {
          retryAfterSeconds: wait,
        });
      }
      const bytes = await readFileField(req);
      const key = req.headers['idempotency-key'];
      const photo = await storePhoto(
        deps.orm.em.fork(),
        deps.publisher,
        deps.env,
        viewer,
        bytes,
        deps.clock.now(),
        typeof key === 'string' ? key : null,
      );
      res.status(201).json({ id: photo.id });
    } catch (error) {
      if (error instanceof UserError && error.extensions.code === 'BAD_USER_INPUT') {
        req.resume();
        return refuse(
          req,
          res,
          422,
          'BAD_USER_INPUT',
          error.messageKey,
          error.messageParams,
          String(error.extensions.field),
        );
      }
      if (error instanceof UploadError) {
        deps.metrics.uploadsRefused.inc({ reason: refusalReason(error.status) });
        // Drain what the client is still sending so that it reads our answer instead of a reset.
        req.resume();
        return refuse(req, res, error.status, 'BAD_USER_INPUT', error.messageKey, error.messageParams, 'file');
      }
      log.error('upload failed', error);
      refuse(req, res, 500, 'INTERNAL_SERVER_ERROR', 'photo.storeFailed');
    }
  });

  app.get('/uploads/:id', async (req, res) => {
    try {
      const id = req.params.id;
      const token = typeof req.query['token'] === 'string' ? req.query['token'] : null;
      // A signed link stands for a viewer who could see the photo when the link was made (photo-links.ts).
      const signed = token !== null && isUuid(id) && deps.photoLinks.verify(id, token);
      const viewer = signed ? null : await viewerOf(deps, req);
      if (!signed && !viewer) return refuse(req, res, 401, 'UNAUTHENTICATED', 'auth.signInFirst');
      const photo = isUuid(id) ? await deps.orm.em.fork().findOne(Photo, { id: id.toLowerCase() }) : null;
      if (!photo || (viewer && !(await mayView(deps, viewer, photo))))
        return refuse(req, res, 404, 'NOT_FOUND', 'photo.notFound');
      res.setHeader('Cache-Control', 'private, max-age=3600');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.type(photo.mimeType);
      res.sendFile(join(uploadDir(deps.env), photo.displayFile));
    } catch (error) {
      log.error('photo download failed', error);
      refuse(req, res, 500, 'INTERNAL_SERVER_ERROR', 'photo.unreadable');
    }
  });
}
