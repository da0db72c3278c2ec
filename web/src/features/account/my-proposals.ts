/**
 * A household's own proposals in words, for "My proposals" in the account panel: newest first,
 * and one short line saying what each one asked for. Pure: the caller passes the translator.
 */
import { fieldLabel, formatValue, tidy } from '../../common/changes.js';
import type { Translate } from '../../i18n/household.js';
import { categoryLabel } from '../../common/places.js';
import { DETAIL_FIELDS, type Proposal } from '../../common/types.js';

/** Past this many characters a summary is cut (with "…"): the card shows the gist, not the form. */
export const SUMMARY_MAX = 120;

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
};
const idNumber = (id: string) => (/^\d+$/.test(id) ? Number(id) : 0);

/** Newest first (the API answers oldest first); equal times by the larger id first. Does not change `list`. */
export function newestFirst(list: readonly Proposal[]): Proposal[] {
  return [...list].sort((a, b) => time(b.createdAt) - time(a.createdAt) || idNumber(b.id) - idNumber(a.id));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function cut(text: string, max = SUMMARY_MAX): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * What a proposal asked for, in one line: a claim says so; a new place is its name and kind
 * ("Phở Thìn · Quán ăn, nhà hàng"); an edit lists its fields ("Số nhà: 14; Đường/phố: Hàng Gai").
 */
export function proposalSummary(p: Pick<Proposal, 'kind' | 'payload'>, t: Translate): string {
  const payload = isRecord(p.payload) ? p.payload : {};
  if (p.kind === 'claim') return t('mine.claim');
  if (p.kind === 'new_place') {
    const name = typeof payload.name === 'string' ? tidy(payload.name) : '';
    const category = typeof payload.category === 'string' && payload.category ? categoryLabel(payload.category, t) : '';
    const text = [name, category].filter(Boolean).join(' · ');
    return cut(text || t('queue.kind.new_place'));
  }
  const parts: string[] = [];
  if ('placeName' in payload) parts.push(`${fieldLabel('placeName', t)}: ${formatValue('placeName', payload.placeName, t)}`);
  if ('category' in payload) parts.push(`${fieldLabel('category', t)}: ${formatValue('category', payload.category, t)}`);
  const details = isRecord(payload.details) ? payload.details : {};
  for (const field of DETAIL_FIELDS) {
    if (field in details) parts.push(`${fieldLabel(field, t)}: ${formatValue(field, details[field], t)}`);
  }
  if (isRecord(payload.point)) parts.push(`${fieldLabel('point', t)}: ${t('mine.moved')}`);
  if (payload.claim === true) parts.push(t('mine.claim'));
  return cut(parts.length ? parts.join('; ') : t('queue.kind.edit'));
}
