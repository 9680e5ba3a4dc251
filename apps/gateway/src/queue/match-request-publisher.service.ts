import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { serializeError } from '@kim/config';
import { MatchRequests, matchJobId, type MatchRequestItem } from '@kim/core';
import { MATCH_JOB_OPTIONS, addJob } from '@kim/messaging';
import { runAsTenant } from '@kim/persistence';
import { DATA_SOURCE, LINKAGE_QUEUE } from '../common/tokens.js';
import { PINO_LOGGER } from '../logging/logger.js';

/**
 * Fast path of matching at intake: right after the case committed, put the person's match job on
 * the linkage queue. If this fails (Redis down, process killed), the worker's relay finds the
 * request row and does it. The resolver does not wait for this: with Redis away, adding a job
 * waits for it to come back, and the answer to openCase must not.
 */
@Injectable()
export class MatchRequestPublisher implements OnModuleDestroy {
  private readonly requests: MatchRequests;

  constructor(
    @Inject(LINKAGE_QUEUE) private readonly queue: Queue,
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {
    this.requests = new MatchRequests(ds);
  }

  async publish(item: MatchRequestItem): Promise<void> {
    try {
      await addJob(
        this.queue,
        'MatchPersonJob',
        { tenantId: item.tenantId, requestId: item.requestId, traceId: item.traceId },
        { ...MATCH_JOB_OPTIONS, jobId: matchJobId(item) },
      );
      await runAsTenant(item.tenantId, () => this.requests.markEnqueued([item]));
    } catch (e) {
      this.log.warn(
        { traceId: item.traceId, tenantId: item.tenantId, requestId: item.requestId, err: serializeError(e) },
        'match request left for the relay: it could not be queued now',
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}
