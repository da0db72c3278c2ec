/**
 * A delivery round with stops beyond the loaded roads (issue 17): they are reached by a straight
 * line, flagged in the answer, instead of failing the whole round with a 422; a malformed stop is a
 * 400 that names its index.
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { haversineM } from '../../server/lib/geo.js';
import { STRAIGHT_LINE_KMH } from '../../server/routing/off-road.js';
import { createTestApp } from '../support/app.js';

const { app, close } = createTestApp();
afterAll(close);

type Leg = {
  from: string;
  to: string;
  distance: number;
  duration: number;
  straightLine: boolean;
  reason?: string;
  geometry?: { coordinates: number[][] };
};

const START = { lat: 21.0275, lng: 105.8355 }; // in front of the Temple of Literature (Hà Nội extract)
// 16 stops on the Văn Miếu extract's roads: a 4 × 4 grid inside its bounds (21.0233–21.0304, 105.8268–105.8390)
const ON_ROAD = [21.0245, 21.0262, 21.0279, 21.0296].flatMap((lat) => [105.829, 105.8315, 105.834, 105.8365].map((lng) => ({ lat, lng })));
// 13 stops where no road is loaded: other cities and rural communes, far from every extract
const OFF_ROAD = [
  { lat: 16.0544, lng: 108.2022 }, // Đà Nẵng
  { lat: 16.4637, lng: 107.5909 }, // Huế
  { lat: 20.8449, lng: 106.6881 }, // Hải Phòng
  { lat: 18.6796, lng: 105.6813 }, // Vinh
  { lat: 12.2388, lng: 109.1967 }, // Nha Trang
  { lat: 11.9404, lng: 108.4583 }, // Đà Lạt
  { lat: 10.0452, lng: 105.7469 }, // Cần Thơ
  { lat: 20.9517, lng: 107.0806 }, // Hạ Long
  { lat: 22.35, lng: 104.95 }, // a rural commune in the north
  { lat: 10.05, lng: 105.45 }, // a rural commune in the Mekong delta
  { lat: 19.8067, lng: 105.7852 }, // Thanh Hóa
  { lat: 13.7829, lng: 109.2196 }, // Quy Nhơn
  { lat: 12.6667, lng: 108.05 }, // Buôn Ma Thuột
];
const HCMC = { lat: 10.786, lng: 106.691 }; // on the loaded TP HCM roads, which no road joins to Hà Nội

const optimize = (body: object) => request(app).post('/v1/routes/optimize').send(body);
const sum = (legs: Leg[], key: 'distance' | 'duration') => legs.reduce((s, l) => s + l[key], 0);

/** Every stop once, legs end to end from the start to the end. */
function expectVisitsAll(body: { order: number[]; legs: Leg[] }, stops: number, end = 'start') {
  expect([...body.order].sort((a, b) => a - b)).toEqual(Array.from({ length: stops }, (_, i) => i));
  expect(body.legs).toHaveLength(stops + 1);
  expect(body.legs[0]!.from).toBe('start');
  expect(body.legs.at(-1)!.to).toBe(end);
  body.legs.slice(1).forEach((leg, i) => expect(leg.from).toBe(body.legs[i]!.to));
  expect(body.legs.slice(0, -1).map((l) => l.to)).toEqual(body.order.map((i) => `stops[${i}]`));
}

