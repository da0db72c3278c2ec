import { z } from 'zod';
import { viewerOf, type Viewer } from '../accounts/viewer.js';
import { forbidden, unauthorized, problem } from '../http/problem.js';
import { route } from '../http/route.js';
import type { KeysService } from './service.js';

const Origin = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^/\s]+$/, 'an origin is scheme://host[:port], e.g. https://shop.example.vn');
const Settings = z
  .object({
    name: z.string().trim().min(1, 'name the key (e.g. "kho Hà Nội")').max(100),
    scope: z
      .enum(['read', 'write'])
      .default('read')
      .describe('read: lookups, search, routing; write: also registering and editing addresses'),
    allowedOrigins: z.array(Origin).max(20).default([]).describe('browser origins allowed to use the key; empty = any (server-side use)'),
    owner: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional()
      .describe('administrators only: the account that will own the key'),
  })
  .strict();
const Key = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('the first characters, to recognise the key'),
  scope: z.enum(['read', 'write']),
  allowedOrigins: z.array(z.string()),
  createdAt: z.date().or(z.string()),
  lastUsedAt: z.date().or(z.string()).nullable(),
  revokedAt: z.date().or(z.string()).nullable(),
  replaces: z.string().nullable(),
  selfIssued: z
    .boolean()
    .describe('made by its account for itself: the anonymous per-minute limit until an administrator raises the account'),
});
const AccountLimits = z.object({
  account: z.string(),
  raised: z
    .boolean()
    .describe('false: the defaults (self-issued keys: the anonymous per-minute limit; keys made by an administrator: the key limits)'),
  perMinute: z.number().int().nullable().describe('requests a minute, all of the account’s keys together'),
  perDay: z.number().int().nullable().describe('requests a day (Vietnam time), all of the account’s keys together'),
  setAt: z.date().or(z.string()).nullable(),
});
const LimitsBody = z
  .object({
    perMinute: z.number().int().min(1).max(1_000_000),
    perDay: z.number().int().min(1).max(1_000_000_000),
  })
  .strict();
const AccountParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'an account id is a number') });
const NewKey = Key.extend({ key: z.string().describe('the key itself: shown this once, never again') });
const IdParams = z.object({ id: z.string() });

function signedIn(v: Viewer | null): Viewer {
  if (!v) throw unauthorized('Sign in to manage API keys.');
  if (v.blocked) throw forbidden('This account is blocked.');
  return v;
}

export function keysRoutes(service: KeysService) {
  return [
    route({
      method: 'post',
      path: '/v1/keys',
      tags: ['api keys'],
      summary:
        'Create an API key for your account (shown once); a key you make yourself has the anonymous per-minute limit until an administrator raises your account',
      body: Settings,
      responses: {
        201: { description: 'The new key, in clear this once', schema: NewKey },
        401: problem('Not signed in'),
        409: problem('Too many active keys'),
      },
      handler: async ({ body }, req, res) => {
        const viewer = signedIn(viewerOf(req));
        res.status(201).set('Cache-Control', 'no-store');
        return service.issue(viewer, body);
      },
    }),
    route({
      method: 'get',
      path: '/v1/keys',
      tags: ['api keys'],
      summary: 'Your API keys (administrators: ?all=1 for every key)',
      query: z.object({ all: z.enum(['0', '1']).optional() }),
      responses: {
        200: { description: 'Keys, newest first; never the keys themselves', schema: z.object({ keys: z.array(Key) }) },
        401: problem('Not signed in'),
      },
      handler: async ({ query }, req) => ({ keys: await service.list(signedIn(viewerOf(req)), query.all === '1') }),
    }),
    route({
      method: 'post',
      path: '/v1/keys/:id/rotate',
      tags: ['api keys'],
      summary: 'Replace a key by a new one with the same settings; the old one stops at once',
      params: IdParams,
      responses: {
        201: { description: 'The new key, in clear this once', schema: NewKey },
        401: problem('Not signed in'),
        403: problem('Not your key'),
        404: problem('No such key'),
        409: problem('Already revoked'),
      },
      handler: async ({ params }, req, res) => {
        res.status(201).set('Cache-Control', 'no-store');
        return service.rotate(signedIn(viewerOf(req)), params.id);
      },
    }),
    route({
      method: 'delete',
      path: '/v1/keys/:id',
      tags: ['api keys'],
      summary: 'Revoke a key: it stops working at once, on every server',
      params: IdParams,
      responses: {
        200: { description: 'The revoked key', schema: Key },
        401: problem('Not signed in'),
        403: problem('Not your key'),
        404: problem('No such key'),
      },
      handler: async ({ params }, req) => service.revoke(signedIn(viewerOf(req)), params.id),
    }),
    route({
      method: 'get',
      path: '/v1/users/:id/api-limits',
      tags: ['api keys'],
      summary: 'An account’s API limits, shared by all its keys (the account itself, administrators)',
      params: AccountParams,
      responses: {
        200: { description: 'The limits', schema: AccountLimits },
        401: problem('Not signed in'),
        404: problem('No such account (or not yours)'),
      },
      handler: ({ params }, req) => service.limits(signedIn(viewerOf(req)), params.id),
    }),
    route({
      method: 'put',
      path: '/v1/users/:id/api-limits',
      tags: ['api keys'],
      summary: 'Raise an account’s API limits: all its keys, self-issued ones included, share them (administrators)',
      params: AccountParams,
      body: LimitsBody,
      responses: {
        200: { description: 'The limits now', schema: AccountLimits },
        401: problem('Not signed in'),
        403: problem('Not an administrator'),
        404: problem('No such account'),
      },
      handler: ({ params, body }, req) => service.setLimits(signedIn(viewerOf(req)), params.id, body),
    }),
    route({
      method: 'delete',
      path: '/v1/users/:id/api-limits',
      tags: ['api keys'],
      summary: 'Return an account to the default limits of its keys (administrators)',
      params: AccountParams,
      responses: {
        200: { description: 'The limits now', schema: AccountLimits },
        401: problem('Not signed in'),
        403: problem('Not an administrator'),
        404: problem('No such account'),
      },
      handler: ({ params }, req) => service.setLimits(signedIn(viewerOf(req)), params.id, null),
    }),
    route({
      method: 'get',
      path: '/v1/keys/:id/usage',
      tags: ['api keys'],
      summary: 'Requests, codes looked up and errors per day (Vietnam time) for one of your keys',
      params: IdParams,
      query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
      responses: {
        200: {
          description: 'Usage, newest day first',
          schema: z.object({
            key: Key,
            days: z.array(z.object({ day: z.string(), requests: z.number(), codes: z.number(), errors: z.number() })),
          }),
        },
        401: problem('Not signed in'),
        403: problem('Not your key'),
        404: problem('No such key'),
      },
      handler: async ({ params, query }, req) => service.usage(signedIn(viewerOf(req)), params.id, query.days),
    }),
  ];
}
