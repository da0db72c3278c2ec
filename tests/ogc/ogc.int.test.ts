/**
 * OGC API - Features - Part 1: Core at /ogc: the resources and their links, paging, bbox
 * filtering (exact, never a private address), validation, and GDAL's ogrinfo reading it over HTTP.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import request, { type Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { encode, formatCode } from '../../server/codes/codec.js';
import { createTestApp } from '../support/app.js';
import { signedIn } from '../support/users.js';
import { ogrinfo, ogrinfoAvailable } from './ogrinfo.js';

const { app, knex, close } = createTestApp();
afterAll(close);

// The centre of the largest circle inside ward 24848 (Lạc Dương, Lâm Đồng; radius ~10 km), where no other test registers.
const CX = 108.5945;
const CY = 12.0639;
const BBOX = [CX - 0.0002, CY - 0.0002, CX + 0.0015, CY + 0.001] as const;

type Place = { lng: number; lat: number; unit?: string; details?: Record<string, string> };
const PLACES = {
  a: { lng: CX, lat: CY, details: { houseNumber: '1', street: 'Đường Thử OGC', note: 'ghi chú riêng OGC' } },
  b: { lng: CX + 0.001, lat: CY + 0.0005, details: { houseNumber: '3', street: 'Đường Thử OGC' } },
  bUnit: { lng: CX + 0.001, lat: CY + 0.0005, unit: 'P2' },
  secret: { lng: CX + 0.0005, lat: CY + 0.0002, details: { houseNumber: '77', street: 'Phố Bí Mật OGC' } },
  outside: { lng: CX + 0.003, lat: CY + 0.002 },
  // about 0.2 m east of the box: a float4 index box would let it in, the exact test must not
  edge: { lng: BBOX[2] + 0.000002, lat: CY },
} satisfies Record<string, Place>;
const idOf = (p: Place) => formatCode(encode(p.lat, p.lng)!, p.unit ?? null);

const SECRET = /Bí Mật|ghi chú riêng|owner|"note"|"private"/;
const ADDRESS_PROPERTIES = [
  'code',
  'unit',
  'house_number',
  'street',
  'hamlet',
  'building',
  'place_name',
  'category',
  'status',
  'ward_code',
  'province_code',
  'updated_at',
];

let owner: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  owner = await signedIn(app, knex, 'household');
  for (const [name, place] of Object.entries(PLACES)) {
    const agent = name === 'secret' ? owner.agent : request(app);
    const res = await agent.post('/v1/addresses').send({
      lat: place.lat,
      lng: place.lng,
      ...('unit' in place ? { unit: place.unit } : {}),
      ...('details' in place ? { details: place.details } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  await owner.agent
    .patch(`/v1/addresses/${encodeURIComponent(idOf(PLACES.secret))}`)
    .send({ version: 1, private: true })
    .expect(200);
});

/** The path and query of an absolute link, for supertest. */
const pathOf = (href: string) => {
  const u = new URL(href);
  return u.pathname + u.search;
};
const link = (body: { links: { rel: string; href: string; type?: string }[] }, rel: string) => body.links.find((l) => l.rel === rel);
const ids = (res: Response) => (res.body.features as { id: string }[]).map((f) => f.id);

function expectProblem(res: Response, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
}

/** Follows `next` links from a first page; every id of every page, in order. */
async function allPages(first: string, maxPages = 100): Promise<{ ids: string[]; pages: Response[] }> {
  const pages: Response[] = [];
  let url: string | undefined = first;
  while (url && pages.length < maxPages) {
    const res = await request(app).get(url).expect(200);
    pages.push(res);
    const next = link(res.body, 'next');
    url = next ? pathOf(next.href) : undefined;
  }
  return { ids: pages.flatMap(ids), pages };
}

