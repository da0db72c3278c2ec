/** Distances and directions between points, and how to say them. Pure. */

export type LatLng = { lat: number; lng: number };

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle (straight-line) distance in metres. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b in degrees, 0 = north, clockwise. */
export function bearingDegrees(a: LatLng, b: LatLng): number {
  const y = Math.sin(rad(b.lng - a.lng)) * Math.cos(rad(b.lat));
  const x = Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) - Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lng - a.lng));
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

export const COMPASS_POINTS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export type CompassPoint = (typeof COMPASS_POINTS)[number];

/** One of eight compass points for a bearing. */
export function compassPoint(bearing: number): CompassPoint {
  return COMPASS_POINTS[Math.round((((bearing % 360) + 360) % 360) / 45) % 8]!;
}

/**
 * A distance as people say it: "850 m", "1,2 km" (Vietnamese decimal comma), "12 km";
 * under 10 m rounded to the metre, under 1 km to 10 m.
 */
export function formatDistance(meters: number, lang: 'vi' | 'en'): string {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  if (!Number.isFinite(meters) || meters < 0) return '—';
  if (meters < 10) return `${Math.round(meters)} m`;
  const tens = Math.round(meters / 10) * 10;
  if (tens < 1000) return `${tens} m`;
  const km = meters / 1000;
  const digits = km < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(km)} km`;
}

/**
 * A travel time as people say it, rounded to the minute: "< 1 phút", "12 phút", "1 giờ 5 phút"
 * ("< 1 min", "12 min", "1 h 5 min" in English).
 */
export function formatDuration(seconds: number, lang: 'vi' | 'en'): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const [hour, min] = lang === 'vi' ? ['giờ', 'phút'] : ['h', 'min'];
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return `< 1 ${min}`;
  if (minutes < 60) return `${minutes} ${min}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} ${hour} ${rest} ${min}` : `${hours} ${hour}`;
}

/** Coordinates for display and copying: 6 decimals (~10 cm). */
export function formatLatLng({ lat, lng }: LatLng): string {
  return `${lat.toFixed(6)}, ${lng.toFixed(6)}`;
}
