import type express from 'express';
import { log } from '../../config/log.js';
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
    if (!match) return void res.status(404).type('text').send('No such snapshot image: use /snapshots/YYYY-MM-DD.png.');
    const date = match[1]!;
    try {
      const em = deps.orm.em.fork();
      const token = typeof req.query.token === 'string' ? req.query.token : null;
      if (!deps.reminders.links.verify('image', date, token)) {
        const viewer = await authenticate(em, bearerToken(req.headers.authorization), deps.clock.now());
        if (!viewer)
          return void res
            .status(401)
            .type('text')
            .send(
              'Sign in (Authorization: Bearer …) or use the signed imageUrl from dailySnapshot; its token may have expired.',
            );
        if (!mayReadReports(viewer)) return void res.status(403).type('text').send('Snapshots are for bureau staff.');
      }
      const snapshot = await em.findOne(DailySnapshot, { date }, { populate: ['imagePng'] });
      if (!snapshot) return void res.status(404).type('text').send(`No snapshot was taken on ${date}.`);
      if (snapshot.imageStatus !== SnapshotImageStatus.STORED || !snapshot.imagePng) {
        return void res
          .status(404)
          .type('text')
          .send(
            `The snapshot of ${date} has no image: ${snapshot.imageUnavailableReason ?? 'it is still being rendered.'}`,
          );
      }
      res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
      res.setHeader('ETag', `"${snapshot.imageMd5 ?? snapshot.contentHash}"`);
      res.type('png').send(Buffer.from(snapshot.imagePng));
    } catch (error) {
      log.error(`snapshot image ${date}: ${(error as Error).message}`);
      res.status(500).type('text').send('The image could not be read.');
    }
  };
}
