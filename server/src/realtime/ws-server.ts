import type { Server } from 'node:http';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, type Context as WsContext, type SubscribePayload } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { log } from '../config/log.js';
import type { AppDeps, Context, Viewer } from '../graphql/context.js';
import { localizeErrors, rateLimited, unauthenticated } from '../graphql/errors.js';
import { formatError } from '../graphql/format-error.js';
import { clientAddressOf, proxyTrust } from '../http/client-address.js';
import { localeFromHeader } from '../messages/render.js';
import { MAX_QUERY_TOKENS, validationRules } from '../graphql/limits.js';
import { AuthSession } from '../modules/auth/auth-session.entity.js';
import { authenticate } from '../modules/auth/auth.service.js';
import { bearerToken } from '../modules/auth/bearer.js';
import { mustChangePasswordFirst } from '../modules/auth/password-gate.js';
import { User } from '../modules/auth/user.entity.js';
import { passwordChangeRequired } from '../graphql/errors.js';
import { isUuid } from '../modules/common/ids.js';
import { kioskRefusal } from '../modules/kiosk/kiosk-access.js';
import { revokedKioskSessions } from '../modules/kiosk/kiosk.service.js';
import type { EventBus } from './pubsub.js';
import { sharedSubscribe } from './shared-execution.js';
import { operationLabel, outcomeOf } from '../ops/request-log.js';

/** The HTTP side accepts JSON bodies up to 1 MB; a socket message may be no larger. */
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Unsent bytes a socket may hold before a replay on it waits for the client to read. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Operations one socket may run at once (a wallboard needs two or three). */
const MAX_OPERATIONS_PER_SOCKET = 25;
/** How often open sockets' sessions are checked against the database (revoked elsewhere, or expired). */
export const SESSION_CHECK_MS = 15_000;
/** setTimeout's ceiling; a longer wait is re-armed by the periodic check. */
const MAX_TIMER_MS = 2_147_483_647;

interface SocketSession {
  viewer: Viewer;
  socket: WebSocket;
  operations: Set<string>;
  expiry: NodeJS.Timeout;
}

type ConnectionParams = { authorization?: unknown };
type SocketContext = WsContext<ConnectionParams, Extra>;

export interface WsServer {
  /** Closes sockets whose session expired or was revoked; runs by itself every SESSION_CHECK_MS. */
  checkSessions(): Promise<void>;
  openSockets(): number;
  dispose(): Promise<void>;
}

function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code },
  });
}

/**
 * GraphQL over WebSocket (graphql-ws) on the HTTP server's port and path. Apollo's plugins do not
 * run here, so this does what they do for HTTP: authenticates (in connection_init), applies the
 * same validation rules and limits, gives each operation its own EntityManager fork, and formats
 * errors the same way. A socket lives no longer than its session.
 */
