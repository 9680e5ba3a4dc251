import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import {
  consentRepository,
  type AgencyEntity,
  type ConsentEntity,
  type GrantFactsRow,
  type ReferralEntity,
} from '@kim/persistence';
import type { AuditEntry } from '../ledger/audit.js';
import type { LedgerSealer } from '../ledger/sealer.js';
import type { LedgerWriter } from '../ledger/writer.js';
import { legalBasesFor, rulesOff } from '../consent/consent-check.js';
import { berlinDay } from '../common/calendar.js';
import type { Principal } from '../common/principal.js';
import type { AccessContext } from './reads.js';

/**
 * The facts a request already loads in batches (a gateway's DataLoaders): the policy reads
 * them through here, so a page of cases costs a fixed number of statements.
 */
export interface RequestFacts {
  consentsOf(personId: string): Promise<ConsentEntity[]>;
  referralsOf(caseId: string): Promise<ReferralEntity[]>;
  /** Agencies by id, in the order asked (null or an Error where there is none). */
  agenciesOf(ids: string[]): Promise<(Pick<AgencyEntity, 'id' | 'kind'> | null | Error)[]>;
  /** A case's referrals read with an agency's grant facts: for referralsOf to answer without reading them again. */
  referralsRead?(caseId: string, found: GrantFactsRow['referrals']): void;
}

/** What an agency's access to a case is decided on (consentRepository.grantFactsOfCase, legal bases of today); null for anyone else. */
export function grantFactsOfCase(ds: DataSource, p: Principal, caseId: string): Promise<GrantFactsRow | null> {
  if (p.kind !== 'agency') return Promise.resolve(null);
  return consentRepository.grantFactsOfCase(
    ds,
    { tenantId: p.tenantId, caseId, agencyId: p.agencyId, day: berlinDay(new Date()) },
    rulesOff(),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The access context of one request: the policy's facts from the request's batches, and its
 * ledger entries, kept here (the same entry twice in a request is one row) and written by
 * `flush` in one statement, which the gateway awaits before the answer goes out (so a request
 * pays one ledger write, not one per resolver that recorded; requests that finish together share
 * one: LedgerWriter); then the sealer is asked to chain them. Make one per request, never share
 * it between principals.
 */
export function requestAccessContext(
  ds: DataSource,
  p: Principal,
  facts: RequestFacts,
  sealer: LedgerSealer,
  writer: LedgerWriter,
): AccessContext {
  const pending = new Map<string, AuditEntry>();
  const written = new Set<string>();
  const legalBases = new DataLoader<string, Awaited<ReturnType<typeof legalBasesFor>>>((personIds) =>
    Promise.all(
      personIds.map((id) =>
        p.kind === 'agency' ? legalBasesFor(ds.manager, p.tenantId, id, p.agencyId) : Promise.resolve([]),
      ),
    ),
  );
  return {
    consentsOf: (personId) => facts.consentsOf(personId),
    referralsOf: (caseId) => facts.referralsOf(caseId),
    legalBasesOf: (personId) => legalBases.load(personId),
    grantFactsOfCase: async (caseId) => {
      const found = await grantFactsOfCase(ds, p, caseId);
      if (found) facts.referralsRead?.(caseId, found.referrals);
      return found;
    },
    agencyKindsOf: async (ids) => {
      // Issuers of identifiers are agency ids or free names: only ids can name an agency.
      const rows = await facts.agenciesOf(ids.filter((i) => UUID.test(i)));
      const kinds = new Map<string, string>();
      for (const a of rows) if (a && !(a instanceof Error)) kinds.set(a.id, a.kind);
      return kinds;
    },
    record: (entry) => {
      const key = JSON.stringify(entry);
      if (!written.has(key)) pending.set(key, entry);
      return Promise.resolve();
    },
    flush: async () => {
      if (pending.size === 0) return;
      const entries = [...pending];
      pending.clear();
      await writer.write(
        p,
        entries.map(([, e]) => e),
      );
      for (const [key] of entries) written.add(key);
      sealer.request(p.tenantId);
    },
    grants: new Map(),
  };
}
