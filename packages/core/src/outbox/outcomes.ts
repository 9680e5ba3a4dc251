import type { DataSource } from 'typeorm';
import { outboxRepository } from '@kim/persistence';

/** What an attempt to deliver a message came to, recorded on its outbox row. */
export class OutboxOutcomes {
  constructor(private readonly ds: DataSource) {}

  /** The agency acknowledged: the body sent is kept for the disclosure record. */
  async acknowledged(tenantId: string, outboxId: string, body: string): Promise<void> {
    await outboxRepository.acknowledged(this.ds, tenantId, outboxId, body);
  }

  /** Several acknowledgements of one tenant in one statement (the worker coalesces those that arrive together). */
  async acknowledgedMany(tenantId: string, sent: readonly { id: string; body: string }[]): Promise<void> {
    await outboxRepository.acknowledgedMany(this.ds, tenantId, sent);
  }

  /** A failed attempt; the last one makes the message dead, visible and replayable. */
  async attemptFailed(tenantId: string, outboxId: string, error: string, final: boolean): Promise<void> {
    await outboxRepository.attemptFailed(this.ds, tenantId, outboxId, error.slice(0, 2000), final);
  }
}
