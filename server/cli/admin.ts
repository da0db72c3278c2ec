/**
 * `npm run admin -- create-user --email E --password P --role staff|admin [--wards 00070,00073]`
 * (or --phone instead of --email), and
 * `npm run admin -- create-key --name NAME --scope read|write [--origins https://a.vn,https://b.vn] [--owner USER_ID]`
 * (prints the key once), and
 * `npm run admin -- set-api-limits --account USER_ID (--per-minute N --per-day N | --default)`
 * (raises an account's API limits, shared by all its keys, self-issued ones included; --default
 * returns it to its keys' default tiers).
 * `npm run admin -- reset-link (--email E | --phone P)`: a one-time password reset link for that
 * account, on PUBLIC_URL (else http://localhost:PORT), valid PASSWORD_RESET_MINUTES; a newer link
 * voids it. Hand it to the person by a channel you trust. Works on the database the server uses:
 * DATABASE_URL, or the embedded data directory while the server is stopped.
 */
import { parseArgs } from 'node:util';
import { EmailInput, normalizePhone, PasswordInput } from '../accounts/identity.js';
import { createAccountsRepository } from '../accounts/repository.js';
import { createRecoveryService } from '../accounts/recovery.js';
import { createSecurityRepository } from '../accounts/security-repository.js';
import { createAccountsService } from '../accounts/service.js';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { migrateLatest } from '../db/knex.js';
import { openDatabase } from '../db/open.js';
import { createSqlRunner } from '../db/query.js';
import { createKeysRepository } from '../keys/repository.js';
import { createKeysService } from '../keys/service.js';

const USAGE = [
  'usage: npm run admin -- create-user (--email E | --phone P) --password P --role household|staff|admin [--wards 00070,00073]',
  '       npm run admin -- create-key --name NAME --scope read|write [--origins https://shop.example.vn,…] [--owner USER_ID]',
  '       npm run admin -- set-api-limits --account USER_ID (--per-minute N --per-day N | --default)',
  '       npm run admin -- reset-link (--email E | --phone P)',
].join('\n');

const [command, ...rest] = process.argv.slice(2);
if (command === 'create-key') {
  await createKey(rest);
  process.exit(process.exitCode ?? 0);
}
if (command === 'set-api-limits') {
  await setApiLimits(rest);
  process.exit(process.exitCode ?? 0);
}
if (command === 'reset-link') {
  await resetLink(rest);
  process.exit(process.exitCode ?? 0);
}
if (command !== 'create-user') {
  console.error(USAGE);
  process.exit(2);
}

