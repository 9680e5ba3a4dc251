import { Inject, Injectable } from '@nestjs/common';
import type { AccessContext, AccessReads } from '@kim/core';
import { ACCESS_READS } from '../common/tokens.js';
import type { GqlContext } from '../common/context.js';

/**
 * The gateway's side of the access policy (@kim/core access/): it hands the policy the
 * request's DataLoaders as its facts, one access context per request. The policy decides and
 * writes the ledger (AccessReads.requestContext); nothing is decided here.
 */
@Injectable()
export class CaseAccessService {
  private readonly contexts = new WeakMap<GqlContext, AccessContext>();

  constructor(@Inject(ACCESS_READS) readonly reads: AccessReads) {}

  /** The access context of one request (made on first use). */
  context(ctx: GqlContext): AccessContext {
    let access = this.contexts.get(ctx);
    if (!access) {
      const { loaders } = ctx;
      access = this.reads.requestContext(ctx.principal!, {
        consentsOf: (personId) => loaders.consentsByPerson.load(personId),
        referralsOf: (caseId) => loaders.referralsByCase.load(caseId),
        agenciesOf: (ids) => loaders.agency.loadMany(ids),
        // Read with an agency's grant facts: the case's referrals resolver needs no statement of its own.
        referralsRead: (caseId, found) => {
          loaders.referralsByCase.prime(
            caseId,
            found.map((t) => t.referral),
          );
          for (const t of found) {
            loaders.service.prime(t.service.id, t.service);
            loaders.agency.prime(t.agency.id, t.agency);
          }
        },
      });
      this.contexts.set(ctx, access);
    }
    return access;
  }

  /**
   * Write the request's ledger entries (LedgerFlushPlugin, before the answer is sent). A request
   * that read nothing recordable has no context and writes nothing.
   */
  async flush(ctx: GqlContext): Promise<void> {
    await this.contexts.get(ctx)?.flush();
  }
}
