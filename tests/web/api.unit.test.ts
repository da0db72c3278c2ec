/** The API client against a fake fetch: paths sent, and failures turned into what to tell the user. */
import { describe, expect, test } from 'vitest';
import { ApiError, cleanDetails, createApi, lookupPath } from '../../web/src/common/api.js';
import { apiErrorMessage, fieldErrors } from '../../web/src/common/messages.js';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function fakeApi(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const api = createApi({
    fetch: async (url, init = {}) => {
      calls.push({ url: String(url), init });
      return answer(String(url), init);
    },
    timeoutMs: 50,
  });
  return { api, calls };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('requests', () => {
  test('lookups send the grouped code, the unit and the map centre for suggestions', () => {
    expect(lookupPath({ code: '25msn9s32', unit: null })).toBe('/v1/codes/25M-SN9-S32');
    expect(lookupPath({ code: '25MSN9S32', unit: 'P302' }, { lat: 21.028712345, lng: 105.85 })).toBe(
      '/v1/codes/25M-SN9-S32/P302?near=21.02871,105.85000',
    );
    // a code of the wrong length still reaches the API, which answers with suggestions
    expect(lookupPath({ code: '25MSN9S3', unit: null })).toBe('/v1/codes/25MSN9S3');
  });

  test('registering posts JSON and tells new from existing', async () => {
    const { api, calls } = fakeApi(() => json(201, { code: '25M-SN9-S32' }));
    const { created } = await api.register({ lat: 21, lng: 105, details: { street: 'Hàng Bạc' } });
    expect(created).toBe(true);
    expect(calls[0]!.url).toBe('/v1/addresses');
    expect(calls[0]!.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ lat: 21, lng: 105, details: { street: 'Hàng Bạc' } });
    const again = fakeApi(() => json(200, { code: '25M-SN9-S32' }));
    expect((await again.api.register({ lat: 21, lng: 105 })).created).toBe(false);
  });

  test('only the details the user filled in are sent', () => {
    expect(cleanDetails({ houseNumber: ' 12 ', street: '', note: '  gần   chợ ' })).toEqual({ houseNumber: '12', note: 'gần chợ' });
    expect(cleanDetails({ street: '   ' })).toBeUndefined();
  });
});

describe('failures, in words a person can act on', () => {
  test('no network, and a network too slow to answer', async () => {
    const offline = fakeApi(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await failure(offline.api.meta());
    expect(error.kind).toBe('network');
    expect(apiErrorMessage(error).key).toBe('error.network');

    const slow = fakeApi(
      (_url, init) =>
        new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const timeout = await failure(slow.api.encode({ lat: 21, lng: 105 }));
    expect(timeout.kind).toBe('timeout');
    expect(apiErrorMessage(timeout).key).toBe('error.timeout');
  });

  test('outside coverage, and the database away for a while', async () => {
    const outside = await failure(
      fakeApi(() => json(422, { type: '/problems/outside-coverage', status: 422 })).api.encode({ lat: 0, lng: 0 }),
    );
    expect(apiErrorMessage(outside).key).toBe('error.outside');
    const away = await failure(fakeApi(() => json(503, { type: '/problems/service-unavailable' }, { 'retry-after': '5' })).api.meta());
    expect(apiErrorMessage(away)).toEqual({ key: 'error.unavailable', vars: { seconds: 5 } });
    const broken = await failure(fakeApi(() => new Response('<html>Bad gateway</html>', { status: 502 })).api.meta());
    expect(apiErrorMessage(broken).key).toBe('error.server');
  });

  test('a mistyped code keeps its suggestions and says what is wrong', async () => {
    const problem = {
      type: '/problems/invalid-code',
      status: 400,
      reason: 'length',
      detail: 'A code has 9 characters',
      suggestions: ['25M-SN9-S32'],
    };
    const error = await failure(fakeApi(() => json(400, problem)).api.lookup({ code: '25MSN9S3', unit: null }));
    expect(error.problem.suggestions).toEqual(['25M-SN9-S32']);
    expect(apiErrorMessage(error, '25m-sn9-s3')).toEqual({ key: 'error.code.length', vars: { count: 8 } });
    const check = new ApiError('problem', 400, { type: '/problems/invalid-code', reason: 'check' });
    expect(apiErrorMessage(check).key).toBe('error.code.check');
  });

  test('refused details are told field by field', () => {
    const error = new ApiError('problem', 400, {
      type: '/problems/invalid-request',
      errors: [
        {
          in: 'body',
          field: 'details.note',
          message: 'note describes the place, not people: phone numbers and e-mail addresses are not accepted',
        },
        { in: 'body', field: 'details.street', message: 'street has at most 200 characters' },
        { in: 'body', field: 'unit', message: 'unit has 1 to 6 letters or digits' },
        { in: 'body', field: 'lat', message: 'lat is required' },
      ],
    });
    expect(fieldErrors(error)).toEqual({
      note: { key: 'error.contact' },
      street: { key: 'error.tooLong', vars: { max: 200 } },
      unit: { key: 'error.code.unit' },
    });
    expect(fieldErrors(new ApiError('network', 0, {}))).toEqual({});
  });
});
