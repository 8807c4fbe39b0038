import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../server/src/testing/services.js';
import { socketSend } from '../../server/src/testing/raw-socket.js';
import { BODY_SHAPES, DOCUMENT_SHAPES, type Viewer } from './shapes.js';
import { codeOf, postRaw, socketCode, startHostileServer, whileProcessing, type HostileServer } from './harness.js';

const dialects = await testDialects();
/** The promise: no document keeps /healthz waiting more than a second. */
const HEALTH_WITHIN_MS = 1000;
const VIEWERS: Viewer[] = ['signedIn', 'anonymous'];

describe.each(dialects)('hostile documents against a server process on %s', (dialect) => {
  let server: HostileServer;
  let token: string;
  beforeAll(async () => {
    server = await startHostileServer(dialect);
    token = await server.process.login('analyst');
  });
  afterAll(() => server?.stop());

  it('tries at least forty shapes', () => {
    expect(DOCUMENT_SHAPES.length + BODY_SHAPES.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(VIEWERS)('over HTTP, %s', (viewer) => {
    it.each(DOCUMENT_SHAPES)('answers $name with its code while /healthz answers', async (shape) => {
      const body = JSON.stringify({ query: shape.query, variables: shape.variables ?? {} });
      const { result, slowestHealthMs, statuses } = await whileProcessing(server.url, () =>
        postRaw(server.url, body, {}, viewer === 'signedIn' ? token : null),
      );
      expect(codeOf(result.body), result.text.slice(0, 500)).toBe(shape.expect[viewer]);
      expect(result.status).toBeLessThan(500);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(slowestHealthMs).toBeLessThan(HEALTH_WITHIN_MS);
    });

    it.each(BODY_SHAPES)('answers $name with a GraphQL-shaped $code while /healthz answers', async (shape) => {
      const { result, slowestHealthMs } = await whileProcessing(server.url, () =>
        postRaw(server.url, shape.body(), shape.headers, viewer === 'signedIn' ? token : null),
      );
      expect(codeOf(result.body), result.text.slice(0, 500)).toBe(shape.code);
      expect(result.status).toBe(shape.status);
      expect(slowestHealthMs).toBeLessThan(HEALTH_WITHIN_MS);
    });
  });

  describe('over the socket', () => {
    it.each(DOCUMENT_SHAPES)('answers $name signed in with its code while /healthz answers', async (shape) => {
      const { result, slowestHealthMs } = await whileProcessing(server.url, () =>
        socketSend(server.url, token, {
          id: '1',
          type: 'subscribe',
          payload: { query: shape.query, variables: shape.variables ?? {} },
        }),
      );
      expect(socketCode(result), JSON.stringify(result).slice(0, 500)).toBe(shape.expect.signedIn);
      expect(slowestHealthMs).toBeLessThan(HEALTH_WITHIN_MS);
    });

    it.each(DOCUMENT_SHAPES)('closes an anonymous socket that sends $name as unauthorised (4401)', async (shape) => {
      const { result, slowestHealthMs } = await whileProcessing(server.url, () =>
        socketSend(server.url, null, { id: '1', type: 'subscribe', payload: { query: shape.query } }),
      );
      expect(socketCode(result)).toBe('close 4401');
      expect(slowestHealthMs).toBeLessThan(HEALTH_WITHIN_MS);
    });

    it.each([
      { name: 'malformed JSON', message: '{"id":"1","type":"subscribe"', close: 4400 },
      { name: 'a NUL byte in the frame', message: '\u0000', close: 4400 },
      { name: 'an unknown message type', message: { id: '1', type: 'launch' }, close: 4400 },
      { name: 'a subscribe with no query', message: { id: '1', type: 'subscribe', payload: {} }, close: 4400 },
      {
        name: 'a 2 MB frame',
        message: JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: { query: `# ${'x'.repeat(2 * 1024 * 1024)}\n{ __typename }` },
        }),
        close: 1009,
      },
    ])('closes a socket that sends $name with $close', async ({ message, close }) => {
      const { result, slowestHealthMs } = await whileProcessing(server.url, () =>
        socketSend(server.url, token, message),
      );
      expect(socketCode(result)).toBe(`close ${close}`);
      expect(slowestHealthMs).toBeLessThan(HEALTH_WITHIN_MS);
    });
  });

  it('still answers ordinary requests afterwards, and logged no internal error', async () => {
    expect(await server.process.gql('{ me { username } }', {}, token)).toEqual({
      data: { me: { username: 'analyst' } },
    });
    expect(server.process.log()).not.toMatch(/INTERNAL_SERVER_ERROR|"statusCode":500|"status":500/);
    // The 2 MB frame is one warning line, not graphql-ws's stack trace.
    expect(server.process.log()).not.toMatch(/Please check your implementation/);
    expect(server.process.log()).toMatch(/socket closed: Max payload size exceeded/);
  });
});
