import type { z } from 'zod';
import { formatCode } from '../codes/codec.js';
import type { AddressRow } from './repository.js';
import type { Address } from './schemas.js';
import { round7 } from '../lib/geo.js';

export function presentAddress(row: AddressRow): z.infer<typeof Address> {
  return {
    code: formatCode(row.code, row.unit || null),
    unit: row.unit || null,
    point: { lat: round7(row.lat), lng: round7(row.lng) },
    details: {
      placeName: row.place_name,
      category: row.category,
      houseNumber: row.house_number,
      street: row.street,
      hamlet: row.hamlet,
      building: row.building,
      landmark: row.landmark,
      note: row.note,
    },
    status: row.status,
    private: row.private,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
