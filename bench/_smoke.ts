import request from 'supertest';
import { pino } from 'pino';
import { createApp } from '../server/app.js';
import { createKnex } from '../server/db/knex.js';
const knex = createKnex('postgres://postgres@127.0.0.1:54329/vnac', 4);
const app = createApp({ knex, logger: pino({ level: 'error' }), embedded: false, dataDir: '/work/shared/data' });
const r1 = await request(app).post('/v1/addresses').send({ lat: 21.0275, lng: 105.8355, details: { houseNumber: '59', street: 'Phố Quốc Tử Giám' } });
console.log(r1.status, r1.body.code ?? r1.body);
const qs = ['59 quoc tu', '59 Quốc Tử Giám', 'quoc tu giam', 'hoan kiem', 'Hoàn Kiếm', 'Hoa\u0300n Kie\u0302\u0301m', 'phường 6 quận 3', 'Xuân Hoà', 'xuan hoa', 'Thanh Hóa', 'thanh hoa', r1.body.code, r1.body.code?.slice(0, 5), 'hai ba trung, quan 3', '日本', 'xin chào'];
for (const q of qs) {
  const t = performance.now();
  const r = await request(app).get('/v1/search').query({ q, near: '21.03,105.83', limit: 5 });
  console.log(JSON.stringify(q), r.status, (performance.now() - t).toFixed(0) + 'ms', JSON.stringify(r.body.results?.map((x: any) => `${x.type}:${x.label}${x.code ? ' ' + x.code : ''}${x.formerly ? ' (formerly ' + x.formerly + ')' : ''}`) ?? r.body));
}
const bad = await request(app).get('/v1/search').query({ q: '' }); console.log(bad.status, bad.body.detail);
const p = await request(app).post('/v1/addresses/parse').send({ texts: ['61 Phố Tôn Đức Thắng', '59 Phố Quốc Tử Giám', '243 Hai Bà Trưng'] });
console.log(JSON.stringify(p.body.results.map((x: any) => [x.ward, x.candidates, x.confidence])));
await knex.destroy();