describe('POST /v1/routes/optimize with stops off the loaded roads', () => {
  it('orders a 30-stop round across the country: road legs in Hà Nội, straight lines to the stops beyond, flagged', async () => {
    // interleaved, so the off-road stops are not all at the end
    const stops = ON_ROAD.flatMap((p, i) => [p, ...(OFF_ROAD[i] ? [OFF_ROAD[i]!] : [])]).concat([HCMC]);
    expect(stops).toHaveLength(30);
    const res = await optimize({ start: START, stops }).expect(200);
    const body = res.body as {
      order: number[];
      legs: Leg[];
      offRoad: string[];
      distance: number;
      duration: number;
      geometry: { coordinates: number[][] };
      method: string;
    };
    expect(body.method).toBe('heuristic');
    expectVisitsAll(body, 30);

    const isOff = (label: string) => OFF_ROAD.some((p) => label === `stops[${stops.indexOf(p)}]`);
    expect(body.offRoad.sort()).toEqual(OFF_ROAD.map((p) => `stops[${stops.indexOf(p)}]`).sort());
    for (const leg of body.legs) {
      if (isOff(leg.from) || isOff(leg.to)) {
        expect(leg, JSON.stringify(leg)).toMatchObject({ straightLine: true, reason: 'off-road' });
        expect(leg.geometry!.coordinates).toHaveLength(2);
        // a straight line is timed at the profile's slow pace (motorbike: 15 km/h)
        expect(leg.duration).toBeCloseTo(leg.distance / (STRAIGHT_LINE_KMH.motorbike / 3.6), 0);
      } else expect(leg.reason, JSON.stringify(leg)).not.toBe('off-road');
      // an off-road stop's line ends at the stop itself
      const off = OFF_ROAD.find((p) => leg.to === `stops[${stops.indexOf(p)}]`);
      if (off) {
        expect(leg.geometry!.coordinates[1]).toEqual([off.lng, off.lat]);
        const [a, b] = leg.geometry!.coordinates as [number[], number[]];
        expect(leg.distance).toBeCloseTo(haversineM(a[1]!, a[0]!, b[1]!, b[0]!), 0);
      }
    }
    // TP HCM is on loaded roads, but no road reaches it from Hà Nội: straight lines, for that reason
    const hcmc = `stops[${stops.indexOf(HCMC)}]`;
    expect(body.offRoad).not.toContain(hcmc);
    const toHcmc = body.legs.find((l) => l.to === hcmc)!;
    expect(toHcmc.straightLine).toBe(true);
    // the Hà Nội stops are joined by roads: most legs between two of them are road legs
    const roadLegs = body.legs.filter((l) => !l.straightLine);
    expect(roadLegs.length).toBeGreaterThan(5);
    for (const leg of roadLegs) expect(leg.geometry).toBeUndefined();
    // totals are the sums of the legs; the line passes through every off-road stop
    expect(body.distance).toBeCloseTo(sum(body.legs, 'distance'), 0);
    expect(body.duration).toBeCloseTo(sum(body.legs, 'duration'), 0);
    const drawn = new Set(body.geometry.coordinates.map((c) => c.join(',')));
    for (const p of OFF_ROAD) expect(drawn.has(`${p.lng},${p.lat}`), JSON.stringify(p)).toBe(true);
    // a good order goes out to the far stops once and back, not to and fro: under twice a straight tour of them
    expect(body.distance).toBeLessThan(2 * 4_000_000);
  });

  it('with no point on the roads at all, answers the straight-line round (still 200), every leg flagged', async () => {
    const [start, ...stops] = OFF_ROAD.slice(0, 6);
    const res = await optimize({ start, stops, end: OFF_ROAD[6], profile: 'foot' }).expect(200);
    const body = res.body as { order: number[]; legs: Leg[]; offRoad: string[]; distance: number; method: string };
    expect(body.method).toBe('exact');
    expectVisitsAll(body, 5, 'end');
    expect(body.offRoad).toEqual(['start', 'stops[0]', 'stops[1]', 'stops[2]', 'stops[3]', 'stops[4]', 'end']);
    const at = (label: string) => (label === 'start' ? start! : label === 'end' ? OFF_ROAD[6]! : stops[Number(/\d+/.exec(label)![0])]!);
    for (const leg of body.legs) {
      expect(leg).toMatchObject({ straightLine: true, reason: 'off-road' });
      const [a, b] = [at(leg.from), at(leg.to)];
      expect(leg.geometry!.coordinates).toEqual([
        [a.lng, a.lat],
        [b.lng, b.lat],
      ]);
      expect(leg.distance).toBeCloseTo(haversineM(a.lat, a.lng, b.lat, b.lng), 0);
      expect(leg.duration).toBeCloseTo(leg.distance / (5 / 3.6), 0); // walking, 5 km/h
    }
    expect(body.distance).toBeCloseTo(sum(body.legs, 'distance'), 0);
  });

  it('joins stops on roads that do not meet (Hà Nội and TP HCM) by a straight line, for that reason', async () => {
    const res = await optimize({ start: START, stops: [ON_ROAD[0], HCMC] }).expect(200);
    const body = res.body as { legs: Leg[]; offRoad: string[] };
    expect(body.offRoad).toEqual([]);
    const touching = body.legs.filter((l) => l.from === 'stops[1]' || l.to === 'stops[1]');
    expect(touching).toHaveLength(2);
    for (const leg of touching) expect(leg).toMatchObject({ straightLine: true, reason: 'no-route' });
    expect(body.legs.filter((l) => !l.straightLine)).toHaveLength(1);
  });

  it('keeps road rounds as they were: every leg on the roads, nothing flagged', async () => {
    const res = await optimize({ start: START, stops: ON_ROAD.slice(0, 5), profile: 'car' }).expect(200);
    expect(res.body.offRoad).toEqual([]);
    for (const leg of res.body.legs as Leg[]) expect(leg).toMatchObject({ straightLine: false });
  });
});

describe('POST /v1/routes/optimize with a malformed stop', () => {
  const withStop7 = (stop: unknown) => {
    const stops: unknown[] = ON_ROAD.slice(0, 10);
    stops[7] = stop;
    return optimize({ start: START, stops });
  };

  it.each([
    [{ lat: 'abc', lng: 105.83 }, 'stops.7', /lat must be a number/],
    [{ lat: 21.03 }, 'stops.7', /lng must be a number, not missing/],
    [[21.03, 105.83], 'stops.7', /address code, "lat,lng", or \{"lat"/],
    [{ lat: 91, lng: 105.83 }, 'stops.7.lat', /90/],
    ['95,105.83', 'stops.7', /latitude is between -90 and 90/],
    ['21.03,181', 'stops.7', /longitude between -180 and 180/],
  ])('%j at index 7 is a 400 naming stops.7', async (stop, field, message) => {
    const res = await withStop7(stop).expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.type).toBe('/problems/invalid-request');
    expect(res.body.errors[0]).toMatchObject({ in: 'body', field });
    expect(res.body.errors[0].message).toMatch(message);
    expect(res.body.detail).toContain(`"${field}"`);
  });

  it.each([
    [{ lat: 0, lng: 0 }, '0,0'],
    [{ lat: 13.7563, lng: 100.5018 }, 'Bangkok'],
    ['35.68,139.69', 'Tokyo'],
  ])(
    '%j at index 7 (%s) is a 422 that says which stop, not a straight line thousands of km long',
    async (stop: unknown, _where: string) => {
      const res = await withStop7(stop).expect(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.type).toBe('/problems/outside-coverage');
      expect(res.body.point).toBe('stops[7]');
      expect(res.body.detail).toMatch(/^stops\[7\]: No address code exists at /);
    },
  );

  it('a mistyped code at index 7 is a 400 that says which stop', async () => {
    const res = await withStop7('25M-SN9-S33').expect(400);
    expect(res.body.type).toBe('/problems/invalid-code');
    expect(res.body.point).toBe('stops[7]');
    expect(res.body.detail).toMatch(/^stops\[7\]: /);
  });
});
