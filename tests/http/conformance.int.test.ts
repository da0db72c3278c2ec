/**
 * Real responses against their declared schemas. A representative request per route (most with
 * a success and an error), and each response is checked three ways:
 * - its status is one the route declares (or the implicit 400 of a route with inputs, or 503);
 * - its Content-Type is the declared one (problem+json for errors);
 * - its body parses with the zod schema declared for that status (ProblemDetails for problems),
 *   and validates against the JSON Schema that /openapi.json publishes for it (Ajv, draft
 *   2020-12), which also catches fields a route sends but does not document.
 * Finally every declared route must have been exercised here: a new route needs a call below.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import request, { type Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyRouteSpec } from '../../server/http/route.js';
import { ProblemDetails } from '../../server/http/openapi.js';
import { createTestApp } from '../support/app.js';
import { pointsIn, signedIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);

const WARD = '00070'; // Hoàn Kiếm
const HOAN_KIEM = '25M-SN9-S32';
const enc = (code: string) => encodeURIComponent(code);
/** A street no other test knows: addresses registered here must not move other tests' street placement. */
const STREET = 'Phố Kiểm Thử Phù Hợp';

type OpenApi = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: object;
};
let openapi: OpenApi;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

const specs = new Map<string, AnyRouteSpec>(app.routeSpecs.map((s) => [`${s.method} ${s.path}`, s]));
const exercised = new Map<string, Set<number>>();

const JSON_TYPES = /^application\/([\w.-]+\+)?json$/;

