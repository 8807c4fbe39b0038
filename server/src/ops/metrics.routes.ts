import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppDeps } from '../graphql/context.js';
import { bearerToken } from '../modules/auth/bearer.js';
import { log } from '../config/log.js';

/** The socket's own address, not X-Forwarded-For: a proxy on this machine must not make the world look local. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameSecret(given: string, wanted: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(wanted);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may read `/metrics`: with METRICS_TOKEN set, whoever sends it as a bearer token; without,
 * only a client on this machine that came through no proxy (a request carrying X-Forwarded-For
 * came from elsewhere, whatever the socket says). Operation names and counts tell an outsider
 * what the bureau does and when, so they are not public.
 */
export function mayReadMetrics(deps: Pick<AppDeps, 'env'>, req: Request): boolean {
  const wanted = deps.env.metricsToken;
  if (wanted) {
    const given = bearerToken(req.headers.authorization);
    return given !== null && sameSecret(given, wanted);
  }
  return LOOPBACK.test(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
}

/** `GET /metrics`: Prometheus text format. */
export function metricsRoute(deps: AppDeps) {
  return async (req: Request, res: Response) => {
    if (!mayReadMetrics(deps, req)) {
      res.status(403).json({
        code: 'FORBIDDEN',
        message: deps.env.metricsToken
          ? '指标接口需要 METRICS_TOKEN：请以 Authorization: Bearer <令牌> 访问。'
          : '指标接口只对本机开放；从其他机器读取请设置 METRICS_TOKEN。',
      });
      return;
    }
    try {
      res.setHeader('Content-Type', deps.metrics.registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.end(await deps.metrics.registry.metrics());
    } catch (error) {
      log.error('metrics could not be collected', error);
      res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: '指标暂时无法读取，请稍后再试。' });
    }
  };
}
