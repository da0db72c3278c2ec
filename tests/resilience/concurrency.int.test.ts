/**
 * 200 signed-in households register at the same moment, over HTTP, into a few overlapping cells
 * (most requests share a code and unit with a dozen others): every answer is 201 (the one that
 * created it) or 200 (the address already there, as documented), never a 5xx; the table holds one
 * row per (code, unit) with one version each; and it is the unique constraint that guarantees it.
 * On the embedded database too (one pooled connection).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../server/codes/codec.js';
import { createTestApp } from '../support/app.js';
import { seededRandom } from '../support/random.js';
import { householdSessions } from '../support/users.js';

const { app, knex, close } = createTestApp();
let server: http.Server;
let base: string;
let households: { userId: string; cookie: string }[] = [];

// Quy Nhơn, a spot no other test uses: 4 points × 3 units = 12 targets for 200 requests
const POINTS = [
  { lat: 13.77101, lng: 109.22301 },
  { lat: 13.77101, lng: 109.22311 },
  { lat: 13.77111, lng: 109.22301 },
  { lat: 13.77121, lng: 109.22321 },
];
const UNITS = [undefined, 'A1', 'B2'];
const TARGETS = POINTS.flatMap((p) => UNITS.map((unit) => ({ ...p, unit, code: encode(p.lat, p.lng)! })));
const CODES = [...new Set(TARGETS.map((t) => t.code))];

beforeAll(async () => {
  expect(CODES).toHaveLength(POINTS.length); // distinct cells
  expect(Number((await knex('addresses').whereIn('code', CODES).count<{ n: string }[]>('* as n'))[0]!.n)).toBe(0);
  households = await householdSessions(knex, 200);
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await knex('addresses').whereIn('code', CODES).delete(); // versions go with them
  if (households.length)
    await knex('users')
      .whereIn(
        'id',
        households.map((h) => h.userId),
      )
      .delete(); // sessions go with them
  await close();
});

describe('200 concurrent registrations into overlapping cells', () => {
  it('answer 201 once per (code, unit) and 200 for the rest, store one row each, and never fail', async () => {
    const random = seededRandom(2028);
    const plan = households.map((h, i) => ({ h, target: TARGETS[i < TARGETS.length ? i : Math.floor(random() * TARGETS.length)]! }));
    const started = Date.now();
    const answers = await Promise.all(
      plan.map(async ({ h, target }) => {
        const res = await fetch(`${base}/v1/addresses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: h.cookie },
          body: JSON.stringify({
            lat: target.lat,
            lng: target.lng,
            ...(target.unit ? { unit: target.unit } : {}),
            details: { note: `hộ ${h.userId}` },
          }),
        });
        const body = await res.json();
        return {
          status: res.status,
          type: res.headers.get('content-type'),
          body,
          userId: h.userId,
          key: `${target.code}/${target.unit ?? ''}`,
        };
      }),
    );
    console.info(`concurrency: 200 registrations answered in ${Date.now() - started} ms`);

    expect(answers.filter((a) => a.status !== 201 && a.status !== 200).map((a) => [a.status, a.body.detail])).toEqual([]);
    const created = answers.filter((a) => a.status === 201);
    // exactly one creator per target, and every answer shows the one address of its target
    expect(created.map((a) => a.key).sort()).toEqual(TARGETS.map((t) => `${t.code}/${t.unit ?? ''}`).sort());
    for (const a of answers) {
      const winner = created.find((c) => c.key === a.key)!;
      expect(a.body.code).toBe(winner.body.code);
      expect(a.body.address.details.note).toBe(winner.body.address.details.note);
    }

    const rows: { code: string; unit: string; owner_id: string; versions: number }[] = (
      await knex.raw(
        `SELECT a.code, a.unit, a.owner_id::text, (SELECT count(*)::int FROM address_versions v WHERE v.address_id = a.id) AS versions
         FROM addresses a WHERE a.code = ANY(?)`,
        [CODES],
      )
    ).rows;
    expect(rows).toHaveLength(TARGETS.length);
    expect(new Set(rows.map((r) => `${r.code}/${r.unit}`)).size).toBe(TARGETS.length);
    expect(rows.every((r) => r.versions === 1)).toBe(true);
    // the row belongs to the household that got the 201
    for (const r of rows) expect(r.owner_id).toBe(created.find((c) => c.key === `${r.code}/${r.unit}`)!.userId);
  });

  it('the unique constraint on (code, unit) is what keeps duplicates out', async () => {
    const { rows } = await knex.raw(
      `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c WHERE c.conrelid = 'addresses'::regclass AND c.contype = 'u'`,
    );
    expect(rows.map((r: { def: string }) => r.def)).toContain('UNIQUE (code, unit)');
    // a second row for a registered (code, unit), written past the API, is refused by the database
    const [row] = await knex('addresses').where({ code: TARGETS[0]!.code, unit: '' }).select('code', 'unit', 'h3', 'geom');
    await expect(knex('addresses').insert(row)).rejects.toMatchObject({ code: '23505' });
  });
});
