import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInLimits } from '../sign-in-limits.js';
import type { FencedRequest } from '../tenant-fence.js';
import { HubMetrics } from '../../metrics/hub-metrics.js';
import { RestExceptionFilter } from '../../common/rest-exception.filter.js';
import { OidcService, type CallbackResult } from './oidc.service.js';
import { refusalPage, type RefusalKind } from './refusal-page.js';
import {
  FLOW_COOKIE,
  clearFlowCookie,
  clearSessionCookie,
  readCookie,
  setFlowCookie,
  setSessionCookie,
} from './cookies.js';

const originOf = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

function refuse(res: Response, status: number, kind: RefusalKind): void {
  res.status(status).type('html').send(refusalPage(kind));
}

/**
 * Single sign-on routes: GET /auth/oidc (which tenants offer it), GET /auth/oidc/:tenant/login
 * (to the provider), GET /auth/oidc/callback (back from it: a session cookie), POST /auth/sign-out.
 */
@Controller('auth')
@UseFilters(RestExceptionFilter)
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly limits: SignInLimits,
    private readonly metrics: HubMetrics,
  ) {}

  @Get('oidc')
  async providers(): Promise<{ tenants: { slug: string; name: string; label: string | null }[] }> {
    return { tenants: await this.oidc.tenantsWithSignIn() };
  }

  @Get('oidc/callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const flowCookie = readCookie(req, FLOW_COOKIE);
    clearFlowCookie(req, res);
    const source = req.ip ?? 'unknown';
    // Failed callbacks count against the caller's address like failed credentials; the flow id
    // (random per sign-in) stands for the credential.
    let refusal: Extract<CallbackResult, { ok: false }> | null = null;
    const attempt = await this.limits.attempt(source, `oidc:${flowCookie?.slice(37, 60) ?? 'none'}`, async () => {
      const result = await this.oidc.complete(
        flowCookie,
        new URL(req.originalUrl, originOf(req)),
        originOf(req),
        req.get('user-agent') ?? null,
      );
      if (result.ok) return result;
      refusal = result;
      return null;
    });
    if ('wait' in attempt) {
      this.metrics.oidcSignIns.inc({ outcome: 'rate-limited' });
      res.set('Retry-After', String(attempt.wait));
      return refuse(res, 429, 'rate-limited');
    }
    const done = attempt.principal;
    if (!done) {
      const r = refusal as Extract<CallbackResult, { ok: false }> | null;
      return refuse(res, r?.status ?? 400, r?.kind ?? 'flow');
    }
    setSessionCookie(req, res, done.secret, done.maxAgeSeconds);
    res.redirect(303, done.returnTo);
  }

  @Get('oidc/:tenant/login')
  async login(
    @Param('tenant') tenant: string,
    @Query('returnTo') returnTo: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const wait = await this.limits.start(req.ip ?? 'unknown');
    if (wait > 0) {
      this.metrics.oidcSignIns.inc({ outcome: 'rate-limited' });
      res.set('Retry-After', String(wait));
      return refuse(res, 429, 'too-many-starts');
    }
    const begun = await this.oidc.begin(tenant, returnTo, originOf(req));
    if (!begun.ok) return refuse(res, begun.status, begun.kind);
    setFlowCookie(req, res, begun.flowCookie, begun.maxAgeSeconds);
    res.redirect(303, begun.url);
  }

  /** End the session of the cookie (the tenant fence found it); answer where the provider's sign-out is. */
  @Post('sign-out')
  async signOut(@Req() req: FencedRequest, @Res() res: Response): Promise<void> {
    const principal = req.principal;
    const secret = req.sessionSecret;
    clearSessionCookie(req, res);
    if (!principal || !secret) {
      res.json({ signedOut: false, endSessionUrl: null });
      return;
    }
    const { endSessionUrl } = await this.oidc.signOut(principal.tenantId, secret, originOf(req));
    res.json({ signedOut: true, endSessionUrl });
  }
}
