import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';

const { app, close } = createTestApp();
afterAll(close);

/** Every route Express knows, as "method path" with {param} placeholders. */
function mountedRoutes(): string[] {
  const out: string[] = [];
  const router = (
    app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: unknown[] } }[] } }
  ).router;
  const walk = (stack: typeof router.stack) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
      else if (layer.handle?.stack) walk(layer.handle.stack as typeof router.stack);
    }
  };
  walk(router.stack);
  return out;
}

describe('OpenAPI', () => {
  it('is OpenAPI 3.1 and describes every mounted route', async () => {
    const res = await request(app).get('/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = Object.entries(res.body.paths as Record<string, object>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    const mounted = mountedRoutes();
    expect(mounted.length).toBeGreaterThanOrEqual(9);
    expect(documented.sort()).toEqual(mounted.sort());
  });

  it('documents request bodies and query parameters from the validating schemas', async () => {
    const { body } = await request(app).get('/openapi.json');
    const create = body.paths['/v1/addresses'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['lat', 'lng']));
    expect(create.requestBody.content['application/json'].schema.properties.details.properties).toHaveProperty('houseNumber');
    const reverse = body.paths['/v1/reverse'].get.parameters.map((p: { name: string }) => p.name);
    expect(reverse).toEqual(['lat', 'lng', 'radius', 'limit']);
    expect(body.paths['/v1/codes/lookup'].post.requestBody.content['application/json'].schema.properties.codes.maxItems).toBe(1000);
  });
});

describe('health and metadata', () => {
  it('is up and ready', async () => {
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(app).get('/readyz').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', wards: 3321 });
  });

  it('names the data sources and their licences', async () => {
    const res = await request(app).get('/v1').expect(200);
    expect(res.body.formatVersion).toBe(1);
    const text = res.body.attribution.map((a: { text: string }) => a.text).join('\n');
    expect(text).toMatch(/Thang Le Quoc/);
    expect(text).toMatch(/OpenStreetMap contributors/);
    expect(text).toMatch(/2334\/QĐ-BKHCN/);
  });

  it('answers unknown URLs with a 404 problem', async () => {
    const res = await request(app).get('/v1/nothing-here').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, type: '/problems/not-found' });
    await request(app).get('/problems/invalid-code').expect(200);
    await request(app).get('/problems/nope').expect(404);
  });
});
