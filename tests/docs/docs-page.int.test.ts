/**
 * /docs: the API documentation page works offline. The page and everything it loads come from
 * this server (the renderer from node_modules), under a Content-Security-Policy that would
 * refuse anything else.
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';

const { app, close } = createTestApp();
afterAll(close);

const attributes = (html: string, name: 'src' | 'href') => [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

describe('the API documentation page', () => {
  it('is a Vietnamese-first HTML page about keys, errors and data sources, under a strict CSP', async () => {
    const res = await request(app).get('/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(res.text).toMatch(/<html lang="vi">/);
    expect(res.text).toMatch(/<h1>Tài liệu API <span lang="en">· API documentation<\/span><\/h1>/);
    expect(res.text).toMatch(/X-API-Key/);
    expect(res.text).toMatch(/\?key=/);
    expect(res.text).toMatch(/application\/problem\+json/);
    expect(res.text).toMatch(/OpenStreetMap contributors/);
    expect(res.text).toMatch(/Thang Le Quoc/);
    expect(res.text).toMatch(/data-spec-url="\/openapi.json"/);
    // no inline script: the CSP allows only files from this server
    expect([...res.text.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)]).toEqual([]);
  });

  it('references only this server, and every asset it names is served with the right type', async () => {
    const { text } = await request(app).get('/docs');
    const urls = [...attributes(text, 'src'), ...attributes(text, 'href')];
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url, 'a local path').toMatch(/^\/(?!\/)/);
    const assets = urls.filter((u) => u.startsWith('/docs/assets/'));
    expect(assets.sort()).toEqual([
      '/docs/assets/docs.css',
      '/docs/assets/docs.js',
      '/docs/assets/favicon-32x32.png',
      '/docs/assets/swagger-ui-bundle.js',
      '/docs/assets/swagger-ui.css',
    ]);
    const expected: Record<string, RegExp> = { js: /^(text|application)\/javascript/, css: /^text\/css/, png: /^image\/png/ };
    for (const asset of assets) {
      const res = await request(app)
        .get(asset)
        .buffer(true)
        .parse((r, done) => {
          let n = 0;
          r.on('data', (c: Buffer) => (n += c.length)).on('end', () => done(null, n));
        });
      expect(res.status, asset).toBe(200);
      expect(res.headers['content-type'], asset).toMatch(expected[asset.split('.').pop()!]!);
      expect(res.body as unknown as number, asset).toBeGreaterThan(100);
    }
    // the 1.7 MB renderer goes compressed to a browser that accepts it
    const bundle = await request(app).get('/docs/assets/swagger-ui-bundle.js').set('Accept-Encoding', 'gzip');
    expect(bundle.headers['content-encoding']).toBe('gzip');
    // the links of the page go to pages of this server
    for (const url of urls.filter((u) => !u.startsWith('/docs/assets/'))) await request(app).get(url).expect(200);
  });

  it('serves nothing else of the renderer package (its demo page points at the internet)', async () => {
    await request(app).get('/docs/assets/index.html').expect(404);
    await request(app).get('/docs/assets/swagger-initializer.js').expect(404);
    await request(app).get('/docs/assets/../../package.json').expect(404);
    await request(app).get('/docs/assets/%2e%2e/routes.ts').expect(404);
  });

  it('is named by the OpenAPI document', async () => {
    const { body } = await request(app).get('/openapi.json').expect(200);
    expect(body.externalDocs).toEqual({ description: expect.stringMatching(/API documentation/), url: '/docs' });
    expect(body.info.description).toMatch(/X-API-Key/);
    expect(body.paths['/docs'].get.responses['200'].content).toHaveProperty('text/html');
    expect(body.components.securitySchemes.apiKey).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }));
    expect(body.paths['/v1/codes/{code}'].get.security).toEqual([{}, { apiKey: [] }, { apiKeyQuery: [] }]);
  });
});
