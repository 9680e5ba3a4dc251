import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { endMySession, endStaffSessions, mySessions, sessionsOfStaff } from '@kim/core';
import { Allow } from '../allow.decorator.js';
import { DATA_SOURCE } from '../../common/tokens.js';
import type { GqlContext } from '../../common/context.js';
import type { FencedRequest } from '../tenant-fence.js';
import { StaffSession } from './session.model.js';

const STAFF = ['case-manager', 'coordinator', 'operator', 'tenant-admin'] as const;

/** Sessions of single sign-on: a staff user sees and ends their own, a tenant administrator ends a user's. */
@Resolver()
export class SessionsResolver {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  @Query(() => [StaffSession], { description: 'Your sessions (single sign-on), newest first' })
  @Allow(...STAFF)
  async mySessions(@Context() ctx: GqlContext): Promise<StaffSession[]> {
    const rows = await mySessions(this.ds, ctx.principal!, (ctx.req as FencedRequest).sessionSecret ?? null);
    return rows.map((r) => StaffSession.from(r));
  }

  @Mutation(() => Boolean, { description: 'End one of your sessions (e.g. on a computer you no longer use)' })
  @Allow(...STAFF)
  async endMySession(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext): Promise<boolean> {
    await endMySession(this.ds, ctx.principal!, id);
    return true;
  }

  @Query(() => [StaffSession], { description: "Administration: a staff user's sessions, newest first" })
  @Allow('tenant-admin')
  async staffSessions(
    @Args('staffUserId', { type: () => ID }) staffUserId: string,
    @Context() ctx: GqlContext,
  ): Promise<StaffSession[]> {
    return (await sessionsOfStaff(this.ds, ctx.principal!, staffUserId)).map((r) => StaffSession.from(r));
  }

  @Mutation(() => Int, { description: 'Administration: end every open session of a staff user; how many were ended' })
  @Allow('tenant-admin')
  async endStaffSessions(
    @Args('staffUserId', { type: () => ID }) staffUserId: string,
    @Context() ctx: GqlContext,
  ): Promise<number> {
    return endStaffSessions(this.ds, ctx.principal!, staffUserId);
  }
}
