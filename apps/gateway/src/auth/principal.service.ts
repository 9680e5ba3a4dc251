import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { staffTokensAllowed, type HubConfig } from '@kim/config';
import { hashCredential, signInByCredentialHash, signInBySessionSecret, type Principal } from '@kim/core';
import { DATA_SOURCE, HUB_CONFIG } from '../common/tokens.js';
import { PrincipalCache } from './principal-cache.js';
import { PrincipalChanges } from './principal-changes.js';

/**
 * Turns a bearer token into a principal. Staff users and agencies each have their own
 * credential; only the SHA-256 of a credential is stored, and the tenant comes from it. The
 * lookup happens before any tenant is known, so it goes through the one database function
 * that may look across tenants (row-level security fences everything else). What it finds is
 * kept for PRINCIPAL_CACHE_MS and dropped the moment the database announces a change to staff
 * users or agencies.
 */
/** The credential of an Authorization header, or null when there is none of a plausible shape. */
export function bearerToken(header: string | undefined): string | null {
  return /^Bearer\s+(\S{8,512})$/i.exec(header ?? '')?.[1] ?? null;
}

@Injectable()
export class PrincipalService {
  private readonly cache: PrincipalCache;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    changes: PrincipalChanges,
  ) {
    this.cache = new PrincipalCache(config.PRINCIPAL_CACHE_MS);
    changes.watch(this.cache);
  }

  async fromAuthorization(header: string | undefined): Promise<Principal | null> {
    const token = bearerToken(header);
    if (!token) return null;
    const hash = hashCredential(token);
    const principal = await this.cache.resolveSignIn(hash, () => this.lookup(hash));
    // Pasted staff tokens are for the demo and development; in production staff sign in through
    // their administration's identity provider (STAFF_TOKENS). Agencies keep their API keys.
    if (principal?.kind === 'staff' && !staffTokensAllowed(this.config)) return null;
    return principal;
  }

  /**
   * The staff user behind a session cookie (single sign-on), kept like a credential's principal
   * but never past the session's idle or absolute end; an ended session is announced and dropped.
   */
  async fromSession(secret: string): Promise<Principal | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
    // Its own key space: a session's hash and a credential's hash never meet in the cache.
    return this.cache.resolveSignIn(`session:${hashCredential(secret)}`, async () => {
      const signIn = await signInBySessionSecret(this.ds, secret);
      if (!signIn) return null;
      // Half the time left: a session in use is looked up (and its idle clock restarted) before
      // it would go idle, however short the idle limit is against the cache's lifetime.
      const now = Date.now();
      return { principal: signIn.principal, validUntil: now + Math.max(0, signIn.validUntil.getTime() - now) / 2 };
    });
  }

  private async lookup(hash: string): Promise<{ principal: Principal; validUntil: number | null } | null> {
    const signIn = await signInByCredentialHash(this.ds, hash);
    return signIn && { principal: signIn.principal, validUntil: signIn.expiresAt?.getTime() ?? null };
  }
}
