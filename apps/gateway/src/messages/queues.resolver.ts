import { Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/allow.decorator.js';
import { HubQueues } from '../queue/hub-queues.service.js';
import { QueueInfo } from './queue-info.model.js';

/**
 * Queue depths for the people who watch the message flow. The queues are shared by every
 * tenant and their jobs carry only ids, so the counts are the deployment's, not the tenant's.
 */
@Resolver(() => QueueInfo)
export class QueuesResolver {
  constructor(private readonly hubQueues: HubQueues) {}

  @Query(() => [QueueInfo], { description: "Every job queue's counts and the age of its oldest waiting job" })
  @Allow('operator', 'coordinator')
  async queues(): Promise<QueueInfo[]> {
    return (await this.hubQueues.stats()).map((s) => QueueInfo.from(s));
  }
}
