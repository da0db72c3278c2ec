/**
 * The web app's pages: the built client (web/dist), the share link /{code} (the app opened on
 * that address, with Open Graph tags so the link previews well in chat apps), and /about.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import type { Express } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { z } from 'zod';
import { parseCode } from '../codes/codec.js';
import type { CodesService } from '../codes/service.js';
import { badRequest, Problem, problem } from '../http/problem.js';
import type { PublicUrls } from '../http/public-url.js';
import { route } from '../http/route.js';
import { ATTRIBUTION } from '../meta/attribution.js';
import { escape, withMeta } from './html.js';

export const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

function readIndex(page = 'index.html'): string | null {
  const file = path.join(WEB_DIST, page);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/**
 * The built client, served precompressed (the build writes .br and .gz beside each asset: the
 * map code shrinks from 1.1 MB to 240 kB, which matters on a weak connection). Hashed assets are
 * immutable; anything else is revalidated.
 */
export function mountStatic(app: Express) {
  // a malformed percent-encoding gets a 400 problem+json, not the file server's bare text/html 400
  app.use((req, _res, next) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      return next(badRequest('The path is not valid percent-encoded UTF-8.'));
    }
    next();
  });
  app.use(
    expressStaticGzip(WEB_DIST, {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      index: false,
      serveStatic: {
        index: false,
        setHeaders: (res, file) =>
          res.setHeader(
            'Cache-Control',
            file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          ),
      },
    }),
  );
}

function aboutPage(): string {
  const items = ATTRIBUTION.map(
    (a) => `<li><strong>${escape(a.data)}</strong>: ${escape(a.text)} <em>(${escape(a.license)})</em></li>`,
  ).join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Giới thiệu · About — Mã địa chỉ số</title>
<link rel="stylesheet" href="/about.css">
</head><body>
<p><a href="/">← Về trang chính · Back to the map</a></p>
<h1>Mã địa chỉ số Việt Nam</h1>
<p>Mỗi ngôi nhà có một mã ngắn tính từ toạ độ (ô lục giác H3 cỡ 2,7 m), không phụ thuộc đơn vị hành chính, nên không đổi khi sáp nhập tỉnh, xã.</p>
<p lang="en">Every house gets a short code computed from its position (a 2.7 m H3 hexagon), independent of administrative units, so it survives boundary reforms.</p>
<h2>Nguồn dữ liệu · Data sources and licences</h2>
<ul>
${items}
</ul>
<p>Bản đồ hiển thị Hoàng Sa và Trường Sa là lãnh thổ Việt Nam. · The map shows Hoàng Sa (Paracel) and Trường Sa (Spratly) as Vietnamese territory.</p>
</body></html>`;
}

export function pageRoutes({ codes, urls }: { codes: CodesService; urls: PublicUrls }) {
  const html = { description: 'HTML page', contentType: 'text/html' };
  const notBuilt = () => new Problem(503, 'service-unavailable', 'Web app not built', 'Run `npm run build:web` (npm start does it).');
  /** A built page as it is, with its caching headers; 503 while the web app is not built. */
  const sendBuilt = (res: express.Response, page: string, headers: Record<string, string>) => {
    const text = readIndex(page);
    if (!text) throw notBuilt();
    res.set(headers).type('html').send(text);
  };

  const codePage = route({
    method: 'get',
    path: '/:code',
    tags: ['pages'],
    summary: 'Share link: the web app opened on an address code (with Open Graph tags)',
    params: z.object({ code: z.string() }),
    responses: { 200: html, 404: problem('Not a code') },
    handler: async ({ params }, req, res) => renderCodePage(params.code, req, res),
  });

  async function renderCodePage(input: string, req: express.Request, res: express.Response) {
    const parsed = parseCode(input);
    // a link with one character mistyped still has the code's shape: 9 characters whose check fails
    const codeShaped = /^[0-9A-Za-z\-/ ]+$/.test(input) && (parsed.ok || parsed.reason === 'check');
    if (!codeShaped) {
      throw new Problem(404, 'not-found', 'Not found', `No page at ${req.path}.`);
    }
    const index = readIndex();
    if (!index) throw notBuilt();
    if (!parsed.ok) {
      // a mistyped share link: the app opens and offers the codes one edit away
      res.set('Cache-Control', 'no-cache').type('html').send(index);
      return;
    }
    const found = await codes.lookup(parsed.code, parsed.unit);
    const d = found.address?.details;
    const place = [
      d && [d.houseNumber, d.street].filter(Boolean).join(' '),
      d?.hamlet,
      found.admin.ward?.fullName,
      found.admin.province?.fullName,
    ]
      .filter(Boolean)
      .join(', ');
    const base = urls.base(req);
    res
      .set('Cache-Control', 'no-cache')
      .type('html')
      .send(
        withMeta(index, {
          title: `Mã địa chỉ ${found.code}`,
          description: place ? `${place} · Mở bản đồ, chỉ đường, chia sẻ` : 'Vị trí trên bản đồ · Mở bản đồ, chỉ đường, chia sẻ',
          url: `${base}/${found.code}`,
          image: `${base}/v1/codes/${encodeURIComponent(found.code)}/qr.png?size=256`,
        }),
      );
  }

  return [
    route({
      method: 'get',
      path: '/',
      tags: ['pages'],
      summary: 'The web app',
      responses: { 200: html },
      handler: (_input, _req, res) => sendBuilt(res, 'index.html', { 'Cache-Control': 'no-cache' }),
    }),
    route({
      method: 'get',
      path: '/console',
      tags: ['pages'],
      summary: 'The commune digitisation console (staff)',
      responses: { 200: html },
      handler: (_input, _req, res) => sendBuilt(res, 'console.html', { 'Cache-Control': 'no-cache' }),
    }),
    route({
      method: 'get',
      path: '/about',
      tags: ['pages'],
      summary: 'About, with data attributions',
      responses: { 200: html },
      handler: (_input, _req, res) => void res.type('html').send(aboutPage()),
    }),
    route({
      method: 'get',
      path: '/dat-lai-mat-khau',
      tags: ['pages'],
      summary: 'The web app on its password reset form (the link’s token is in the fragment, which reaches no server)',
      responses: { 200: html },
      handler: (_input, _req, res) => sendBuilt(res, 'index.html', { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }),
    }),
    codePage,
    route({
      method: 'get',
      path: '/:code/:unit',
      tags: ['pages'],
      summary: 'Share link of a code with a unit',
      params: z.object({ code: z.string(), unit: z.string() }),
      responses: { 200: html, 404: problem('Not a code') },
      handler: async ({ params }, req, res) => renderCodePage(`${params.code}/${params.unit}`, req, res),
    }),
  ];
}
