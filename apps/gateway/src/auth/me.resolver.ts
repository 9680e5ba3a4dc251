import { Context, Query, Resolver } from '@nestjs/graphql';
import { StaffMember } from '../cases/case.model.js';
import type { GqlContext } from '../common/context.js';
import { Allow } from './allow.decorator.js';

/** Who the bearer token belongs to: the console checks a token at sign-in and greets its holder. */
@Resolver()
export class MeResolver {
  @Query(() => StaffMember, { description: 'The staff member your token belongs to' })
  @Allow('case-manager', 'coordinator', 'operator', 'tenant-admin')
  me(@Context() ctx: GqlContext): StaffMember {
    const p = ctx.principal!;
    // The guard admits staff only; the narrowing keeps the type checker honest.
    if (p.kind !== 'staff') throw new Error('staff only');
    return Object.assign(new StaffMember(), { id: p.userId, displayName: p.displayName, role: p.role });
  }
}
