/**
 * The API documentation page, /docs: a short bilingual introduction (keys, errors, attribution)
 * above Swagger UI, which renders /openapi.json. Everything is served from this server (the
 * renderer from node_modules/swagger-ui-dist), so the page works with no internet at all.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Express } from 'express';
import { route } from '../http/route.js';
import { ATTRIBUTION } from '../meta/attribution.js';
import { escape } from '../pages/html.js';

export const DOCS_PATH = '/docs';
export const DOCS_ASSETS = '/docs/assets';
const OWN_ASSETS = path.join(import.meta.dirname, 'assets');
const SWAGGER_UI = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
/** The only files of swagger-ui-dist served (its index.html and initializer point at a demo on the internet). */
const SWAGGER_FILES = new Set(['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'favicon-16x16.png']);

/**
 * Nothing but this server: a script or style from elsewhere, or a request to another origin, is
 * refused by the browser (tests/web/docs.int.test.ts fails on any violation). Swagger UI sets
 * styles through the DOM, which style-src does not restrict; its CSS uses data: images.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The OpenAPI document's own description (Markdown): what generated clients and renderers show first. */
export const API_DESCRIPTION = [
  'Mã địa chỉ số Việt Nam: mã 9 ký tự tính từ toạ độ (ô lục giác H3 cấp 14, ~2,7 m), giải mã ra phường/xã, tỉnh và mã bưu chính hiện hành (sau 2025). ',
  'Coordinate-based address codes for Vietnam on H3 resolution-14 cells: decode, encode, register, reverse-geocode, search, parse old addresses, route. ',
  'Code format: docs/address-code.md.\n\n',
  '**Khoá API · API keys:** header `X-API-Key: vnac_…` (or the `key` query parameter where a header cannot be set).\n\n',
  '**Lỗi · Errors:** RFC 9457 `application/problem+json` (`type`, `title`, `status`, `detail`; `errors` names each invalid field; ',
  '`suggestions` lists valid codes one edit away from a mistyped one). `GET /problems/{type}` explains each type.\n\n',
  `Tài liệu · Documentation: [${DOCS_PATH}](${DOCS_PATH}). Data attribution: \`GET /v1\`.`,
].join('');

function docsPage(): string {
  const attribution = ATTRIBUTION.map(
    (a) => `<li><strong>${escape(a.data)}</strong>: ${escape(a.text)} <em>(${escape(a.license)})</em></li>`,
  ).join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tài liệu API · API documentation — Mã địa chỉ số</title>
<link rel="icon" type="image/png" href="${DOCS_ASSETS}/favicon-32x32.png" sizes="32x32">
<link rel="stylesheet" href="${DOCS_ASSETS}/swagger-ui.css">
<link rel="stylesheet" href="${DOCS_ASSETS}/docs.css">
</head><body>
<header class="intro">
<p class="nav"><a href="/">← Về bản đồ · Back to the map</a> · <a href="/openapi.json">openapi.json</a> · <a href="/v1">/v1</a> · <a href="/about">Giới thiệu · About</a></p>
<h1>Tài liệu API <span lang="en">· API documentation</span></h1>
<p>API của mã địa chỉ số: giải mã và tạo mã, đăng ký địa chỉ, tìm địa chỉ ngược từ toạ độ, tìm kiếm (cả địa chỉ cũ trước 2025), tách và chuyển đổi địa chỉ cũ, chỉ đường và sắp xếp lộ trình giao hàng. Mô tả OpenAPI 3.1 đầy đủ ở <a href="/openapi.json"><code>/openapi.json</code></a>, sinh từ chính các lược đồ dùng để kiểm tra yêu cầu.</p>
<p lang="en">The address-code API: decode and encode codes, register addresses, reverse-geocode, search (old pre-2025 addresses too), parse and convert old addresses, directions and delivery-round ordering. The full OpenAPI 3.1 description is at <a href="/openapi.json"><code>/openapi.json</code></a>, generated from the very schemas that validate requests.</p>
<section>
<h2>Khoá API <span lang="en">· API keys</span></h2>
<p>Gửi khoá trong header <code>X-API-Key: vnac_…</code>; nếu không đặt được header, dùng tham số <code>?key=vnac_…</code> (header an toàn hơn: địa chỉ URL có thể bị ghi vào nhật ký).</p>
<p lang="en">Send your key in the <code>X-API-Key</code> header, or as the <code>key</code> query parameter where a header cannot be set (prefer the header: URLs end up in logs).</p>
<p>Giới hạn trang web (origin) của khoá chỉ ràng buộc trình duyệt: máy chủ hay curl gửi được bất kỳ <code>Origin</code> nào. Khoá đặt trong trang web là công khai; quyền (đọc/ghi) và hạn mức mới là giới hạn thật.</p>
<p lang="en">A key's allowed origins bind browsers only: a server or curl can send any <code>Origin</code>. A key in a web page is public; its scope and rate limits are the real bound.</p>
<p>Hạn mức tính theo tài khoản: mọi khoá của một tài khoản dùng chung. Khoá bạn tự tạo (<code>POST /v1/keys</code>) được số lượt mỗi phút như khi không dùng khoá, cho đến khi quản trị viên nâng hạn mức cho tài khoản (<code>PUT /v1/users/{id}/api-limits</code>); xem hạn mức của bạn ở <code>GET /v1/users/{id}/api-limits</code>. Đăng nhập, đăng ký (<code>/v1/auth/*</code>) và ô bản đồ (<code>/tiles/*</code>) giới hạn theo địa chỉ IP, có khoá hay không. Vượt hạn mức: 429 kèm <code>Retry-After</code>.</p>
<p lang="en">Quotas count per account: all of an account's keys share them. A key you make yourself (<code>POST /v1/keys</code>) gets as many requests a minute as use without a key until an administrator raises your account (<code>PUT /v1/users/{id}/api-limits</code>); see yours at <code>GET /v1/users/{id}/api-limits</code>. Signing in and up (<code>/v1/auth/*</code>) and map tiles (<code>/tiles/*</code>) are limited per IP address, key or not. Beyond a limit: 429 with <code>Retry-After</code>.</p>
</section>
<section>
<h2>Lỗi <span lang="en">· Errors</span></h2>
<p>Mọi lỗi trả về <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>; lỗi 400 có <code>errors</code> chỉ rõ từng trường sai; mã gõ nhầm có <code>suggestions</code> (các mã hợp lệ gần nhất). <code>GET /problems/{type}</code> giải thích từng loại lỗi.</p>
<p lang="en">Every error is <code>application/problem+json</code> (RFC 9457): 400 malformed input (<code>errors</code> names each field), 401/403 not signed in or not allowed, 404 unknown URL or resource, 409 stale version, 413 body too large, 415 body not JSON, 422 point outside coverage or off the road network, 429 too many requests, 503 database unreachable (with <code>Retry-After</code>).</p>
<p>Client TypeScript · TypeScript client: <code>clients/typescript</code> (<code>@vnac/client</code>) trong kho mã nguồn · in the repository.</p>
</section>
<details>
<summary>Nguồn dữ liệu và giấy phép <span lang="en">· Data sources and licences</span></summary>
<ul>
${attribution}
</ul>
<p>Giao diện tài liệu: Swagger UI (Apache-2.0) · Documentation renderer: Swagger UI (Apache-2.0).</p>
</details>
</header>
<main id="swagger-ui" data-spec-url="/openapi.json"><noscript><p>Cần JavaScript để xem danh sách các điểm cuối; mô tả đầy đủ ở <a href="/openapi.json">/openapi.json</a>. · JavaScript is needed to browse the endpoints; the full description is at <a href="/openapi.json">/openapi.json</a>.</p></noscript></main>
<script src="${DOCS_ASSETS}/swagger-ui-bundle.js"></script>
<script src="${DOCS_ASSETS}/docs.js"></script>
</body></html>`;
}

export function docsRoutes() {
  const page = docsPage();
  return [
    route({
      method: 'get',
      path: DOCS_PATH,
      tags: ['meta'],
      summary: 'Tài liệu API · API documentation (this description, rendered; works offline)',
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
      handler: (_input, _req, res) => {
        res
          .set({ 'Content-Security-Policy': DOCS_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' })
          .type('html')
          .send(page);
      },
    }),
  ];
}

/** The page's script and style, then the renderer's files from node_modules: nothing else under /docs/assets. */
export function mountDocsAssets(app: Express) {
  const options = { index: false, fallthrough: true, maxAge: '1h' } as const;
  const own = express.static(OWN_ASSETS, options);
  const swagger = express.static(SWAGGER_UI, options);
  app.use(DOCS_ASSETS, own, (req, res, next) => (SWAGGER_FILES.has(req.path.slice(1)) ? swagger(req, res, next) : next()));
}
