import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Principal } from '@kim/core';
import type { PrincipalService } from '../auth/principal.service.js';
import type { SignInLimits } from '../auth/sign-in-limits.js';
import type { HubQueues } from './hub-queues.service.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The credential of a request: a bearer token, or HTTP Basic with the token as password (any
 * user name), so a browser can open the dashboard with its own sign-in prompt.
 */
export function dashboardToken(header: string | undefined): string | null {
  if (!header) return null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : null;
}

/**
 * Operators only: the queues hold every tenant's jobs (ids, no personal data). Its sign-in is
 * held to the same failure budgets as the API's, so it is no side door for guessing keys.
 */
export function dashboardGuard(
  lookup: (bearer: string) => Promise<Principal | null>,
  limits?: SignInLimits,
): RequestHandler {
  const challenge = (res: Response, message: string) =>
    res
      .status(401)
      .setHeader('WWW-Authenticate', 'Basic realm="KIM Hub queues", charset="UTF-8"')
      .json({ error: 'UNAUTHENTICATED', message });
  return (req: Request, res: Response, next: NextFunction) => {
    const token = dashboardToken(req.headers.authorization);
    if (!token) return void challenge(res, "sign in with an operator's token (as bearer token or Basic password)");
    const find = () => lookup(`Bearer ${token}`);
    const signIn = async (): Promise<{ wait: number } | { principal: Principal | null }> =>
      limits ? limits.attempt(req.ip ?? 'unknown', token, find) : { principal: await find() };
    signIn().then(
      (r) => {
        if ('wait' in r) {
          return void res
            .status(429)
            .setHeader('Retry-After', String(r.wait))
            .json({ error: 'RATE_LIMITED', message: 'too many failed sign-ins; try again later' });
        }
        const p = r.principal;
        if (!p) return void challenge(res, 'this token is not known');
        if (p.kind !== 'staff' || p.role !== 'operator') {
          return void res.status(403).json({ error: 'FORBIDDEN', message: 'the queue dashboard is for operators' });
        }
        res.setHeader('Cache-Control', 'no-store');
        next();
      },
      () => void res.status(503).json({ error: 'UNAVAILABLE', message: 'sign-in could not be checked; try again' }),
    );
  };
}

/**
 * Bull Board on /admin/queues, read-only: it shows every queue, its jobs and their errors, but
 * retrying, removing or pausing stays with the audited paths (replayMessage, discardMessage,
 * the CLI), because a job retried behind the outbox's back would bypass its state. The board
 * and the queues it needs are made on the first signed-in request, not at start.
 */
export function mountQueueDashboard(
  app: NestExpressApplication,
  principals: PrincipalService,
  queues: HubQueues,
  limits: SignInLimits,
): void {
  let router: RequestHandler | undefined;
  const board = (): RequestHandler => {
    if (!router) {
      const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
      createBullBoard({
        queues: queues.all().map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
        serverAdapter,
        options: { uiConfig: { boardTitle: 'KIM Hub queues' } },
      });
      router = serverAdapter.getRouter() as RequestHandler;
    }
    return router;
  };
  app.use(
    QUEUE_DASHBOARD_PATH,
    dashboardGuard((h) => principals.fromAuthorization(h), limits),
    (req: Request, res: Response, next: NextFunction) => board()(req, res, next),
  );
}
