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
import { appendVersion, insertAddressRow, updateAddress, type EditableRow, type VersionKind } from './repository.js';
import { diff, STATE_COLUMNS, stateOf, type AddressState, type Change } from './state.js';

export const ENTRANCE_MAX_METRES = 30;

/** The entrance point may move, but it stays by its cell: the code must keep leading to it. */
export function checkEntrance(code: string, lat: number, lng: number) {
  const centre = decode(code);
  const metres = greatCircleDistance([centre.lat, centre.lng], [lat, lng], 'm');
  if (metres > ENTRANCE_MAX_METRES) {
    throw new Problem(
      422,
      'outside-coverage',
      'Entrance too far',
      `The entrance point is ${Math.round(metres)} m from the code's cell; it may be at most ${ENTRANCE_MAX_METRES} m away. Register a new address instead.`,
    );
  }
}

/** A write carried a version that is no longer current. */
export class StaleVersion extends Error {
  constructor(
    readonly row: EditableRow,
    readonly expected: number,
  ) {
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
  const columns: Record<string, unknown> = {};
  for (const key of Object.keys(change) as (keyof AddressState)[]) {
    if (key === 'lat' || key === 'lng') continue;
    columns[STATE_COLUMNS[key]] = after[key];
  }
  const moved = Boolean(change.lat || change.lng);
  await updateAddress(trx, row.id, {
    version: row.version + 1,
    columns,
    ...(moved ? { point: { lat: after.lat, lng: after.lng } } : {}),
    ...(moved && meta.wardAt ? { wardCode: meta.wardAt(after.lat, after.lng) } : {}),
  });
  await appendVersion(trx, {
    addressId: row.id,
    version: row.version + 1,
    kind: meta.kind,
    state: after,
    change,
    actorId: meta.actorId,
    reason: meta.reason,
  });
  return { version: row.version + 1, change };
}

export type NewAddress = {
  code: string;
  unit: string;
  h3: string;
  wardCode: string | null;
  lat: number;
  lng: number;
  details: {
    houseNumber?: string | null;
    street?: string | null;
    hamlet?: string | null;
    building?: string | null;
    landmark?: string | null;
    note?: string | null;
  };
  ownerId?: string | null;
  status?: 'draft' | 'verified';
  placeName?: string | null;
  category?: string | null;
  actorId?: string | null;
  kind?: 'created' | 'imported';
};

/**
 * Registers an address with the first version of its history, in one transaction. Concurrent
 * identical requests create one row (ON CONFLICT DO NOTHING), and the loser learns that it lost
 * (null) without an error or a half-written row.
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
      throw serviceUnavailable(
        'The database went away while this address was being saved: it may or may not have been registered. Send the same request again: the same cell and unit answer 200 with the address already there.',
        { outcome: 'unknown' },
      );
    }
    throw err;
  }
}

function insertInTransaction(db: Knex, a: NewAddress, beforeCommit: () => void): Promise<string | null> {
  return db.transaction(async (trx) => {
    const d = a.details;
    const state: AddressState = {
      houseNumber: d.houseNumber ?? null,
      street: d.street ?? null,
      hamlet: d.hamlet ?? null,
      building: d.building ?? null,
      landmark: d.landmark ?? null,
      note: d.note ?? null,
      placeName: a.placeName ?? null,
      category: a.category ?? null,
      status: a.status ?? 'draft',
      private: false,
      lat: a.lat,
      lng: a.lng,
      ownerId: a.ownerId ?? null,
    };
    const id = await insertAddressRow(trx, { code: a.code, unit: a.unit, h3: a.h3, lat: a.lat, lng: a.lng, wardCode: a.wardCode, state });
    if (id === null) return null;
    await appendVersion(trx, { addressId: id, version: 1, kind: a.kind ?? 'created', state, change: {}, actorId: a.actorId ?? null });
    beforeCommit();
    return id;
  });
}
