import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { QueueStats } from '../queue/hub-queues.service.js';

@ObjectType({
  description: 'A job queue of the hub and what it holds (read from the queue backend, cached for 2 seconds)',
})
export class QueueInfo {
  @Field({
    description:
      'outbox (webhook delivery), maintenance (sweeps, board), handoff (nightly files), linkage (matching after intake)',
  })
  name!: string;
  @Field(() => Int, { description: 'Waiting for a worker (prioritised jobs included)' }) waiting!: number;
  @Field(() => Int) active!: number;
  @Field(() => Int, { description: 'Waiting for their time: retries in backoff, scheduled runs' }) delayed!: number;
  @Field(() => Int, { description: 'Jobs that failed for good and are still kept by the queue' }) failed!: number;
  @Field(() => Int, { description: 'Completed jobs the queue still keeps' }) completed!: number;
  @Field({ description: 'Whether the queue is paused: workers take nothing from it' }) isPaused!: boolean;
  @Field(() => Int, { description: 'Jobs held back by the pause (the waiting ones while paused, else 0)' })
  paused!: number;
  @Field(() => Float, { nullable: true, description: 'How long the oldest waiting job has been due, in seconds' })
  oldestWaitingSeconds!: number | null;
  @Field({ description: 'When these counts were read' }) readAt!: Date;

  static from(s: QueueStats): QueueInfo {
    return Object.assign(new QueueInfo(), s);
  }
}
