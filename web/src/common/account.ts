/**
 * Signing in: one field takes an e-mail address or a Vietnamese phone number, as people type
 * them; the API normalises both again. Pure.
 */
import type { Credentials } from './api.js';
import type { User } from './types.js';

export type Identifier = { email: string } | { phone: string };

/** "an@example.vn" → e-mail; "0912 345 678", "+84 912.345.678" → phone; anything else → null. */
export function parseIdentifier(text: string): Identifier | null {
  const typed = text.normalize('NFKC').trim();
  if (!typed) return null;
  if (typed.includes('@')) return /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]+$/.test(typed) ? { email: typed.toLowerCase() } : null;
  const digits = typed.replace(/[\s.\-()]/g, '');
  return /^\+?\d{8,15}$/.test(digits) ? { phone: digits } : null;
}

export function credentials(identifier: Identifier, password: string): Credentials {
  return { ...identifier, password };
}

/** "+84912345678" → "0912 345 678"; other numbers as they are. */
export function formatPhone(phone: string): string {
  const local = phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
  return /^0\d{9}$/.test(local) ? `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}` : local;
}

/** How the top bar names the signed-in user. */
export function displayName(user: Pick<User, 'email' | 'phone'>): string {
  if (user.email) return user.email;
  return user.phone ? formatPhone(user.phone) : '';
}

/** One character for the round badge: the e-mail's first letter, or the phone's last digit. */
export function badgeLetter(user: Pick<User, 'email' | 'phone'>): string {
  if (user.email) return [...user.email][0]!.toUpperCase();
  return user.phone ? user.phone.slice(-1) : '?';
}

/** Staff (of at least one ward) and administrators have the commune console. */
export function hasConsole(user: Pick<User, 'role' | 'wards' | 'blocked'> | null): boolean {
  if (!user || user.blocked) return false;
  return user.role === 'admin' || (user.role === 'staff' && user.wards.length > 0);
}

/** Whether this user works for the ward (its staff, or an administrator). */
export function isStaffOf(user: Pick<User, 'role' | 'wards' | 'blocked'> | null, wardCode: string | null | undefined): boolean {
  if (!user || user.blocked || !wardCode) return false;
  return user.role === 'admin' || (user.role === 'staff' && user.wards.includes(wardCode));
}
