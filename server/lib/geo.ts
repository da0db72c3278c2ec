/** Small geometry helpers shared by the domains (pure; no I/O). */

/** The mean Earth radius (IUGG), in metres: the sphere haversineM measures on. */
const EARTH_RADIUS_M = 6_371_008.8;

/** The great-circle distance in metres between two points given in degrees. */
export function haversineM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLng = (lng2 - lng1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Degrees to 7 decimals (about 1 cm): the precision every coordinate the API answers has. */
export const round7 = (x: number) => Math.round(x * 1e7) / 1e7;
