/**
 * Staff never read households' contact data (issue 15, docs/moderation.md "Who may see what"):
 * - staff block and unblock only households active in their wards; anyone else answers exactly
 *   like an id that does not exist (404), so sequential ids cannot be probed; administrators act
 *   everywhere;
 * - no response of any route, asked by staff of either ward or by anyone anonymous, carries the
 *   e-mail or phone number of a seeded household. The GET routes are taken from app.routeSpecs
 *   with sample parameters, so a future route that leaks contact data fails here too; the staff
 *   actions (review, block) are called one by one; and no route but the self and administrator
 *   ones may even declare an `email` or `phone` in a response schema.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsRepository } from '../../server/accounts/repository.js';
import { createAccountsService } from '../../server/accounts/service.js';
import { createTestApp } from '../support/app.js';
import { pointsIn, signedIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);

const A = '00070'; // Hoàn Kiếm
const B = '00226'; // Văn Miếu - Quốc Tử Giám
const STREET = 'Phố Kín Đáo Thử Nghiệm';
const enc = (code: string) => encodeURIComponent(code);
type Agent = request.Agent;

/** A household that signs in with a phone number (the other households use e-mail). */
async function phoneHousehold() {
  const local = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const password = 'correct horse battery';
  const user = await createAccountsService(createAccountsRepository(knex)).createUser(
    { phone: `+84${local.slice(1)}` },
    password,
    'household',
  );
  const agent = request.agent(app);
  await agent.post('/v1/auth/login').send({ phone: local, password }).expect(200);
  return { agent, user, phone: user.phone!, local };
}

/** Registers, edits, proposes, claims and proposes a place in a ward: every kind of activity. */
async function activeIn(agent: Agent, ward: string) {
  const [p1, p2, p3, p4] = await pointsIn(knex, ward, 4);
  const own = (
    await agent
      .post('/v1/addresses')
      .send({ ...p1, details: { houseNumber: '7', street: STREET } })
      .expect(201)
  ).body.code as string;
  await agent
    .patch(`/v1/addresses/${enc(own)}`)
    .send({ version: 1, details: { houseNumber: '7A', street: STREET } })
    .expect(200);
  const other = (
    await request(app)
      .post('/v1/addresses')
      .send({ ...p2, details: { houseNumber: '9', street: STREET } })
      .expect(201)
  ).body.code as string;
  const proposal = (
    await agent
      .post(`/v1/addresses/${enc(other)}/proposals`)
      .send({ version: 1, details: { houseNumber: '9B', street: STREET } })
      .expect(201)
  ).body.id as string;
  const unowned = (await request(app).post('/v1/addresses').send(p3).expect(201)).body.code as string;
  const claim = (
    await agent
      .post(`/v1/addresses/${enc(unowned)}/proposals`)
      .send({ version: 1, claim: true })
      .expect(201)
  ).body.id as string;
  const place = (
    await agent
      .post('/v1/places/proposals')
      .send({ ...p4, name: 'Tiệm Kín Đáo', category: 'shop' })
      .expect(201)
  ).body.id as string;
  return { own, other, unowned, proposal, claim, place, point: p1! };
}

let staffA: Awaited<ReturnType<typeof signedIn>>;
let staffB: Awaited<ReturnType<typeof signedIn>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let inA: Awaited<ReturnType<typeof signedIn>>;
let inB: Awaited<ReturnType<typeof signedIn>>;
let phoneB: Awaited<ReturnType<typeof phoneHousehold>>;
let actA: Awaited<ReturnType<typeof activeIn>>;
let actB: Awaited<ReturnType<typeof activeIn>>;
let actPhone: Awaited<ReturnType<typeof activeIn>>;
/** Every form in which a seeded household's contact data could appear. */
let secrets: string[];

beforeAll(async () => {
  [staffA, staffB, admin, inA, inB] = await Promise.all([
    signedIn(app, knex, 'staff', [A]),
    signedIn(app, knex, 'staff', [B]),
    signedIn(app, knex, 'admin'),
    signedIn(app, knex, 'household'),
    signedIn(app, knex, 'household'),
  ]);
  phoneB = await phoneHousehold();
  actA = await activeIn(inA.agent, A);
  actB = await activeIn(inB.agent, B);
  actPhone = await activeIn(phoneB.agent, B);
  secrets = [inA.email, inB.email, phoneB.phone, phoneB.local, phoneB.phone.slice(1)];
}, 60_000);

/** The contact data found in a response's raw text (JSON, CSV, GeoJSON, HTML, anything). */
const leaked = (text: string) => secrets.filter((s) => text.toLowerCase().includes(s.toLowerCase()));
const rawText = (res: request.Response) =>
  res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('latin1') : JSON.stringify(res.body ?? ''));

