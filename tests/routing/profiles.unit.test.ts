import { describe, expect, it } from 'vitest';
import { edgeCosts } from '../../server/routing/profiles.js';

const closed = { forward: -1, backward: -1 };

describe('edgeCosts: who may go where, how fast', () => {
  it('keeps motorbikes off motorways and cars off footways; walkers ignore one-way streets', () => {
    expect(edgeCosts({ highway: 'motorway' }, 100).motorbike).toEqual(closed);
    expect(edgeCosts({ highway: 'motorway' }, 100).foot).toEqual(closed);
    expect(edgeCosts({ highway: 'motorway' }, 100).car.forward).toBeGreaterThan(0);
    expect(edgeCosts({ highway: 'motorway' }, 100).car.backward).toBe(-1); // motorways are one-way by default
    expect(edgeCosts({ highway: 'footway' }, 100).car).toEqual(closed);
    expect(edgeCosts({ highway: 'footway' }, 100).motorbike).toEqual(closed);
    expect(edgeCosts({ highway: 'footway' }, 100).foot.forward).toBeCloseTo(72, 6); // 100 m at 5 km/h
    const oneway = edgeCosts({ highway: 'residential', oneway: 'yes' }, 100);
    expect(oneway.car.backward).toBe(-1);
    expect(oneway.motorbike.backward).toBe(-1);
    expect(oneway.foot.backward).toBeGreaterThan(0);
    expect(edgeCosts({ highway: 'residential', oneway: '-1' }, 100).car.forward).toBe(-1);
    expect(edgeCosts({ highway: 'primary', junction: 'roundabout' }, 100).car.backward).toBe(-1);
  });

  it('lets motorbikes into alleys and against one-way where tagged, and reads access tags most-specific-last', () => {
    expect(edgeCosts({ highway: 'service' }, 100).motorbike.forward).toBeGreaterThan(0);
    expect(edgeCosts({ highway: 'residential', oneway: 'yes', 'oneway:motorcycle': 'no' }, 100).motorbike.backward).toBeGreaterThan(0);
    expect(edgeCosts({ highway: 'residential', access: 'private' }, 100).car).toEqual(closed);
    expect(edgeCosts({ highway: 'residential', access: 'no', motorcycle: 'yes' }, 100).motorbike.forward).toBeGreaterThan(0);
    expect(edgeCosts({ highway: 'residential', access: 'no', motorcycle: 'yes' }, 100).car).toEqual(closed);
    expect(edgeCosts({ highway: 'residential', motor_vehicle: 'no' }, 100).motorbike).toEqual(closed);
    expect(edgeCosts({ highway: 'residential', motor_vehicle: 'no' }, 100).foot.forward).toBeGreaterThan(0);
    expect(edgeCosts({ highway: 'pedestrian', motorcycle: 'yes' }, 100).motorbike.forward).toBeGreaterThan(0);
  });

  it('slows to a posted maxspeed but never speeds up', () => {
    const fast = edgeCosts({ highway: 'primary' }, 1000).car.forward;
    expect(edgeCosts({ highway: 'primary', maxspeed: '20' }, 1000).car.forward).toBeCloseTo(180, 6);
    expect(edgeCosts({ highway: 'primary', maxspeed: '120' }, 1000).car.forward).toBeCloseTo(fast, 6);
  });
});
