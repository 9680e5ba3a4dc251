import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { listAgencies } from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { DATA_SOURCE } from '../common/tokens.js';
import type { GqlContext } from '../common/context.js';
import { Agency, Service } from './agency.model.js';

@Resolver(() => Agency)
export class AgenciesResolver {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  // Tenant administrators keep this list (issue 18: they add and change agencies).
  @Query(() => [Agency], { description: 'The partner agencies of your Kreis and their services' })
  @Allow('case-manager', 'coordinator', 'operator', 'tenant-admin', 'agency')
  async agencies(@Context() ctx: GqlContext): Promise<Agency[]> {
    const rows = await listAgencies(this.ds, ctx.principal!.tenantId);
    return rows.map((row) => Agency.from(row));
  }

  @ResolveField(() => [Service])
  async services(@Parent() agency: Agency, @Context() ctx: GqlContext): Promise<Service[]> {
    return (await ctx.loaders.servicesByAgency.load(agency.id)).map((row) => Service.from(row));
  }
}

@Resolver(() => Service)
export class ServicesResolver {
  @ResolveField(() => Agency)
  async agency(@Parent() service: Service, @Context() ctx: GqlContext): Promise<Agency> {
    return Agency.from((await ctx.loaders.agency.load(service.agencyId))!);
  }
}
