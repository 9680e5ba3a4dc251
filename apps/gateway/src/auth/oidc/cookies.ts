import type { Request, Response } from 'express';

/** The staff session after single sign-on: a random id, HttpOnly, SameSite=Lax, Secure over https. */
export const SESSION_COOKIE = 'kim_session';
/** A sign-in under way: "<tenant id>.<random flow id>", only on /auth/oidc, for ten minutes. */
export const FLOW_COOKIE = 'kim_sign_in';
export const FLOW_COOKIE_PATH = '/auth/oidc';

/** One cookie of the request, or null. Bounded: a cookie header of absurd size is not read. */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header || header.length > 8192) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

const base = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: req.secure });

export function setSessionCookie(req: Request, res: Response, secret: string, maxAgeSeconds: number): void {
  res.cookie(SESSION_COOKIE, secret, { ...base(req), path: '/', maxAge: maxAgeSeconds * 1000 });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { ...base(req), path: '/' });
}

export function setFlowCookie(req: Request, res: Response, value: string, maxAgeSeconds: number): void {
  res.cookie(FLOW_COOKIE, value, { ...base(req), path: FLOW_COOKIE_PATH, maxAge: maxAgeSeconds * 1000 });
}

export function clearFlowCookie(req: Request, res: Response): void {
  res.clearCookie(FLOW_COOKIE, { ...base(req), path: FLOW_COOKIE_PATH });
}

/**
 * Whether a request that carries the session cookie comes from the hub's own pages: browsers
 * send Origin on every POST (and Sec-Fetch-Site); a form or script of another site cannot make
 * them the hub's. Requests that change nothing (GET, HEAD) pass; SameSite=Lax already keeps the
 * cookie off other sites' subrequests.
 */
export function sameOrigin(req: Request, extraOrigins: readonly string[] = []): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  const origin = req.headers.origin;
  if (typeof origin === 'string') {
    return origin === `${req.protocol}://${req.get('host') ?? ''}` || extraOrigins.includes(origin);
  }
  return req.headers['sec-fetch-site'] === 'same-origin';
}
