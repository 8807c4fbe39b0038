import { gzipSync } from 'node:zlib';
import { aliased, fanOut } from '../../server/src/testing/hostile-documents.js';

/** Who sends a shape: a signed-in analyst (bureau-wide) or nobody. */
export type Viewer = 'signedIn' | 'anonymous';

/** A GraphQL document sent as an ordinary request, over HTTP and over the socket. */
export interface DocumentShape {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The refusal's `extensions.code` by viewer, or 'OK' when the shape is an ordinary request and answered. */
  expect: Record<Viewer, string>;
}

/** A request only HTTP can carry (a body that is not one GraphQL request): sent as is to POST /graphql. */
export interface BodyShape {
  name: string;
  body: () => Buffer;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

const both = (code: string): Record<Viewer, string> => ({ signedIn: code, anonymous: code });
const PERIOD = 'from: "2026-01-01T00:00:00+08:00", to: "2026-02-01T00:00:00+08:00"';
/** Every field the weight rule costs for being an aggregate, or a list that is not paged, with a leaf. */
const COSTED = {
  wallboard: 'wallboard { openHazards }',
  stats: `stats(${PERIOD}) { __typename }`,
  statsBy: `statsBy(by: ENTERPRISE, ${PERIOD}) { __typename }`,
  statsSeries: `statsSeries(interval: DAY, ${PERIOD}) { __typename }`,
  assessment: `assessment(kind: DEPARTMENT, ${PERIOD}) { __typename }`,
  crossCheck: `crossCheck(${PERIOD}) { __typename }`,
  auditChain: 'auditChain { valid }',
  alerts: 'alerts { enterprise { hazards(first: 200) { totalCount } } }',
  hazards: 'hazards(first: 200) { edges { node { enterprise { hazards(first: 200) { totalCount } } } } }',
  enterprises: 'enterprises(first: 200) { edges { node { hazards(first: 200) { totalCount } } } }',
  majorHazardAgenda: 'majorHazardAgenda { __typename }',
  weeklyDispatch: 'weeklyDispatch { __typename }',
  bulletin: 'bulletin { __typename }',
} as const;

const VALIDATION = both('GRAPHQL_VALIDATION_FAILED');
const PARSE = both('GRAPHQL_PARSE_FAILED');
/** hazards → enterprise → hazards …: four levels a round, then a leaf. */
const nested = (rounds: number, leaf: string) =>
  `{ ${'hazards(first: 1) { edges { node { enterprise { '.repeat(rounds)}${leaf}${' } } } }'.repeat(rounds)} }`;
const SEARCH = `query($s: String) { enterprises(first: 1, filter: { search: $s }) { totalCount } }`;
const FILE = `mutation($t: String!, $k: String) { fileHazard(input: { title: $t, grade: SECOND, idempotencyKey: $k }) { id } }`;

export const DOCUMENT_SHAPES: DocumentShape[] = [
  // Fragment fan-out: 2ⁿ spreads in under a kilobyte (finding 1).
  ...[16, 20, 24, 30].map((n) => ({ name: `fragment fan-out of ${n}`, query: fanOut(n), expect: VALIDATION })),
  { name: 'fan-out onto the wallboard', query: fanOut(24, COSTED.wallboard), expect: VALIDATION },
  { name: 'fan-out onto the audit chain', query: fanOut(24, COSTED.auditChain), expect: VALIDATION },
  {
    name: 'fan-out inside an inline fragment',
    query: fanOut(24).replace('query B{...F0}', 'query B{... on Query{...F0}}'),
    expect: VALIDATION,
  },
  // Aliases of every costed field (finding 2): over the alias limit, and within it but over the weight.
  ...Object.entries(COSTED).flatMap(([field, selection]) => [
    { name: `300 aliases of ${field}`, query: aliased(300, selection), expect: VALIDATION },
    { name: `30 aliases of ${field}`, query: aliased(30, selection), expect: VALIDATION },
  ]),
  // Aliases of __typename count too (armor's default lets them through).
  { name: '3000 aliases of __typename', query: aliased(3000, '__typename'), expect: VALIDATION },
  // Directives.
  { name: '50 @include on one field', query: `{ __typename ${'@include(if: true) '.repeat(50)}}`, expect: VALIDATION },
  {
    name: '2000 @skip on one field',
    query: `{ __typename ${'@skip(if: false) '.repeat(2000)}}`,
    expect: PARSE,
  },
  { name: 'an unknown directive 500 times', query: `{ __typename ${'@x '.repeat(500)}}`, expect: VALIDATION },
  // Tokens.
  { name: '20,000 tokens', query: `{ ${'__typename '.repeat(20_000)}}`, expect: PARSE },
  { name: 'one 90 kB field name', query: `{ ${'a'.repeat(90_000)} }`, expect: VALIDATION },
  {
    name: 'one 90 kB string argument',
    query: `{ hazard(id: "${'x'.repeat(90_000)}") { id } }`,
    expect: both('BAD_USER_INPUT'),
  },
  { name: 'a 90 kB comment', query: `# ${'x'.repeat(90_000)}\n{ __typename }`, expect: both('OK') },
  { name: '4,000 unclosed braces', query: '{ a'.repeat(4000), expect: PARSE },
  // Depth.
  { name: 'hazards nested three rounds deep', query: nested(3, 'code'), expect: VALIDATION },
  {
    name: '1,000 nested selection sets',
    query: `{ ${'me { '.repeat(1000)}id${' }'.repeat(1000)} }`,
    expect: VALIDATION,
  },
  {
    name: 'a list argument nested 1,000 deep',
    query: `{ hazards(first: 1, filter: { grade: ${'['.repeat(1000)}SECOND${']'.repeat(1000)} }) { totalCount } }`,
    expect: VALIDATION,
  },
  // NUL bytes and over-long input (finding 6).
  { name: 'a NUL byte in the document', query: '{ __typename }\u0000', expect: PARSE },
  {
    name: 'a NUL byte in a search',
    query: SEARCH,
    variables: { s: 'a\u0000b' },
    expect: both('BAD_USER_INPUT'),
  },
  {
    name: 'a 900 kB search',
    query: SEARCH,
    variables: { s: '%'.repeat(900_000) },
    expect: both('BAD_USER_INPUT'),
  },
  {
    name: 'a NUL byte in a filing title',
    query: FILE,
    variables: { t: 'x\u0000y' },
    expect: both('BAD_USER_INPUT'),
  },
  {
    name: 'a NUL byte in an idempotency key',
    query: FILE,
    variables: { t: 'title', k: '\u0000' },
    expect: both('BAD_USER_INPUT'),
  },
  {
    name: 'a NUL byte in a username',
    query: 'mutation { login(username: "chief\\u0000", password: "x") { token } }',
    expect: both('BAD_USER_INPUT'),
  },
  // Odd but legal GraphQL.
  {
    name: 'introspection, deep',
    query: '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }',
    expect: { signedIn: 'OK', anonymous: 'UNAUTHENTICATED' },
  },
  { name: 'two operations, none named', query: '{ __typename } { __typename }', expect: VALIDATION },
  {
    name: 'a cycle of fragments',
    query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    expect: VALIDATION,
  },
];

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const MB = 1024 * 1024;

export const BODY_SHAPES: BodyShape[] = [
  { name: 'malformed JSON', body: () => Buffer.from('{"query": "{ __typename }"'), status: 400, code: 'BAD_REQUEST' },
  { name: 'not JSON at all', body: () => Buffer.from('query { __typename }'), status: 400, code: 'BAD_REQUEST' },
  { name: 'a JSON string', body: () => json('{ __typename }'), status: 400, code: 'BAD_REQUEST' },
  { name: 'a query that is a number', body: () => json({ query: 5 }), status: 400, code: 'BAD_REQUEST' },
  { name: 'no query', body: () => json({ variables: {} }), status: 400, code: 'BAD_REQUEST' },
  {
    name: 'a batch of two',
    body: () => json([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a batch of 1,000 fan-outs',
    body: () => json(Array.from({ length: 1000 }, () => ({ query: fanOut(24) }))),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'variables nested 100,000 deep',
    body: () =>
      Buffer.from(`{"query":"{ __typename }","variables":{"v":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`),
    status: 200,
    code: 'OK',
  },
  {
    name: 'a NUL byte in the JSON text',
    body: () => Buffer.from('{"query": "{ __typename }\u0000"}'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a body of 1.5 MB',
    body: () => json({ query: `# ${'x'.repeat(1.5 * MB)}\n{ __typename }` }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a gzip body that inflates to 20 MB',
    body: () => gzipSync(json({ query: `# ${'x'.repeat(20 * MB)}\n{ __typename }` })),
    headers: { 'content-encoding': 'gzip' },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'an unknown content encoding',
    body: () => json({ query: '{ __typename }' }),
    headers: { 'content-encoding': 'br2' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'charset latin1',
    body: () => json({ query: '{ __typename }' }),
    headers: { 'content-type': 'application/json; charset=latin1' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'charset utf-16',
    body: () => Buffer.from(JSON.stringify({ query: '{ __typename }' }), 'utf16le'),
    headers: { 'content-type': 'application/json; charset=utf-16' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'invalid UTF-8 bytes',
    body: () =>
      Buffer.concat([Buffer.from('{"query":"{ __typename } #'), Buffer.from([0xe0, 0x80, 0xff]), Buffer.from('"}')]),
    status: 200,
    code: 'OK',
  },
  {
    name: 'a text/plain body',
    body: () => json({ query: '{ __typename }' }),
    headers: { 'content-type': 'text/plain' },
    status: 400,
    code: 'BAD_REQUEST',
  },
];
