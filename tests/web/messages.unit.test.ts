/** What a person is told when signing in, proposing or restoring fails. */
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../web/src/common/api.js';
import { anyFieldErrors, apiErrorMessage, waitMessage } from '../../web/src/common/messages.js';

const problem = (status: number, body: Record<string, unknown> = {}, retryAfter: number | null = null) =>
  new ApiError('problem', status, body, retryAfter);

describe('account and moderation failures', () => {
  test('401, 403 (blocked or not), 409, 429 with its wait', () => {
    expect(apiErrorMessage(problem(401)).key).toBe('error.signIn');
    expect(apiErrorMessage(problem(403, { detail: 'This account is blocked from proposing changes.' })).key).toBe('error.blocked');
    expect(apiErrorMessage(problem(403, { detail: 'Only the owner or the ward’s staff restore versions.' })).key).toBe('error.forbidden');
    expect(apiErrorMessage(problem(409)).key).toBe('error.conflict');
    expect(apiErrorMessage(problem(429, { type: '/problems/too-many-requests' }, 7200))).toEqual({
      key: 'error.tooMany',
      vars: { minutes: 120 },
    });
    // a 429 that is not a quota is a busy service
    expect(apiErrorMessage(problem(429, {}, 5)).key).toBe('error.unavailable');
  });

  test('an entrance too far from its cell is not "outside Vietnam"', () => {
    expect(apiErrorMessage(problem(422, { type: '/problems/outside-coverage', title: 'Entrance too far' })).key).toBe('error.entranceFar');
    expect(apiErrorMessage(problem(422, { type: '/problems/outside-coverage', title: 'Outside coverage' })).key).toBe('error.outside');
  });

  test('field errors of any form, details and account fields alike', () => {
    const error = problem(400, {
      errors: [
        {
          in: 'body',
          field: 'details.note',
          message: 'note describes the place, not people: phone numbers and e-mail addresses are not accepted',
        },
        { in: 'body', field: 'placeName', message: 'placeName has at most 200 characters' },
        { in: 'body', field: 'password', message: 'password has at least 8 characters' },
        { in: 'body', field: 'email', message: 'not a valid e-mail address' },
      ],
    });
    expect(anyFieldErrors(error)).toEqual({
      note: { key: 'error.contact' },
      placeName: { key: 'error.tooLong', vars: { max: 200 } },
      password: { key: 'account.shortPassword' },
      email: { key: 'account.badIdentifier' },
    });
    expect(anyFieldErrors(problem(409))).toEqual({});
  });
});

describe('password messages', () => {
  test('a refused common password is told apart from a short one; a throttled sign-in says how long to wait', () => {
    const refused = (field: string, message: string) =>
      new ApiError('problem', 400, { status: 400, errors: [{ in: 'body', field, message }] });
    expect(anyFieldErrors(refused('password', 'this password is one of the most common passwords; choose another')).password).toEqual({
      key: 'account.weakPassword',
    });
    expect(anyFieldErrors(refused('newPassword', 'this password is too easy to guess')).newPassword).toEqual({
      key: 'account.weakPassword',
    });
    expect(anyFieldErrors(refused('password', 'password has at least 8 characters')).password).toEqual({ key: 'account.shortPassword' });
    expect(waitMessage(4)).toEqual({ key: 'account.waitSeconds', vars: { seconds: 4 } });
    expect(waitMessage(900)).toEqual({ key: 'account.locked', vars: { minutes: 15 } });
  });
});
