import type { DataSource } from 'typeorm';
import { sealAuditChain } from './audit.js';

/**
 * Seals a tenant's ledger soon after its entries were committed, without making a writer wait:
 * `request` starts a seal (sealAuditChain) in the background after `delayMs` (so that the
 * entries of a busy moment are chained together), and while one is pending or runs for the
 * tenant, further requests only ask for one more run after it, which then finds everything
 * committed before they were made. So a process has at most one seal in flight per tenant
 * whatever the load, at most one per `delayMs`. What a process leaves unsealed (it
 * stopped, a seal failed) the worker's sweep seals (AuditSealSweepJob).
 */
export class LedgerSealer {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  constructor(
    private readonly ds: DataSource,
    private readonly onError: (e: unknown) => void = () => undefined,
    private readonly delayMs = 0,
  ) {}

  /** Seal the tenant's committed entries soon (call after the entries' transaction committed). */
  request(tenantId: string): void {
    if (this.running.has(tenantId)) {
      this.again.add(tenantId);
      return;
    }
    const pause = () => new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const run = async () => {
      do {
        if (this.delayMs > 0) await pause();
        this.again.delete(tenantId);
        await sealAuditChain(this.ds, tenantId);
      } while (this.again.has(tenantId));
    };
    this.running.set(
      tenantId,
      run()
        .catch((e: unknown) => this.onError(e))
        .finally(() => this.running.delete(tenantId)),
    );
  }

  /** Resolves when no seal is in flight (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }
}