describe('blocking is scoped to the staff member’s wards', () => {
  it('staff of ward A get 404 for a household only ever active in ward B, exactly as for an id that does not exist', async () => {
    const same = (res: request.Response, id: string) =>
      JSON.stringify(res.body).replaceAll(`user ${id}.`, 'user N.').replaceAll(`/users/${id}/`, '/users/N/');
    const missingBlock = await staffA.agent.post('/v1/users/999999999/block').send({ reason: 'thử' }).expect(404);
    const missingUnblock = await staffA.agent.post('/v1/users/999999999/unblock').expect(404);
    for (const id of [inB.user.id, phoneB.user.id]) {
      const block = await staffA.agent.post(`/v1/users/${id}/block`).send({ reason: 'thử' }).expect(404);
      const unblock = await staffA.agent.post(`/v1/users/${id}/unblock`).expect(404);
      expect(same(block, id)).toBe(same(missingBlock, '999999999'));
      expect(same(unblock, id)).toBe(same(missingUnblock, '999999999'));
      for (const res of [block, unblock]) {
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(leaked(rawText(res))).toEqual([]);
      }
    }
    const { rows } = await knex.raw('SELECT count(*)::int AS n FROM users WHERE id IN (?, ?) AND blocked_at IS NOT NULL', [
      inB.user.id,
      phoneB.user.id,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('staff of the ward a household was active in block and unblock it, and see a pseudonymous record only', async () => {
    const blocked = await staffB.agent.post(`/v1/users/${phoneB.user.id}/block`).send({ reason: 'thử nghiệm' }).expect(200);
    expect(blocked.body).toEqual({
      id: phoneB.user.id,
      since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      blocked: true,
      proposals: { approved: 0, rejected: 0, pending: 3 },
    });
    await phoneB.agent
      .post('/v1/addresses')
      .send((await pointsIn(knex, B, 1))[0])
      .expect(403);
    const unblocked = await staffB.agent.post(`/v1/users/${phoneB.user.id}/unblock`).expect(200);
    expect(unblocked.body).toMatchObject({ id: phoneB.user.id, blocked: false });
    for (const res of [blocked, unblocked]) expect(leaked(rawText(res))).toEqual([]);
    // every kind of activity counts: a household known in ward A only through its claim is A's to moderate
    const claimer = await signedIn(app, knex, 'household');
    const unowned = (
      await request(app)
        .post('/v1/addresses')
        .send((await pointsIn(knex, A, 1))[0])
        .expect(201)
    ).body.code;
    await staffA.agent.post(`/v1/users/${claimer.user.id}/block`).send({ reason: 'thử' }).expect(404);
    await claimer.agent
      .post(`/v1/addresses/${enc(unowned)}/proposals`)
      .send({ version: 1, claim: true })
      .expect(201);
    await staffA.agent.post(`/v1/users/${claimer.user.id}/unblock`).expect(200);
  });

  it('administrators block anyone, and are answered with the same record', async () => {
    const res = await admin.agent.post(`/v1/users/${inB.user.id}/block`).send({ reason: 'thử' }).expect(200);
    expect(res.body).toMatchObject({ id: inB.user.id, blocked: true });
    expect(leaked(rawText(res))).toEqual([]);
    await admin.agent.post(`/v1/users/${inB.user.id}/unblock`).expect(200);
  });
});

/** Sample values for each path parameter: every route is asked with each of them (zipped, not multiplied). */
function samples(): Record<string, string[]> {
  return {
    code: [actA.own, actB.own, actPhone.own, actA.other, actB.unowned, A, B, '01'],
    unit: ['A12'],
    wardCode: [A, B],
    id: [actA.proposal, actB.proposal, actPhone.claim, actPhone.place, inA.user.id, inB.user.id, phoneB.user.id],
    collectionId: ['addresses', 'wards', 'provinces'],
    featureId: [actB.own, B],
    layer: ['addresses', 'wards', 'labels'],
    z: ['16'],
    x: ['0'],
    y: ['0'],
    type: ['not-found'],
  };
}

/** Sample queries per route path (beside none at all). */
function queries(): Record<string, string[]> {
  const { lat, lng } = actB.point;
  return {
    '/v1/search': [`q=${enc(STREET)}`, `q=${enc(`7A ${STREET}`)}&near=${lat},${lng}`],
    '/v1/reverse': [`lat=${lat}&lng=${lng}&radius=500&limit=100`],
    '/v1/encode': [`lat=${lat}&lng=${lng}`],
    '/v1/wards/:wardCode/addresses': ['format=csv', 'format=geojson'],
    '/v1/wards/:wardCode/proposals': ['status=pending', 'status=approved', 'limit=500'],
    '/v1/addresses/parse': [`street=${enc(STREET)}`],
    '/ogc/collections/:collectionId/items': [`bbox=${lng - 0.01},${lat - 0.01},${lng + 0.01},${lat + 0.01}&limit=1000`],
    '/v1/keys': ['all=1'],
  };
}

function urlsOf(path: string): string[] {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const values = samples();
  const rounds = Math.max(1, ...names.map((n) => values[n]?.length ?? 1));
  const paths = new Set<string>();
  for (let i = 0; i < rounds; i++) {
    paths.add(
      path.replace(/:(\w+)/g, (_m, n: string) => {
        const list = values[n] ?? ['1'];
        return enc(list[i % list.length]!);
      }),
    );
  }
  const qs = ['', ...(queries()[path] ?? [])];
  return [...paths].flatMap((p) => qs.map((q) => (q ? `${p}?${q}` : p)));
}

describe('no staff or public response carries a household’s e-mail or phone', () => {
  it('every GET route, for staff of either ward and for anonymous callers', async () => {
    const gets = app.routeSpecs.filter((s) => s.method === 'get');
    expect(gets.length).toBeGreaterThan(20);
    const callers: [string, () => request.Agent | request.SuperTest<request.Test>][] = [
      ['staff A', () => staffA.agent],
      ['staff B', () => staffB.agent],
      ['anonymous', () => request(app) as never],
    ];
    const found: string[] = [];
    let ok = 0;
    for (const spec of gets) {
      for (const url of urlsOf(spec.path)) {
        for (const [who, agent] of callers) {
          const res = await agent().get(url).buffer(true);
          if (res.status === 200) ok++;
          const hits = leaked(rawText(res));
          if (hits.length) found.push(`${who} GET ${url} → ${res.status}: ${hits.join(', ')}`);
        }
      }
    }
    expect(found).toEqual([]);
    expect(ok).toBeGreaterThan(100); // the sample parameters reach real answers, not only errors
  }, 300_000);

  it('the staff actions: the queue, review, history, block and unblock', async () => {
    const responses: request.Response[] = [];
    for (const [staff, ward, act] of [
      [staffA, A, actA],
      [staffB, B, actB],
    ] as const) {
      responses.push(await staff.agent.get(`/v1/wards/${ward}/proposals?status=pending`).expect(200));
      responses.push(await staff.agent.get(`/v1/proposals/${act.proposal}`).expect(200));
      responses.push(await staff.agent.get(`/v1/addresses/${enc(act.own)}/history`).expect(200));
      responses.push(await staff.agent.post(`/v1/proposals/${act.proposal}/approve`).send({}).expect(200));
      responses.push(await staff.agent.post(`/v1/proposals/${act.claim}/reject`).send({ reason: 'không rõ' }).expect(200));
    }
    responses.push(await staffB.agent.post(`/v1/proposals/${actPhone.place}/approve`).send({}).expect(200));
    const queue = await staffB.agent.get(`/v1/wards/${B}/proposals?status=approved`).expect(200);
    responses.push(queue);
    const mine = queue.body.proposals.find((p: { id: string }) => p.id === actPhone.place);
    expect(mine.proposer).toEqual({
      id: phoneB.user.id,
      since: expect.any(String),
      blocked: false,
      proposals: { approved: 1, rejected: 0, pending: 2 },
    });
    responses.push(await staffB.agent.post(`/v1/users/${phoneB.user.id}/block`).send({ reason: 'thử' }).expect(200));
    responses.push(await staffB.agent.post(`/v1/users/${phoneB.user.id}/unblock`).expect(200));
    responses.push(await staffB.agent.get(`/v1/wards/${B}/addresses?format=csv`).expect(200));
    for (const [i, res] of responses.entries()) expect(leaked(rawText(res)), `response ${i}`).toEqual([]);
  });

  it('only the self and administrator routes declare an e-mail or phone in a response', () => {
    const SELF_OR_ADMIN = new Set([
      'post /v1/auth/signup',
      'post /v1/auth/login',
      'post /v1/auth/reset',
      'get /v1/me',
      'post /v1/users',
      'post /v1/users/:id/wards',
    ]);
    const declaring: string[] = [];
    const hasContact = (schema: unknown): boolean => {
      if (!schema || typeof schema !== 'object') return false;
      const props = (schema as { properties?: Record<string, unknown> }).properties;
      if (props && Object.keys(props).some((k) => /^(e-?mail|phone|tel(ephone)?)/i.test(k))) return true;
      return Object.values(schema).some(hasContact);
    };
    const paths = app.openapi.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        if (!SELF_OR_ADMIN.has(key) && hasContact(op.responses)) declaring.push(key);
      }
    }
    expect(declaring).toEqual([]);
  });
});
