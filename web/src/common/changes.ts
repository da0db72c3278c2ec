/**
 * Changes of an address in words: the rows of its history ("Số nhà: 12 → 14"), the edit a
 * household proposes (only what differs from what it was shown), and a proposal beside the
 * address as it is now, for the staff who review it. Pure: the caller passes the translator.
 */
import type { ChangeInput } from './api.js';
import { distanceMeters, formatLatLng, type LatLng } from './geo.js';
import type { CommonMessageKey, Translate } from '../i18n/translate.js';
import { categoryLabel } from './places.js';
import { DETAIL_FIELDS, type Address, type Change, type DetailField, type Proposal } from './types.js';

/** The fields a person edits; category is a word from places.ts, or '' for none. */
export const EDIT_FIELDS = ['placeName', 'category', ...DETAIL_FIELDS] as const;
export type EditField = (typeof EDIT_FIELDS)[number];
export type EditForm = Record<EditField, string>;

const FIELD_LABELS: Record<string, CommonMessageKey> = {
  placeName: 'field.placeName',
  category: 'field.category',
  houseNumber: 'field.houseNumber',
  street: 'field.street',
  hamlet: 'field.hamlet',
  building: 'field.building',
  landmark: 'field.landmark',
  note: 'field.note',
  unit: 'field.unit',
  point: 'field.entrance',
  status: 'field.status',
  private: 'field.private',
  ownerId: 'field.owner',
};
/** History rows in this order; fields the app does not know come last, by name. */
const ORDER = ['placeName', 'category', ...DETAIL_FIELDS, 'point', 'status', 'private', 'ownerId'];
const STATUSES = new Set(['draft', 'verified', 'needs_review']);

export const fieldLabel = (field: string, t: Translate) => (FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field);

