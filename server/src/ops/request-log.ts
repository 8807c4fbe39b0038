import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { pinoHttp } from 'pino-http';
import { log } from '../config/log.js';
import type { Context } from '../graphql/context.js';
import type { Metrics } from './metrics.js';

import type { RequestFacts } from './request-facts.js';

export type { RequestFacts } from './request-facts.js';

/** A client's own X-Request-Id is kept when it looks like one (a proxy's), else the server makes one. */
const CLIENT_REQUEST_ID = /^[\w.:-]{8,100}$/;
/** Operation names are chosen by the client: beyond this many distinct ones, the rest share one label. */
const MAX_OPERATION_NAMES = 200;

export function requestFacts(res: ServerResponse): RequestFacts {
  const locals = (res as Response).locals as { facts?: RequestFacts } | undefined;
  if (!locals) return {};
  locals.facts ??= {};
  return locals.facts;
}

/** The route a metric is labelled with: a fixed handful, never a client's path (ids, files). */
function routeOf(path: string): string {
  if (path === '/graphql' || path === '/healthz' || path === '/metrics') return path;
  if (path === '/uploads') return '/uploads';
  if (path.startsWith('/uploads/')) return '/uploads/:id';
  if (path.startsWith('/snapshots/')) return '/snapshots/:file';
  if (path.startsWith('/imports')) return '/imports';
  return 'dashboard';
}

const pathOf = (req: IncomingMessage) => ((req as Request).originalUrl ?? req.url ?? '').split('?')[0]!;

/**
 * One log line per request (request id, method, path without its query string, status, duration,
 * GraphQL operation name, user id; never a header, a body or a query string: tokens and passwords
 * travel there) and the HTTP metrics. The id goes back to the client as X-Request-Id.
 */
export function requestLog(metrics: Metrics) {
  const lines = pinoHttp({
    logger: log.pino,
    wrapSerializers: false,
    genReqId(req, res) {
      const offered = req.headers['x-request-id'];
      const id = typeof offered === 'string' && CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({
        id: req.id,
        method: req.method,
        path: pathOf(req),
        remoteAddress: (req as Request).ip ?? req.socket?.remoteAddress,
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel(req, res, error) {
      if (error || res.statusCode >= 500) return 'error';
      // Load balancers and scrapers poll these every few seconds: kept out of the info lines.
      const route = routeOf(pathOf(req));
      return route === '/healthz' || route === '/metrics' ? 'debug' : 'info';
    },
    customSuccessObject: (_req, res, value) => ({ ...value, ...requestFacts(res) }),
    customErrorObject: (_req, res, _error, value) => ({ ...value, ...requestFacts(res) }),
    customSuccessMessage: (req, res, ms) => `${req.method} ${pathOf(req)} ${res.statusCode} ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} failed with ${res.statusCode}`,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = routeOf(pathOf(req));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.httpDuration.observe({ method: req.method, route }, seconds);
    });
    lines(req, res, next);
  };
}

/** Bounds the operation label: the first MAX_OPERATION_NAMES names seen, then "other". */
export function operationLabel(seen: Set<string>, name: string | null | undefined): string {
  if (!name) return '-';
  const label = name.slice(0, 64);
  if (seen.has(label)) return label;
  if (seen.size >= MAX_OPERATION_NAMES) return 'other';
  seen.add(label);
  return label;
}

/** The outcome label of an operation: "ok", or the first error's code. */
export function outcomeOf(errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined): string {
  if (!errors?.length) return 'ok';
  const code = errors[0]!.extensions?.['code'];
  return typeof code === 'string' ? code.slice(0, 40) : 'INTERNAL_SERVER_ERROR';
}

/** Names the operation on the request's log line and counts it by name and outcome. */
export function operationsPlugin(metrics: Metrics, seen: Set<string>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didResolveOperation({ operationName }) {
          if (contextValue.facts) contextValue.facts.operation = operationName ?? null;
        },
        async willSendResponse({ response, operationName, request }) {
          const operation = operationLabel(seen, operationName ?? request.operationName);
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          metrics.operations.inc({ transport: 'http', operation, outcome: outcomeOf(errors) });
          metrics.operationDuration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
