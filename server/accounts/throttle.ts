/**
 * Sign-in throttling with exponential backoff: which counters an attempt touches, and how long
 * each makes the next attempt wait. Pure; the counters live in PostgreSQL (security-repository.ts).
 *
 * Why these buckets (OWASP, "Blocking brute force attacks" / "device cookies"):
 * - `acct`: failures against one login from anywhere: slows a botnet guessing one account. Its
 *   weakness is that anyone can raise it, so a browser holding a known-device cookie for the
 *   account is exempt from it (and from `ip`, which everyone behind one NAT shares).
 * - `ip`: failures from one client address (an IPv6 /64 counts as one) over all logins: slows one
 *   machine spraying a password over many accounts.
 * - `acct+ip`: failures against one login from one address: applies to everybody, device or not.
 * - `dev`: failures made with one known-device cookie: a stolen cookie is no free pass.
 * Nothing is a hard lock: a bucket only delays the next attempt, up to `maxSeconds`, and is
 * forgotten a day after its last failure.
 */
import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';

export type Bucket = 'acct' | 'ip' | 'acct+ip' | 'dev' | 'signup-ip' | 'reset-ip' | 'reset-acct';
export type Policy = { free: number; maxSeconds: number };

export const POLICIES: Record<Bucket, Policy> = {
  acct: { free: 5, maxSeconds: 15 * 60 },
  // one address may be a whole office or a carrier-grade NAT: more slack before it slows
  ip: { free: 20, maxSeconds: 15 * 60 },
  'acct+ip': { free: 5, maxSeconds: 15 * 60 },
  dev: { free: 5, maxSeconds: 15 * 60 },
  // every sign-up and reset request counts (not only failures): these are volume limits per client
  'signup-ip': { free: 10, maxSeconds: 15 * 60 },
  'reset-ip': { free: 10, maxSeconds: 15 * 60 },
  // reset mails to one address: the owner gets a few, a mail bomb does not
  'reset-acct': { free: 3, maxSeconds: 60 * 60 },
};

/** Counters are forgotten this long after their last failure. */
export const FORGET_AFTER_MS = 24 * 3600 * 1000;

/** Seconds a bucket with this many failures makes the next attempt wait after the last one: 0 under `free`, then 1, 2, 4… */
export function backoffSeconds(failures: number, policy: Policy): number {
  if (failures < policy.free) return 0;
  return Math.min(2 ** (failures - policy.free), policy.maxSeconds);
}

export type Counter = { key: string; failures: number; lastFailureAt: Date };

/** Seconds until every counter allows another attempt (0: now), from the counters read and their buckets. */
export function waitSeconds(counters: Counter[], buckets: Map<string, Bucket>, now: number): number {
  let wait = 0;
  for (const c of counters) {
    const bucket = buckets.get(c.key);
    if (!bucket || now - c.lastFailureAt.getTime() >= FORGET_AFTER_MS) continue;
    const until = c.lastFailureAt.getTime() + backoffSeconds(c.failures, POLICIES[bucket]) * 1000;
    wait = Math.max(wait, Math.ceil((until - now) / 1000));
  }
  return wait;
}

/** The client address as throttled: IPv4 (also IPv4-mapped IPv6) whole, IPv6 by its /64, which one subscriber usually holds entirely. */
export function clientPrefix(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 40);

/** The counter key of a bucket: its kind in clear, what it counts as a hash (no e-mail or address is stored). */
export function throttleKey(bucket: Bucket, ...parts: string[]): string {
  return `${bucket}:${digest(parts.join('\n'))}`;
}

/**
 * The buckets of one sign-in attempt: those that may hold it back (`check`) and those a failure
 * raises (`count`). A known device of this account is checked against `acct+ip` and its own `dev`
 * only; its failures still count everywhere, so a stolen device cookie cannot hide a guessing run.
 */
export function signInBuckets(login: string, ip: string | undefined, deviceHash: string | null) {
  const address = clientPrefix(ip);
  const shared = new Map<string, Bucket>([
    [throttleKey('acct', login), 'acct'],
    [throttleKey('ip', address), 'ip'],
  ]);
  const own = new Map<string, Bucket>([[throttleKey('acct+ip', login, address), 'acct+ip']]);
  if (deviceHash) own.set(throttleKey('dev', deviceHash), 'dev');
  const count = new Map([...shared, ...own]);
  return { check: deviceHash ? own : count, count };
}
