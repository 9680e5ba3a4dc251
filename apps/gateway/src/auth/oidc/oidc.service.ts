import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import type { DataSource } from 'typeorm';
import { oidcProviderFor, type HubConfig, type OidcProvider } from '@kim/config';
import {
  beginSignInFlow,
  listTenants,
  openSession,
  recordRefusedSignIn,
  signOut,
  staffForSignIn,
  takeSignInFlow,
  tenantById,
  SIGN_IN_FLOW_SECONDS,
} from '@kim/core';
import { runAsTenant } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG } from '../../common/tokens.js';
import { HubMetrics } from '../../metrics/hub-metrics.js';
import type { RefusalKind } from './refusal-page.js';

const TENANT_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FLOW_SECRET = /^[A-Za-z0-9_-]{43}$/;
/** Where a sign-in may lead back to: a page of the console, nothing else (no open redirect). */
const RETURN_TO = /^\/console(\/[A-Za-z0-9\-._~/%?=&]*)?$/;

export type CallbackResult =
  | { ok: true; secret: string; returnTo: string; maxAgeSeconds: number }
  | { ok: false; kind: RefusalKind; status: number; reason: string; tenantId: string | null };

/**
 * Single sign-on for staff with OpenID Connect: authorization code with PKCE through
 * openid-client. The state, nonce and PKCE verifier of a sign-in stay on the server
 * (sign_in_flows), found by the hash of a random id in a short-lived cookie; the callback checks
 * them (openid-client checks state, nonce, issuer, audience and signature of the ID token), finds
 * or provisions the staff user by (issuer, subject), and opens a session.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  /** Discovery per provider, once (again after a failure). */
  private readonly discovered = new Map<string, Promise<client.Configuration>>();

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly metrics: HubMetrics,
  ) {}

  /** The tenants whose staff can sign in with single sign-on (for the console's sign-in page). */
  async tenantsWithSignIn(): Promise<{ slug: string; name: string; label: string | null }[]> {
    if (!this.config.OIDC_PROVIDERS) return [];
    const tenants = await listTenants(this.ds);
    return tenants
      .map((t) => ({ t, p: oidcProviderFor(this.config.OIDC_PROVIDERS, t.slug) }))
      .filter((x): x is { t: (typeof tenants)[number]; p: OidcProvider } => x.p !== null)
      .map(({ t, p }) => ({ slug: t.slug, name: t.name, label: p.label ?? null }));
  }

  private async providerConfig(p: OidcProvider): Promise<client.Configuration> {
    const key = `${p.issuer} ${p.clientId}`;
    let config = this.discovered.get(key);
    if (!config) {
      config = client.discovery(
        new URL(p.issuer),
        p.clientId,
        undefined,
        p.clientSecret ? client.ClientSecretBasic(p.clientSecret) : client.None(),
        // Plain http only outside production (validated in @kim/config): the tests' own provider.
        p.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      );
      this.discovered.set(key, config);
      config.catch(() => this.discovered.delete(key));
    }
    return config;
  }

  private redirectUri(requestOrigin: string): string {
    return this.config.OIDC_REDIRECT_URI ?? `${requestOrigin}/auth/oidc/callback`;
  }

  /** Begin a sign-in: the provider's authorization URL, and the flow cookie's value. */
  async begin(
    tenantSlug: string,
    returnTo: unknown,
    requestOrigin: string,
  ): Promise<
    | { ok: true; url: string; flowCookie: string; maxAgeSeconds: number }
    | { ok: false; kind: RefusalKind; status: number }
  > {
    if (!TENANT_SLUG.test(tenantSlug)) return { ok: false, kind: 'not-configured', status: 404 };
    const provider = oidcProviderFor(this.config.OIDC_PROVIDERS, tenantSlug);
    const tenant = provider ? (await listTenants(this.ds)).find((t) => t.slug === tenantSlug) : undefined;
    if (!provider || !tenant) return { ok: false, kind: 'not-configured', status: 404 };
    let config: client.Configuration;
    try {
      config = await this.providerConfig(provider);
    } catch (e) {
      this.logger.warn(`identity provider ${provider.issuer} unreachable: ${(e as Error).message}`);
      return { ok: false, kind: 'unavailable', status: 502 };
    }
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const back =
      typeof returnTo === 'string' && RETURN_TO.test(returnTo) && !returnTo.includes('//') ? returnTo : '/console/';
    const secret = await runAsTenant(tenant.id, () =>
      beginSignInFlow(this.ds, tenant.id, { state, nonce, codeVerifier, returnTo: back }),
    );
    const scope = new Set(['openid', ...provider.scope.split(' ')]);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(requestOrigin),
      scope: [...scope].join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { ok: true, url: url.href, flowCookie: `${tenant.id}.${secret}`, maxAgeSeconds: SIGN_IN_FLOW_SECONDS };
  }

  /**
   * The provider sent the browser back: check everything, find the staff user, open a session.
   * Every refusal with a known tenant is in the ledger.
   */
  async complete(
    flowCookie: string | null,
    currentUrl: URL,
    requestOrigin: string,
    userAgent: string | null,
  ): Promise<CallbackResult> {
    const [tenantId, secret] = (flowCookie ?? '').split('.');
    if (!tenantId || !secret || !UUID.test(tenantId) || !FLOW_SECRET.test(secret)) {
      return this.refused(null, 'flow', 400, 'no sign-in under way in this browser');
    }
    const tenant = await tenantById(this.ds, tenantId);
    if (!tenant) return this.refused(null, 'flow', 400, 'no sign-in under way in this browser');
    return runAsTenant(tenantId, async () => {
      const flow = await takeSignInFlow(this.ds, tenantId, secret);
      if (!flow) return this.refused(tenantId, 'flow', 400, 'the sign-in under way is unknown, used or expired');
      const provider = oidcProviderFor(this.config.OIDC_PROVIDERS, tenant.slug);
      if (!provider) return this.refused(tenantId, 'not-configured', 404, 'single sign-on is not configured');
      let config: client.Configuration;
      try {
        config = await this.providerConfig(provider);
      } catch {
        return this.refused(tenantId, 'unavailable', 502, 'the identity provider could not be reached');
      }
      let claims: Record<string, unknown>;
      try {
        const tokens = await client.authorizationCodeGrant(
          config,
          currentUrl,
          {
            pkceCodeVerifier: flow.codeVerifier,
            expectedState: flow.state,
            expectedNonce: flow.nonce,
            idTokenExpected: true,
          },
          { redirect_uri: this.redirectUri(requestOrigin) },
        );
        claims = { ...(tokens.claims() ?? {}) };
      } catch (e) {
        // The provider's error or the check that failed (state, nonce, PKCE, signature): bounded, no tokens.
        const why = `${(e as Error).name}: ${(e as Error).message}`.slice(0, 200);
        return this.refused(tenantId, 'provider', 400, `the provider's answer was refused (${why})`);
      }
      const issuer = String(claims['iss']);
      const subject = String(claims['sub']);
      const staff = await staffForSignIn(this.ds, tenantId, issuer, subject, claims, {
        ...provider.claims,
        roles: provider.roles,
        matchEmail: provider.matchEmail,
        provision: provider.provision,
      });
      if (!staff.ok) {
        const kind: RefusalKind = staff.code === 'deactivated' ? 'deactivated' : 'unknown';
        return this.refused(tenantId, kind, 403, `${staff.code}: ${staff.reason}`, staff.code);
      }
      const session = await openSession(this.ds, tenantId, {
        staffUserId: staff.staffUserId,
        issuer,
        idleSeconds: this.config.SESSION_IDLE_SECONDS,
        absoluteSeconds: this.config.SESSION_ABSOLUTE_SECONDS,
        userAgent,
      });
      this.metrics.oidcSignIns.inc({ outcome: 'succeeded' });
      return {
        ok: true,
        secret: session.secret,
        returnTo: flow.returnTo,
        maxAgeSeconds: this.config.SESSION_ABSOLUTE_SECONDS,
      };
    });
  }

  private async refused(
    tenantId: string | null,
    kind: RefusalKind,
    status: number,
    reason: string,
    outcome: string = kind,
  ): Promise<CallbackResult> {
    this.metrics.oidcSignIns.inc({ outcome });
    if (tenantId) await recordRefusedSignIn(this.ds, tenantId, tenantId, reason);
    return { ok: false, kind, status, reason, tenantId };
  }

  /** Sign out: end the session; where the provider offers it, the URL that ends its session too. */
  async signOut(tenantId: string, secret: string, requestOrigin: string): Promise<{ endSessionUrl: string | null }> {
    const ended = await signOut(this.ds, tenantId, secret);
    const tenant = await tenantById(this.ds, tenantId);
    const provider = tenant ? oidcProviderFor(this.config.OIDC_PROVIDERS, tenant.slug) : null;
    if (
      !ended ||
      !provider ||
      (ended.issuer !== provider.issuer.replace(/\/$/, '') && ended.issuer !== provider.issuer)
    ) {
      return { endSessionUrl: null };
    }
    try {
      const config = await this.providerConfig(provider);
      if (!config.serverMetadata().end_session_endpoint) return { endSessionUrl: null };
      return {
        endSessionUrl: client.buildEndSessionUrl(config, {
          client_id: provider.clientId,
          post_logout_redirect_uri: `${requestOrigin}/console/`,
        }).href,
      };
    } catch {
      return { endSessionUrl: null };
    }
  }
}
