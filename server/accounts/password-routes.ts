/** Password change (signed in) and reset (forgotten: a one-time link by mail or from an administrator). */
import { z } from 'zod';
import { problem } from '../http/problem.js';
import { route } from '../http/route.js';
import { accountCookies, deviceToken } from './cookies.js';
import { EmailInput, PasswordInput, User } from './identity.js';
import { sessionToken } from './middleware.js';
import type { RecoveryService } from './recovery.js';
import type { AccountsService } from './service.js';
import { viewerOf } from './viewer.js';

const RESET_REQUESTED =
  'If an account has this e-mail address, a link to choose a new password is on its way. It works once, for a short while.';

export function passwordRoutes(service: AccountsService, recovery: RecoveryService, { publicUrl }: { publicUrl: string | undefined }) {
  const cookies = accountCookies(publicUrl, service.SESSION_DAYS);
  return [
    route({
      method: 'post',
      path: '/v1/auth/password',
      tags: ['accounts'],
      summary: 'Change the password of the signed-in account',
      description:
        'Needs the current password (wrong guesses are throttled like sign-ins). Every other session of the account ends at ' +
        'once; this one stays. The new password is refused (400) when it is among the most common ones or too easy to guess.',
      body: z.object({ currentPassword: z.string({ error: 'currentPassword is required' }).max(200), newPassword: PasswordInput }).strict(),
      responses: {
        204: { description: 'Changed; other sessions ended' },
        401: problem('Not signed in'),
        403: problem('The current password is wrong'),
        429: problem('Too many wrong current passwords; retry after Retry-After seconds'),
      },
      handler: async ({ body }, req, res) => {
        await recovery.changePassword(
          viewerOf(req),
          { sessionToken: sessionToken(req.headers.cookie), device: deviceToken(req), ip: req.ip },
          body.currentPassword,
          body.newPassword,
        );
        res.status(204).set('Cache-Control', 'no-store').end();
      },
    }),
    route({
      method: 'post',
      path: '/v1/auth/reset-request',
      tags: ['accounts'],
      summary: 'Ask for a password reset link by e-mail',
      description:
        `Always 202 with the same body, whether or not an account has this address; the link (valid ${recovery.resetMinutes} ` +
        'minutes, once) goes only to an address that has one. Requests are throttled per client address (429) and links per ' +
        'mailbox (silently). 503 when this server sends no mail (SMTP_URL unset): an administrator can issue a link ' +
        'instead (`npm run admin -- reset-link`). Accounts known by a phone number only are reset by an administrator.',
      body: z.object({ email: EmailInput }).strict(),
      responses: {
        202: { description: 'Received (the same answer for every address)', schema: z.object({ message: z.string() }) },
        429: problem('Too many requests from this address; retry after Retry-After seconds'),
        503: problem('This server sends no mail'),
      },
      handler: async ({ body }, req, res) => {
        await recovery.requestReset(body.email, req.ip);
        res.status(202).set('Cache-Control', 'no-store');
        return { message: RESET_REQUESTED };
      },
    }),
    route({
      method: 'post',
      path: '/v1/auth/reset',
      tags: ['accounts'],
      summary: 'Choose a new password with a reset link’s token, and sign in',
      description:
        'The token is the `token` of the link’s fragment (`/dat-lai-mat-khau#token=…`). It works once and expires; a newer link ' +
        'voids older ones. Every session of the account ends and its known devices are forgotten; this answer signs in anew.',
      body: z
        .object({
          token: z.string({ error: 'token is required' }).min(20, 'not a reset token').max(100, 'not a reset token'),
          password: PasswordInput,
        })
        .strict(),
      responses: {
        200: { description: 'Password set; signed in (session cookie)', schema: z.object({ user: User }) },
        400: problem('The link is invalid, used or expired; or the password is too short, too common or too easy to guess'),
      },
      handler: async ({ body }, req, res) => {
        const { user, token, newDevice } = await recovery.reset(body.token, body.password);
        cookies.setSession(req, res, token);
        cookies.setDevice(req, res, newDevice);
        res.set('Cache-Control', 'no-store');
        return { user };
      },
    }),
  ];
}
