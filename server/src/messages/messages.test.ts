import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../testing/services.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { en } from './en.js';
import { localeFromHeader, renderMessage } from './render.js';
import { zhCN } from './zh-CN.js';

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`;

function leaves(node: object, prefix = ''): Array<[string, string]> {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}
const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the catalogues', () => {
  it('have the same keys with the same {slots} in both languages, and Chinese sentences in Chinese', () => {
    const chinese = new Map(leaves(zhCN));
    const english = new Map(leaves(en));
    expect([...english.keys()].sort()).toEqual([...chinese.keys()].sort());
    for (const [key, text] of chinese) {
      expect(slots(english.get(key)!), key).toEqual(slots(text));
      // vue-i18n reads @ | $ as syntax; a sentence with them would render wrong in the dashboard.
      expect(text + english.get(key), key).not.toMatch(/[@|$]/);
      // Chinese sentences hold no English words beyond field names in {slots} and a few codes.
      expect(
        text
          .replace(/\{\w+\}/g, '')
          .replace(
            /JPEG|PNG|WebP|MiB|multipart\/form-data|file|first|since|pageInfo\.endCursor|introspection|wallboard|stats|auditChain|hazards|latestEventSeq|NUL|from|XLSX|CSV|PDF|Chromium|ISO|Excel|xlsx|xls|UTF-8|JSON|Content-(Encoding|Length)|\/snapshots\/年-月-日\.png/g,
            '',
          ),
        key,
      ).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('fill grades and states with words of the language', () => {
    expect(renderMessage('zh-CN', 'hazard.alreadyGrade', { grade: 'MAJOR' })).toBe('该隐患已是重大隐患。');
    expect(renderMessage('en', 'hazard.alreadyGrade', { grade: 'MAJOR' })).toBe(
      'The hazard is already a major hazard.',
    );
  });

  it('read Accept-Language: Chinese unless English is preferred', () => {
    expect(localeFromHeader(undefined)).toBe('zh-CN');
    expect(localeFromHeader('en-US,en;q=0.9')).toBe('en');
    expect(localeFromHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeFromHeader('fr, en;q=0.5')).toBe('en');
    expect(localeFromHeader('zh;q=0.2, en;q=0.8')).toBe('en');
  });
});

describe.each(await testDialects())('refusals in the requester’s language, on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(() => server?.close());

  it('says a wrong password in Chinese by default and in English when asked, with key and params', async () => {
    const chinese = await server.gql(LOGIN, { u: 'chief1', p: 'wrong' });
    expect(chinese.errors![0]).toMatchObject({
      message: '用户名或密码不正确。',
      extensions: { code: 'UNAUTHENTICATED', messageKey: 'auth.wrongCredentials', messageParams: {} },
    });
    const english = await server.gql(LOGIN, { u: 'chief1', p: 'wrong' }, null, { 'accept-language': 'en' });
    expect(english.errors![0]!.message).toBe('The username or password is incorrect.');
  });

  it('keeps field beside the key of a bad input', async () => {
    const token = await server.login('chief1');
    const result = await server.gql('{ hazards(first: 0) { totalCount } }', {}, token, { 'accept-language': 'en' });
    expect(result.errors![0]).toMatchObject({
      message: 'first must be a whole number from 1 to 200.',
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'first',
        messageKey: 'common.pageSize',
        messageParams: { max: 200 },
      },
    });
  });

  it('refuses a photo upload that is no image in the requester’s language', async () => {
    const token = await server.login('e001');
    const send = (language: string) => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from('not an image at all')], { type: 'image/png' }), 'x.png');
      return fetch(`${server.url}/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'accept-language': language },
        body: form,
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    };
    expect(await send('zh-CN')).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'file',
      messageKey: 'photo.notImage',
      message: '只接受 JPEG、PNG 或 WebP 格式的照片；这个文件都不是。',
    });
    expect((await send('en')).message).toBe('Only JPEG, PNG or WebP photos are accepted; this file is none of them.');
  });
});
