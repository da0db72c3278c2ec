/**
 * OGC items page by key (issue 15): a deep page costs what the first costs. Thousands of public
 * addresses (and some private ones) are written by SQL in a corner of the sea no other test uses,
 * then read back by following `next` links, and the SQL of a deep page is EXPLAINed: it reads about
 * one page of the (code, unit) index, where OFFSET read every row it skipped. An offset past
 * 10,000 (the 3 s query of the report was offset=2000000 at 3 M rows) is a 400 telling to follow
 * the links; a cursor that was edited or made for another collection is a 400 too.
 */
import { latLngToCell } from 'h3-js';
import request, { type Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_RESOLUTION, formatCode } from '../../server/codes/codec.js';
import { createTestApp } from '../support/app.js';

const { app, knex, close } = createTestApp();

// open sea east of Côn Sơn, inside the collections' extent: nothing else is registered here
const BOX = [107.3, 8.3, 107.5, 8.5] as const;
const ROWS = 3000;
const PRIVATE_EVERY = 9;
const MARK = 'Đường Thử Phân Trang';

beforeAll(async () => {
  const h3 = BigInt(`0x${latLngToCell(8.4, 107.4, CODE_RESOLUTION)}`).toString();
  // codes 'ZZ' + 7 hex digits, every fifth also with a unit (two features per code, so a page may end between them)
  await knex.raw(
    `INSERT INTO addresses (code, unit, h3, geom, house_number, street, private)
     SELECT 'ZZ' || lpad(upper(to_hex(g)), 7, '0'), u.unit, ?::bigint,
            ST_SetSRID(ST_MakePoint(107.31 + (g % 97) * 0.0015, 8.31 + (g / 97) * 0.004), 4326), g::text, ?, g % ${PRIVATE_EVERY} = 0
     FROM generate_series(1, ?) g, (VALUES (''), ('P1')) AS u(unit)
     WHERE u.unit = '' OR g % 5 = 0`,
    [h3, MARK, ROWS],
  );
  await knex.raw('ANALYZE addresses');
});

afterAll(async () => {
  await knex.raw("DELETE FROM addresses WHERE code LIKE 'ZZ%' AND street = ?", [MARK]);
  await close();
});

const link = (res: Response, rel: string) => (res.body.links as { rel: string; href: string }[]).find((l) => l.rel === rel)?.href;
const pathOf = (href: string) => {
  const u = new URL(href);
  return u.pathname + u.search;
};
const ids = (res: Response) => (res.body.features as { id: string }[]).map((f) => f.id);

function expectProblem(res: Response, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
}

/** Every page from `first` by its next links. */
async function follow(first: string): Promise<Response[]> {
  const pages: Response[] = [];
  for (let url: string | undefined = first; url;) {
    const res = await request(app).get(url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res);
    const next = link(res, 'next');
    if (next) expect(new URL(next).searchParams.has('offset')).toBe(false);
    url = next ? pathOf(next) : undefined;
    expect(pages.length).toBeLessThan(500);
  }
  return pages;
}

/** The public features in the collection's order, as the database orders them. */
async function expectedIds(where = 'true', bindings: number[] = []): Promise<string[]> {
  const { rows } = await knex.raw(`SELECT code, unit FROM addresses a WHERE NOT private AND ${where} ORDER BY code, unit`, bindings);
  return (rows as { code: string; unit: string }[]).map((r) => formatCode(r.code, r.unit || null));
}

describe('paging by cursor', () => {
  it('following next links visits every public feature exactly once, in order (a bbox, pages ending between units)', async () => {
    const pages = await follow(`/ogc/collections/addresses/items?bbox=${BOX.join(',')}&limit=97`);
    const expected = await expectedIds('ST_Intersects(a.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))', [...BOX]);
    expect(expected.length).toBe(ROWS + ROWS / 5 - Math.floor(ROWS / PRIVATE_EVERY) - Math.floor(ROWS / 45));
    expect(pages.flatMap(ids)).toEqual(expected);
    for (const page of pages) expect(page.body.numberMatched).toBe(expected.length);
    expect(pages.at(-1)!.body.numberReturned).toBe(expected.length % 97 || 97);
  });

  it('the whole collection, without a bbox, the same way', async () => {
    const pages = await follow('/ogc/collections/addresses/items?limit=1000');
    expect(pages.flatMap(ids)).toEqual(await expectedIds());
  });

  it('a deep page reads about one page of the (code, unit) index, where the same page by offset reads every row skipped', async () => {
    const limit = 50;
    const depth = 3000; // the features before the page
    const expected = await expectedIds();
    const offsetPage = await request(app).get(`/ogc/collections/addresses/items?limit=${limit}&offset=${depth}`).expect(200);
    expect(ids(offsetPage)).toEqual(expected.slice(depth, depth + limit));
    const cursor = new URL(link(offsetPage, 'next')!).searchParams.get('cursor')!;

    // the page after it, by cursor: the same features as offset depth + limit
    const [cursorSql, cursorPage] = await sqlOf(`/ogc/collections/addresses/items?limit=${limit}&cursor=${cursor}`);
    expect(ids(cursorPage)).toEqual(expected.slice(depth + limit, depth + 2 * limit));
    const [offsetSql] = await sqlOf(`/ogc/collections/addresses/items?limit=${limit}&offset=${depth + limit}`);

    const byCursor = await rowsRead(cursorSql);
    const byOffset = await rowsRead(offsetSql);
    expect(byCursor.indexes).toContain('addresses_code_unit_key');
    expect(byCursor.offsetSkipped).toBe(0);
    // one page and the row that tells a next page exists, plus the private rows passed over on the way
    expect(byCursor.read).toBeLessThanOrEqual(2 * (limit + 1));
    expect(byOffset.read).toBeGreaterThan(depth);
  });
});

