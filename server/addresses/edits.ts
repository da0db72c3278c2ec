/**
 * Every change to an address goes through applyEdit: in one transaction it locks the row, checks
 * the version the writer saw (a stale one is a 409 carrying the current version, never a silent
 * overwrite), writes the new state, bumps the version and appends the version history.
 */
import type { Knex } from 'knex';
import { greatCircleDistance } from 'h3-js';
import { decode } from '../codes/codec.js';
import { conflict, Problem } from '../http/problem.js';
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

export async function applyEdit(
  trx: Knex.Transaction,
  row: EditableRow,
  expectedVersion: number | null,
  patch: Partial<AddressState>,
  meta: { kind: VersionKind; actorId: string | null; reason?: string | null; wardAt?: (lat: number, lng: number) => string | null },
  onStale: (row: EditableRow) => Promise<unknown>,
): Promise<{ version: number; change: Change }> {
  if (expectedVersion !== null && row.version !== expectedVersion) {
    throw conflict(`The address is at version ${row.version}, not ${expectedVersion}: reload it and apply your change again.`, { current: await onStale(row) });
  }
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
