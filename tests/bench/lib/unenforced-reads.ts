import { DataCategory } from '@kim/contracts';
import { caseRepository, type PersonRow } from '@kim/persistence';
import {
  AccessReads,
  DomainError,
  type AccessContext,
  type CaseRow,
  type IdentifierFacts,
  type Principal,
  type ReadGrant,
  type TimelineFacts,
} from '@kim/core';

const ALL = Object.values(DataCategory);

/**
 * The access policy's reads with every decision answered "yes" and nothing recorded: what a
 * gateway without consent enforcement would do. It exists only here, for consent_overhead to
 * measure what enforcement costs; no setting of a running hub can put it in place (the bench
 * builds that gateway itself, replacing the ACCESS_READS provider).
 */
export class UnenforcedReads extends AccessReads {
  override grant(): Promise<ReadGrant> {
    return Promise.resolve({ categories: [...ALL], basis: [], sources: [] });
  }

  // The case with its person in one statement, as the enforced reads load it.
  override async caseFor(p: Principal, caseId: string): Promise<CaseRow & { person?: PersonRow | null }> {
    const row = await caseRepository.scopeWithPerson(this.ds.manager, p.tenantId, caseId);
    if (!row) throw new DomainError('NOT_FOUND', `case ${caseId} was not found`);
    return row;
  }

  override person<I extends IdentifierFacts>(
    _p: Principal,
    _c: { id: string; personId: string },
    identifiers: readonly I[],
  ): Promise<{ categories: DataCategory[]; identifiers: I[] | null }> {
    return Promise.resolve({ categories: [...ALL], identifiers: [...identifiers] });
  }

  override async referrals(_p: Principal, c: { id: string; personId: string }, ctx: AccessContext) {
    return ctx.referralsOf(c.id);
  }

  override timeline<E extends TimelineFacts>(
    _p: Principal,
    _c: { id: string; personId: string },
    events: readonly E[],
  ): Promise<E[]> {
    return Promise.resolve([...events]);
  }

  override note(_p: Principal, r: { note: string | null }): Promise<string | null> {
    return Promise.resolve(r.note);
  }
}
