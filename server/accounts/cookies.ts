/**
 * The account cookies. `sid`: the session (every path, 30 days). `vnac_device`: the known-device
 * token that exempts this browser from the per-account sign-in throttle; sent only to /v1/auth
 * (SameSite=Strict: no other site can make a browser present it) and kept a year.
 */
import type { Request, Response } from 'express';
import { parse, serialize } from 'cookie';
import { SESSION_COOKIE } from './middleware.js';

export const DEVICE_COOKIE = 'vnac_device';
const DEVICE_DAYS = 365;

export const deviceToken = (req: Request): string | null =>
  req.headers.cookie ? (parse(req.headers.cookie)[DEVICE_COOKIE] ?? null) : null;

export function accountCookies(publicUrl: string | undefined, sessionDays: number) {
  const secure = (req: Request) => req.secure || (publicUrl?.startsWith('https:') ?? false);
  return {
    secure,
    setSession: (req: Request, res: Response, token: string) =>
      res.append(
        'Set-Cookie',
        serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: secure(req), maxAge: sessionDays * 86400 }),
      ),
    setDevice: (req: Request, res: Response, token: string | null) => {
      if (token)
        res.append(
          'Set-Cookie',
          serialize(DEVICE_COOKIE, token, {
            httpOnly: true,
            sameSite: 'strict',
            path: '/v1/auth',
            secure: secure(req),
            maxAge: DEVICE_DAYS * 86400,
          }),
        );
    },
  };
}
