/** The map's points from what the API answers after a save, a verification or a restore. Pure. */
import type { CodeLookup } from '../../common/types.js';
import type { AddressCollection, AddressFeature, AddressProperties } from '../api.js';
import { fullCode } from '../geometry.js';

/** A feature for the map from the address the API answered with. */
export function featureOf(result: CodeLookup): AddressFeature | null {
  const a = result.address;
  if (!a) return null;
  const d = a.details;
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [a.point.lng, a.point.lat] },
    properties: {
      // the API's statuses are the three the ward list declares
      code: a.code || result.code,
      unit: a.unit,
      status: a.status as AddressProperties['status'],
      private: Boolean(a.private),
      version: a.version,
      houseNumber: d.houseNumber,
      street: d.street,
      hamlet: d.hamlet,
      building: d.building,
      landmark: d.landmark,
      note: d.note,
      placeName: d.placeName ?? null,
      category: d.category ?? null,
    },
  };
}

/** The feature replaces the one with its code, or joins the list. */
export function upsert(addresses: AddressCollection, feature: AddressFeature): void {
  const code = fullCode(feature.properties);
  const i = addresses.features.findIndex((f) => fullCode(f.properties) === code);
  if (i >= 0) addresses.features[i] = feature;
  else addresses.features.push(feature);
}
