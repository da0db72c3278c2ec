/**
 * Sign-up and sign-in that reveal nothing about which accounts exist, and throttling that slows
 * an attacker without locking the owner out (docs/moderation.md, "Sign-in and accounts").
 *
 * - Sign-in answers a wrong password and an unknown login identically (status, body, headers,
 *   and an Argon2 verification's time either way); unknown logins are counted and throttled like
 *   known ones, so the throttle tells nothing either.
 * - Failures raise counters per login, per client address and per both (throttle.ts); a counter
 *   past its allowance delays the next attempt exponentially (429, Retry-After). A browser that
 *   signed in to the account before holds a known-device cookie and skips the per-login and
 *   per-address counters, which anyone can raise.
 * - Sign-up answers 202 with the same body whether the e-mail or phone is new or taken; a new
 *   account is signed in at once, a taken e-mail gets a mail telling its owner (when SMTP is set up).
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { Problem } from '../http/problem.js';
import { deliver, mails, type Mailer } from './mailer.js';
import { hashToken } from './middleware.js';
import { assertStrongPassword } from './password-strength.js';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.js';
import type { AccountsRepository } from './repository.js';
import type { SecurityRepository } from './security-repository.js';
import type { AccountsService, PublicUser } from './service.js';
import { clientPrefix, FORGET_AFTER_MS, signInBuckets, throttleKey, waitSeconds, type Bucket } from './throttle.js';

export type Login = { email?: string; phone?: string };
export type SignInDeps = {
  repo: AccountsRepository;
  security: SecurityRepository;
  accounts: AccountsService;
  /** Counting and honouring the throttle (AUTH_THROTTLE); off in tools and most tests. */
  throttle: boolean;
  now: () => number;
  mailer: Mailer | null;
  logger: Logger;
  /** Where the web app's reset page is, for mails: PUBLIC_URL or http://localhost:PORT (never the request's Host). */
  appUrl: string;
};

export const loginText = (login: Login) => login.email ?? login.phone!;
const newToken = () => randomBytes(32).toString('base64url');

export const tooManyAttempts = (seconds: number) =>
  new Problem(
    429,
    'too-many-requests',
    'Too many attempts',
    `Too many attempts; try again in ${seconds} s.`,
    {},
    { 'Retry-After': String(seconds) },
  );

/** The throttle's three steps: may this attempt go ahead, count it as failed, forget it after success. */
export function createThrottle({ security, throttle, now }: Pick<SignInDeps, 'security' | 'throttle' | 'now'>) {
  async function waiting(buckets: Map<string, Bucket>): Promise<number> {
    return throttle ? waitSeconds(await security.counters([...buckets.keys()]), buckets, now()) : 0;
  }
  return {
    waiting,
    async check(buckets: Map<string, Bucket>) {
      const wait = await waiting(buckets);
      if (wait > 0) throw tooManyAttempts(wait);
    },
    async fail(buckets: Map<string, Bucket>) {
      if (!throttle) return;
      const at = new Date(now());
      await security.countFailure([...buckets.keys()], at, FORGET_AFTER_MS);
      // a cheap sweep now and then keeps the table to the counters of the last day
      if (Math.random() < 0.01) await security.forgetStale(at, FORGET_AFTER_MS);
    },
    async clear(buckets: Map<string, Bucket>) {
      if (throttle) await security.clearCounters([...buckets].filter(([, b]) => b !== 'ip').map(([k]) => k));
    },
  };
}

export function createSignInService(deps: SignInDeps) {
  const { repo, security, accounts, now } = deps;
  const throttle = createThrottle(deps);

  async function rememberDevice(userId: string): Promise<string> {
    const token = newToken();
    await security.addDevice(hashToken(token), userId, new Date(now()));
    return token;
  }

  return {
    /**
     * `user` and `token` only when the account is new; the caller answers the same either way.
     * Every sign-up counts against the client's address, whatever its outcome.
     */
    async signup(login: Login, password: string, ip: string | undefined): Promise<{ user: PublicUser | null; token: string | null }> {
      const perAddress = new Map<string, Bucket>([[throttleKey('signup-ip', clientPrefix(ip)), 'signup-ip']]);
      await throttle.check(perAddress);
      await throttle.fail(perAddress);
      await assertStrongPassword(password, [login.email, login.phone]);
      // hashed whether or not the login is taken: both answers cost the same time
      const created = await repo.insertUser({
        email: login.email,
        phone: login.phone,
        passwordHash: await hashPassword(password),
        role: 'household',
      });
      if (!created) {
        if (login.email) deliver(deps.mailer, mails.signupTaken(login.email, `${deps.appUrl}/dat-lai-mat-khau`), deps.logger);
        return { user: null, token: null };
      }
      const user = await accounts.me({ userId: String(created.id), role: created.role, wards: new Set(), blocked: false });
      return { user, token: await accounts.startSession(user.id) };
    },

    /**
     * Signs in, or throws the one 401 (wrong login or password) or the one 429 (throttled).
     * `device`: the known-device cookie sent, if any. Answers a new device token when this browser
     * was not yet known for this account.
     */
    async login(login: Login, password: string, ip: string | undefined, device: string | null) {
      const user = await repo.findByLogin(login);
      const deviceHash = device ? hashToken(device) : null;
      // looked up even for an unknown login, so both cost the same
      const deviceOwner = deviceHash ? await security.deviceUser(deviceHash, new Date(now())) : null;
      const knownDevice = user && deviceOwner === String(user.id) ? deviceHash : null;
      const buckets = signInBuckets(loginText(login), ip, knownDevice);
      await throttle.check(buckets.check);
      const ok = user ? await verifyPassword(user.password_hash, password) : await verifyNothing(password);
      if (!user || !ok) {
        await throttle.fail(buckets.count);
        throw new Problem(401, 'unauthorized', 'Not signed in', 'Wrong e-mail/phone or password.');
      }
      await throttle.clear(buckets.check);
      const userId = String(user.id);
      return {
        user: await accounts.me({ userId, role: user.role, wards: new Set(await repo.wardsOf(userId)), blocked: user.blocked_at !== null }),
        token: await accounts.startSession(userId),
        newDevice: knownDevice ? null : await rememberDevice(userId),
      };
    },

    rememberDevice,
  };
}
export type SignInService = ReturnType<typeof createSignInService>;