export function startWsServer(http: Server, schema: GraphQLSchema, deps: AppDeps, bus: EventBus): WsServer {
  const { orm, clock, env } = deps;
  const wss = new WebSocketServer({ server: http, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  const sessions = new Map<SocketContext, SocketSession>();
  const format = formatError(env.production);
  // Sign-ins over the socket are throttled per client as over HTTP: the same TRUST_PROXY reading.
  const trust = proxyTrust(env.trustProxy);
  const rules = [...specifiedRules, ...validationRules];
  const operationNames = new Set<string>();
  /** Counts a socket operation by name and outcome, as the HTTP side's plugin does. */
  const counted = <T extends ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined>(
    name: string | null | undefined,
    errors: T,
  ): T => {
    deps.metrics.operations.inc({
      transport: 'ws',
      operation: operationLabel(operationNames, name),
      outcome: outcomeOf(errors),
    });
    return errors;
  };

  const end = (session: SocketSession, reason: string) => {
    clearTimeout(session.expiry);
    session.socket.close(CloseCode.Forbidden, reason);
  };

  const armExpiry = (session: SocketSession): NodeJS.Timeout => {
    const wait = session.viewer.expiresAt.getTime() - clock.now().getTime();
    const timer = setTimeout(
      () => {
        if (session.viewer.expiresAt <= clock.now()) end(session, 'Session expired; sign in again');
        else session.expiry = armExpiry(session);
      },
      Math.min(Math.max(wait, 0), MAX_TIMER_MS),
    );
    timer.unref();
    return timer;
  };

  // Refusals in the language the browser asked for when it opened the socket (Accept-Language).
  const formatErrors = (ctx: SocketContext, errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    localizeErrors(
      errors.map((error) => format(error.toJSON(), error)),
      localeFromHeader(ctx.extra.request.headers['accept-language']),
    );

  /** Checks and prepares one operation of a socket: the refusals, or what graphql-ws executes. */
  async function subscribe(ctx: SocketContext, id: string, payload: SubscribePayload) {
    const session = sessions.get(ctx);
    if (!session) return [unauthenticated()];
    if (session.viewer.expiresAt <= clock.now()) {
      end(session, 'Session expired; sign in again');
      return [unauthenticated('auth.sessionExpired')];
    }
    if (session.operations.size >= MAX_OPERATIONS_PER_SOCKET) {
      return [rateLimited('common.tooManyOperations', { max: MAX_OPERATIONS_PER_SOCKET }, 1)];
    }
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: MAX_QUERY_TOKENS });
    } catch (error) {
      return [coded(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
    }
    const errors = validate(schema, document, rules);
    if (errors.length > 0) return errors.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
    const kioskRefused = session.viewer.kiosk ? kioskRefusal(document, payload.operationName) : null;
    if (kioskRefused) return [kioskRefused];
    if (session.viewer.user.mustChangePassword) {
      // The password may have been changed over HTTP with this very session since the socket opened.
      const user = await orm.em.fork().findOne(User, session.viewer.user.id);
      if (user && !user.mustChangePassword) session.viewer.user.mustChangePassword = false;
    }
    if (mustChangePasswordFirst(session.viewer, document, payload.operationName)) return [passwordChangeRequired()];
    session.operations.add(id);
    const contextValue: Context = {
      em: orm.em.fork(),
      deps,
      viewer: session.viewer,
      clientAddress: clientAddressOf(ctx.extra.request, trust),
      congested: () => ctx.extra.socket.bufferedAmount > MAX_BUFFERED_BYTES,
    };
    return {
      schema,
      document,
      variableValues: payload.variables ?? undefined,
      operationName: payload.operationName ?? undefined,
      contextValue,
    };
  }

  const disposable = useServer<ConnectionParams, Record<PropertyKey, never>>(
    {
      schema,
      subscribe: sharedSubscribe(),
      async onConnect(ctx) {
        const authorization = ctx.connectionParams?.authorization;
        const token = bearerToken(typeof authorization === 'string' ? authorization : null);
        if (!token) {
          ctx.extra.socket.close(
            CloseCode.Unauthorized,
            'Unauthorized: send connectionParams.authorization "Bearer <token>"',
          );
          return false;
        }
        const viewer = await authenticate(orm.em.fork(), token, clock.now(), { allowKiosk: true });
        // false closes with 4403: the token is unknown, expired or revoked.
        if (!viewer) return false;
        const session: SocketSession = {
          viewer,
          socket: ctx.extra.socket,
          operations: new Set(),
          expiry: undefined as unknown as NodeJS.Timeout,
        };
        session.expiry = armExpiry(session);
        sessions.set(ctx, session);
        return true;
      },
      async onSubscribe(ctx, id, payload) {
        const result = await subscribe(ctx, id, payload);
        counted(payload.operationName, Array.isArray(result) ? result : undefined);
        return result;
      },
      onNext(ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return undefined;
        return { ...result, errors: formatErrors(ctx, result.errors) };
      },
      onError(ctx, _id, _payload, errors) {
        return formatErrors(ctx, errors);
      },
      onComplete(ctx, id) {
        sessions.get(ctx)?.operations.delete(id);
      },
      onClose(ctx) {
        const session = sessions.get(ctx);
        if (session) clearTimeout(session.expiry);
        sessions.delete(ctx);
      },
    },
    wss,
  );

  // graphql-ws prints any socket error with its stack ("Please check your implementation") and
  // closes with 1011. A frame over MAX_MESSAGE_BYTES is the client's fault, not ours: ws already
  // closes it with 1009 (message too big), so the socket's errors get one log line instead.
  wss.on('connection', (socket: WebSocket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      log.warn(`socket closed: ${error.message}`, { code: error.code });
      if (socket.readyState === socket.OPEN) socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
  });

  const checkSessions = async () => {
    const now = clock.now();
    const open = [...sessions.values()];
    for (const session of open) if (session.viewer.expiresAt <= now) end(session, 'Session expired; sign in again');
    const all = [...new Set(open.map((s) => s.viewer.sessionId))];
    if (all.length === 0) return;
    // Kiosk sockets carry `kiosk:<link id>`, not a session uuid (PostgreSQL would refuse it in a uuid column).
    const ids = all.filter(isUuid);
    const revoked = ids.length
      ? await orm.em.fork().find(AuthSession, { id: { $in: ids }, revokedAt: { $ne: null } })
      : [];
    const gone = new Set([...revoked.map((s) => s.id), ...(await revokedKioskSessions(orm.em.fork(), all))]);
    for (const session of open) if (gone.has(session.viewer.sessionId)) end(session, 'Signed out; sign in again');
  };

  const sweep = setInterval(
    () => void checkSessions().catch((error) => log.error('socket session check failed', error)),
    SESSION_CHECK_MS,
  );
  sweep.unref();
  const stopRevocations = bus.onSessionRevoked((sessionId) => {
    for (const session of sessions.values())
      if (session.viewer.sessionId === sessionId) end(session, 'Signed out; sign in again');
  });

  let disposed: Promise<void> | null = null;
  return {
    checkSessions,
    openSockets: () => sessions.size,
    dispose() {
      disposed ??= (async () => {
        clearInterval(sweep);
        stopRevocations();
        for (const session of sessions.values()) clearTimeout(session.expiry);
        await disposable.dispose();
      })();
      return disposed;
    },
  };
}
