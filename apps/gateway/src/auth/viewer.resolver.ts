import { Inject } from '@nestjs/common';
import { Context, Query, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import { tenantById } from '@kim/core';
import { StaffMember } from '../cases/case.model.js';
import { DATA_SOURCE } from '../common/tokens.js';
import type { GqlContext } from '../common/context.js';
import { Allow } from './allow.decorator.js';
import { Viewer, ViewerAgency, ViewerTenant } from './viewer.model.js';

/**
 * Who is calling. An agency needs its own tenant and agency id for its status URL, and had no way
 * to ask for them; a staff member sees their tenant.
 */
@Resolver()
export class ViewerResolver {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  @Query(() => Viewer, { description: 'Who you are: your tenant, and your agency (API key) or staff member (token)' })
  @Allow('case-manager', 'coordinator', 'operator', 'tenant-admin', 'agency')
  async viewer(@Context() ctx: GqlContext): Promise<Viewer> {
    const p = ctx.principal!;
    const tenant = await tenantById(this.ds, p.tenantId);
    // The credential named this tenant a moment ago; a tenant is never deleted.
    if (!tenant) throw new Error(`tenant ${p.tenantId} of a valid credential not found`);
    const base = `${ctx.req.protocol}://${ctx.req.get('host') ?? 'localhost'}`;
    return Object.assign(new Viewer(), {
      tenant: Object.assign(new ViewerTenant(), { id: tenant.id, slug: tenant.slug, name: tenant.name }),
      agency:
        p.kind === 'agency'
          ? Object.assign(new ViewerAgency(), {
              id: p.agencyId,
              name: p.name,
              statusUrl: `${base}/webhooks/${p.tenantId}/agencies/${p.agencyId}/status`,
            })
          : null,
      staff:
        p.kind === 'staff'
          ? Object.assign(new StaffMember(), { id: p.userId, displayName: p.displayName, role: p.role })
          : null,
    });
  }
}