/** Collapses blanks and trims, like the API does: what is compared is what would be stored. */
export const tidy = (text: string | null | undefined) => (text ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();

/** One stored value in words; empty ones say so rather than showing nothing. */
export function formatValue(field: string, value: unknown, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('change.none');
  if (field === 'status' && typeof value === 'string' && STATUSES.has(value))
    return t(`status.${value as 'draft' | 'verified' | 'needs_review'}`);
  if (field === 'category' && typeof value === 'string') return categoryLabel(value, t);
  if (field === 'private' || typeof value === 'boolean') return value ? t('change.yes') : t('change.no');
  if (field === 'ownerId') return t('change.user', { id: String(value) });
  if (typeof value === 'number') return String(Number(value.toFixed(6)));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export type ChangeRow = { field: string; label: string; from: string; to: string };

const asNumber = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** An entrance that moved, as coordinates and how far ("21.028720, 105.852260 (4 m)"). */
function pointRow(change: Change, t: Translate): ChangeRow {
  const fromLat = asNumber(change.lat?.from);
  const fromLng = asNumber(change.lng?.from);
  const toLat = asNumber(change.lat?.to);
  const toLng = asNumber(change.lng?.to);
  // a move along one axis only records that axis: the other stayed, but its value is not in the change
  const show = (lat: number | null, lng: number | null) =>
    lat !== null && lng !== null
      ? formatLatLng({ lat, lng })
      : lat !== null
        ? `${t('change.lat')} ${lat.toFixed(6)}`
        : lng !== null
          ? `${t('change.lng')} ${lng.toFixed(6)}`
          : t('change.none');
  let to = show(toLat, toLng);
  if (fromLat !== null && fromLng !== null && toLat !== null && toLng !== null) {
    to += ` (${t('change.moved', { metres: Math.round(distanceMeters({ lat: fromLat, lng: fromLng }, { lat: toLat, lng: toLng })) })})`;
  }
  return { field: 'point', label: fieldLabel('point', t), from: show(fromLat, fromLng), to };
}

/** The rows of one version's change, in a fixed order, the entrance point as one row. */
export function changeRows(change: Change, t: Translate): ChangeRow[] {
  const rows: ChangeRow[] = [];
  const fields = Object.keys(change).filter((f) => f !== 'lat' && f !== 'lng');
  if ('lat' in change || 'lng' in change) fields.push('point');
  const rank = (f: string) => (ORDER.includes(f) ? ORDER.indexOf(f) : ORDER.length);
  fields.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const field of fields) {
    if (field === 'point') rows.push(pointRow(change, t));
    else
      rows.push({
        field,
        label: fieldLabel(field, t),
        from: formatValue(field, change[field]!.from, t),
        to: formatValue(field, change[field]!.to, t),
      });
  }
  return rows;
}

const VERSION_KINDS: Record<string, CommonMessageKey> = {
  created: 'history.kind.created',
  edited: 'history.kind.edited',
  proposal: 'history.kind.proposal',
  restored: 'history.kind.restored',
  imported: 'history.kind.imported',
};
export const versionKindLabel = (kind: string, t: Translate) => (VERSION_KINDS[kind] ? t(VERSION_KINDS[kind]) : kind);

/** A reason as written by a person is shown as is; the service's own English reasons are translated. */
export function reasonText(reason: string, t: Translate): string {
  const restored = /^restored version (\d+)$/i.exec(reason.trim());
  if (restored) return t('history.restoredReason', { version: Number(restored[1]) });
  if (/^trusted contributor$/i.test(reason.trim())) return t('history.trustedReason');
  return reason;
}

/** The edit form filled with the address as it is. */
export function formOf(address: Pick<Address, 'details'>): EditForm {
  const d = address.details;
  const form = { placeName: d.placeName ?? '', category: d.category ?? '' } as EditForm;
  for (const f of DETAIL_FIELDS) form[f] = d[f] ?? '';
  return form;
}

/**
 * What an edit changes: only the fields that differ from the address as shown (a cleared
 * detail is sent as '', which the API stores as empty; a cleared name or category as null),
 * and the entrance when it was moved. Null when nothing changed.
 */
export function changeInput(address: Pick<Address, 'details' | 'point'>, form: EditForm, entrance: LatLng | null): ChangeInput | null {
  const out: ChangeInput = {};
  const details: Partial<Record<DetailField, string>> = {};
  for (const f of DETAIL_FIELDS) {
    const value = tidy(form[f]);
    if (value !== tidy(address.details[f])) details[f] = value;
  }
  if (Object.keys(details).length) out.details = details;
  const name = tidy(form.placeName);
  if (name !== tidy(address.details.placeName)) out.placeName = name || null;
  const category = form.category.trim();
  if (category !== (address.details.category ?? '')) out.category = category || null;
  if (entrance && distanceMeters(entrance, address.point) >= 0.05) out.point = { lat: round7(entrance.lat), lng: round7(entrance.lng) };
  return Object.keys(out).length ? out : null;
}
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

export type ReviewRow = { field: string; label: string; current: string; proposed: string; changed: boolean };

type ProposedPayload = {
  details?: Partial<Record<DetailField, string | null>>;
  placeName?: string | null;
  name?: string;
  category?: string | null;
  point?: { lat: number; lng: number };
  lat?: number;
  lng?: number;
  unit?: string;
};

/** Where a proposal is: the new place's point, the moved entrance, or the address. */
export function proposalPoint(proposal: Proposal, current: Pick<Address, 'point'> | null): LatLng | null {
  const p = proposal.payload as ProposedPayload;
  if (proposal.kind === 'new_place' && typeof p.lat === 'number' && typeof p.lng === 'number') return { lat: p.lat, lng: p.lng };
  return current?.point ?? p.point ?? null;
}

/**
 * A proposal beside the address as it is now: one row per field it touches. A new place has
 * nothing "now"; a claim changes the owner only.
 */
export function proposalRows(proposal: Proposal, current: Pick<Address, 'details' | 'point'> | null, t: Translate): ReviewRow[] {
  const p = proposal.payload as ProposedPayload;
  const rows: ReviewRow[] = [];
  const add = (field: string, now: unknown, proposed: unknown) => {
    const a = formatValue(field, now === '' ? null : now, t);
    const b = formatValue(field, proposed === '' ? null : proposed, t);
    rows.push({ field, label: fieldLabel(field, t), current: a, proposed: b, changed: a !== b });
  };
  if (proposal.kind === 'claim') {
    rows.push({
      field: 'ownerId',
      label: fieldLabel('ownerId', t),
      current: t('change.none'),
      proposed: t('review.proposer'),
      changed: true,
    });
    return rows;
  }
  if (proposal.kind === 'new_place') {
    add('placeName', null, p.name);
    add('category', null, p.category);
    if (p.unit) add('unit', null, p.unit);
    for (const f of DETAIL_FIELDS) if (p.details?.[f]) add(f, null, p.details[f]);
    if (typeof p.lat === 'number' && typeof p.lng === 'number') {
      rows.push({
        field: 'point',
        label: fieldLabel('point', t),
        current: t('change.none'),
        proposed: formatLatLng({ lat: p.lat, lng: p.lng }),
        changed: true,
      });
    }
    return rows;
  }
  const details = current?.details;
  if ('placeName' in p) add('placeName', details?.placeName, p.placeName);
  if ('category' in p) add('category', details?.category, p.category);
  for (const f of DETAIL_FIELDS) if (p.details && f in p.details) add(f, details?.[f], p.details[f]);
  if (p.point) {
    const now = current?.point;
    const metres = now ? Math.round(distanceMeters(now, p.point)) : null;
    rows.push({
      field: 'point',
      label: fieldLabel('point', t),
      current: now ? formatLatLng(now) : t('change.none'),
      proposed: formatLatLng(p.point) + (metres !== null ? ` (${t('change.moved', { metres })})` : ''),
      changed: true,
    });
  }
  return rows;
}

/** The form of "edit, then approve": what was proposed, else what is there now. */
export function reviewForm(proposal: Proposal, current: Pick<Address, 'details'> | null): EditForm {
  const p = proposal.payload as ProposedPayload;
  const form = current
    ? formOf(current)
    : formOf({
        details: {
          placeName: null,
          category: null,
          houseNumber: null,
          street: null,
          hamlet: null,
          building: null,
          landmark: null,
          note: null,
        },
      });
  if (proposal.kind === 'new_place') {
    form.placeName = p.name ?? '';
    form.category = p.category ?? '';
  } else {
    if ('placeName' in p) form.placeName = p.placeName ?? '';
    if ('category' in p) form.category = p.category ?? '';
  }
  for (const f of DETAIL_FIELDS) if (p.details && f in p.details) form[f] = p.details[f] ?? '';
  return form;
}

/**
 * The `edits` of "edit, then approve". The server lays them over the proposal's payload, a
 * whole `details` object replacing the proposed one: so every detail that was proposed or now
 * differs from the address goes in. A new place's name is not editable (the API names it `name`).
 */
export function approvalEdits(proposal: Proposal, current: Pick<Address, 'details'> | null, form: EditForm): ChangeInput {
  const p = proposal.payload as ProposedPayload;
  const edits: ChangeInput = {};
  const details: Partial<Record<DetailField, string>> = {};
  for (const f of DETAIL_FIELDS) {
    const value = tidy(form[f]);
    const proposed = Boolean(p.details && f in p.details);
    if (proposed || value !== tidy(current?.details[f])) {
      if (value || proposed || current?.details[f]) details[f] = value;
    }
  }
  if (Object.keys(details).length) edits.details = details;
  const category = form.category.trim();
  if ('category' in p || category !== (current?.details.category ?? '')) edits.category = category || null;
  if (proposal.kind !== 'new_place') {
    const name = tidy(form.placeName);
    if ('placeName' in p || name !== tidy(current?.details.placeName)) edits.placeName = name || null;
  }
  return edits;
}
