/**
 * What to tell the user about a failure, in their language. The API's own `detail` texts are
 * English; the cases a person can meet are mapped to dictionary messages here. Pure.
 */
import type { ApiError } from './api.js';
import { normalizeCode } from './code.js';
import type { CommonMessageKey, Vars } from '../i18n/translate.js';
import { DETAIL_FIELDS } from './types.js';

/** A message the shared modules give: common keys only, so either app's Message (i18n/household.ts, i18n/console.ts) takes it. */
export type Message = { key: CommonMessageKey; vars?: Vars };

const CODE_REASONS: Record<string, CommonMessageKey> = {
  empty: 'error.code.empty',
  characters: 'error.code.characters',
  length: 'error.code.length',
  check: 'error.code.check',
  coverage: 'error.code.coverage',
  unit: 'error.code.unit',
};

/** How long to wait after a 429 of sign-in, in seconds or minutes. */
export function waitMessage(retryAfter: number | null): Message {
  const seconds = Math.max(1, retryAfter ?? 60);
  return seconds < 60
    ? { key: 'account.waitSeconds', vars: { seconds } }
    : { key: 'account.locked', vars: { minutes: Math.ceil(seconds / 60) } };
}

/** A request failure as one message. `typed` is the code the user typed, for length messages. */
export function apiErrorMessage(error: ApiError, typed = ''): Message {
  if (error.kind === 'network' || error.kind === 'aborted') return { key: 'error.network' };
  if (error.kind === 'timeout') return { key: 'error.timeout' };
  const { status, problem } = error;
  if (status === 401) return { key: 'error.signIn' };
  if (status === 403) return /blocked/i.test(problem.detail ?? '') ? { key: 'error.blocked' } : { key: 'error.forbidden' };
  if (status === 409) return { key: 'error.conflict' };
  if (status === 429 && problem.type?.endsWith('/too-many-requests')) {
    return { key: 'error.tooMany', vars: { minutes: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)) } };
  }
  if (status === 422 && /entrance/i.test(`${problem.title ?? ''} ${problem.detail ?? ''}`)) return { key: 'error.entranceFar' };
  if (status === 422 || problem.type?.endsWith('/outside-coverage')) return { key: 'error.outside' };
  if (status === 503 || status === 429) return { key: 'error.unavailable', vars: { seconds: error.retryAfter ?? 30 } };
  if (problem.type?.endsWith('/invalid-code')) {
    const key = CODE_REASONS[problem.reason ?? ''] ?? 'error.code.check';
    return { key, vars: { count: normalizeCode(typed.split('/')[0] ?? '').length } };
  }
  if (status >= 500 || status === 0) return { key: 'error.server' };
  if (status === 404 && !problem.detail) return { key: 'error.notFound' };
  return { key: 'error.invalid', vars: { detail: problem.detail ?? problem.title ?? String(status) } };
}

export type FieldName = (typeof DETAIL_FIELDS)[number] | 'unit';
const FIELDS = new Set<string>([...DETAIL_FIELDS, 'unit']);

/**
 * The 400 answer to a registration, as one message per form field. The API names fields as
 * `details.street` or `unit`; its messages say "phone numbers" or "at most N characters".
 */
export function fieldErrors(error: ApiError): Partial<Record<FieldName, Message>> {
  const out: Partial<Record<FieldName, Message>> = {};
  for (const [field, message] of Object.entries(anyFieldErrors(error))) if (FIELDS.has(field)) out[field as FieldName] = message;
  return out;
}

/**
 * The same for any form: one message per field the API names (`details.` dropped), for forms
 * with fields beyond the details (place name, category, password…).
 */
export function anyFieldErrors(error: ApiError): Record<string, Message> {
  const out: Record<string, Message> = {};
  if (error.kind !== 'problem' || error.status !== 400) return out;
  for (const issue of error.problem.errors ?? []) {
    const field = (issue.field ?? '').replace(/^(details|edits\.details)\./, '');
    if (!field || out[field]) continue;
    out[field] = issueMessage(field, issue.message);
  }
  return out;
}

function issueMessage(field: string, message: string): Message {
  if (field === 'unit') return { key: 'error.code.unit' };
  if (field === 'password' || field === 'newPassword')
    return /common|guess/i.test(message) ? { key: 'account.weakPassword' } : { key: 'account.shortPassword' };
  if (field === 'email' || field === 'phone') return { key: 'account.badIdentifier' };
  if (/phone|e-?mail/i.test(message)) return { key: 'error.contact' };
  const max = /at most (\d+)/.exec(message);
  if (max) return { key: 'error.tooLong', vars: { max: Number(max[1]) } };
  return { key: 'error.invalid', vars: { detail: message } };
}
