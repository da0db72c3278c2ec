/**
 * Travel profiles: which OSM ways each may use, in which direction, and how fast. Pure functions
 * of a way's tags; the importer stores the result per edge (seconds per direction, -1 = closed),
 * so the router and pgRouting read the same costs.
 *
 * - motorbike: the everyday vehicle in Vietnam; alleys (ngõ/hẻm, mostly `service`/`footway`-less
 *   `residential`/`living_street`/`track`) yes, motorways no; one-way streets respected unless
 *   `oneway:motorcycle=no`.
 * - car: no footways, paths, steps or pedestrian streets; one-way respected.
 * - foot: everything but motorways and trunk roads without a sidewalk; one-way ignored.
 * Access tags: `access`, then the vehicle class (`vehicle`, `motor_vehicle`, `motorcycle` /
 * `motorcar`, `foot`), the most specific one wins; `no`/`private` close, `yes`/`permissive`/
 * `designated`/`destination` open.
 */

export const PROFILES = ['motorbike', 'car', 'foot'] as const;
export type Profile = (typeof PROFILES)[number];

/** km/h by highway class; a class missing from a profile's table is not usable by it. */
const SPEEDS: Record<Profile, Record<string, number>> = {
  motorbike: {
    trunk: 45,
    trunk_link: 35,
    primary: 40,
    primary_link: 30,
    secondary: 35,
    secondary_link: 28,
    tertiary: 30,
    tertiary_link: 25,
    unclassified: 25,
    residential: 22,
    living_street: 12,
    service: 15,
    track: 12,
    road: 20,
  },
  car: {
    motorway: 80,
    motorway_link: 50,
    trunk: 55,
    trunk_link: 40,
    primary: 40,
    primary_link: 30,
    secondary: 35,
    secondary_link: 28,
    tertiary: 30,
    tertiary_link: 25,
    unclassified: 25,
    residential: 20,
    living_street: 10,
    service: 12,
    track: 10,
    road: 20,
  },
  foot: {
    trunk: 5,
    trunk_link: 5,
    primary: 5,
    primary_link: 5,
    secondary: 5,
    secondary_link: 5,
    tertiary: 5,
    tertiary_link: 5,
    unclassified: 5,
    residential: 5,
    living_street: 5,
    service: 5,
    track: 5,
    road: 5,
    pedestrian: 5,
    footway: 5,
    path: 5,
    steps: 3,
    cycleway: 5,
  },
};

/** Highway classes the importer keeps: anything some profile may use. */
export const ROUTABLE_HIGHWAYS = new Set(PROFILES.flatMap((p) => Object.keys(SPEEDS[p])));

const OPEN = new Set(['yes', 'permissive', 'designated', 'destination', 'customers', 'delivery']);
const CLOSED = new Set(['no', 'private', 'agricultural', 'forestry', 'discouraged']);

/** The access keys that speak for a profile, most general first (the last one present wins). */
const ACCESS_KEYS: Record<Profile, string[]> = {
  motorbike: ['access', 'vehicle', 'motor_vehicle', 'motorcycle'],
  car: ['access', 'vehicle', 'motor_vehicle', 'motorcar'],
  foot: ['access', 'foot'],
};

function allowedByAccess(profile: Profile, tags: Record<string, string>): boolean {
  let allowed = true;
  for (const key of ACCESS_KEYS[profile]) {
    const value = tags[key];
    if (value === undefined) continue;
    if (CLOSED.has(value)) allowed = false;
    else if (OPEN.has(value)) allowed = true;
  }
  return allowed;
}

/** 1 = only forward (along the way's node order), -1 = only backward, 0 = both. */
function onewayFor(profile: Profile, tags: Record<string, string>): 1 | -1 | 0 {
  if (profile === 'foot') return 0;
  const specific = profile === 'motorbike' ? tags['oneway:motorcycle'] : undefined;
  const value =
    specific ??
    tags.oneway ??
    (tags.junction === 'roundabout' || tags.junction === 'circular' || tags.highway === 'motorway' ? 'yes' : 'no');
  if (value === 'yes' || value === 'true' || value === '1') return 1;
  if (value === '-1' || value === 'reverse') return -1;
  return 0;
}

/** Seconds to travel `lengthM` along a way, forward and backward, per profile; -1 where closed. */
export type EdgeCosts = Record<Profile, { forward: number; backward: number }>;

export function edgeCosts(tags: Record<string, string>, lengthM: number): EdgeCosts {
  const out = {} as EdgeCosts;
  for (const profile of PROFILES) {
    const highway = tags.highway ?? '';
    let speed = SPEEDS[profile][highway];
    // a footway or pedestrian street explicitly open to motorbikes (common in old quarters)
    if (speed === undefined && profile === 'motorbike' && (tags.motorcycle === 'yes' || tags.motor_vehicle === 'yes')) speed = 10;
    if (profile === 'foot' && (tags.sidewalk === 'no' || tags.sidewalk === 'none') && (highway === 'trunk' || highway === 'trunk_link'))
      speed = undefined;
    if (speed === undefined || !allowedByAccess(profile, tags)) {
      out[profile] = { forward: -1, backward: -1 };
      continue;
    }
    const maxspeed = Number.parseFloat(tags.maxspeed ?? '');
    if (profile !== 'foot' && Number.isFinite(maxspeed) && maxspeed > 0) speed = Math.min(speed, maxspeed);
    const seconds = lengthM / (speed / 3.6);
    const oneway = onewayFor(profile, tags);
    out[profile] = { forward: oneway === -1 ? -1 : seconds, backward: oneway === 1 ? -1 : seconds };
  }
  return out;
}

/** Fastest speed of a profile (m/s): keeps the A* estimate a lower bound of the true cost. */
export function maxSpeed(profile: Profile): number {
  return Math.max(...Object.values(SPEEDS[profile])) / 3.6;
}
