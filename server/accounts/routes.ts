import { serialize } from 'cookie';
import { z } from 'zod';
import { problem } from '../http/problem.js';
import { route } from '../http/route.js';
import { Contributor } from './contributor.js';
import { CredentialsBody, EmailInput, PasswordInput, PhoneInput, User } from './identity.js';
import { SESSION_COOKIE, sessionToken } from './middleware.js';
import type { AccountsService } from './service.js';
import type { SignInService } from './sign-in.js';
import { accountCookies, deviceToken } from './cookies.js';
import { viewerOf } from './viewer.js';

const WardCodes = z.array(z.string().regex(/^\d{5}$/, 'a ward code has 5 digits')).max(500);

const SIGNUP_MESSAGE =
  'Sign-up received. A new account is signed in at once; if this e-mail or phone number already had an account, nothing changed: sign in, or reset the password.';

export function accountsRoutes(service: AccountsService, signIn: SignInService, { publicUrl }: { publicUrl: string | undefined }) {
  const cookies = accountCookies(publicUrl, service.SESSION_DAYS);
  const secure = cookies.secure;
  const loginOf = (b: { email?: string; phone?: string }) => (b.email ? { email: b.email } : { phone: b.phone! });

  return [
    route({
      method: 'post',
      path: '/v1/auth/signup',
      tags: ['accounts'],
      summary: 'Create a household account (e-mail or phone, and a password) and sign in',
      description:
        'Answers 202 with the same body whether the e-mail or phone number is new or already has an account, so sign-up does not ' +
        'tell who has one. A new account is signed in at once: the session cookie is set and `user` is present. A taken e-mail ' +
        'address gets a mail telling its owner (when the server sends mail); nothing else changes. Passwords among the most ' +
        'common ones, or too easy to guess, are refused (400). Sign-ups from one client address are throttled (429, Retry-After).',
      body: CredentialsBody,
      responses: {
        202: {
          description: 'Received; `user` only when a new account was made (and the session cookie set)',
          schema: z.object({ message: z.string(), user: User.optional() }),
        },
        400: problem('Malformed, or the password is too short, too common or too easy to guess'),
        429: problem('Too many sign-ups from this address; retry after Retry-After seconds'),
      },
      handler: async ({ body }, req, res) => {
        const { user, token } = await signIn.signup(loginOf(body), body.password, req.ip);
        if (token && user) {
          cookies.setSession(req, res, token);
          // the browser that made the account is its first known device: exempt from strangers' failures from the start
          cookies.setDevice(req, res, await signIn.rememberDevice(user.id));
        }
        res.status(202).set('Cache-Control', 'no-store');
        return { message: SIGNUP_MESSAGE, ...(user ? { user } : {}) };
      },
    }),
    route({
      method: 'post',
      path: '/v1/auth/login',
      tags: ['accounts'],
      summary: 'Sign in; sets the session cookie (HttpOnly, SameSite=Lax)',
      description:
        'A wrong password and an unknown e-mail or phone get the same 401. Failed attempts are counted per account, per client ' +
        'address and per both; past a few, each next attempt must wait exponentially longer (429 with Retry-After, up to 15 ' +
        'minutes), the same for unknown accounts. A successful sign-in also sets `vnac_device` (HttpOnly, SameSite=Strict, ' +
        'path /v1/auth): a browser holding it for the account is exempt from the per-account and per-address counts, so ' +
        'failures from elsewhere never keep the owner out on their own device.',
      body: CredentialsBody,
      responses: {
        200: { description: 'Signed in', schema: z.object({ user: User }) },
        401: problem('Wrong e-mail/phone or password (the same answer for an unknown account)'),
        429: problem('Too many failed attempts; retry after Retry-After seconds'),
      },
      handler: async ({ body }, req, res) => {
        const { user, token, newDevice } = await signIn.login(loginOf(body), body.password, req.ip, deviceToken(req));
        cookies.setSession(req, res, token);
        cookies.setDevice(req, res, newDevice);
        res.set('Cache-Control', 'no-store');
        return { user };
      },
    }),
    route({
      method: 'post',
      path: '/v1/auth/logout',
      tags: ['accounts'],
      summary: 'Sign out (ends this session)',
      responses: { 204: { description: 'Signed out' } },
      handler: async (_input, req, res) => {
        const token = sessionToken(req.headers.cookie);
        if (token) await service.logout(token);
        res.append(
          'Set-Cookie',
          serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', secure: secure(req), maxAge: 0 }),
        );
        res.status(204).end();
      },
    }),
    route({
      method: 'get',
      path: '/v1/me',
      tags: ['accounts'],
      summary: 'The signed-in user',
      responses: { 200: { description: 'The user', schema: User }, 401: problem('Not signed in') },
      handler: async (_input, req, res) => {
        res.set('Cache-Control', 'private, no-store');
        return service.me(viewerOf(req));
      },
    }),
    route({
      method: 'post',
      path: '/v1/users',
      tags: ['accounts'],
      summary: 'Create an account of any role (administrators)',
      body: z
        .object({
          email: EmailInput.optional(),
          phone: PhoneInput.optional(),
          password: PasswordInput,
          role: z.enum(['household', 'staff', 'admin']),
          wards: WardCodes.optional(),
        })
        .strict()
        .refine((b) => (b.email === undefined) !== (b.phone === undefined), { message: 'give either email or phone (one of them)' }),
      responses: {
        201: { description: 'Created', schema: User },
        403: problem('Not an administrator'),
        409: problem('Already registered'),
      },
      handler: async ({ body }, req, res) => {
        res.status(201);
        return service.createUserByAdmin(viewerOf(req), loginOf(body), body.password, body.role, body.wards ?? []);
      },
    }),
    route({
      method: 'post',
      path: '/v1/users/:id/wards',
      tags: ['accounts'],
      summary: "Set a staff member's wards (administrators)",
      params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'a user id is a number') }),
      body: z.object({ wards: WardCodes }).strict(),
      responses: { 200: { description: 'Updated', schema: User }, 403: problem('Not an administrator'), 404: problem('No such user') },
      handler: ({ params, body }, req) => service.setWards(viewerOf(req), params.id, body.wards),
    }),
    route({
      method: 'post',
      path: '/v1/users/:id/block',
      tags: ['accounts'],
      summary: 'Block a household from proposing and editing (staff of a ward it was active in; administrators)',
      params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'a user id is a number') }),
      body: z.object({ reason: z.string().trim().min(1, 'say why').max(500) }).strict(),
      responses: {
        200: { description: 'Blocked: the pseudonymous record staff see', schema: Contributor },
        403: problem('Not staff'),
        404: problem('No such user, or not active in your wards'),
      },
      handler: ({ params, body }, req) => service.setBlocked(viewerOf(req), params.id, body.reason),
    }),
    route({
      method: 'post',
      path: '/v1/users/:id/unblock',
      tags: ['accounts'],
      summary: 'Lift a block (staff of a ward the household was active in; administrators)',
      params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'a user id is a number') }),
      responses: {
        200: { description: 'Unblocked: the pseudonymous record staff see', schema: Contributor },
        403: problem('Not staff'),
        404: problem('No such user, or not active in your wards'),
      },
      handler: ({ params }, req) => service.setBlocked(viewerOf(req), params.id, null),
    }),
  ];
}
