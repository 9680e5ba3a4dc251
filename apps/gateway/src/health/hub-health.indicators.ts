import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import { QueueName } from '@kim/contracts';
import { databaseAnswers } from '@kim/core';
import { DATA_SOURCE, HUB_CONFIG, OUTBOX_QUEUE } from '../common/tokens.js';
import { measureQueueLag, queueLagProblem } from './queue-lag.js';

/** Each check answers within this time or counts as down. */
export const CHECK_TIMEOUT_MS = 2000;

/**
 * What readiness means for the hub: the database answers, the queue backend answers, at least
 * one worker is connected to the outbox queue, and the queue moves. Every check reads only the
 * database and the queue, so it works the same on the Redis and the PostgreSQL queue backend.
 */
@Injectable()
export class HubHealthIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(OUTBOX_QUEUE) private readonly queue: Queue,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** PostgreSQL, the system of record, answers a query. */
  database() {
    return this.indicators
      .check('database')
      .attempt(async () => {
        await databaseAnswers(this.ds);
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  /** The queue backend (Redis, or BullMQ's PostgreSQL backend) answers; the depths come along. */
  queueBackend() {
    return this.indicators
      .check('queue')
      .attempt(async () => ({
        backend: this.config.QUEUE_BACKEND,
        ...(await this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed')),
      }))
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  /**
   * Workers are alive: BullMQ lists the workers connected to the queue (Redis: named clients in
   * CLIENT LIST; PostgreSQL: named sessions in pg_stat_activity of this database). A worker that
   * stops or dies drops its connection and leaves the list.
   */
  workers() {
    return this.indicators
      .check('workers')
      .attempt(async () => {
        const connected = await this.queue.getWorkersCount();
        if (connected === 0) throw new Error(`no worker is connected to queue "${QueueName.OUTBOX}"`);
        return { connected };
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  /**
   * The queue moves: no due job has waited longer than READINESS_MAX_QUEUE_LAG_MS, and the
   * outbox relay's scheduled sweep (every OUTBOX_SWEEP_MS) is not overdue by more than that.
   * This catches workers that are connected but hung or saturated.
   */
  queueMoving() {
    const limitMs = this.config.READINESS_MAX_QUEUE_LAG_MS;
    return this.indicators
      .check('queueMoving')
      .attempt(async () => {
        const lag = await measureQueueLag(this.queue);
        const problem = queueLagProblem(lag, limitMs);
        if (problem) throw new Error(problem);
        return { ...lag, limitMs };
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }
}