async function createKey(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string' }, scope: { type: 'string' }, origins: { type: 'string' }, owner: { type: 'string' } },
  });
  const name = values.name?.trim();
  if (!name || name.length > 100) return fail('--name is 1 to 100 characters');
  if (values.scope !== 'read' && values.scope !== 'write') return fail('--scope is read or write');
  const origins = values.origins
    ? values.origins
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean)
    : [];
  const bad = origins.find((o) => !/^https?:\/\/[^/\s]+$/.test(o));
  if (bad) return fail(`--origins: ${bad} is not an origin (scheme://host[:port])`);
  if (values.owner && !/^\d{1,18}$/.test(values.owner)) return fail('--owner is a user id');
  const db = await openDatabase(loadConfig());
  try {
    await migrateLatest(db.knex);
    const keys = createKeysService({ knex: db.knex, repo: createKeysRepository(db.knex, createSqlRunner(db.knex, { prepared: false })) });
    const created = await keys.create({ name, scope: values.scope, allowedOrigins: origins }, values.owner ?? null);
    console.log(
      `created API key ${created.id} "${created.name}" (${created.scope}${origins.length ? `, origins ${origins.join(' ')}` : ''}); it is shown only now:`,
    );
    console.log(created.key);
  } catch (err) {
    console.error(`could not create the key: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}
async function setApiLimits(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { account: { type: 'string' }, 'per-minute': { type: 'string' }, 'per-day': { type: 'string' }, default: { type: 'boolean' } },
  });
  if (!values.account || !/^\d{1,18}$/.test(values.account)) return fail('--account is a user id');
  const count = (v: string | undefined, max: number) =>
    v && /^\d{1,10}$/.test(v) && Number(v) >= 1 && Number(v) <= max ? Number(v) : null;
  const perMinute = count(values['per-minute'], 1_000_000);
  const perDay = count(values['per-day'], 1_000_000_000);
  if (values.default ? values['per-minute'] || values['per-day'] : perMinute === null || perDay === null) {
    return fail('give --per-minute (1 to 1000000) and --per-day (1 to 1000000000), or --default');
  }
  const db = await openDatabase(loadConfig());
  try {
    await migrateLatest(db.knex);
    const keys = createKeysService({ knex: db.knex, repo: createKeysRepository(db.knex, createSqlRunner(db.knex, { prepared: false })) });
    const set = await keys.setLimits(null, values.account, values.default ? null : { perMinute: perMinute!, perDay: perDay! });
    console.log(
      set.raised
        ? `account ${set.account}: ${set.perMinute} requests a minute and ${set.perDay} a day, all its keys together`
        : `account ${set.account}: the default limits of its keys (self-issued keys: the anonymous per-minute limit)`,
    );
  } catch (err) {
    console.error(`could not set the limits: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

async function resetLink(args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, phone: { type: 'string' } } });
  if (!values.email === !values.phone) return fail('give --email or --phone');
  const email = values.email ? EmailInput.safeParse(values.email) : null;
  if (email && !email.success) return fail('--email is not a valid e-mail address');
  const phone = values.phone ? normalizePhone(values.phone) : null;
  if (values.phone && !phone) return fail('--phone is not a valid phone number');
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    await migrateLatest(db.knex);
    const repo = createAccountsRepository(db.knex);
    const recovery = createRecoveryService({
      repo,
      security: createSecurityRepository(db.knex),
      accounts: createAccountsService(repo),
      throttle: false,
      now: Date.now,
      mailer: null,
      logger: pino({ level: 'silent' }),
      appUrl: config.appUrl,
      resetMinutes: config.passwordResetMinutes,
    });
    const link = await recovery.resetLinkFor(email?.success ? { email: email.data } : { phone: phone! });
    if (!link) {
      console.error(`no account has ${values.email ?? values.phone}`);
      process.exitCode = 1;
      return;
    }
    console.log(`a one-time reset link, valid ${config.passwordResetMinutes} minutes (older links of this account no longer work):`);
    console.log(link);
  } finally {
    await db.close();
  }
}
const { values } = parseArgs({
  args: rest,
  options: {
    email: { type: 'string' },
    phone: { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string' },
    wards: { type: 'string' },
  },
});
function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}
if (!values.email === !values.phone) fail('give --email or --phone');
const email = values.email ? EmailInput.safeParse(values.email) : null;
if (email && !email.success) fail('--email is not a valid e-mail address');
const phone = values.phone ? normalizePhone(values.phone) : null;
if (values.phone && !phone) fail('--phone is not a valid phone number');
const password = PasswordInput.safeParse(values.password);
if (!password.success) fail(`--password: ${password.error.issues[0]!.message}`);
const role = values.role;
if (role !== 'household' && role !== 'staff' && role !== 'admin') fail('--role is household, staff or admin');
const wards = values.wards
  ? values.wards
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean)
  : [];

const db = await openDatabase(loadConfig());
try {
  await migrateLatest(db.knex);
  const user = await createAccountsService(createAccountsRepository(db.knex)).createUser(
    email?.success ? { email: email.data } : { phone: phone! },
    password.data!,
    role as 'household' | 'staff' | 'admin',
    wards,
  );
  console.log(
    `created user ${user.id}: ${user.email ?? user.phone}, role ${user.role}${user.wards.length ? `, wards ${user.wards.join(', ')}` : ''}`,
  );
} catch (err) {
  console.error(`could not create the user: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
