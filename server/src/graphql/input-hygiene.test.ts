import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hazard } from '../modules/hazard/hazard.entity.js';
import { MAX_PHOTO_BYTES } from '../modules/photo/photo.service.js';
import { enterpriseId } from '../testing/hazard-helpers.js';
import { testDialects } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

const dialects = await testDialects();
const SEARCH = `query($s: String!) { enterprises(filter: { search: $s }, first: 5) { totalCount } }`;
const FILE = `mutation($input: FileHazardInput!) { fileHazard(input: $input) { id } }`;
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`;

describe.each(dialects)('what a client sends that no resolver should see, on %s', (dialect) => {
  let server: TestServer;
  let e001: string;
  let enterprise: string;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
    e001 = await server.login('e001');
    enterprise = await enterpriseId(server, 'e001');
  });
  afterAll(() => server?.close());

  const filing = (overrides: Record<string, unknown>) => ({
    enterpriseId: enterprise,
    title: '配电箱门未关',
    grade: 'THIRD',
    rectifiedOnSpot: true,
    ...overrides,
  });

  it('refuses a NUL byte as BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const director = await server.login('director');
    const before = await server.app.orm.em.fork().count(Hazard);
    const cases: Array<[string, Record<string, unknown>, string | null, string]> = [
      [SEARCH, { s: 'e0\u00001' }, director, 'search'],
      [FILE, { input: filing({ title: '配电\u0000箱' }) }, e001, 'title'],
      [FILE, { input: filing({ description: 'a\u0000b' }) }, e001, 'description'],
      [FILE, { input: filing({ idempotencyKey: 'k\u0000' }) }, e001, 'idempotencyKey'],
      [LOGIN, { u: 'chief1\u0000', p: 'x' }, null, 'u'],
    ];
    for (const [query, variables, token, field] of cases) {
      const result = await server.gql(query, variables, token);
      expect(result.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: field === 'u' ? 'username' : field,
      });
    }
    expect(await server.app.orm.em.fork().count(Hazard)).toBe(before);
  });

  it('refuses a 900 KB search as BAD_USER_INPUT, and binds every search word as a value', async () => {
    const director = await server.login('director');
    const huge = await server.gql(SEARCH, { s: 'e'.repeat(900_000) }, director);
    expect(huge.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    for (const word of [`'%e0`, `' OR 1=1 --`, `"; drop table hazard; --`, `%`, `_`, `\\`, `e0'||'01`]) {
      const result = await server.gql(SEARCH, { s: word }, director);
      expect(result.errors, word).toBeUndefined();
      expect(result.data!.enterprises.totalCount, word).toBe(0);
    }
    expect((await server.gql(SEARCH, { s: 'e00' }, director)).data!.enterprises.totalCount).toBeGreaterThan(0);
  });

  it('answers malformed JSON, an oversized body and a foreign charset with GraphQL errors carrying codes', async () => {
    const post = (body: string | Buffer, type = 'application/json') =>
      fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': type }, body });
    const cases: Array<[Response, number, string]> = [
      [await post('{"query": "{ me { id } "'), 400, 'BAD_REQUEST'],
      [
        await post(JSON.stringify({ query: `{ me { id } } #${'x'.repeat(2 * 1024 * 1024)}` })),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [await post('{"query":"{ me { id } }"}', 'application/json; charset=latin1'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [response, status, code] of cases) {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe(code);
    }
  });

  it('accepts a photo of exactly 10 MiB and refuses one byte more', async () => {
    const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const sized = (bytes: number) => Buffer.concat([image, Buffer.alloc(bytes - image.length)]);
    const upload = async (bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
      return fetch(`${server.url}/uploads`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${e001}` },
      });
    };
    const exact = await upload(sized(MAX_PHOTO_BYTES));
    expect(exact.status, await exact.clone().text()).toBeLessThan(300);
    expect(((await exact.json()) as { id: string }).id).toEqual(expect.any(String));
    expect((await upload(sized(MAX_PHOTO_BYTES + 1))).status).toBe(413);
  });
});
