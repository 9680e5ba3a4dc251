import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import { hashCredential, signInByCredentialHash, type Principal } from '@kim/core';
import { PRINCIPALS_CHANNEL, listenForChanges, type ChangeListener } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG } from '../common/tokens.js';
import { PrincipalCache } from './principal-cache.js';

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
export class PrincipalService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrincipalService.name);
  private readonly cache: PrincipalCache;
  private listener: ChangeListener | null = null;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.cache = new PrincipalCache(config.PRINCIPAL_CACHE_MS);
  }

  onModuleInit(): void {
    if (this.config.PRINCIPAL_CACHE_MS === 0) return;
    this.listener = listenForChanges({
      url: this.config.DATABASE_URL,
      channel: PRINCIPALS_CHANNEL,
      applicationName: 'kim-gateway-principals',
      onChange: () => this.cache.invalidate(),
      onListening: (on) => this.cache.setTrusted(on),
      onError: (e) => this.logger.warn(`principal change notifications interrupted, not caching: ${e.message}`),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.close();
  }

  async fromAuthorization(header: string | undefined): Promise<Principal | null> {
    const token = bearerToken(header);
    if (!token) return null;
    const hash = hashCredential(token);
    return this.cache.resolveSignIn(hash, () => this.lookup(hash));
  }

  private async lookup(hash: string): Promise<{ principal: Principal; validUntil: number | null } | null> {
    const signIn = await signInByCredentialHash(this.ds, hash);
    return signIn && { principal: signIn.principal, validUntil: signIn.expiresAt?.getTime() ?? null };
  }
}
