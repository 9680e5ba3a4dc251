import type { DataSource } from 'typeorm';
import { agencyRepository, runAsTenant, type AgencyRow } from '@kim/persistence';
import type { CloudEvent, StatusMessageData } from '@kim/contracts';
import { DomainError } from '../common/errors.js';
import { audit } from '../ledger/audit.js';
import type { Principal } from '../common/principal.js';
import { notYourReferral } from './status-checks.js';
import { writeAgencyStatuses, type IncomingStatus, type StatusWriteResult } from './status-writer.js';
import { TenantBatches } from '../common/tenant-batches.js';

export type IntakeOutcome = 'applied' | 'pending' | 'stale' | 'rejected' | 'duplicate';

export interface IntakeResult {
  outcome: IntakeOutcome;
  referralStatus: string;
  error?: string;
}

type AgencyPrincipal = Extract<Principal, { kind: 'agency' }>;

/** A webhook that stored the same event id meanwhile, or a lock conflict: the attempt is made again. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

/** The most status messages of one agency written in one transaction. */
const INTAKE_BATCH = 50;

/**
 * Takes an agency's status message from the webhook (already authenticated and validated):
 * a batch of one for the status writer, which stores it once per event id and applies whatever
 * stored messages now fit, in the order they happened. Duplicates change nothing; a message
 * overtaken by a later one is kept but never applied.
 */
export class StatusIntake {
  /**
   * Messages of one agency that arrive while an earlier batch of that agency is being written go
   * together (issue 20): one transaction, one lock statement, one read of what is known and
   * waiting, one write, one commit for the batch, through the same writer as a batch of one. A
   * batch that fails wrote nothing; its messages are then written one by one. The same event id
   * twice waits for the next batch, where it is a duplicate, as it was one after the other.
   */
  private readonly batches = new TenantBatches<
    { key: string; agency: AgencyPrincipal; incoming: IncomingStatus },
    StatusWriteResult
  >(async (_lane, items) => {
    const agency = items[0]!.agency;
    const results = await runAsTenant(agency.tenantId, () =>
      this.retrying(() =>
        this.ds.transaction((m) =>
          writeAgencyStatuses(
            m,
            agency,
            items.map((i) => i.incoming),
          ),
        ),
      ),
    );
    return new Map(items.map((item, k) => [item.key, results[k]!]));
  }, INTAKE_BATCH);

  constructor(private readonly ds: DataSource) {}

  /** The agency a webhook says it comes from, with the secrets its signature is checked against; null: none such. */
  sender(tenantId: string, agencyId: string): Promise<AgencyRow | null> {
    return agencyRepository.byId(this.ds, tenantId, agencyId);
  }

  async receive(agency: AgencyPrincipal, event: CloudEvent<StatusMessageData>): Promise<IntakeResult> {
    const incoming = { eventId: event.id, data: event.data, body: JSON.stringify(event) };
    const result = await this.batches.run(`${agency.tenantId}|${agency.agencyId}`, {
      key: event.id,
      agency,
      incoming,
    });
    switch (result.kind) {
      case 'stored':
        return {
          outcome: result.state,
          referralStatus: result.referralStatus,
          ...(result.state === 'rejected' && result.error !== null ? { error: result.error } : {}),
        };
      case 'duplicate':
        return { outcome: 'duplicate', referralStatus: result.referralStatus };
      case 'bad-time':
        throw new DomainError('INVALID_INPUT', result.reason, {
          problems: [{ path: 'data.occurredAt', message: result.reason }],
        });
      case 'bad-certificate':
        throw new DomainError('INVALID_INPUT', result.reason, {
          problems: [{ path: 'data.certificate', message: result.reason }],
        });
      case 'not-yours':
        // The refusal is recorded on its own: nothing else of the attempt was written.
        await this.ds.transaction((m) =>
          audit(m, agency, {
            action: 'inbound.status',
            subjectType: 'referral',
            subjectId: event.data.referralId,
            allowed: false,
            reason: result.reason,
          }),
        );
        throw notYourReferral(event.data.referralId);
    }
  }

  private async retrying<T>(attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (n < 3 && code && RETRYABLE.has(code)) continue;
        throw e;
      }
    }
  }
}
