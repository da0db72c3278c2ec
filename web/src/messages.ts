/**
 * What to tell the user about a failure, in their language. The API's own `detail` texts are
 * English; the cases a person can meet are mapped to dictionary messages here. Pure.
 */
import type { ApiError } from './api.js';
import { normalizeCode } from './code.js';
import type { MessageKey, Vars } from './i18n.js';
import { DETAIL_FIELDS } from './types.js';

export type Message = { key: MessageKey; vars?: Vars };

const CODE_REASONS: Record<string, MessageKey> = {
  empty: 'error.code.empty',
  characters: 'error.code.characters',
  length: 'error.code.length',
  check: 'error.code.check',
  coverage: 'error.code.coverage',
  unit: 'error.code.unit',
};

/** A request failure as one message. `typed` is the code the user typed, for length messages. */
export function apiErrorMessage(error: ApiError, typed = ''): Message {
  if (error.kind === 'network' || error.kind === 'aborted') return { key: 'error.network' };
  if (error.kind === 'timeout') return { key: 'error.timeout' };
  const { status, problem } = error;
  if (status === 422 || problem.type?.endsWith('/outside-coverage')) return { key: 'error.outside' };
  if (status === 503 || status === 429) return { key: 'error.unavailable', vars: { seconds: error.retryAfter ?? 30 } };
  if (problem.type?.endsWith('/invalid-code')) {
    const key = CODE_REASONS[problem.reason ?? ''] ?? 'error.code.check';
    return { key, vars: { count: normalizeCode(typed.split('/')[0] ?? '').length } };
  }
  if (status >= 500 || status === 0) return { key: 'error.server' };
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
  if (error.kind !== 'problem' || error.status !== 400) return out;
  for (const issue of error.problem.errors ?? []) {
    const field = (issue.field ?? '').replace(/^details\./, '');
    if (!FIELDS.has(field) || out[field as FieldName]) continue;
    out[field as FieldName] = issueMessage(field as FieldName, issue.message);
  }
  return out;
}

function issueMessage(field: FieldName, message: string): Message {
  if (field === 'unit') return { key: 'error.code.unit' };
  if (/phone|e-?mail/i.test(message)) return { key: 'error.contact' };
  const max = /at most (\d+)/.exec(message);
  if (max) return { key: 'error.tooLong', vars: { max: Number(max[1]) } };
  return { key: 'error.invalid', vars: { detail: message } };
}
