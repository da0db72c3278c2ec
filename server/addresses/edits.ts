/**
 * Every change to an address goes through applyEdit: in one transaction it locks the row, checks
 * the version the writer saw (a stale one is a 409 carrying the current version, never a silent
 * overwrite), writes the new state, bumps the version and appends the version history.
 */
import type { Knex } from 'knex';
import { greatCircleDistance } from 'h3-js';
import { decode } from '../codes/codec.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { conflict, Problem, serviceUnavailable } from '../http/problem.js';
import { diff, STATE_COLUMNS, stateOf, type AddressState, type Change, type EditableRow } from './state.js';

export type VersionKind = 'created' | 'edited' | 'proposal' | 'restored' | 'imported';
export const ENTRANCE_MAX_METRES = 30;

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

/** The entrance point may move, but it stays by its cell: the code must keep leading to it. */
export function checkEntrance(code: string, lat: number, lng: number) {
  const centre = decode(code);
  const metres = greatCircleDistance([centre.lat, centre.lng], [lat, lng], 'm');
  if (metres > ENTRANCE_MAX_METRES) {
    throw new Problem(422, 'outside-coverage', 'Entrance too far', `The entrance point is ${Math.round(metres)} m from the code's cell; it may be at most ${ENTRANCE_MAX_METRES} m away. Register a new address instead.`);
  }
}

export async function appendVersion(
  trx: Knex.Transaction,
  v: { addressId: string; version: number; kind: VersionKind; state: AddressState; change: Change; actorId: string | null; reason?: string | null },
) {
  await trx('address_versions').insert({
    address_id: v.addressId, version: v.version, kind: v.kind, state: JSON.stringify(v.state), change: JSON.stringify(v.change),
    actor_id: v.actorId, reason: v.reason ?? null,
  });
}

/** A write carried a version that is no longer current. */
export class StaleVersion extends Error {
  constructor(readonly row: EditableRow, readonly expected: number) {
    super(`The address is at version ${row.version}, not ${expected}: reload it and apply your change again.`);
  }
}

/**
 * Runs a transaction and turns a StaleVersion into a 409 carrying the current address. The
 * current address is read after the transaction has ended: the embedded database serves one
 * transaction at a time, so nothing may query outside a transaction while it is open.
 */
export async function staleAsConflict<T>(work: () => Promise<T>, current: (row: EditableRow) => Promise<unknown>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StaleVersion) throw conflict(err.message, { current: await current(err.row) });
    throw err;
  }
}

export async function applyEdit(
  trx: Knex.Transaction,
  row: EditableRow,
  expectedVersion: number | null,
  patch: Partial<AddressState>,
  meta: { kind: VersionKind; actorId: string | null; reason?: string | null; wardAt?: (lat: number, lng: number) => string | null },
): Promise<{ version: number; change: Change }> {
  if (expectedVersion !== null && row.version !== expectedVersion) throw new StaleVersion(row, expectedVersion);
  const before = stateOf(row);
  const after: AddressState = { ...before, ...patch };
  if (patch.lat !== undefined || patch.lng !== undefined) checkEntrance(row.code, after.lat, after.lng);
  const change = diff(before, after);
  if (Object.keys(change).length === 0) return { version: row.version, change };
  const update: Record<string, unknown> = { version: row.version + 1, updated_at: trx.fn.now() };
  for (const key of Object.keys(change) as (keyof AddressState)[]) {
    if (key === 'lat' || key === 'lng') continue;
    update[STATE_COLUMNS[key]] = after[key];
  }
  if (change.lat || change.lng) {
    update.geom = trx.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [after.lng, after.lat]);
    if (meta.wardAt) update.ward_code = meta.wardAt(after.lat, after.lng);
  }
  await trx('addresses').where({ id: row.id }).update(update);
  await appendVersion(trx, { addressId: row.id, version: row.version + 1, kind: meta.kind, state: after, change, actorId: meta.actorId, reason: meta.reason });
  return { version: row.version + 1, change };
}

export type NewAddress = {
  code: string;
  unit: string;
  h3: string;
  wardCode: string | null;
  lat: number;
  lng: number;
  details: { houseNumber?: string | null; street?: string | null; hamlet?: string | null; building?: string | null; landmark?: string | null; note?: string | null };
  ownerId?: string | null;
  status?: 'draft' | 'verified';
  placeName?: string | null;
  category?: string | null;
  actorId?: string | null;
  kind?: 'created' | 'imported';
};

/**
 * Registers an address with the first version of its history, in one transaction.
 * ON CONFLICT DO NOTHING on the (code, unit) key: concurrent identical requests create one row,
 * and the loser learns that it lost (null) without an error or a half-written row.
 */
export async function insertAddress(db: Knex, a: NewAddress): Promise<string | null> {
  // A connection lost while COMMIT is on its way leaves the outcome unknown: the server may have
  // committed and died before answering. Said so (outcome "unknown"), unlike a failure before it.
  let committing = false;
  try {
    return await insertInTransaction(db, a, () => (committing = true));
  } catch (err) {
    // inside a caller's transaction this was only a savepoint: the caller's COMMIT decides
    if (committing && !db.isTransaction && isDatabaseUnavailable(err)) {
      throw serviceUnavailable('The database went away while this address was being saved: it may or may not have been registered. Send the same request again: the same cell and unit answer 200 with the address already there.', { outcome: 'unknown' });
    }
    throw err;
  }
}

function insertInTransaction(db: Knex, a: NewAddress, beforeCommit: () => void): Promise<string | null> {
  return db.transaction(async (trx) => {
    const d = a.details;
    const state: AddressState = {
      houseNumber: d.houseNumber ?? null, street: d.street ?? null, hamlet: d.hamlet ?? null, building: d.building ?? null,
      landmark: d.landmark ?? null, note: d.note ?? null, placeName: a.placeName ?? null, category: a.category ?? null,
      status: a.status ?? 'draft', private: false, lat: a.lat, lng: a.lng, ownerId: a.ownerId ?? null,
    };
    const [row] = await trx('addresses')
      .insert({
        code: a.code, unit: a.unit, h3: BigInt(`0x${a.h3}`).toString(), geom: trx.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [a.lng, a.lat]),
        ward_code: a.wardCode, house_number: state.houseNumber, street: state.street, hamlet: state.hamlet, building: state.building,
        landmark: state.landmark, note: state.note, place_name: state.placeName, category: state.category, status: state.status,
        owner_id: state.ownerId,
      })
      .onConflict(['code', 'unit'])
      .ignore()
      .returning('id');
    if (!row) return null;
    await appendVersion(trx, { addressId: String(row.id), version: 1, kind: a.kind ?? 'created', state, change: {}, actorId: a.actorId ?? null });
    beforeCommit();
    return String(row.id);
  });
}
