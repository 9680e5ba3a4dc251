import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { runAsTenant } from '@kim/persistence';
import type { Principal } from '@kim/core';
import { bearerToken, type PrincipalService } from './principal.service.js';
import type { SignInLimits } from './sign-in-limits.js';
import { SESSION_COOKIE, clearSessionCookie, readCookie, sameOrigin } from './oidc/cookies.js';

/**
 * A request after the tenant fence: its principal, resolved once (null: none), and the session
 * secret when the principal came from the session cookie.
 */
export type FencedRequest = Request & { principal?: Principal | null; sessionSecret?: string };

const WEBHOOK = /^\/webhooks\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//i;

/**
 * Puts the rest of the request in its tenant's database fence (row-level security): the
 * tenant of the caller's credential, or for an agency's inbound webhook the tenant in the
 * URL (the signature check then decides whether the message is that agency's at all).
 * Without either, the database shows nothing.
 */
export function tenantFence(
  principals: PrincipalService,
  onLookupFailure: (e: unknown) => void,
  limits?: SignInLimits,
  opts: { trustedOrigins?: readonly string[] } = {},
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const webhook = WEBHOOK.exec(req.path);
    if (webhook) return runAsTenant(webhook[1]!, next);
    const header = req.headers.authorization;
    // A bearer credential first; else the staff session of single sign-on, from its cookie.
    const session = header ? null : readCookie(req, SESSION_COOKIE);
    if (session && !sameOrigin(req, opts.trustedOrigins)) {
      // The cookie travels with any request the browser makes; only the hub's own pages may use it
      // to change something (cross-site request forgery).
      res.status(403).json({
        errors: [{ message: 'request from another origin refused', extensions: { code: 'FORBIDDEN' } }],
      });
      return;
    }
    // What a failed sign-in counts against: the caller's address and the credential's prefix.
    const source = req.ip ?? 'unknown';
    const credential = header ? (bearerToken(header) ?? header.slice(0, 64)) : session;
    const lookup = () => (session ? principals.fromSession(session) : principals.fromAuthorization(header));
    const signIn = async (): Promise<{ wait: number } | { principal: Principal | null }> =>
      credential && limits ? limits.attempt(source, credential, lookup) : { principal: await lookup() };
    signIn().then(
      (r) => {
        if ('wait' in r) {
          res
            .status(429)
            .set('Retry-After', String(r.wait))
            .json({
              errors: [{ message: 'too many failed sign-ins; try again later', extensions: { code: 'RATE_LIMITED' } }],
            });
          return;
        }
        const { principal } = r;
        (req as FencedRequest).principal = principal;
        if (session && principal) (req as FencedRequest).sessionSecret = session;
        // An ended or expired session: the browser forgets the cookie rather than present it again.
        if (session && !principal) clearSessionCookie(req, res);
        if (principal) runAsTenant(principal.tenantId, next);
        else next();
      },
      (e: unknown) => {
        // The credential could not be checked (database unreachable): say so in the shape a
        // GraphQL client reads, rather than run the request outside any tenant.
        onLookupFailure(e);
        res.status(503).json({
          errors: [{ message: 'sign-in could not be checked; try again', extensions: { code: 'UNAVAILABLE' } }],
        });
      },
    );
  };
}
