import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AccessReads, audit, legalBasesFor, type AccessContext, type AuditEntry, type Principal } from '@kim/core';
import { ACCESS_READS, DATA_SOURCE } from '../common/tokens.js';
import type { GqlContext } from '../common/context.js';

/**
 * The gateway's side of the access policy (@kim/core access/): it hands the policy its facts
 * through the request's DataLoaders and writes the ledger entries of one request in one
 * transaction. It decides nothing itself.
 */
@Injectable()
export class CaseAccessService {
  private readonly contexts = new WeakMap<GqlContext, AccessContext>();

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(ACCESS_READS) readonly reads: AccessReads,
  ) {}

  /** The access context of one request (made on first use). */
  context(ctx: GqlContext): AccessContext {
    let access = this.contexts.get(ctx);
    if (!access) {
      access = this.make(ctx.principal!, ctx);
      this.contexts.set(ctx, access);
    }
    return access;
  }

  private make(p: Principal, ctx: GqlContext): AccessContext {
    const { loaders } = ctx;
    // Entries of one tick go in one transaction; the same entry twice in a request is one row.
    const ledger = new DataLoader<AuditEntry, true, string>(
      async (entries) => {
        await this.ds.transaction(async (m) => {
          for (const e of entries) await audit(m, p, e);
        });
        return entries.map(() => true as const);
      },
      { cacheKeyFn: (e) => JSON.stringify(e) },
    );
    const legalBases = new DataLoader<string, Awaited<ReturnType<typeof legalBasesFor>>>((personIds) =>
      Promise.all(
        personIds.map((id) =>
          p.kind === 'agency' ? legalBasesFor(this.ds.manager, p.tenantId, id, p.agencyId) : Promise.resolve([]),
        ),
      ),
    );
    return {
      consentsOf: (personId) => loaders.consentsByPerson.load(personId),
      referralsOf: (caseId) => loaders.referralsByCase.load(caseId),
      legalBasesOf: (personId) => legalBases.load(personId),
      agencyKindsOf: async (ids) => {
        const uuids = ids.filter((i) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(i));
        const rows = await loaders.agency.loadMany(uuids);
        const kinds = new Map<string, string>();
        for (const a of rows) if (a && !(a instanceof Error)) kinds.set(a.id, a.kind);
        return kinds;
      },
      record: async (entry) => {
        await ledger.load(entry);
      },
      grants: new Map(),
    };
  }
}