describe('landing page, conformance, collections', () => {
  it('the landing page links the API definition, its documentation, conformance and the collections with absolute URLs', async () => {
    const res = await request(app).get('/ogc').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.title).toMatch(/OGC API/);
    const rels = Object.fromEntries((res.body.links as { rel: string; href: string }[]).map((l) => [l.rel, l.href]));
    expect(Object.keys(rels).sort()).toEqual(['conformance', 'data', 'self', 'service-desc', 'service-doc']);
    for (const href of Object.values(rels)) expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(new URL(rels['service-desc']!).pathname).toBe('/openapi.json');
    expect(new URL(rels['service-doc']!).pathname).toBe('/docs');
    expect(new URL(rels.data!).pathname).toBe('/ogc/collections');
    const conformance = await request(app).get(pathOf(rels.conformance!)).expect(200);
    expect(conformance.body.conformsTo).toEqual([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    ]);
    await request(app).get('/ogc?f=json').expect(200);
  });

  it('the API definition documents the items parameters, with the limit maximum', async () => {
    const { body } = await request(app).get('/openapi.json').expect(200);
    const items = body.paths['/ogc/collections/{collectionId}/items'].get;
    const params = Object.fromEntries((items.parameters as { name: string; schema: object }[]).map((p) => [p.name, p.schema]));
    expect(Object.keys(params).sort()).toEqual(['bbox', 'collectionId', 'cursor', 'datetime', 'f', 'key', 'limit', 'offset']);
    expect(params.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(items.responses['200'].content).toHaveProperty(['application/geo+json']);
  });

  it('lists three feature collections with a CRS84 extent and items links; each has its own page', async () => {
    const res = await request(app).get('/ogc/collections').expect(200);
    expect(link(res.body, 'self')?.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ogc\/collections$/);
    const collections = res.body.collections as {
      id: string;
      itemType: string;
      extent: { spatial: { bbox: number[][]; crs: string } };
      links: { rel: string; href: string; type: string }[];
    }[];
    expect(collections.map((c) => c.id)).toEqual(['addresses', 'wards', 'provinces']);
    for (const c of collections) {
      expect(c.itemType).toBe('feature');
      expect(c.extent.spatial.crs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
      const [w, s, e, n] = c.extent.spatial.bbox[0]!;
      expect([w! < CX, CX < e!, s! < CY, CY < n!, w! < 102.2, e! > 117.8, s! < 7.2, n! > 23.39]).toEqual(Array(8).fill(true));
      const items = c.links.find((l) => l.rel === 'items')!;
      expect(items.type).toBe('application/geo+json');
      expect(items.href).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/ogc/collections/${c.id}/items$`));
      // the same description on its own page (supertest listens on a new port per request)
      const one = await request(app).get(`/ogc/collections/${c.id}`).expect(200);
      const sansOrigin = (v: unknown) => JSON.parse(JSON.stringify(v).replace(/http:\/\/127\.0\.0\.1:\d+/g, 'ORIGIN'));
      expect(sansOrigin(one.body)).toEqual(sansOrigin(c));
    }
  });

  it('an unknown collection is a 404 problem, for the collection, its items and a feature', async () => {
    expectProblem(await request(app).get('/ogc/collections/roads'), 404);
    expectProblem(await request(app).get('/ogc/collections/roads/items'), 404);
    expectProblem(await request(app).get('/ogc/collections/roads/items/1'), 404);
    expectProblem(await request(app).get('/ogc/collections/__proto__/items'), 404);
  });
});

describe('addresses', () => {
  it('a bbox selects exactly the public addresses inside it, in id order, as GeoJSON with links and counts', async () => {
    const res = await request(app)
      .get(`/ogc/collections/addresses/items?bbox=${BBOX.join(',')}`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.body.type).toBe('FeatureCollection');
    const expected = [idOf(PLACES.a), idOf(PLACES.b), idOf(PLACES.bUnit)].sort();
    expect(ids(res)).toEqual(expected);
    expect(res.body).toMatchObject({ numberMatched: 3, numberReturned: 3 });
    expect(Date.parse(res.body.timeStamp)).toBeGreaterThan(Date.now() - 60_000);
    expect(link(res.body, 'self')?.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ogc\/collections\/addresses\/items\?bbox=/);
    expect(link(res.body, 'self')?.type).toBe('application/geo+json');
    expect(link(res.body, 'next')).toBeUndefined();
    expect(link(res.body, 'prev')).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toMatch(SECRET);
    expect(JSON.stringify(res.body)).not.toContain(idOf(PLACES.secret));

    const a = res.body.features.find((f: { id: string }) => f.id === idOf(PLACES.a));
    expect(a.geometry.type).toBe('Point');
    expect(a.geometry.coordinates[0]).toBeCloseTo(CX, 7);
    expect(a.geometry.coordinates[1]).toBeCloseTo(CY, 7);
    expect(Object.keys(a.properties)).toEqual(ADDRESS_PROPERTIES);
    expect(a.properties).toMatchObject({
      code: idOf(PLACES.a),
      unit: null,
      house_number: '1',
      street: 'Đường Thử OGC',
      status: 'draft',
      ward_code: '24848',
      province_code: '68',
    });
    const flat = res.body.features.find((f: { id: string }) => f.id === idOf(PLACES.bUnit));
    expect(flat.properties).toMatchObject({ code: idOf(PLACES.bUnit), unit: 'P2' });
    expect(idOf(PLACES.bUnit)).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}\/P2$/);
  });

  it('pages by limit and cursor: next links keep the query, no duplicates, the same features as one page', async () => {
    const { ids: paged, pages } = await allPages(`/ogc/collections/addresses/items?bbox=${BBOX.join(',')}&limit=1`);
    expect(pages).toHaveLength(3);
    expect(paged).toEqual([idOf(PLACES.a), idOf(PLACES.b), idOf(PLACES.bUnit)].sort());
    for (const page of pages) expect(page.body).toMatchObject({ numberMatched: 3, numberReturned: 1 });
    const next = new URL(link(pages[0]!.body, 'next')!.href);
    expect(Object.keys(Object.fromEntries(next.searchParams)).sort()).toEqual(['bbox', 'cursor', 'limit']);
    expect(Object.fromEntries(next.searchParams)).toMatchObject({ bbox: BBOX.join(','), limit: '1' });
    expect(link(pages[0]!.body, 'next')!.type).toBe('application/geo+json');
    for (const page of pages) expect(link(page.body, 'prev')).toBeUndefined(); // no prev by cursor
  });

  it('offset still pages (up to 10,000), with prev links; its next link continues by cursor', async () => {
    const base = `/ogc/collections/addresses/items?bbox=${BBOX.join(',')}&limit=1`;
    const second = await request(app).get(`${base}&offset=1`).expect(200);
    expect(ids(second)).toEqual([idOf(PLACES.a), idOf(PLACES.b), idOf(PLACES.bUnit)].sort().slice(1, 2));
    expect(new URL(link(second.body, 'prev')!.href).searchParams.get('offset')).toBe('0');
    const next = new URL(link(second.body, 'next')!.href);
    expect(next.searchParams.has('offset')).toBe(false);
    const third = await request(app).get(pathOf(next.href)).expect(200);
    expect(ids(third)).toEqual([idOf(PLACES.a), idOf(PLACES.b), idOf(PLACES.bUnit)].sort().slice(2));
  });

  it('the whole collection pages through every public address once; numberMatched counts them; the private one never appears', async () => {
    const first = await request(app).get('/ogc/collections/addresses/items?limit=7').expect(200);
    const { ids: all, pages } = await allPages('/ogc/collections/addresses/items?limit=7', 1000);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort());
    expect(all).toEqual(
      expect.arrayContaining([idOf(PLACES.a), idOf(PLACES.b), idOf(PLACES.bUnit), idOf(PLACES.outside), idOf(PLACES.edge)]),
    );
    expect(all).not.toContain(idOf(PLACES.secret));
    expect(first.body.numberMatched).toBe(all.length);
    const { rows } = await knex.raw('SELECT count(*)::int AS n FROM addresses WHERE NOT private');
    expect(all.length).toBe(rows[0].n);
    for (const page of pages) expect(JSON.stringify(page.body)).not.toMatch(SECRET);
  });

  it('one feature by id (code, with its unit), with links; a private or unknown address is a 404, even for its owner', async () => {
    const res = await request(app)
      .get(`/ogc/collections/addresses/items/${encodeURIComponent(idOf(PLACES.bUnit))}`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.body).toMatchObject({ type: 'Feature', id: idOf(PLACES.bUnit), properties: { unit: 'P2' } });
    expect(link(res.body, 'self')?.href).toMatch(/\/ogc\/collections\/addresses\/items\/[0-9A-Z-]{11}%2FP2$/);
    expect(link(res.body, 'collection')?.href).toMatch(/\/ogc\/collections\/addresses$/);
    // forgiving input, as everywhere codes are read
    const loose = await request(app)
      .get(`/ogc/collections/addresses/items/${idOf(PLACES.a).replace(/-/g, '').toLowerCase()}`)
      .expect(200);
    expect(loose.body.id).toBe(idOf(PLACES.a));
    expect(JSON.stringify(loose.body)).not.toMatch(SECRET);

    for (const agent of [request(app), owner.agent]) {
      const hidden = await agent.get(`/ogc/collections/addresses/items/${encodeURIComponent(idOf(PLACES.secret))}`);
      expectProblem(hidden, 404);
      expect(JSON.stringify(hidden.body)).not.toMatch(/Bí Mật/);
    }
    expectProblem(await request(app).get('/ogc/collections/addresses/items/25M-SN9-S32'), 404); // valid, not registered
    expectProblem(await request(app).get('/ogc/collections/addresses/items/not-a-code'), 404);
  });

  it('a bbox across the antimeridian is two boxes', async () => {
    const around = await request(app).get('/ogc/collections/addresses/items?bbox=100,-90,-170,90&limit=1000').expect(200);
    const everything = await request(app).get('/ogc/collections/addresses/items?limit=1000').expect(200);
    expect(around.body.numberMatched).toBe(everything.body.numberMatched);
    const without = await request(app).get('/ogc/collections/addresses/items?bbox=110,-90,100,90&limit=1000').expect(200);
    expect(ids(without)).not.toContain(idOf(PLACES.a));
  });

  it('datetime is validated and, these features having no time, matches them all', async () => {
    const res = await request(app)
      .get(`/ogc/collections/addresses/items?bbox=${BBOX.join(',')}&datetime=2025-07-01T00:00:00Z/..`)
      .expect(200);
    expect(res.body.numberMatched).toBe(3);
    await request(app)
      .get(`/ogc/collections/addresses/items?bbox=${BBOX.join(',')}&datetime=2025-07-01`)
      .expect(200);
  });
});

describe('wards and provinces', () => {
  it('a bbox finds the ward around it; a ward by code has its MultiPolygon and postal code', async () => {
    const res = await request(app)
      .get(`/ogc/collections/wards/items?bbox=${BBOX.join(',')}`)
      .expect(200);
    expect(ids(res)).toEqual(['24848']);
    const ward = res.body.features[0];
    expect(ward.geometry.type).toBe('MultiPolygon');
    expect(Object.keys(ward.properties)).toEqual(['code', 'name', 'full_name', 'unit_type', 'province_code', 'postal_code']);
    expect(ward.properties).toMatchObject({ code: '24848', name: 'Lạc Dương', province_code: '68' });
    const one = await request(app).get('/ogc/collections/wards/items/24848').expect(200);
    expect(one.body.properties).toEqual(ward.properties);
    expectProblem(await request(app).get('/ogc/collections/wards/items/99999'), 404);
    expectProblem(await request(app).get('/ogc/collections/wards/items/abc'), 404);
  });

  it('pages through the 34 provinces, each once, in code order', async () => {
    const { ids: all, pages } = await allPages('/ogc/collections/provinces/items?limit=10');
    expect(pages.map((p) => p.body.numberReturned)).toEqual([10, 10, 10, 4]);
    expect(all).toHaveLength(34);
    expect(new Set(all).size).toBe(34);
    expect(all).toEqual([...all].sort());
    for (const page of pages) expect(page.body.numberMatched).toBe(34);
    const hn = await request(app).get('/ogc/collections/provinces/items/01').expect(200);
    expect(hn.body.properties).toMatchObject({ code: '01', name: 'Hà Nội' });
    expect(hn.body.geometry.type).toBe('MultiPolygon');
  });

  it('a limit above 1000 is served as 1000 (the standard lets servers cap it)', async () => {
    const res = await request(app).get('/ogc/collections/wards/items?limit=5000').expect(200);
    expect(res.body).toMatchObject({ numberMatched: 3321, numberReturned: 1000 });
    expect(new URL(link(res.body, 'next')!.href).searchParams.get('limit')).toBe('1000');
  });
});

describe('bad requests are 400 problems', () => {
  const bad = [
    'bbox=1,2,3',
    'bbox=1,2,3,4,5',
    'bbox=a,b,c,d',
    'bbox=105,22,106,21', // minLat > maxLat
    'bbox=105,21,181,22',
    'bbox=105,-91,106,21',
    'bbox=105,21,0,106,22,-1', // min height > max height
    'bbox=',
    'limit=0',
    'limit=-5',
    'limit=abc',
    'limit=1.5',
    'offset=-1',
    'offset=x',
    'datetime=yesterday',
    'datetime=2025-02-01T00:00:00Z/2025-01-01T00:00:00Z',
    'datetime=../..',
    'f=html',
    'foo=bar', // a parameter the API does not define (/req/core/query-param-unknown)
    'bbox=1,2,3,4&bbox=5,6,7,8',
  ];
  it.each(bad)('items?%s', async (query) => {
    const res = await request(app).get(`/ogc/collections/addresses/items?${query}`);
    expectProblem(res, 400);
    expect(res.body.type).toBe('/problems/invalid-request');
  });

  it('on the other resources too', async () => {
    expectProblem(await request(app).get('/ogc?f=xml'), 400);
    expectProblem(await request(app).get('/ogc/collections?foo=1'), 400);
    expectProblem(await request(app).get('/ogc/collections/wards/items/24848?limit=1'), 400);
  });

  it('a 6-number bbox (with heights) is accepted', async () => {
    const res = await request(app)
      .get(`/ogc/collections/addresses/items?bbox=${BBOX[0]},${BBOX[1]},-10,${BBOX[2]},${BBOX[3]},100`)
      .expect(200);
    expect(res.body.numberMatched).toBe(3);
  });
});

describe('absolute links behind a proxy', () => {
  const landing = async (target: ReturnType<typeof createApp>) =>
    (await request(target).get('/ogc').set({ 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'proxy.example.vn' }).expect(200)).body
      .links as { rel: string; href: string }[];
  const make = (deps: Partial<Parameters<typeof createApp>[0]>) =>
    createApp({ knex, logger: pino({ level: 'silent' }), embedded: inject('embedded'), ...deps });

  it('X-Forwarded-* headers count only when the app trusts its proxy; PUBLIC_URL wins', async () => {
    for (const l of await landing(app)) expect(l.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    for (const l of await landing(make({ trustProxy: true }))) expect(l.href).toMatch(/^https:\/\/proxy\.example\.vn\//);
    for (const l of await landing(make({ publicUrl: 'https://diachi.example.vn/' })))
      expect(l.href).toMatch(/^https:\/\/diachi\.example\.vn\/(ogc|openapi\.json|docs)/);
  });
});

describe.skipIf(!ogrinfoAvailable())('GDAL (ogrinfo) reads the API over HTTP', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `OAPIF:http://127.0.0.1:${(server.address() as AddressInfo).port}/ogc`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('lists the three layers', async () => {
    const out = await ogrinfo(['-ro', '-so', url]);
    expect(out).toMatch(/using driver `OAPIF' successful/);
    expect(out).toMatch(/^1: addresses \(title: Registered addresses\) \(Point\)$/m);
    expect(out).toMatch(/^2: wards \(title: .+\) \(Multi Polygon\)$/m);
    expect(out).toMatch(/^3: provinces \(title: .+\) \(Multi Polygon\)$/m);
  }, 60_000);

  it('summarises the addresses layer: its count, extent and fields, and nothing private', async () => {
    const out = await ogrinfo(['-ro', '-al', '-so', url, 'addresses']);
    const matched = (await request(app).get('/ogc/collections/addresses/items?limit=1').expect(200)).body.numberMatched;
    expect(out).toMatch(/^Layer name: addresses$/m);
    expect(out).toMatch(/^Geometry: Point$/m);
    expect(out).toMatch(new RegExp(`^Feature Count: ${matched}$`, 'm'));
    expect(out).toMatch(/^Extent: \(102\.140000, 7\.180000\) - \(117\.830000, 23\.400000\)$/m);
    for (const field of [
      'code: String',
      'unit: String',
      'house_number: String',
      'street: String',
      'ward_code: String',
      'province_code: String',
      'updated_at: DateTime',
    ]) {
      expect(out).toContain(field);
    }
    expect(out).not.toMatch(/^(owner\w*|note|private|landmark): /m);
  }, 60_000);

  it('reads the addresses of a bbox (-spat), public ones only', async () => {
    const out = await ogrinfo(['-ro', '-al', '-spat', ...BBOX.map(String), url, 'addresses']);
    const codes = [...out.matchAll(/^\s+code \(String\) = (.+)$/gm)].map((m) => m[1]);
    expect(codes).toEqual([idOf(PLACES.a), idOf(PLACES.b), idOf(PLACES.bUnit)].sort());
    expect(out).toContain('street (String) = Đường Thử OGC');
    expect(out).not.toMatch(SECRET);
  }, 60_000);

  it('counts the wards of a bbox (-spat) as the API does, following next links', async () => {
    const box = [105.8, 21.0, 105.87, 21.05]; // central Hà Nội: more wards than GDAL's page of 10
    const api = (
      await request(app)
        .get(`/ogc/collections/wards/items?bbox=${box.join(',')}`)
        .expect(200)
    ).body.numberMatched;
    expect(api).toBeGreaterThan(10);
    const out = await ogrinfo(['-ro', '-so', '-spat', ...box.map(String), url, 'wards']);
    expect(out).toMatch(new RegExp(`^Feature Count: ${api}$`, 'm'));
    expect(out).toMatch(/^name: String/m);
  }, 120_000);

  it('reads every ward of a bbox once, in order, following the cursor of each next link (pages of 5)', async () => {
    const box = [105.8, 21.0, 105.87, 21.05];
    const api = (
      await request(app)
        .get(`/ogc/collections/wards/items?bbox=${box.join(',')}&limit=1000`)
        .expect(200)
    ).body.features.map((f: { id: string }) => f.id);
    const out = await ogrinfo(['-ro', '-al', '-oo', 'PAGE_SIZE=5', '-spat', ...box.map(String), url, 'wards']);
    const codes = [...out.matchAll(/^\s+code \(String\) = (\d{5})$/gm)].map((m) => m[1]);
    expect(codes).toEqual(api);
  }, 120_000);
});
