/**
 * SQL of addresses: the nearest ones to a point (reverse geocoding, on the read path), and what
 * the write rules (edits.ts) and the edit service need, each on the connection or transaction the
 * caller holds: reading and locking a row for editing, writing a new version of it, registering
 * one, and the version history.
 */
import type { Knex } from 'knex';
import type { SqlRunner } from '../db/query.js';
import { isAdmin, type Viewer } from '../accounts/viewer.js';
import type { AddressState, Change } from './state.js';

export type AddressRow = {
  code: string;
  unit: string;
  lat: number;
  lng: number;
  house_number: string | null;
  street: string | null;
  hamlet: string | null;
  building: string | null;
  landmark: string | null;
  note: string | null;
  place_name: string | null;
  category: string | null;
  private: boolean;
  status: 'draft' | 'verified' | 'needs_review';
  version: number;
  /** ISO 8601 text, formatted by PostgreSQL (cheaper than building Date objects per row) */
  created_at: string;
  updated_at: string;
};

export const ADDRESS_COLUMNS = `a.code, a.unit, ST_Y(a.geom) AS lat, ST_X(a.geom) AS lng, a.house_number, a.street, a.hamlet,
  a.building, a.landmark, a.note, a.place_name, a.category, a.private, a.status, a.version,
  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at`;

/** An address row as read for editing: what the API shows plus who owns it and where it lies. */
export type EditableRow = Omit<AddressRow, 'created_at' | 'updated_at'> & {
  id: string;
  ward_code: string | null;
  owner_id: string | null;
};

export type VersionKind = 'created' | 'edited' | 'proposal' | 'restored' | 'imported';
export type VersionRow = {
  address_id: string;
  version: number;
  at: Date;
  kind: VersionKind;
  state: AddressState;
  change: Change;
  actor_id: string | null;
  reason: string | null;
};

/**
 * Addresses within $3 metres of ($2, $1), nearest first. The GiST index on geom finds the box that
 * surely holds the circle (degrees per metre at that latitude, bounded from below for the WGS 84
 * ellipsoid, with 1 % to spare); the distance in metres on the ellipsoid decides. No index on
 * geom::geography is needed (migration 20261123001400).
 */
const NEAREST_SQL = `
  SELECT ${ADDRESS_COLUMNS}, a.ward_code, ST_Distance(a.geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS distance
  FROM addresses a
  WHERE a.geom && ST_Expand(ST_SetSRID(ST_MakePoint($1, $2), 4326),
                            $3 * 1.01 / (111319.49 * greatest(cos(radians($2)), 0.01)), $3 * 1.01 / 110574.27)
    AND ST_DWithin(a.geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)
    AND (NOT a.private OR a.owner_id = $5 OR a.ward_code = ANY($6::text[]) OR $7)
  ORDER BY distance, a.code, a.unit
  LIMIT $4`;

export function createAddressesRepository(sql: SqlRunner) {
  return {
    /** Nearest visible addresses: private ones only for their owner, their ward's staff and administrators. */
    async nearest(lat: number, lng: number, radius: number, limit: number, viewer: Viewer | null) {
      const staffWards = viewer && !viewer.blocked && viewer.role === 'staff' ? [...viewer.wards] : [];
      return sql<AddressRow & { ward_code: string | null; distance: number }>('addresses_nearest', NEAREST_SQL, [
        lng,
        lat,
        radius,
        limit,
        viewer && !viewer.blocked ? viewer.userId : null,
        staffWards,
        isAdmin(viewer) && !viewer!.blocked,
      ]);
    },
  };
}
export type AddressesRepository = ReturnType<typeof createAddressesRepository>;

// Edits, on the primary: each takes the connection or transaction of its caller.

const EDITABLE_SELECT = `id, code, unit, version, ward_code, owner_id, private, status, house_number, street, hamlet, building,
  landmark, note, place_name, category, ST_Y(geom) AS lat, ST_X(geom) AS lng`;

export async function lockAddress(trx: Knex.Transaction, code: string, unit: string): Promise<EditableRow | undefined> {
  const { rows } = await trx.raw(`SELECT ${EDITABLE_SELECT} FROM addresses WHERE code = ? AND unit = ? FOR UPDATE`, [code, unit]);
  return rows[0];
}

export async function readAddress(knex: Knex, code: string, unit: string): Promise<EditableRow | undefined> {
  const { rows } = await knex.raw(`SELECT ${EDITABLE_SELECT} FROM addresses WHERE code = ? AND unit = ?`, [code, unit]);
  return rows[0];
}

/** The code and unit of the address with this id (a proposal names its address by id). */
export async function addressKeyOf(trx: Knex, id: string): Promise<{ code: string; unit: string } | undefined> {
  const { rows } = await trx.raw('SELECT code, unit FROM addresses WHERE id = ?', [id]);
  return rows[0];
}

/** A new version of an address: the changed columns, and a moved point (with its ward when known). */
export async function updateAddress(
  trx: Knex.Transaction,
  id: string,
  v: { version: number; columns: Record<string, unknown>; point?: { lat: number; lng: number }; wardCode?: string | null },
) {
  const update: Record<string, unknown> = { version: v.version, updated_at: trx.fn.now(), ...v.columns };
  if (v.point) update.geom = trx.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [v.point.lng, v.point.lat]);
  if (v.wardCode !== undefined) update.ward_code = v.wardCode;
  await trx('addresses').where({ id }).update(update);
}

export async function appendVersion(
  trx: Knex.Transaction,
  v: {
    addressId: string;
    version: number;
    kind: VersionKind;
    state: AddressState;
    change: Change;
    actorId: string | null;
    reason?: string | null;
  },
) {
  await trx('address_versions').insert({
    address_id: v.addressId,
    version: v.version,
    kind: v.kind,
    state: JSON.stringify(v.state),
    change: JSON.stringify(v.change),
    actor_id: v.actorId,
    reason: v.reason ?? null,
  });
}

/**
 * Inserts a new address row; null when (code, unit) is taken. ON CONFLICT DO NOTHING on that key:
 * concurrent identical requests create one row, and the loser learns that it lost without an error.
 */
export async function insertAddressRow(
  trx: Knex.Transaction,
  a: { code: string; unit: string; h3: string; lat: number; lng: number; wardCode: string | null; state: AddressState },
): Promise<string | null> {
  const s = a.state;
  const [row] = await trx('addresses')
    .insert({
      code: a.code,
      unit: a.unit,
      h3: BigInt(`0x${a.h3}`).toString(),
      geom: trx.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [a.lng, a.lat]),
      ward_code: a.wardCode,
      house_number: s.houseNumber,
      street: s.street,
      hamlet: s.hamlet,
      building: s.building,
      landmark: s.landmark,
      note: s.note,
      place_name: s.placeName,
      category: s.category,
      status: s.status,
      owner_id: s.ownerId,
    })
    .onConflict(['code', 'unit'])
    .ignore()
    .returning('id');
  return row ? String(row.id) : null;
}

/** `limit` versions older than `before`, newest first: the primary key read backwards. */
export async function versionsPage(
  knex: Knex,
  addressId: string,
  { before, limit }: { before?: number; limit: number },
): Promise<VersionRow[]> {
  const query = knex('address_versions').where({ address_id: addressId });
  if (before !== undefined) query.andWhere('version', '<', before);
  return query.orderBy('version', 'desc').limit(limit);
}

export function readVersion(trx: Knex.Transaction, addressId: string, version: number): Promise<VersionRow | undefined> {
  return trx('address_versions').where({ address_id: addressId, version }).first();
}
