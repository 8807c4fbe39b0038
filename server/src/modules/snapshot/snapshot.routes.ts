import type express from 'express';
import { log } from '../../config/log.js';
import { refuse } from '../../http/refuse.js';
import type { AppDeps } from '../../graphql/context.js';
import { authenticate } from '../auth/auth.service.js';
import { bearerToken } from '../auth/bearer.js';
import { mayReadReports } from '../auth/permissions.js';
import { DailySnapshot, SnapshotImageStatus } from './daily-snapshot.entity.js';

const FILE = /^(\d{4}-\d{2}-\d{2})\.png$/;

/**
 * GET /snapshots/:date.png — the stored image. Allowed with a staff bearer session, or with the
 * signed image token from `imageUrl` (`?token=`), because an <img> tag or a chat robot cannot send
 * a header. The image never changes once stored, so it may be cached privately.
 */
export function snapshotImageRoute(deps: AppDeps): express.RequestHandler {
  return async (req, res) => {
    const match = FILE.exec(String(req.params.file ?? ''));
    if (!match) return refuse(req, res, 404, 'NOT_FOUND', 'snapshot.noSuchImage');
    const date = match[1]!;
    try {
      const em = deps.orm.em.fork();
      const token = typeof req.query.token === 'string' ? req.query.token : null;
      if (!deps.reminders.links.verify('image', date, token)) {
        const viewer = await authenticate(em, bearerToken(req.headers.authorization), deps.clock.now());
        if (!viewer) return refuse(req, res, 401, 'UNAUTHENTICATED', 'snapshot.imageSignIn');
        if (!mayReadReports(viewer)) return refuse(req, res, 403, 'FORBIDDEN', 'auth.staffOnly');
      }
      const snapshot = await em.findOne(DailySnapshot, { date }, { populate: ['imagePng'] });
      if (!snapshot) return refuse(req, res, 404, 'NOT_FOUND', 'snapshot.noneOnDate', { date });
      if (snapshot.imageStatus !== SnapshotImageStatus.STORED || !snapshot.imagePng) {
        // The reason is the renderer's own diagnosis (for the operator), not a sentence of the catalogue.
        return refuse(req, res, 404, 'NOT_FOUND', 'snapshot.noImage', {
          date,
          reason: snapshot.imageUnavailableReason ?? '…',
        });
      }
      res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
      res.setHeader('ETag', `"${snapshot.imageMd5 ?? snapshot.contentHash}"`);
      res.type('png').send(Buffer.from(snapshot.imagePng));
    } catch (error) {
      log.error(`snapshot image ${date}: ${(error as Error).message}`);
      refuse(req, res, 500, 'INTERNAL_SERVER_ERROR', 'common.internal');
    }
  };
}