/** What is wrong with one response, as sentences; [] when it conforms. */
function mismatches(key: string, res: Response): string[] {
  const spec = specs.get(key);
  if (!spec) return [`no route is declared as "${key}"`];
  (exercised.get(key) ?? exercised.set(key, new Set()).get(key)!).add(res.status);
  const path = spec.path.replace(/:(\w+)/g, '{$1}');
  const responses = openapi.paths[path]?.[spec.method]?.responses ?? {};
  // the statuses /openapi.json publishes: the declared ones and the implicit problems (400, 413, 415, 503)
  const published = responses[String(res.status)];
  if (!published) return [`status ${res.status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
  if (res.status === 204 || res.status === 304) return [];

  const out: string[] = [];
  const declared = spec.responses[res.status];
  const media = declared
    ? [{ contentType: declared.contentType ?? 'application/json', schema: declared.schema }, ...(declared.alternatives ?? [])]
    : [{ contentType: 'application/problem+json', schema: undefined }];
  const type = String(res.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  const entry = media.find((m) => m.contentType === type);
  if (!entry) return [`Content-Type ${type || '(none)'}, declared ${media.map((m) => m.contentType).join(' or ')}`];
  const publishedSchema = published.content?.[type]?.schema;
  if (!publishedSchema) out.push(`/openapi.json has no ${type} content for ${res.status}`);
  if (!JSON_TYPES.test(type)) return out;

  const schema = entry.schema ?? (type === 'application/problem+json' ? ProblemDetails : undefined);
  if (!schema) return [...out, 'a JSON response without a declared schema'];
  const parsed = schema.safeParse(res.body);
  if (!parsed.success) out.push(...parsed.error.issues.slice(0, 5).map((i) => `zod: ${i.path.join('.') || '(body)'}: ${i.message}`));
  if (publishedSchema) {
    const id = `${key} ${res.status} ${type}`;
    let validate = compiled.get(id);
    if (!validate) compiled.set(id, (validate = ajv.compile({ ...publishedSchema, components: openapi.components })));
    if (!validate(res.body)) {
      out.push(
        ...(validate.errors ?? [])
          .slice(0, 5)
          .map(
            (e) =>
              `openapi: ${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` "${e.params.additionalProperty}"` : ''}`,
          ),
      );
    }
  }
  return out;
}

/** Checks a real response of the route `key` ("method /express/path"); `status` is what the call is meant to get. */
function conform(key: string, res: Response, status: number | number[]): Response {
  const wanted = Array.isArray(status) ? status : [status];
  expect.soft(wanted, `${key}: got ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`).toContain(res.status);
  expect.soft(mismatches(key, res), `${key} → ${res.status}`).toEqual([]);
  return res;
}

let staff: Awaited<ReturnType<typeof signedIn>>;
let household: Awaited<ReturnType<typeof signedIn>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let points: { lat: number; lng: number }[];
let nextPoint = 0;
const point = () => points[nextPoint++]!;

beforeAll(async () => {
  openapi = (await request(app).get('/openapi.json').expect(200)).body;
  [staff, household, admin] = [
    await signedIn(app, knex, 'staff', [WARD]),
    await signedIn(app, knex, 'household'),
    await signedIn(app, knex, 'admin'),
  ];
  points = await pointsIn(knex, WARD, 30);
});

describe('real responses match their declared schemas', () => {
  it('codes: decode, with a unit, batch, encode; typos and bad input are problems', async () => {
    conform('get /v1/codes/:code', await request(app).get(`/v1/codes/${HOAN_KIEM}`), 200);
    conform('get /v1/codes/:code', await request(app).get('/v1/codes/25M-SN9-S33?near=21.03,105.85'), 400);
    conform('get /v1/codes/:code/:unit', await request(app).get(`/v1/codes/${HOAN_KIEM}/A12`), 200);
    conform('get /v1/codes/:code/:unit', await request(app).get(`/v1/codes/${HOAN_KIEM}/A-12`), 400);
    conform(
      'post /v1/codes/lookup',
      await request(app)
        .post('/v1/codes/lookup')
        .send({ codes: [HOAN_KIEM, '0NB-V7J-5C2', '25M-SN9-S33', 'nonsense'] }),
      200,
    );
    conform('post /v1/codes/lookup', await request(app).post('/v1/codes/lookup').send({ codes: [] }), 400);
    conform('post /v1/codes/lookup', await request(app).post('/v1/codes/lookup').set('content-type', 'text/plain').send('x'), 415);
    conform('get /v1/encode', await request(app).get('/v1/encode?lat=21.0287&lng=105.8522'), 200);
    conform('get /v1/encode', await request(app).get('/v1/encode?lat=0&lng=0'), 422);
    conform('get /v1/encode', await request(app).get('/v1/encode?lat=abc&lng=105'), 400);
  });

  it('share: QR codes', async () => {
    conform('get /v1/codes/:code/qr.svg', await request(app).get(`/v1/codes/${HOAN_KIEM}/qr.svg`), 200);
    conform('get /v1/codes/:code/qr.png', await request(app).get(`/v1/codes/${HOAN_KIEM}/qr.png?size=128`), 200);
    conform('get /v1/codes/:code/:unit/qr.svg', await request(app).get(`/v1/codes/${HOAN_KIEM}/A12/qr.svg`), 200);
    conform('get /v1/codes/:code/:unit/qr.png', await request(app).get(`/v1/codes/${HOAN_KIEM}/A12/qr.png`), 200);
    conform('get /v1/codes/:code/qr.svg', await request(app).get('/v1/codes/25M-SN9-S33/qr.svg'), 400);
  });

  let registered = '';
  it('addresses: register (201, then 200), reverse; bad input and outside coverage', async () => {
    const at = point();
    const created = conform(
      'post /v1/addresses',
      await household.agent.post('/v1/addresses').send({ ...at, details: { houseNumber: '7', street: STREET } }),
      201,
    );
    registered = created.body.code;
    conform('post /v1/addresses', await request(app).post('/v1/addresses').send(at), 200);
    conform(
      'post /v1/addresses',
      await request(app)
        .post('/v1/addresses')
        .send({ ...point(), unit: 'P302' }),
      201,
    );
    conform(
      'post /v1/addresses',
      await request(app)
        .post('/v1/addresses')
        .send({ lat: 21, lng: 105, details: { note: 'gọi 0912345678' } }),
      400,
    );
    conform('post /v1/addresses', await request(app).post('/v1/addresses').send({ lat: 0, lng: 0 }), 422);
    conform('get /v1/reverse', await request(app).get(`/v1/reverse?lat=${at.lat}&lng=${at.lng}&radius=300&limit=5`), 200);
    conform('get /v1/reverse', await request(app).get('/v1/reverse?lat=21&lng=105&radius=5000'), 400);
    conform('get /v1/codes/:code', await request(app).get(`/v1/codes/${registered}`), 200);
  });

  it('addresses: edit, history, restore', async () => {
    conform(
      'patch /v1/addresses/:code',
      await household.agent.patch(`/v1/addresses/${enc(registered)}`).send({ version: 1, details: { landmark: 'cạnh hiệu sách' } }),
      200,
    );
    conform(
      'patch /v1/addresses/:code',
      await household.agent.patch(`/v1/addresses/${enc(registered)}`).send({ version: 1, details: { landmark: 'cũ' } }),
      409,
    );
    conform(
      'patch /v1/addresses/:code',
      await request(app)
        .patch(`/v1/addresses/${enc(registered)}`)
        .send({ version: 2 }),
      401,
    );
    conform('get /v1/addresses/:code/history', await household.agent.get(`/v1/addresses/${enc(registered)}/history`), 200);
    conform('get /v1/addresses/:code/history', await request(app).get(`/v1/addresses/${enc(registered)}/history`), 200);
    conform('get /v1/addresses/:code/history', await request(app).get(`/v1/addresses/${enc(HOAN_KIEM)}/history`), 404);
    conform(
      'post /v1/addresses/:code/restore',
      await staff.agent.post(`/v1/addresses/${enc(registered)}/restore`).send({ version: 1, expectedVersion: 2 }),
      200,
    );
    conform(
      'post /v1/addresses/:code/restore',
      await staff.agent.post(`/v1/addresses/${enc(registered)}/restore`).send({ version: 1, expectedVersion: 2 }),
      409,
    );
    conform(
      'post /v1/addresses/:code/restore',
      await request(app)
        .post(`/v1/addresses/${enc(registered)}/restore`)
        .send({ version: 1 }),
      401,
    );
    conform(
      'post /v1/addresses/:code/restore',
      await staff.agent.post(`/v1/addresses/${enc(registered)}/restore`).send({ version: 99 }),
      404,
    );
    conform(
      'patch /v1/addresses/:code',
      await staff.agent.patch(`/v1/addresses/${enc(HOAN_KIEM)}`).send({ version: 1, details: { note: 'x' } }),
      404,
    );
    conform(
      'patch /v1/addresses/:code',
      await staff.agent.patch(`/v1/addresses/${enc(registered)}`).send({ version: 3, point: { lat: 21.5, lng: 105.5 } }),
      422,
    );
  });

  it('proposals: propose, place, queue, mine, one, approve, reject', async () => {
    const code = (await request(app).post('/v1/addresses').send(point()).expect(201)).body.code;
    const first = conform(
      'post /v1/addresses/:code/proposals',
      await household.agent
        .post(`/v1/addresses/${enc(code)}/proposals`)
        .send({ version: 1, details: { houseNumber: '12B' }, reason: 'số nhà mới' }),
      201,
    );
    conform(
      'post /v1/addresses/:code/proposals',
      await request(app)
        .post(`/v1/addresses/${enc(code)}/proposals`)
        .send({ version: 1, details: { houseNumber: '1' } }),
      401,
    );
    const place = conform(
      'post /v1/places/proposals',
      await household.agent.post('/v1/places/proposals').send({ ...point(), name: 'Hiệu thuốc Kiểm Thử', category: 'pharmacy' }),
      201,
    );
    conform(
      'post /v1/places/proposals',
      await household.agent.post('/v1/places/proposals').send({ lat: 10.0, lng: 107.8, name: 'Tàu', category: 'other' }),
      422,
    );
    conform('get /v1/wards/:wardCode/proposals', await staff.agent.get(`/v1/wards/${WARD}/proposals?status=pending`), 200);
    conform('get /v1/wards/:wardCode/proposals', await household.agent.get(`/v1/wards/${WARD}/proposals`), 403);
    conform('get /v1/wards/:wardCode/proposals', await request(app).get(`/v1/wards/${WARD}/proposals`), 401);
    conform('get /v1/proposals/:id', await request(app).get(`/v1/proposals/${first.body.id}`), [401, 404]);
    conform('post /v1/proposals/:id/approve', await request(app).post(`/v1/proposals/${first.body.id}/approve`).send({}), 401);
    conform('post /v1/proposals/:id/approve', await staff.agent.post('/v1/proposals/999999999/approve').send({}), 404);
    conform('post /v1/proposals/:id/reject', await request(app).post(`/v1/proposals/${first.body.id}/reject`).send({ reason: 'x' }), 401);
    conform('post /v1/proposals/:id/reject', await staff.agent.post('/v1/proposals/999999999/reject').send({ reason: 'x' }), 404);
    conform(
      'post /v1/addresses/:code/proposals',
      await household.agent.post(`/v1/addresses/${enc(HOAN_KIEM)}/proposals`).send({ version: 1, details: { note: 'x' } }),
      404,
    );
    conform(
      'post /v1/places/proposals',
      await request(app)
        .post('/v1/places/proposals')
        .send({ ...point(), name: 'Quán', category: 'shop' }),
      401,
    );
    conform('get /v1/me/proposals', await household.agent.get('/v1/me/proposals'), 200);
    conform('get /v1/me/proposals', await request(app).get('/v1/me/proposals'), 401);
    conform('get /v1/proposals/:id', await household.agent.get(`/v1/proposals/${first.body.id}`), 200);
    conform('get /v1/proposals/:id', await household.agent.get('/v1/proposals/999999999'), 404);
    conform('post /v1/proposals/:id/approve', await staff.agent.post(`/v1/proposals/${first.body.id}/approve`).send({}), 200);
    conform('post /v1/proposals/:id/approve', await staff.agent.post(`/v1/proposals/${first.body.id}/approve`).send({}), 409);
    conform(
      'post /v1/proposals/:id/reject',
      await staff.agent.post(`/v1/proposals/${place.body.id}/reject`).send({ reason: 'không có ở đây' }),
      200,
    );
    conform(
      'post /v1/proposals/:id/reject',
      await household.agent.post(`/v1/proposals/${place.body.id}/reject`).send({ reason: 'x' }),
      [403, 409],
    );
  });

  it('the commune console: addresses (JSON, GeoJSON, CSV), stats, coverage, imports', async () => {
    conform('get /v1/wards/:wardCode/addresses', await staff.agent.get(`/v1/wards/${WARD}/addresses`), 200);
    conform('get /v1/wards/:wardCode/addresses', await staff.agent.get(`/v1/wards/${WARD}/addresses?format=geojson`), 200);
    conform('get /v1/wards/:wardCode/addresses', await staff.agent.get(`/v1/wards/${WARD}/addresses?format=csv`), 200);
    conform('get /v1/wards/:wardCode/addresses', await household.agent.get(`/v1/wards/${WARD}/addresses`), 403);
    conform('get /v1/wards/:wardCode/stats', await staff.agent.get(`/v1/wards/${WARD}/stats`), 200);
    conform('get /v1/wards/:wardCode/stats', await request(app).get(`/v1/wards/${WARD}/stats`), 401);
    conform('get /v1/wards/:wardCode/coverage', await staff.agent.get(`/v1/wards/${WARD}/coverage`), 200);
    conform('get /v1/wards/:wardCode/coverage', await request(app).get(`/v1/wards/${WARD}/coverage`), 401);
    conform(
      'post /v1/wards/:wardCode/imports',
      await request(app).post(`/v1/wards/${WARD}/imports`).set('content-type', 'text/csv').send('lat,lng\n21,105\n'),
      401,
    );
    conform('get /v1/wards/:wardCode/addresses', await request(app).get(`/v1/wards/${WARD}/addresses`), 401);
    const [a, b] = [point(), point()];
    const csv = `lat,lng,house_number,street,unit,note\n${a.lat},${a.lng},3,${STREET},,\nabc,${b.lng},4,${STREET},,\n`;
    conform(
      'post /v1/wards/:wardCode/imports',
      await staff.agent.post(`/v1/wards/${WARD}/imports?dryRun=true`).set('content-type', 'text/csv').send(csv),
      200,
    );
    conform(
      'post /v1/wards/:wardCode/imports',
      await staff.agent.post(`/v1/wards/${WARD}/imports?dryRun=false`).set('content-type', 'text/csv').send(csv),
      422,
    );
    const good = `lat,lng,house_number,street\n${a.lat},${a.lng},3,${STREET}\n${b.lat},${b.lng},4,${STREET}\n`;
    conform(
      'post /v1/wards/:wardCode/imports',
      await staff.agent.post(`/v1/wards/${WARD}/imports?dryRun=false`).set('content-type', 'text/csv').send(good),
      201,
    );
    conform(
      'post /v1/wards/:wardCode/imports',
      await staff.agent.post(`/v1/wards/${WARD}/imports`).set('content-type', 'text/csv').send('lat,lng\n"unterminated\n'),
      400,
    );
  });

  it('admin units and conversion of old addresses', async () => {
    conform('get /v1/admin/provinces', await request(app).get('/v1/admin/provinces'), 200);
    conform('get /v1/admin/provinces/:code/wards', await request(app).get('/v1/admin/provinces/01/wards'), 200);
    conform('get /v1/admin/provinces/:code/wards', await request(app).get('/v1/admin/provinces/99/wards'), 404);
    conform('get /v1/admin/wards/:code', await request(app).get(`/v1/admin/wards/${WARD}`), 200);
    conform('get /v1/admin/wards/:code', await request(app).get(`/v1/admin/wards/${WARD}?geometry=true`), 200);
    conform('get /v1/admin/wards/:code', await request(app).get('/v1/admin/wards/99999'), 404);
    conform(
      'get /v1/admin/convert',
      await request(app).get('/v1/admin/convert?ward=Phuong%20Ben%20Nghe&district=Quan%201&province=TP%20HCM'),
      200,
    );
    conform(
      'get /v1/admin/convert',
      await request(app).get(`/v1/admin/convert?ward=${enc('Phường 6')}&district=${enc('Quận 3')}&province=HCM&point=10.78,106.69`),
      200,
    );
    conform('get /v1/admin/convert', await request(app).get('/v1/admin/convert?ward=zzzzqqq'), 404);
  });

  it('search and parsing', async () => {
    for (const q of [
      '58 quoc tu',
      HOAN_KIEM,
      '25M-SN9-S23',
      '25MSN9',
      'phường 6 quận 3',
      'Hoàn Kiếm',
      'ha noi',
      'Tràng Tiền',
      '7 kiem thu phu hop',
    ]) {
      conform('get /v1/search', await request(app).get(`/v1/search?q=${enc(q)}&near=21.03,105.85`), 200);
    }
    conform('get /v1/search', await request(app).get('/v1/search?q='), 400);
    conform(
      'post /v1/addresses/parse',
      await request(app).post('/v1/addresses/parse').send({ text: '12 ngõ 5 Tràng Tiền, P. Tràng Tiền, Q. Hoàn Kiếm, HN' }),
      200,
    );
    conform(
      'post /v1/addresses/parse',
      await request(app)
        .post('/v1/addresses/parse')
        .send({ texts: ['59 Phố Quốc Tử Giám', '243 Hai Bà Trưng, Q3', 'Xã Tân Phú, Huyện Đồng Phú, Bình Phước'] }),
      200,
    );
    conform('post /v1/addresses/parse', await request(app).post('/v1/addresses/parse').send({ texts: [] }), 400);
  });

  it('routing: directions and a delivery round', async () => {
    conform('get /v1/route', await request(app).get('/v1/route?from=21.0275,105.8355&to=21.0290,105.8300&profile=motorbike'), 200);
    conform('get /v1/route', await request(app).get('/v1/route?from=21.0275,105.8355&to=16.0,108.0'), 422);
    conform('get /v1/route', await request(app).get('/v1/route?from=21.0275,105.8355&to=25M-SN9-S33'), 400);
    const stops = [{ lat: 21.0262, lng: 105.833 }, { lat: 21.0291, lng: 105.8352 }, '21.0283,105.8292'];
    conform('post /v1/routes/optimize', await request(app).post('/v1/routes/optimize').send({ start: '21.0275,105.8355', stops }), 200);
    conform('post /v1/routes/optimize', await request(app).post('/v1/routes/optimize').send({ start: '21.0275,105.8355', stops: [] }), 400);
  });

  it('accounts: sign-up, login, me, logout; administrators manage users', async () => {
    const email = `conformance-${process.pid}-${Date.now()}@example.vn`;
    const agent = request.agent(app);
    conform('post /v1/auth/signup', await agent.post('/v1/auth/signup').send({ email, password: 'mat khau that dai' }), 202);
    conform('post /v1/auth/signup', await request(app).post('/v1/auth/signup').send({ email, password: 'mat khau that dai' }), 202);
    conform(
      'post /v1/auth/signup',
      await request(app)
        .post('/v1/auth/signup')
        .send({ email: `weak-${email}`, password: 'password123' }),
      400,
    );
    conform('post /v1/auth/login', await agent.post('/v1/auth/login').send({ email, password: 'mat khau that dai' }), 200);
    conform('post /v1/auth/login', await request(app).post('/v1/auth/login').send({ email, password: 'wrong password' }), 401);
    conform('get /v1/me', await agent.get('/v1/me'), 200);
    conform('get /v1/me', await request(app).get('/v1/me'), 401);
    conform(
      'post /v1/auth/password',
      await agent.post('/v1/auth/password').send({ currentPassword: 'not it at all', newPassword: 'mat khau moi that dai' }),
      403,
    );
    conform(
      'post /v1/auth/password',
      await agent.post('/v1/auth/password').send({ currentPassword: 'mat khau that dai', newPassword: 'mat khau moi that dai' }),
      204,
    );
    conform(
      'post /v1/auth/password',
      await request(app).post('/v1/auth/password').send({ currentPassword: 'x', newPassword: 'mat khau moi that dai' }),
      401,
    );
    conform('post /v1/auth/reset-request', await request(app).post('/v1/auth/reset-request').send({ email }), 503); // this app sends no mail
    conform('post /v1/auth/reset-request', await request(app).post('/v1/auth/reset-request').send({ email: 'nope' }), 400);
    conform(
      'post /v1/auth/reset',
      await request(app)
        .post('/v1/auth/reset')
        .send({ token: 'x'.repeat(43), password: 'mat khau moi that dai' }),
      400,
    );
    conform('post /v1/auth/logout', await agent.post('/v1/auth/logout'), 204);

    const made = conform(
      'post /v1/users',
      await admin.agent.post('/v1/users').send({ email: `staff-${email}`, password: 'another long secret', role: 'staff', wards: [WARD] }),
      201,
    );
    conform(
      'post /v1/users',
      await request(app)
        .post('/v1/users')
        .send({ email: `y-${email}`, password: 'another long secret', role: 'admin' }),
      [401, 403],
    );
    conform(
      'post /v1/users/:id/wards',
      await request(app)
        .post(`/v1/users/${made.body.id}/wards`)
        .send({ wards: [WARD] }),
      [401, 403],
    );
    conform('post /v1/users/:id/block', await request(app).post(`/v1/users/${made.body.id}/block`).send({ reason: 'x' }), [401, 403]);
    conform('post /v1/users/:id/block', await staff.agent.post('/v1/users/999999999/block').send({ reason: 'x' }), 404);
    conform('post /v1/users/:id/wards', await admin.agent.post('/v1/users/999999999/wards').send({ wards: [WARD] }), 404);
    conform(
      'post /v1/users',
      await household.agent.post('/v1/users').send({ email: `x-${email}`, password: 'another long secret', role: 'admin' }),
      403,
    );
    conform('post /v1/users/:id/wards', await admin.agent.post(`/v1/users/${made.body.id}/wards`).send({ wards: [WARD, '00004'] }), 200);
    conform('post /v1/users/:id/wards', await admin.agent.post(`/v1/users/${made.body.id}/wards`).send({ wards: ['99999'] }), 400);
    const someone = await signedIn(app, knex, 'household');
    await someone.agent.post('/v1/addresses').send(point()).expect(201); // active in the staff member's ward: theirs to moderate
    conform('post /v1/users/:id/block', await staff.agent.post(`/v1/users/${someone.user.id}/block`).send({ reason: 'thử nghiệm' }), 200);
    conform('post /v1/users/:id/block', await admin.agent.post(`/v1/users/${made.body.id}/block`).send({ reason: 'thử nghiệm' }), 403);
    conform('post /v1/users/:id/unblock', await staff.agent.post(`/v1/users/${someone.user.id}/unblock`), 200);
    conform('post /v1/users/:id/unblock', await household.agent.post(`/v1/users/${someone.user.id}/unblock`), 403);
  });

  it('API keys: create, list, usage, rotate, revoke', async () => {
    const created = conform('post /v1/keys', await household.agent.post('/v1/keys').send({ name: 'kho Hà Nội' }), 201);
    conform('post /v1/keys', await request(app).post('/v1/keys').send({ name: 'x' }), 401);
    conform('get /v1/keys', await household.agent.get('/v1/keys'), 200);
    conform('get /v1/keys', await request(app).get('/v1/keys'), 401);
    conform('get /v1/keys/:id/usage', await request(app).get(`/v1/keys/${created.body.id}/usage`), 401);
    conform('post /v1/keys/:id/rotate', await request(app).post(`/v1/keys/${created.body.id}/rotate`), 401);
    conform('delete /v1/keys/:id', await request(app).delete(`/v1/keys/${created.body.id}`), 401);
    conform(
      'get /v1/codes/:code',
      await request(app).get(`/v1/codes/${HOAN_KIEM}`).set('X-API-Key', 'vnac_00000000000000000000000000000000'),
      401,
    );
    conform('get /v1/keys/:id/usage', await household.agent.get(`/v1/keys/${created.body.id}/usage`), 200);
    const rotated = conform('post /v1/keys/:id/rotate', await household.agent.post(`/v1/keys/${created.body.id}/rotate`), 201);
    conform('delete /v1/keys/:id', await household.agent.delete(`/v1/keys/${rotated.body.id}`), 200);
    conform('delete /v1/keys/:id', await staff.agent.delete(`/v1/keys/${rotated.body.id}`), [403, 404]);
    const limits = `/v1/users/${household.user.id}/api-limits`;
    conform('get /v1/users/:id/api-limits', await household.agent.get(limits), 200);
    conform('get /v1/users/:id/api-limits', await household.agent.get(`/v1/users/${admin.user.id}/api-limits`), 404);
    conform('get /v1/users/:id/api-limits', await request(app).get(limits), 401);
    conform('put /v1/users/:id/api-limits', await admin.agent.put(limits).send({ perMinute: 600, perDay: 100_000 }), 200);
    conform('put /v1/users/:id/api-limits', await household.agent.put(limits).send({ perMinute: 600, perDay: 100_000 }), 403);
    conform('put /v1/users/:id/api-limits', await admin.agent.put(limits).send({ perMinute: -1 }), 400);
    conform('put /v1/users/:id/api-limits', await admin.agent.put('/v1/users/999999999/api-limits').send({ perMinute: 1, perDay: 1 }), 404);
    conform('delete /v1/users/:id/api-limits', await admin.agent.delete(limits), 200);
    conform('delete /v1/users/:id/api-limits', await household.agent.delete(limits), 403);
  });

  it('batch files: CSV of codes and of addresses in, enriched CSV out', async () => {
    const codes = `code,order\n${HOAN_KIEM},A1\n25M-SN9-S33,A2\n`;
    conform('post /v1/batch/codes.csv', await request(app).post('/v1/batch/codes.csv').set('content-type', 'text/csv').send(codes), 200);
    conform('post /v1/batch/codes.csv', await request(app).post('/v1/batch/codes.csv').set('content-type', 'text/csv').send(''), 400);
    conform('post /v1/batch/codes.csv', await request(app).post('/v1/batch/codes.csv').set('content-type', 'image/png').send('x'), 415);
    const lines = 'địa chỉ\n"12 Tràng Tiền, Hoàn Kiếm, Hà Nội"\n"59 Phố Quốc Tử Giám, Đống Đa"\n';
    conform(
      'post /v1/batch/addresses.csv',
      await request(app).post('/v1/batch/addresses.csv').set('content-type', 'text/csv').send(lines),
      200,
    );
  });

  it('OGC API - Features: landing page, conformance, collections, items, one feature', async () => {
    conform('get /ogc', await request(app).get('/ogc'), 200);
    conform('get /ogc/conformance', await request(app).get('/ogc/conformance'), 200);
    conform('get /ogc/collections', await request(app).get('/ogc/collections'), 200);
    conform('get /ogc/collections/:collectionId', await request(app).get('/ogc/collections/wards'), 200);
    conform('get /ogc/collections/:collectionId', await request(app).get('/ogc/collections/nothing'), 404);
    conform('get /ogc/collections/:collectionId/items', await request(app).get('/ogc/collections/addresses/items?limit=3'), 200);
    conform('get /ogc/collections/:collectionId/items', await request(app).get('/ogc/collections/provinces/items?limit=1&offset=1'), 200);
    conform('get /ogc/collections/:collectionId/items', await request(app).get('/ogc/collections/wards/items?bbox=1,2,3'), 400);
    conform('get /ogc/collections/:collectionId/items/:featureId', await request(app).get(`/ogc/collections/wards/items/${WARD}`), 200);
    conform(
      'get /ogc/collections/:collectionId/items/:featureId',
      await request(app).get(`/ogc/collections/addresses/items/${enc(registered)}`),
      200,
    );
    conform('get /ogc/collections/:collectionId/items/:featureId', await request(app).get('/ogc/collections/wards/items/99999'), 404);
  });

  it('map tiles: a tile, an empty one, not modified, an unknown layer', async () => {
    const tile = conform('get /tiles/:layer/:z/:x/:y.mvt', await request(app).get('/tiles/wards/13/6504/3606.mvt'), 200);
    conform(
      'get /tiles/:layer/:z/:x/:y.mvt',
      await request(app).get('/tiles/wards/13/6504/3606.mvt').set('If-None-Match', String(tile.headers.etag)),
      304,
    );
    conform('get /tiles/:layer/:z/:x/:y.mvt', await request(app).get('/tiles/addresses/14/0/0.mvt'), 204);
    conform('get /tiles/:layer/:z/:x/:y.mvt', await request(app).get('/tiles/nothing/1/0/0.mvt'), 404);
  });

  it('health, metadata, problem types, this document and its page', async () => {
    conform('get /healthz', await request(app).get('/healthz'), 200);
    conform('get /readyz', await request(app).get('/readyz'), 200);
    conform('get /v1', await request(app).get('/v1'), 200);
    conform('get /problems/:type', await request(app).get('/problems/invalid-code'), 200);
    conform('get /problems/:type', await request(app).get('/problems/nope'), 404);
    conform('get /openapi.json', await request(app).get('/openapi.json'), 200);
    conform('get /docs', await request(app).get('/docs'), 200);
  });

  it('pages: the app, the console, about, share links (503 when the web app is not built)', async () => {
    conform('get /', await request(app).get('/'), [200, 503]);
    conform('get /console', await request(app).get('/console'), [200, 503]);
    conform('get /about', await request(app).get('/about'), 200);
    conform('get /dat-lai-mat-khau', await request(app).get('/dat-lai-mat-khau'), [200, 503]);
    conform('get /:code', await request(app).get(`/${HOAN_KIEM}`), [200, 503]);
    conform('get /:code', await request(app).get('/not-a-code-at-all'), 404);
    conform('get /:code/:unit', await request(app).get(`/${HOAN_KIEM}/A12`), [200, 503]);
  });

  it('the check itself catches an undocumented field, a wrong type and an undeclared status', () => {
    const fake = (status: number, body: unknown, type = 'application/json') =>
      ({ status, body, headers: { 'content-type': type } }) as unknown as Response;
    const stored = exercised.get('get /v1/encode');
    const good = {
      code: HOAN_KIEM,
      formatVersion: 1,
      h3: '8e4159',
      lat: 21,
      lng: 105,
      cell: { type: 'Polygon', coordinates: [] },
      geohash: 'w7er8u0ev',
    };
    expect(mismatches('get /v1/encode', fake(200, good))).toEqual([]);
    expect(mismatches('get /v1/encode', fake(200, { ...good, secret: 1 }))).toEqual([
      expect.stringMatching(/additional properties "secret"/),
    ]);
    expect(mismatches('get /v1/encode', fake(200, { ...good, lat: '21' }))).toEqual([
      expect.stringMatching(/zod: lat/),
      expect.stringMatching(/openapi: \/lat must be number/),
    ]);
    expect(mismatches('get /v1/encode', fake(200, good, 'text/html'))).toEqual([expect.stringMatching(/Content-Type text\/html/)]);
    expect(
      mismatches('get /v1/encode', fake(409, { type: '/problems/conflict', title: 'Conflict', status: 409 }, 'application/problem+json')),
    ).toEqual([expect.stringMatching(/status 409 is not documented/)]);
    expect(mismatches('get /v1/encode', fake(422, { title: 'no type' }, 'application/problem+json'))).not.toEqual([]);
    if (stored) exercised.set('get /v1/encode', stored);
  });

  it('every declared route was exercised above', () => {
    const missing = [...specs.keys()].filter((key) => !exercised.has(key));
    expect(missing, 'routes without a conformance call: add one to tests/http/conformance.int.test.ts').toEqual([]);
  });
});
