/** Accounts, sessions, and the administrator's user management (sign-up and sign-in: sign-in.ts). */
import { randomBytes } from 'node:crypto';
import { conflict, forbidden, notFound, unauthorized, badRequest } from '../http/problem.js';
import { presentContributor } from './contributor.js';
import { hashToken } from './middleware.js';
import { assertStrongPassword } from './password-strength.js';
import { hashPassword } from './passwords.js';
import type { AccountsRepository, Role, UserRow } from './repository.js';
import { isAdmin, type Viewer } from './viewer.js';

const SESSION_DAYS = 30;

export type PublicUser = { id: string; email: string | null; phone: string | null; role: Role; wards: string[]; blocked: boolean };
const present = (u: UserRow, wards: string[] = []): PublicUser => ({
  id: String(u.id),
  email: u.email,
  phone: u.phone,
  role: u.role,
  wards,
  blocked: u.blocked_at !== null,
});

export function createAccountsService(repo: AccountsRepository) {
  async function startSession(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await repo.createSession(hashToken(token), userId, SESSION_DAYS);
    return token;
  }

  async function createUser(login: { email?: string; phone?: string }, password: string, role: Role, wards: string[] = []) {
    await assertStrongPassword(password, [login.email, login.phone]);
    if (wards.length) {
      const known = new Set(await repo.wardsExist(wards));
      const unknown = wards.filter((w) => !known.has(w));
      if (unknown.length) throw badRequest(`Unknown ward codes: ${unknown.join(', ')}.`);
      if (role !== 'staff') throw badRequest('Only staff accounts have wards.');
    }
    const user = await repo.insertUser({ email: login.email, phone: login.phone, passwordHash: await hashPassword(password), role });
    if (!user) throw conflict('An account with this e-mail or phone number already exists: sign in instead.');
    if (wards.length) await repo.setWards(String(user.id), wards);
    return present(user, wards);
  }

  return {
    SESSION_DAYS,
    createUser,
    startSession,

    /** An account of any role, made through the API: administrators only (the CLI calls createUser). */
    async createUserByAdmin(
      viewer: Viewer | null,
      login: { email?: string; phone?: string },
      password: string,
      role: Role,
      wards: string[],
    ) {
      if (!isAdmin(viewer)) throw forbidden('Only administrators create accounts of other roles.');
      return createUser(login, password, role, wards);
    },

    logout: (token: string) => repo.deleteSession(hashToken(token)),

    async me(viewer: Viewer | null) {
      if (!viewer) throw unauthorized();
      const user = await repo.findById(viewer.userId);
      if (!user) throw unauthorized();
      return present(user, [...viewer.wards].sort());
    },

    async setWards(viewer: Viewer | null, userId: string, wards: string[]) {
      if (!isAdmin(viewer)) throw forbidden('Only administrators assign wards.');
      const user = await repo.findById(userId);
      if (!user) throw notFound(`No user ${userId}.`);
      if (user.role !== 'staff') throw badRequest('Only staff accounts have wards.');
      const known = new Set(await repo.wardsExist(wards));
      const unknown = wards.filter((w) => !known.has(w));
      if (unknown.length) throw badRequest(`Unknown ward codes: ${unknown.join(', ')}.`);
      await repo.setWards(userId, wards);
      return present(user, wards);
    },

    /**
     * Staff block and unblock only people active in their wards; anyone else is answered exactly
     * like an id that does not exist, so sequential ids reveal nothing. Administrators act
     * everywhere. The answer is the pseudonymous record staff see, never contact data.
     */
    async setBlocked(viewer: Viewer | null, userId: string, reason: string | null) {
      if (!viewer || viewer.blocked || (viewer.role !== 'staff' && viewer.role !== 'admin'))
        throw forbidden('Only staff and administrators block users.');
      const user = await repo.findById(userId);
      const visible =
        user && (isAdmin(viewer) || String(user.id) === viewer.userId || (await repo.activeInWards(userId, [...viewer.wards])));
      if (!visible) throw notFound(`No user ${userId}.`);
      if (user.role !== 'household') throw forbidden('Staff and administrators are managed by administrators, not blocked.');
      await repo.setBlocked(userId, reason);
      return presentContributor((await repo.contributor(userId))!);
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
