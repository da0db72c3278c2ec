import QRCode from 'qrcode';
import request from 'supertest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../support/app.js';

const { app, close } = createTestApp();
afterAll(close);
const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('QR codes', () => {
  it('encodes the share link of the code as SVG', async () => {
    const res = await request(app).get('/v1/codes/25msn9s32/qr.svg').set('Host', 'ma.example.vn').expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const expected = await QRCode.toString('http://ma.example.vn/25M-SN9-S32', { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    expect(res.text ?? res.body.toString()).toBe(expected);
  });

  it('encodes a unit code, and serves PNG at the asked size', async () => {
    const res = await request(app)
      .get('/v1/codes/25M-SN9-S32/P302/qr.png?size=300')
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = res.body as Buffer;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(300); // IHDR width
  });

  it('refuses a mistyped code with suggestions, and a silly size', async () => {
    const res = await request(app).get('/v1/codes/25M-SN9-S33/qr.svg').expect(400);
    expect(res.body.suggestions.length).toBeGreaterThan(0);
    await request(app).get('/v1/codes/25M-SN9-S32/qr.png?size=99999').expect(400);
    // 2048 px cost ~0.4 s of CPU a render (issue 15 review): the largest is 1024
    await request(app).get('/v1/codes/25M-SN9-S32/qr.png?size=2048').expect(400);
  });

  it('renders an image once: repeats, with any other query parameter, come from memory', async () => {
    const url = '/v1/codes/25M-SN9-S32/qr.png?size=1024';
    // one Host: supertest listens on a new port each request, and the link (so the image) holds the host
    const first = await request(app)
      .get(url)
      .set('Host', 'ma.example.vn')
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    const renders = vi.spyOn(QRCode, 'toBuffer');
    for (let i = 0; i < 20; i++) {
      const again = await request(app)
        .get(`${url}&margin=${i}`)
        .set('Host', 'ma.example.vn')
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      expect(Buffer.compare(again.body as Buffer, first.body as Buffer)).toBe(0);
    }
    // a render at 1024 px is ~0.1 s of CPU; none of the twenty repeats rendered
    expect(renders).not.toHaveBeenCalled();
    renders.mockRestore();
  });
});

describe('pages', () => {
  it('opens the app on a share link, with Open Graph tags that describe the place (escaped)', async () => {
    const created = await request(app)
      .post('/v1/addresses')
      .send({ lat: 21.0301, lng: 105.8501, details: { houseNumber: '7', street: '<b>Hàng Bông</b> "cũ"' } });
    expect([200, 201]).toContain(created.status);
    const code = created.body.code as string;
    const res = await request(app)
      .get(`/${code.toLowerCase().replace(/-/g, '')}`)
      .set('Host', 'ma.example.vn')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain(`<meta property="og:title" content="Mã địa chỉ ${code}">`);
    expect(res.text).toContain(`<meta property="og:url" content="http://ma.example.vn/${code}">`);
    expect(res.text).toMatch(/og:description" content="[^"]*Hoàn Kiếm/);
    expect(res.text).toContain('&lt;b&gt;Hàng Bông&lt;/b&gt; &quot;cũ&quot;');
    expect(res.text).not.toContain('<b>Hàng Bông</b>');
    expect(res.text).toMatch(/<script[^>]+src="\/assets\//); // the built client
  });

  it('opens a unit share link', async () => {
    const res = await request(app).get('/25M-SN9-S32/P302').expect(200);
    expect(res.text).toContain('Mã địa chỉ 25M-SN9-S32/P302');
  });

  it('serves the app at / and attributions at /about', async () => {
    await request(app)
      .get('/')
      .expect(200)
      .expect('content-type', /text\/html/);
    const about = await request(app).get('/about').expect(200);
    expect(about.text).toContain('OpenStreetMap contributors');
    expect(about.text).toContain('Natural Earth');
    expect(about.text).toContain('Thang Le Quoc');
  });

  it('opens the app on a mistyped share link too, so that it can offer suggestions', async () => {
    const res = await request(app).get('/25M-SN9-S33').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).not.toContain('og:title');
  });

  it('serves the built assets precompressed, as immutable', async () => {
    const index = (await request(app).get('/')).text;
    const script = index.match(/<script[^>]+src="(\/assets\/[^"]+\.js)"/)![1]!;
    const br = await request(app)
      .get(script)
      .set('Accept-Encoding', 'br, gzip')
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toContain('immutable');
    const plain = await request(app).get(script).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('answers paths that are not codes with a 404 problem, and keeps the API routes', async () => {
    await request(app)
      .get('/not-a-code')
      .expect(404)
      .expect('content-type', /problem\+json/);
    await request(app)
      .get('/v1/nothing')
      .expect(404)
      .expect('content-type', /problem\+json/);
    await request(app).get('/healthz').expect(200);
    await request(app).get('/readyz').expect(200);
  });
});
