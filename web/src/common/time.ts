/** Dates and times as people of each language write them. Pure. */
import type { Lang } from '../i18n/translate.js';

/** "14:03 12/05/2026" in Vietnamese, "12/05/2026, 14:03" in English; the input unchanged if it is not a date. */
export function formatDateTime(iso: string, lang: Lang, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** A calendar day ("2026-05-12") as "12/05/2026"; read as UTC so that no time zone shifts the day. */
export function formatDay(day: string, lang: Lang): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeZone: 'UTC' }).format(date);
}
