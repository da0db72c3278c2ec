/**
 * Changing a password (signed in, current password required) and resetting a forgotten one with
 * a one-time link: issued by an administrator (`npm run admin -- reset-link`) or mailed on request
 * when SMTP is set up. Reset tokens are 256 random bits, kept only as SHA-256, valid for
 * PASSWORD_RESET_MINUTES, used once; a newer link voids older ones. A change ends every other
 * session of the user; a reset ends all of them and forgets the user's known devices.
 */
import { randomBytes } from 'node:crypto';
import { badRequest, forbidden, Problem, unauthorized } from '../http/problem.js';
import { deliver, mails } from './mailer.js';
import { hashToken } from './middleware.js';
import { assertStrongPassword } from './password-strength.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { createThrottle, loginText, type Login, type SignInDeps } from './sign-in.js';
import { clientPrefix, signInBuckets, throttleKey, type Bucket } from './throttle.js';
import type { Viewer } from './viewer.js';

export type RecoveryDeps = SignInDeps & { resetMinutes: number };

const invalidLink = () =>
  badRequest('This reset link is invalid, already used or expired: ask for a new one.', {
    errors: [{ in: 'body', field: 'token', message: 'invalid, used or expired' }],
  });

export function createRecoveryService(deps: RecoveryDeps) {
  const { repo, security, accounts, now } = deps;
  const throttle = createThrottle(deps);

  /** A new reset link for the user (older ones stop working). */
  async function newResetLink(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const at = now();
    await security.issueReset(hashToken(token), userId, new Date(at), new Date(at + deps.resetMinutes * 60_000));
    // in the fragment: browsers send it to no server, so it stays out of access logs and Referer
    return `${deps.appUrl}/dat-lai-mat-khau#token=${token}`;
  }

  return {
    resetMinutes: deps.resetMinutes,
    selfServiceReset: deps.mailer !== null,

    /**
     * The signed-in user's new password. The current one is required (a borrowed session cannot
     * take the account over) and wrong guesses at it are throttled like sign-ins. The session
     * `sessionToken` and the device `device` stay; every other session and device ends.
     */
    async changePassword(
      viewer: Viewer | null,
      client: { sessionToken: string | null; device: string | null; ip: string | undefined },
      current: string,
      next: string,
    ) {
      const { sessionToken, device } = client;
      if (!viewer || !sessionToken) throw unauthorized();
      const user = await repo.findById(viewer.userId);
      if (!user) throw unauthorized();
      const deviceHash = device ? hashToken(device) : null;
      const knownDevice = deviceHash && (await security.deviceUser(deviceHash, new Date(now()))) === String(user.id) ? deviceHash : null;
      const buckets = signInBuckets(loginText({ email: user.email ?? undefined, phone: user.phone ?? undefined }), client.ip, knownDevice);
      await throttle.check(buckets.check);
      if (!(await verifyPassword(user.password_hash, current))) {
        await throttle.fail(buckets.count);
        throw forbidden('The current password is wrong.');
      }
      await assertStrongPassword(next, [user.email, user.phone], 'newPassword');
      await security.replacePassword(String(user.id), await hashPassword(next), {
        now: new Date(now()),
        keepSession: hashToken(sessionToken),
        keepDevice: knownDevice ?? undefined,
      });
    },

    /**
     * Mails a reset link when the address has an account. The caller answers the same either way;
     * each request counts against the client's address (429 past its allowance), and links to one
     * address are limited too, silently, so nobody can flood a mailbox.
     */
    async requestReset(email: string, ip: string | undefined) {
      if (!deps.mailer) {
        throw new Problem(
          503,
          'service-unavailable',
          'Password reset by e-mail is not set up',
          'This server sends no mail: ask its administrator for a reset link.',
        );
      }
      const perAddress = new Map<string, Bucket>([[throttleKey('reset-ip', clientPrefix(ip)), 'reset-ip']]);
      await throttle.check(perAddress);
      await throttle.fail(perAddress);
      const perMailbox = new Map<string, Bucket>([[throttleKey('reset-acct', email), 'reset-acct']]);
      const held = (await throttle.waiting(perMailbox)) > 0;
      await throttle.fail(perMailbox); // counted for unknown addresses too: the same statements either way
      const user = await repo.findByLogin({ email });
      if (!user || held) return;
      deliver(deps.mailer, mails.reset(email, await newResetLink(String(user.id)), deps.resetMinutes), deps.logger);
    },

    /** For the administrator's CLI: a link for the account of this e-mail or phone, or null when there is none. */
    async resetLinkFor(login: Login): Promise<string | null> {
      const user = await repo.findByLogin(login);
      return user ? newResetLink(String(user.id)) : null;
    },

    /**
     * Sets the password from a reset link and signs in: the link used up, every session and known
     * device of the user ended, the sign-in counters of its logins cleared (whoever follows the
     * link controls the mailbox or got the link from an administrator).
     */
    async reset(token: string, password: string) {
      const tokenHash = hashToken(token);
      const userId = await security.resetUser(tokenHash, new Date(now()));
      const user = userId ? await repo.findById(userId) : undefined;
      if (!user) throw invalidLink();
      await assertStrongPassword(password, [user.email, user.phone]);
      const done = await security.replacePassword(String(user.id), await hashPassword(password), {
        now: new Date(now()),
        resetToken: tokenHash,
      });
      if (!done) throw invalidLink();
      await security.clearCounters([user.email, user.phone].filter((l): l is string => !!l).map((l) => throttleKey('acct', l)));
      const session = await accounts.startSession(String(user.id));
      const device = randomBytes(32).toString('base64url');
      await security.addDevice(hashToken(device), String(user.id), new Date(now()));
      return {
        user: await accounts.me({
          userId: String(user.id),
          role: user.role,
          wards: new Set(await repo.wardsOf(String(user.id))),
          blocked: user.blocked_at !== null,
        }),
        token: session,
        newDevice: device,
      };
    },
  };
}
export type RecoveryService = ReturnType<typeof createRecoveryService>;
