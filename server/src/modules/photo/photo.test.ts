import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWithPlan } from '../../testing/hazard-helpers.js';
import { testDialects } from '../../testing/services.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { sniffImage } from './image-check.js';

const dialects = await testDialects();

const png = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();
const jpegWithGps = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 30, g: 200, b: 30 } } })
    .withExif({
      IFD0: { Make: 'PhoneCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 40/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '115/1 40/1 0/1' },
    })
    .jpeg()
    .toBuffer();

describe('recognising images by their bytes', () => {
  it('knows JPEG, PNG and WebP and nothing else', async () => {
    expect(sniffImage(await png())?.mimeType).toBe('image/png');
    expect(sniffImage(await jpegWithGps())?.mimeType).toBe('image/jpeg');
    expect(
      sniffImage(
        await sharp(await png())
          .webp()
          .toBuffer(),
      )?.mimeType,
    ).toBe('image/webp');
    expect(sniffImage(Buffer.from('GIF89a......'))).toBeNull();
    expect(sniffImage(Buffer.from('this is text, named photo.png'))).toBeNull();
  });
});

describe.each(dialects)('photo evidence, on %s', (dialect) => {
  let server: TestServer;

  const upload = async (bytes: Buffer, name: string, type: string, token: string | null) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const response = await fetch(`${server.url}/uploads`, {
      method: 'POST',
      body: form,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  const download = async (id: string, user: string) =>
    fetch(`${server.url}/uploads/${id}`, { headers: { authorization: `Bearer ${await server.login(user)}` } });

  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(() => server?.close());

  it('refuses a text file named .png, an unauthenticated upload and an analyst', async () => {
    const text = await upload(
      Buffer.from('not an image at all, just text'),
      'photo.png',
      'image/png',
      await server.login('e001'),
    );
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    expect((await upload(await png(), 'a.png', 'image/png', null)).status).toBe(401);
    expect((await upload(await png(), 'a.png', 'image/png', await server.login('analyst'))).status).toBe(403);
  });

  it('refuses a file over 10 MiB and a picture over the pixel cap', async () => {
    const big = Buffer.concat([await png(), Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload(big, 'big.png', 'image/png', await server.login('e001'))).status).toBe(413);
    const huge = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const refused = await upload(huge, 'huge.png', 'image/png', await server.login('e001'));
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ messageKey: 'photo.tooManyPixels', messageParams: { max: 40 } });
    expect(refused.body.message).toMatch(/百万像素/);
  });

  it('accepts a real PNG, attaches it at filing and shows it only to those in scope', async () => {
    const bytes = await png();
    const uploaded = await upload(bytes, 'before.png', 'application/octet-stream', await server.login('e001'));
    expect(uploaded.status).toBe(201);
    const id = uploaded.body.id!;
    expect((await download(id, 'e001')).status).toBe(200);
    expect((await download(id, 'chief1')).status).toBe(404);

    const hazard = await fileWithPlan(server, 'e001', { grade: 'THIRD', photoIds: [id] });
    const seen = await server.gql(
      `query($id: ID!) { hazard(id: $id) { photos { id phase url sha256 mimeType } history { action } } }`,
      { id: hazard.id },
      await server.login('chief1'),
    );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(seen.data!.hazard.photos).toEqual([
      { id, phase: 'BEFORE', url: `/uploads/${id}`, sha256, mimeType: 'image/png' },
    ]);

    const ok = await download(id, 'chief1');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await ok.arrayBuffer())).metadata()).width).toBe(40);
    for (const user of ['director', 'leader1', 'inspector1', 'e001'])
      expect((await download(id, user)).status, user).toBe(200);
    for (const user of ['chief2', 'leader2', 'e002']) expect((await download(id, user)).status, user).toBe(404);

    const again = await server.gql(
      `mutation($input: FileHazardInput!) { fileHazard(input: $input) { id } }`,
      { input: { title: '再次使用', grade: 'THIRD', rectifiedOnSpot: true, photoIds: [id] } },
      await server.login('e001'),
    );
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photoIds' });
  });

  it('gives those in scope a signed link an <img> can load without a header, and refuses a forged or expired one', async () => {
    const token = await server.login('e001');
    const { body } = await upload(await png(), 'before.png', 'image/png', token);
    const hazard = await fileWithPlan(server, 'e001', { grade: 'THIRD', photoIds: [body.id!] });
    const seen = await server.gql(
      `query($id: ID!) { hazard(id: $id) { photos { id signedUrl } } }`,
      { id: hazard.id },
      await server.login('chief1'),
    );
    const signedUrl: string = seen.data!.hazard.photos[0].signedUrl;
    expect(signedUrl).toMatch(new RegExp(`^/uploads/${body.id}\\?token=`));
    const plain = await fetch(`${server.url}${signedUrl}`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${server.url}${signedUrl.slice(0, -2)}xx`)).status).toBe(401);
    expect((await fetch(`${server.url}/uploads/${body.id}`)).status).toBe(401);

    const other = await upload(await png(), 'other.png', 'image/png', token);
    const [, tokenPart] = signedUrl.split('?');
    expect(
      (await fetch(`${server.url}/uploads/${other.body.id}?${tokenPart}`)).status,
      'a token is bound to its photo',
    ).toBe(401);
  });

  it('serves after-photos re-encoded without EXIF or location, and records the original’s SHA-256 in the history', async () => {
    const bytes = await jpegWithGps();
    expect((await sharp(bytes).metadata()).exif).toBeDefined();
    const hazard = await fileWithPlan(server, 'e002', { grade: 'THIRD' });
    const token = await server.login('e002');
    const { body } = await upload(bytes, 'after.jpg', 'image/jpeg', token);
    const submitted = await server.gql(
      `mutation($id: ID!, $p: [ID!]) { submitRectification(hazardId: $id, photoIds: $p) { photos { id phase } history { action } } }`,
      { id: hazard.id, p: [body.id] },
      token,
    );
    expect(submitted.data!.submitRectification.photos).toEqual([{ id: body.id, phase: 'AFTER' }]);

    const served = Buffer.from(await (await download(body.id!, 'chief1')).arrayBuffer());
    const meta = await sharp(served).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();

    const rows = await server.app.orm.em
      .fork()
      .getConnection()
      .execute(`select data from audit_entry where subject_id = ? and action = 'hazard.submitted'`, [hazard.id]);
    expect(JSON.parse(rows[0].data).photos).toEqual([
      { id: body.id, sha256: createHash('sha256').update(bytes).digest('hex') },
    ]);
  });
});
