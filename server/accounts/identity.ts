/** E-mail and Vietnamese phone numbers as people type them → one canonical form; the account as the API shows it. Pure. */
import { z } from 'zod';

export const EmailInput = z.string().trim().toLowerCase().pipe(z.email('not a valid e-mail address').max(254));

/** "0912 345 678", "+84 912.345.678", "84912345678" → "+84912345678". */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s.\-()]/g, '');
  if (!/^\+?\d{8,15}$/.test(digits)) return null;
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('84') && digits.length >= 11) return `+${digits}`;
  if (digits.startsWith('0')) return `+84${digits.slice(1)}`;
  return null;
}

export const PhoneInput = z.string().transform((s, ctx) => {
  const phone = normalizePhone(s);
  if (!phone) ctx.addIssue({ code: 'custom', message: 'not a valid phone number (for example 0912 345 678 or +84 912 345 678)' });
  return phone ?? '';
});

export const PasswordInput = z
  .string({ error: 'password is required' })
  .min(8, 'password has at least 8 characters')
  .max(200, 'password has at most 200 characters');

/** Login and sign-up: an e-mail or a phone number, and a password. */
export const CredentialsBody = z
  .object({ email: EmailInput.optional(), phone: PhoneInput.optional(), password: PasswordInput })
  .strict()
  .refine((b) => (b.email === undefined) !== (b.phone === undefined), { message: 'give either email or phone (one of them)' });

/** An account as the API shows it (sign-up, sign-in, password reset, /v1/auth/me). */
export const User = z.object({
  id: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.enum(['household', 'staff', 'admin']),
  wards: z.array(z.string()),
  blocked: z.boolean(),
});
