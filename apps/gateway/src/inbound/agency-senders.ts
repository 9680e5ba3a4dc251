import { Inject, Injectable } from '@nestjs/common';
import type { HubConfig } from '@kim/config';
import { StatusIntake } from '@kim/core';
import { activeWebhookSecrets } from '@kim/messaging';
import { PrincipalChanges } from '../auth/principal-changes.js';
import { HUB_CONFIG } from '../common/tokens.js';
import { NotifiedCache } from '../common/notified-cache.js';

/** What the webhook needs of the agency it says it comes from. */
export interface AgencySender {
  kind: string;
  name: string;
  /** The secrets a signature is checked against: the current one, and the next during a rotation. */
  secrets: readonly string[];
}

/**
 * The agencies' webhook secrets, kept across inbound requests (issue 20: one statement fewer per
 * status message) as the gateway keeps signed-in principals: for PRINCIPAL_CACHE_MS at most,
 * only while the database's change notifications arrive, dropped the moment any agency changes
 * (a rotation started or finished, a secret replaced, an agency removed: the agencies table
 * announces every update and delete on kim_principals). An agency the database does not know is
 * never kept, so one added later is found at once.
 */
@Injectable()
export class AgencySenders {
  private readonly cache: NotifiedCache<AgencySender>;

  constructor(
    private readonly intake: StatusIntake,
    @Inject(HUB_CONFIG) config: HubConfig,
    changes: PrincipalChanges,
  ) {
    this.cache = new NotifiedCache<AgencySender>(config.PRINCIPAL_CACHE_MS);
    changes.watch(this.cache);
  }

  /**
   * The agency with its secrets; `fromMemory` says whether it was kept from an earlier request
   * (then a signature it refuses is checked once more against the agency as stored, in case the
   * secret changed and the announcement has not arrived yet).
   */
  async sender(tenantId: string, agencyId: string): Promise<{ agency: AgencySender | null; fromMemory: boolean }> {
    let looked = false;
    const agency = await this.cache.resolve(`${tenantId}|${agencyId}`, async () => {
      looked = true;
      return this.load(tenantId, agencyId);
    });
    return { agency, fromMemory: !looked };
  }

  /** The agency as stored now, replacing what was kept. */
  async stored(tenantId: string, agencyId: string): Promise<AgencySender | null> {
    const key = `${tenantId}|${agencyId}`;
    this.cache.forget(key);
    return this.cache.resolve(key, () => this.load(tenantId, agencyId));
  }

  private async load(tenantId: string, agencyId: string): Promise<AgencySender | null> {
    const row = await this.intake.sender(tenantId, agencyId);
    return row && { kind: row.kind, name: row.name, secrets: Object.freeze(activeWebhookSecrets(row)) };
  }
}
