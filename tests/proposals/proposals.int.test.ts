/** Community enrichment: proposals, review, history and restore, trust, limits, concurrency. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { pino } from 'pino';
import { createTestApp } from '../support/app.js';
import { pointsIn, signedIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);
const WARD = '00226';
const enc = (code: string) => encodeURIComponent(code);
let staff: Awaited<ReturnType<typeof signedIn>>;
let points: { lat: number; lng: number }[];
let next = 0;
const point = () => points[next++]!;

beforeAll(async () => {
  staff = await signedIn(app, knex, 'staff', [WARD]);
  points = await pointsIn(knex, WARD, 60);
});

/** An unowned address registered anonymously. */
async function unowned(details: Record<string, string> = {}) {
  const res = await request(app)
    .post('/v1/addresses')
    .send({ ...point(), details })
    .expect(201);
  return res.body.code as string;
}

describe('proposals and review', () => {
  it('a proposal waits in the ward’s queue; approval applies it; history shows both versions; restore brings the old one back', async () => {
    const code = await unowned({ houseNumber: '12', street: 'Văn Miếu' });
    const household = await signedIn(app, knex, 'household');
    const proposal = await household.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 1, details: { houseNumber: '12B' }, reason: 'số nhà mới' })
      .expect(201);
    expect(proposal.body).toMatchObject({ id: expect.stringMatching(/^\d+$/), status: 'pending', applied: false, kind: 'edit' });
    expect((await request(app).get(`/v1/codes/${code}`)).body.address.details.houseNumber).toBe('12');

    const queue = await staff.agent.get(`/v1/wards/${WARD}/proposals?status=pending`).expect(200);
    const mine = queue.body.proposals.find((p: { id: string }) => p.id === proposal.body.id);
    expect(mine).toMatchObject({ code, baseVersion: 1, currentVersion: 1, proposer: { id: household.user.id } });

    await household.agent.post(`/v1/proposals/${proposal.body.id}/approve`).send({}).expect(403);
    await staff.agent.post(`/v1/proposals/${proposal.body.id}/approve`).send({}).expect(200);
    await staff.agent.post(`/v1/proposals/${proposal.body.id}/approve`).send({}).expect(409); // decided already
    const after = (await request(app).get(`/v1/codes/${code}`)).body.address;
    expect(after).toMatchObject({ version: 2, details: { houseNumber: '12B', street: 'Văn Miếu' } });

    const publicHistory = await request(app)
      .get(`/v1/addresses/${enc(code)}/history`)
      .expect(200);
    expect(publicHistory.body.versions.map((v: { version: number; kind: string }) => [v.version, v.kind])).toEqual([
      [2, 'proposal'],
      [1, 'created'],
    ]);
    expect(publicHistory.body.versions[0].change.houseNumber).toEqual({ from: '12', to: '12B' });
    expect(publicHistory.body.versions[0].reason).toBe('số nhà mới');
    expect(publicHistory.body.versions[0]).not.toHaveProperty('by'); // who: owner and staff only
    expect((await staff.agent.get(`/v1/addresses/${enc(code)}/history`)).body.versions[0].by).toBe(household.user.id);

    await household.agent
      .post(`/v1/addresses/${enc(code)}/restore`)
      .send({ version: 1 })
      .expect(403);
    const restored = await staff.agent
      .post(`/v1/addresses/${enc(code)}/restore`)
      .send({ version: 1, expectedVersion: 2 })
      .expect(200);
    expect(restored.body.address).toMatchObject({ version: 3, details: { houseNumber: '12' } });
    const history = (await request(app).get(`/v1/addresses/${enc(code)}/history`)).body.versions;
    expect(history[0]).toMatchObject({ version: 3, kind: 'restored', change: { houseNumber: { from: '12B', to: '12' } } });
    await staff.agent
      .post(`/v1/addresses/${enc(code)}/restore`)
      .send({ version: 1, expectedVersion: 2 })
      .expect(409);
    await staff.agent
      .post(`/v1/addresses/${enc(code)}/restore`)
      .send({ version: 99 })
      .expect(404);
  });

  it('staff may edit a proposal before approving it, or reject it with a reason', async () => {
    const code = await unowned();
    const household = await signedIn(app, knex, 'household');
    const a = await household.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 1, details: { street: 'pho van mieu' } })
      .expect(201);
    await staff.agent
      .post(`/v1/proposals/${a.body.id}/approve`)
      .send({ edits: { details: { street: 'Phố Văn Miếu' } } })
      .expect(200);
    expect((await request(app).get(`/v1/codes/${code}`)).body.address.details.street).toBe('Phố Văn Miếu');
    const b = await household.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 2, details: { note: 'spam' } })
      .expect(201);
    await staff.agent.post(`/v1/proposals/${b.body.id}/reject`).send({}).expect(400);
    const rejected = await staff.agent.post(`/v1/proposals/${b.body.id}/reject`).send({ reason: 'không đúng' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'không đúng' });
    const mine = await household.agent.get('/v1/me/proposals').expect(200);
    expect(mine.body.proposals.map((p: { status: string }) => p.status)).toEqual(['approved', 'rejected']);
  });

  it('a proposal on a stale version gets 409; staff of another ward cannot review', async () => {
    const code = await unowned();
    const household = await signedIn(app, knex, 'household');
    const p = await household.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 1, details: { hamlet: 'Tổ 1' } })
      .expect(201);
    await household.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 7, details: { hamlet: 'Tổ 2' } })
      .expect(409);
    const elsewhere = await signedIn(app, knex, 'staff', ['00070']);
    await elsewhere.agent.post(`/v1/proposals/${p.body.id}/approve`).send({}).expect(403);
    await elsewhere.agent.get(`/v1/wards/${WARD}/proposals`).expect(403);
    await request(app)
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 1, details: { hamlet: 'x' } })
      .expect(401);
  });

  it('the owner’s own proposals apply at once; a household claims an unowned address through review', async () => {
    const owner = await signedIn(app, knex, 'household');
    const code = (await owner.agent.post('/v1/addresses').send(point()).expect(201)).body.code;
    const own = await owner.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 1, details: { building: 'Nhà A' } })
      .expect(201);
    expect(own.body).toMatchObject({ status: 'approved', applied: true });

    const claimed = await unowned();
    const claimer = await signedIn(app, knex, 'household');
    await claimer.agent
      .patch(`/v1/addresses/${enc(claimed)}`)
      .send({ version: 1, details: { note: 'x' } })
      .expect(403);
    const claim = await claimer.agent
      .post(`/v1/addresses/${enc(claimed)}/proposals`)
      .send({ version: 1, claim: true })
      .expect(201);
    expect(claim.body.kind).toBe('claim');
    await staff.agent.post(`/v1/proposals/${claim.body.id}/approve`).send({}).expect(200);
    await claimer.agent
      .patch(`/v1/addresses/${enc(claimed)}`)
      .send({ version: 2, details: { note: 'cổng xanh' } })
      .expect(200);
    await signedIn(app, knex, 'household').then((h) =>
      h.agent
        .post(`/v1/addresses/${enc(claimed)}/proposals`)
        .send({ version: 3, claim: true })
        .expect(409),
    );
  });

  it('a new place waits for review, then exists with its name and category', async () => {
    const household = await signedIn(app, knex, 'household');
    const at = point();
    const p = await household.agent
      .post('/v1/places/proposals')
      .send({ ...at, name: 'Hiệu thuốc Phúc Khang', category: 'pharmacy' })
      .expect(201);
    expect(p.body).toMatchObject({ kind: 'new_place', status: 'pending', wardCode: WARD });
    const before = await request(app).get(`/v1/codes/${p.body.code}`).expect(200);
    expect(before.body.registered).toBe(false);
    await staff.agent.post(`/v1/proposals/${p.body.id}/approve`).send({}).expect(200);
    const after = await request(app).get(`/v1/codes/${p.body.code}`).expect(200);
    expect(after.body.address.details).toMatchObject({ placeName: 'Hiệu thuốc Phúc Khang', category: 'pharmacy' });
    await household.agent.post('/v1/places/proposals').send({ lat: 10.0, lng: 107.8, name: 'Tàu', category: 'other' }).expect(422);
    await household.agent
      .post('/v1/places/proposals')
      .send({ ...at, name: '', category: 'shop' })
      .expect(400);
  });

  it('a trusted contributor (5 approved, ≥ 90%) publishes detail edits directly; entrance moves still wait', async () => {
    const contributor = await signedIn(app, knex, 'household');
    for (let i = 0; i < 5; i++) {
      const code = await unowned();
      const p = await contributor.agent
        .post(`/v1/addresses/${enc(code)}/proposals`)
        .send({ version: 1, details: { houseNumber: String(i) } })
        .expect(201);
      expect(p.body.applied).toBe(false);
      await staff.agent.post(`/v1/proposals/${p.body.id}/approve`).send({}).expect(200);
    }
    const code = await unowned();
    const direct = await contributor.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 1, details: { street: 'Quốc Tử Giám' } })
      .expect(201);
    expect(direct.body).toMatchObject({ applied: true, status: 'approved' });
    expect((await request(app).get(`/v1/codes/${code}`)).body.address.details.street).toBe('Quốc Tử Giám');
    const current = (await request(app).get(`/v1/codes/${code}`)).body;
    const move = await contributor.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 2, point: { lat: current.lat + 0.00001, lng: current.lng } })
      .expect(201);
    expect(move.body.applied).toBe(false);
  });

  it('a blocked user cannot propose; a household is limited per day', async () => {
    const household = await signedIn(app, knex, 'household');
    const code = await unowned();
    await household.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 1, details: { note: 'quảng cáo' } })
      .expect(201); // active in the ward
    await staff.agent.post(`/v1/users/${household.user.id}/block`).send({ reason: 'spam' }).expect(200);
    await household.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 1, details: { note: 'x' } })
      .expect(403);
    await household.agent.post('/v1/addresses').send(point()).expect(403);
    await staff.agent.post(`/v1/users/${staff.user.id}/block`).send({ reason: 'x' }).expect(403); // staff are not blocked by staff

    const limited = createApp({ knex, logger: pino({ level: 'silent' }), embedded: false, proposalsPerDay: 2 });
    const other = await signedIn(limited, knex, 'household');
    for (let i = 0; i < 2; i++)
      await other.agent
        .post(`/v1/addresses/${enc(code)}/proposals`)
        .send({ version: 1, details: { note: String(i) } })
        .expect(201);
    const over = await other.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 1, details: { note: '3' } })
      .expect(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rejects empty or malformed proposals with 400 and writes nothing', async () => {
    const household = await signedIn(app, knex, 'household');
    const code = await unowned();
    const before = Number((await knex('proposals').count('* as n'))[0]!.n);
    for (const body of [
      { version: 1 },
      { details: { note: 'x' } },
      { version: 1, details: { phone: '0912345678' } },
      { version: 1, details: { note: 'gọi 0912 345 678' } },
      { version: 'one', details: {} },
    ]) {
      await household.agent
        .post(`/v1/addresses/${enc(code)}/proposals`)
        .send(body)
        .expect(400);
    }
    await household.agent
      .post('/v1/addresses/NOT-A-CODE/proposals')
      .send({ version: 1, details: { note: 'x' } })
      .expect(400);
    expect(Number((await knex('proposals').count('* as n'))[0]!.n)).toBe(before);
  });
});