describe('deep offsets and bad cursors are 400 problems', () => {
  it('offset=2000000 (the report’s 3-second page) is refused with a pointer to the next links; 10,000 is served', async () => {
    const res = await request(app).get('/ogc/collections/addresses/items?offset=2000000');
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/offset is at most 10,000/);
    expect(res.body.detail).toMatch(/next/);
    expectProblem(await request(app).get('/ogc/collections/addresses/items?offset=10001'), 400);
    expectProblem(await request(app).get('/ogc/collections/wards/items?offset=99999999999999999999'), 400);
    await request(app).get('/ogc/collections/addresses/items?offset=10000&limit=1').expect(200);
  });

  it('a cursor edited, truncated, from another collection or sent with offset is a 400 naming the cursor', async () => {
    const first = await request(app)
      .get(`/ogc/collections/addresses/items?bbox=${BOX.join(',')}&limit=10`)
      .expect(200);
    const cursor = new URL(link(first, 'next')!).searchParams.get('cursor')!;
    const wardCursor = new URL(link(await request(app).get('/ogc/collections/wards/items?limit=1').expect(200), 'next')!).searchParams.get(
      'cursor',
    )!;
    const text = Buffer.from(cursor, 'base64url').toString();
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const flipped = cursor.slice(0, 3) + (cursor[3] === 'A' ? 'B' : 'A') + cursor.slice(4);
    const bad = [
      flipped,
      cursor.slice(0, -1),
      `${cursor}A`,
      `${cursor}=`,
      cursor.replace(/[A-Za-z]/, '+'),
      wardCursor, // a ward's cursor on the addresses
      b64(text.replace('addresses:', 'wards:')),
      b64(`${text},X`),
      b64(text.replace(/:ZZ/, ":ZZ' OR 1=1 --")),
      b64(text.replace(/:ZZ/, ':zz')),
      b64('addresses:'),
      'x'.repeat(200),
      '',
    ];
    for (const c of bad) {
      const res = await request(app).get(`/ogc/collections/addresses/items?cursor=${encodeURIComponent(c)}`);
      expectProblem(res, 400);
      expect(res.body.errors?.[0]?.field ?? res.body.detail, c).toMatch(/cursor/);
    }
    expectProblem(await request(app).get(`/ogc/collections/addresses/items?cursor=${cursor}&offset=0`), 400);
    // the untouched cursor still works, here and with its bbox
    await request(app).get(`/ogc/collections/addresses/items?cursor=${cursor}`).expect(200);
    expect(
      ids(
        await request(app)
          .get(`/ogc/collections/addresses/items?bbox=${BOX.join(',')}&limit=10&cursor=${cursor}`)
          .expect(200),
      ),
    ).toHaveLength(10);
  });
});

/** The SQL of the page query a request sends (knex's query event), and the response. */
async function sqlOf(url: string): Promise<[{ sql: string; bindings: unknown[] }, Response]> {
  const seen: { sql: string; bindings: unknown[] }[] = [];
  const listen = (q: { sql: string; bindings?: unknown[] }) => seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
  knex.on('query', listen);
  try {
    const res = await request(app).get(url).expect(200);
    const page = seen.find((q) => /ST_AsGeoJSON/.test(q.sql));
    expect(page, 'the page query').toBeDefined();
    return [page!, res];
  } finally {
    knex.removeListener('query', listen);
  }
}

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
};

/** Rows the plan read from addresses (returned by its scans or removed by their filters), the indexes it used, rows a Limit skipped. */
async function rowsRead(query: { sql: string; bindings: unknown[] }) {
  // the event shows the SQL as sent ($1, $2… in order); knex.raw binds ?
  const { rows } = await knex.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql.replace(/\$\d+/g, '?')}`, query.bindings as never[]);
  const plan = (typeof rows[0]['QUERY PLAN'] === 'string' ? JSON.parse(rows[0]['QUERY PLAN']) : rows[0]['QUERY PLAN'])[0].Plan as PlanNode;
  let read = 0;
  let offsetSkipped = 0;
  const indexes: string[] = [];
  const walk = (node: PlanNode) => {
    const loops = node['Actual Loops'] ?? 1;
    // only scans of addresses count: the page's join reads a few wards by key
    if (node['Relation Name'] === 'addresses') {
      if (node['Index Name']) indexes.push(node['Index Name']);
      read += ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * loops;
    }
    if (node['Node Type'] === 'Limit' && node.Plans?.[0])
      offsetSkipped = Math.max(offsetSkipped, (node.Plans[0]['Actual Rows'] ?? 0) - (node['Actual Rows'] ?? 0));
    node.Plans?.forEach(walk);
  };
  walk(plan);
  return { read, offsetSkipped, indexes };
}
