import { auditRepository, runAsTenant } from '@kim/persistence';
import type { DataSource } from 'typeorm';
import type { Principal } from '../common/principal.js';
import { TenantBatches } from '../common/tenant-batches.js';
import { auditRow, type AuditEntry } from './audit.js';

/** Requests whose entries may go in one statement: enough for a busy gateway, a bounded statement. */
const MAX_REQUESTS_PER_WRITE = 64;

type AuditRowOf = ReturnType<typeof auditRow>;

/**
 * Writes requests' ledger entries with group commit (issue 20): a request whose tenant has no
 * ledger write in flight writes at once, alone; requests that finish while one is in flight go
 * together in the next INSERT, so ten concurrent readers pay about one statement and one commit
 * instead of ten. Each caller's promise settles only when the statement holding its own entries
 * has committed, so an answer still never leaves before its reads are in the ledger. A failed
 * write is retried per request, so a request whose entries cannot be written fails alone.
 */
export class LedgerWriter {
  private readonly batches: TenantBatches<{ key: string; rows: AuditRowOf[] }, true>;
  private serial = 0;

  constructor(ds: DataSource, maxRequests = MAX_REQUESTS_PER_WRITE) {
    this.batches = new TenantBatches(
      // Fenced to the lane's tenant explicitly: the batch runs in whichever request started it.
      (tenantId, items) =>
        runAsTenant(tenantId, async () => {
          await auditRepository.insertMany(
            ds,
            items.flatMap((i) => i.rows),
          );
          return new Map(items.map((i) => [i.key, true as const]));
        }),
      maxRequests,
    );
  }

  /** Write one principal's entries, in their order; resolves once they are committed. */
  async write(p: Principal, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.batches.run(p.tenantId, { key: String(this.serial++), rows: entries.map((e) => auditRow(p, e)) });
  }
}
