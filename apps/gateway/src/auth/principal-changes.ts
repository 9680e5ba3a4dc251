import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { HubConfig } from '@kim/config';
import { PRINCIPALS_CHANNEL, listenForChanges, type ChangeListener } from '@kim/persistence';
import { HUB_CONFIG } from '../common/tokens.js';

/** What a cache built on the change notifications must hear. */
export interface ChangeWatcher {
  invalidate(): void;
  setTrusted(trusted: boolean): void;
}

/**
 * The gateway's one connection listening on kim_principals (a change to staff users, agencies,
 * credentials or sessions), passed on to every cache that keeps what those tables say: the
 * signed-in principals and the agencies' webhook secrets. No listening (PRINCIPAL_CACHE_MS = 0):
 * the caches are never trusted and keep nothing.
 */
@Injectable()
export class PrincipalChanges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrincipalChanges.name);
  private readonly watchers: ChangeWatcher[] = [];
  private listener: ChangeListener | null = null;
  private listening = false;

  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {}

  /** Tell `watcher` of every change from now on, and whether the notifications are arriving. */
  watch(watcher: ChangeWatcher): void {
    this.watchers.push(watcher);
    watcher.setTrusted(this.listening);
  }

  onModuleInit(): void {
    if (this.config.PRINCIPAL_CACHE_MS === 0) return;
    this.listener = listenForChanges({
      url: this.config.DATABASE_URL,
      channel: PRINCIPALS_CHANNEL,
      applicationName: 'kim-gateway-principals',
      onChange: () => {
        for (const w of this.watchers) w.invalidate();
      },
      onListening: (on) => {
        this.listening = on;
        for (const w of this.watchers) w.setTrusted(on);
      },
      onError: (e) => this.logger.warn(`principal change notifications interrupted, not caching: ${e.message}`),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.close();
  }
}
