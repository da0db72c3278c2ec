/**
 * The editable state of an address, as kept in its version history. Pure helpers: what a row's
 * state is, what changed between two states, and what a change input sets.
 */
import type { EditableRow } from './repository.js';
import type { ChangeInput } from './schemas.js';

export type AddressState = {
  houseNumber: string | null;
  street: string | null;
  hamlet: string | null;
  building: string | null;
  landmark: string | null;
  note: string | null;
  placeName: string | null;
  category: string | null;
  status: 'draft' | 'verified' | 'needs_review';
  private: boolean;
  lat: number;
  lng: number;
  ownerId: string | null;
};

export const DETAIL_FIELDS = ['houseNumber', 'street', 'hamlet', 'building', 'landmark', 'note'] as const;

/** The columns an AddressState lives in. */
export const STATE_COLUMNS: Record<Exclude<keyof AddressState, 'lat' | 'lng'>, string> = {
  houseNumber: 'house_number',
  street: 'street',
  hamlet: 'hamlet',
  building: 'building',
  landmark: 'landmark',
  note: 'note',
  placeName: 'place_name',
  category: 'category',
  status: 'status',
  private: 'private',
  ownerId: 'owner_id',
};

export function stateOf(row: EditableRow): AddressState {
  return {
    houseNumber: row.house_number,
    street: row.street,
    hamlet: row.hamlet,
    building: row.building,
    landmark: row.landmark,
    note: row.note,
    placeName: row.place_name,
    category: row.category,
    status: row.status,
    private: row.private,
    lat: row.lat,
    lng: row.lng,
    ownerId: row.owner_id === null ? null : String(row.owner_id),
  };
}

export type Change = Partial<Record<keyof AddressState, { from: unknown; to: unknown }>>;

export function diff(before: AddressState, after: AddressState): Change {
  const change: Change = {};
  for (const key of Object.keys(after) as (keyof AddressState)[]) {
    if (before[key] !== after[key]) change[key] = { from: before[key], to: after[key] };
  }
  return change;
}

/** Who owns an address is shown to its owner and staff only. */
export function publicChange(change: Change, showOwner: boolean): Change {
  if (showOwner || !change.ownerId) return change;
  const { ownerId: _hidden, ...rest } = change;
  return rest;
}

/** The state fields a change input sets (absent fields stay as they are; null clears). */
export function patchOf(change: ChangeInput): Partial<AddressState> {
  const patch: Partial<AddressState> = {};
  for (const f of DETAIL_FIELDS) {
    if (change.details && f in change.details) patch[f] = (change.details as Record<string, string | null | undefined>)[f] ?? null;
  }
  if (change.placeName !== undefined) patch.placeName = change.placeName;
  if (change.category !== undefined) patch.category = change.category;
  if (change.point) Object.assign(patch, { lat: change.point.lat, lng: change.point.lng });
  return patch;
}
