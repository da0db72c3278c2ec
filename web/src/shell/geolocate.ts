/** The phone's position, with the failure said as a dictionary key. */
import type { LatLng } from '../common/geo.js';
import type { MessageKey } from '../i18n/household.js';

export class GeolocationFailure extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

export function currentPosition(): Promise<{ point: LatLng; accuracy: number }> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new GeolocationFailure('geo.unsupported'));
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({ point: { lat: position.coords.latitude, lng: position.coords.longitude }, accuracy: position.coords.accuracy }),
      (error) => {
        const key: MessageKey =
          error.code === error.PERMISSION_DENIED ? 'geo.denied' : error.code === error.TIMEOUT ? 'geo.timeout' : 'geo.unavailable';
        reject(new GeolocationFailure(key));
      },
      // a fresh, precise fix: the code names a 2.7 m cell
      { enableHighAccuracy: true, timeout: 25_000, maximumAge: 10_000 },
    );
  });
}

/** What to tell the user when the phone's location could not be had. */
export const geoKey = (error: unknown): MessageKey => (error instanceof GeolocationFailure ? error.key : 'geo.unavailable');