describe('concurrent moderation loses no update', () => {
  it('parallel approvals and edits of one address: each write lands on the version it saw, or gets 409', async () => {
    const owner = await signedIn(app, knex, 'household');
    const code = (
      await owner.agent
        .post('/v1/addresses')
        .send({ ...point(), details: { houseNumber: '1' } })
        .expect(201)
    ).body.code;
    const proposers = await Promise.all(Array.from({ length: 4 }, () => signedIn(app, knex, 'household')));
    const proposals = await Promise.all(
      proposers.map((p, i) =>
        p.agent
          .post(`/v1/addresses/${enc(code)}/proposals`)
          .send({ version: 1, details: { note: `đề xuất ${i}` } })
          .expect(201),
      ),
    );
    const results = await Promise.all([
      ...proposals.map((p) => staff.agent.post(`/v1/proposals/${p.body.id}/approve`).send({})),
      owner.agent.patch(`/v1/addresses/${enc(code)}`).send({ version: 1, details: { street: 'Hàng Đẫy' } }),
      owner.agent.patch(`/v1/addresses/${enc(code)}`).send({ version: 1, details: { street: 'Hàng Cháo' } }),
    ]);
    const ok = results.filter((r) => r.status === 200).length;
    expect(ok).toBe(1); // all were made against version 1: exactly one wins
    expect(results.filter((r) => r.status === 409)).toHaveLength(results.length - 1);
    const final = (await request(app).get(`/v1/codes/${code}`)).body.address;
    expect(final.version).toBe(2);
    const versions = await knex('address_versions')
      .join('addresses', 'addresses.id', 'address_versions.address_id')
      .where('addresses.code', code.replace(/-/g, ''))
      .count('* as n');
    expect(Number(versions[0]!.n)).toBe(2);
    // the losers can retry on the new version, and then land one after another
    const pending = (await staff.agent.get(`/v1/wards/${WARD}/proposals?status=pending`)).body.proposals.filter(
      (p: { code: string }) => p.code === code,
    );
    for (const p of pending)
      await staff.agent
        .post(`/v1/proposals/${p.id}/approve`)
        .send({ version: (await request(app).get(`/v1/codes/${code}`)).body.address.version })
        .expect(200);
    const last = (await request(app).get(`/v1/codes/${code}`)).body.address;
    expect(last.version).toBe(2 + pending.length);
  });
});
