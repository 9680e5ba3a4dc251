import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { DataSource } from 'typeorm';
import {
  addAgency,
  addService,
  createCoordinationArea,
  createRegion,
  createStaffUser,
  expireCredential,
  issueCredential,
  listAreas,
  listAgencies,
  listCredentials,
  pageStaff,
  listServices,
  listStaff,
  privacyContacts,
  renameCoordinationArea,
  setPrivacyContacts,
  rotateCredential,
  revokeCredential,
  assertAdministers,
  updateAgency,
  updateRegion,
  updateService,
  updateStaffUser,
} from '@kim/core';
import { Allow } from '../auth/allow.decorator.js';
import { DATA_SOURCE } from '../common/tokens.js';
import type { GqlContext } from '../common/context.js';
import { Agency, Service } from '../agencies/agency.model.js';
import {
  AdministeredAgency,
  AgencyInput,
  AgencyUpdate,
  CoordinationArea,
  CoordinationAreaInput,
  CreatedAgency,
  Credential,
  CredentialOwnerInput,
  IssuedCredential,
  PrivacyContacts,
  PrivacyContactsInput,
  RegionalArea,
  RegionalAreaInput,
  RegionalAreaUpdate,
  ServiceInput,
  ServiceUpdate,
  StaffUser,
  StaffUserConnection,
  StaffUserInput,
  StaffUserUpdate,
} from './admin.model.js';

/** Webhook status messages of an agency go here (relative to the gateway). */
export const statusPath = (tenantId: string, agencyId: string) => `/webhooks/${tenantId}/agencies/${agencyId}/status`;

/**
 * The tenant administration: areas, staff users, agencies and services, credentials. Thin: the
 * rules, the checks and the ledger entries are in @kim/core (admin/).
 */
@Resolver()
export class AdminResolver {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  @Query(() => [CoordinationArea], { description: 'Administration: the coordination areas of your tenant' })
  @Allow('tenant-admin')
  async coordinationAreas(@Context() ctx: GqlContext): Promise<CoordinationArea[]> {
    assertAdministers(ctx.principal!);
    return (await listAreas(this.ds, ctx.principal!.tenantId)).coordinationAreas.map((r) => CoordinationArea.from(r));
  }

  @Query(() => [RegionalArea], { description: 'Administration: the regional areas of your tenant' })
  @Allow('tenant-admin')
  async regionalAreas(@Context() ctx: GqlContext): Promise<RegionalArea[]> {
    assertAdministers(ctx.principal!);
    return (await listAreas(this.ds, ctx.principal!.tenantId)).regions.map((r) => RegionalArea.from(r));
  }

  @Mutation(() => CoordinationArea, { description: 'Administration: add a coordination area' })
  @Allow('tenant-admin')
  async createCoordinationArea(
    @Args('input') input: CoordinationAreaInput,
    @Context() ctx: GqlContext,
  ): Promise<CoordinationArea> {
    return CoordinationArea.from(await createCoordinationArea(this.ds, ctx.principal!, { ...input }));
  }

  @Mutation(() => CoordinationArea, { description: 'Administration: rename a coordination area' })
  @Allow('tenant-admin')
  async renameCoordinationArea(
    @Args('id', { type: () => ID }) id: string,
    @Args('name') name: string,
    @Context() ctx: GqlContext,
  ): Promise<CoordinationArea> {
    return CoordinationArea.from(await renameCoordinationArea(this.ds, ctx.principal!, id, name));
  }

  @Mutation(() => RegionalArea, { description: 'Administration: add a regional area to a coordination area' })
  @Allow('tenant-admin')
  async createRegionalArea(@Args('input') input: RegionalAreaInput, @Context() ctx: GqlContext): Promise<RegionalArea> {
    return RegionalArea.from(await createRegion(this.ds, ctx.principal!, { ...input }));
  }

  @Mutation(() => RegionalArea, { description: 'Administration: change a regional area' })
  @Allow('tenant-admin')
  async updateRegionalArea(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: RegionalAreaUpdate,
    @Context() ctx: GqlContext,
  ): Promise<RegionalArea> {
    return RegionalArea.from(await updateRegion(this.ds, ctx.principal!, id, { ...input }));
  }

  @Query(() => [StaffUser], { description: 'Administration: the staff users of your tenant, active or not' })
  @Allow('tenant-admin')
  async staffUsers(@Context() ctx: GqlContext): Promise<StaffUser[]> {
    assertAdministers(ctx.principal!);
    return (await listStaff(this.ds, ctx.principal!.tenantId)).map((r) => StaffUser.from(r));
  }

  @Query(() => StaffUserConnection, {
    description: 'Administration: one page of the staff users of your tenant, by name, active or not',
  })
  @Allow('tenant-admin')
  async staffUserPage(
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, defaultValue: 25 }) first: number,
    @Args('after', { type: () => ID, nullable: true, description: "The previous page's endCursor" })
    after?: string | null,
  ): Promise<StaffUserConnection> {
    return StaffUserConnection.from(await pageStaff(this.ds, ctx.principal!, first, after ?? null));
  }

  @Mutation(() => StaffUser, { description: 'Administration: add a staff user with role and areas' })
  @Allow('tenant-admin')
  async createStaffUser(@Args('input') input: StaffUserInput, @Context() ctx: GqlContext): Promise<StaffUser> {
    return StaffUser.from(await createStaffUser(this.ds, ctx.principal!, { ...input }));
  }

  @Mutation(() => StaffUser, {
    description: "Administration: change a staff user's role, areas or details, or deactivate them",
  })
  @Allow('tenant-admin')
  async updateStaffUser(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: StaffUserUpdate,
    @Context() ctx: GqlContext,
  ): Promise<StaffUser> {
    return StaffUser.from(await updateStaffUser(this.ds, ctx.principal!, id, { ...input }));
  }

  @Query(() => [AdministeredAgency], {
    description: 'Administration: the agencies of your tenant with webhook and status URL, by name',
  })
  @Allow('tenant-admin')
  async administeredAgencies(@Context() ctx: GqlContext): Promise<AdministeredAgency[]> {
    assertAdministers(ctx.principal!);
    return (await listAgencies(this.ds, ctx.principal!.tenantId)).map((r) =>
      AdministeredAgency.from(r, statusPath(r.tenantId, r.id)),
    );
  }

  @Mutation(() => CreatedAgency, {
    description: 'Administration: add a partner agency with its contact data; its webhook secret is shown once',
  })
  @Allow('tenant-admin')
  async createAgency(@Args('input') input: AgencyInput, @Context() ctx: GqlContext): Promise<CreatedAgency> {
    const { agency, webhookSecret } = await addAgency(this.ds, ctx.principal!, { ...input });
    return Object.assign(new CreatedAgency(), {
      agencyId: agency.id,
      webhookSecret,
      statusUrl: statusPath(agency.tenantId, agency.id),
    });
  }

  @Mutation(() => Agency, { description: "Administration: change an agency's details, webhook URL or contact data" })
  @Allow('tenant-admin')
  async updateAgency(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: AgencyUpdate,
    @Context() ctx: GqlContext,
  ): Promise<Agency> {
    return Agency.from(await updateAgency(this.ds, ctx.principal!, id, { ...input }));
  }

  @Query(() => [Service], { description: 'Administration: every service of your tenant, by code' })
  @Allow('tenant-admin')
  async services(@Context() ctx: GqlContext): Promise<Service[]> {
    assertAdministers(ctx.principal!);
    return (await listServices(this.ds, ctx.principal!.tenantId)).map((r) => Service.from(r));
  }

  @Mutation(() => Service, { description: 'Administration: add a service an agency takes referrals for' })
  @Allow('tenant-admin')
  async createService(@Args('input') input: ServiceInput, @Context() ctx: GqlContext): Promise<Service> {
    return Service.from(await addService(this.ds, ctx.principal!, { ...input }));
  }

  @Mutation(() => Service, { description: 'Administration: change a service' })
  @Allow('tenant-admin')
  async updateService(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ServiceUpdate,
    @Context() ctx: GqlContext,
  ): Promise<Service> {
    return Service.from(await updateService(this.ds, ctx.principal!, id, { ...input }));
  }

  @Query(() => [Credential], {
    description:
      'Administration: credentials (staff tokens, agency API keys) of your tenant or of one owner; never secrets',
  })
  @Allow('tenant-admin')
  async credentials(
    @Context() ctx: GqlContext,
    @Args('owner', { nullable: true }) owner?: CredentialOwnerInput,
  ): Promise<Credential[]> {
    return (await listCredentials(this.ds, ctx.principal!, owner ? { ...owner } : undefined)).map((r) =>
      Credential.from(r),
    );
  }

  @Mutation(() => IssuedCredential, {
    description: 'Administration: issue a staff token or an agency API key; the secret is in the answer once',
  })
  @Allow('tenant-admin')
  async issueCredential(
    @Args('owner') owner: CredentialOwnerInput,
    @Context() ctx: GqlContext,
    @Args('label', { nullable: true }) label?: string,
    @Args('validDays', { type: () => Int, nullable: true }) validDays?: number,
  ): Promise<IssuedCredential> {
    const issued = await issueCredential(this.ds, ctx.principal!, { ...owner }, { label, validDays });
    return Object.assign(new IssuedCredential(), {
      credential: Credential.from(issued.credential),
      secret: issued.secret,
      previous: null,
    });
  }

  @Mutation(() => Credential, { description: 'Administration: revoke a credential; every gateway refuses it at once' })
  @Allow('tenant-admin')
  async revokeCredential(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext): Promise<Credential> {
    return Credential.from(await revokeCredential(this.ds, ctx.principal!, id));
  }

  @Mutation(() => Credential, { description: 'Administration: let a credential expire (now, or at the time given)' })
  @Allow('tenant-admin')
  async expireCredential(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GqlContext,
    @Args('at', { type: () => Date, nullable: true }) at?: Date,
  ): Promise<Credential> {
    return Credential.from(await expireCredential(this.ds, ctx.principal!, id, at ?? undefined));
  }

  @Mutation(() => IssuedCredential, {
    description:
      'Administration: rotate a credential: a new secret now (shown once), the old one valid for overlapSeconds more',
  })
  @Allow('tenant-admin')
  async rotateCredential(
    @Args('id', { type: () => ID }) id: string,
    @Args('overlapSeconds', { type: () => Int }) overlapSeconds: number,
    @Context() ctx: GqlContext,
  ): Promise<IssuedCredential> {
    const r = await rotateCredential(this.ds, ctx.principal!, id, overlapSeconds);
    return Object.assign(new IssuedCredential(), {
      credential: Credential.from(r.credential),
      secret: r.secret,
      previous: Credential.from(r.previous),
    });
  }

  @Query(() => PrivacyContacts, {
    description: "Administration: the controller and DPO your tenant's Art. 15 letters name",
  })
  @Allow('tenant-admin')
  async privacyContacts(@Context() ctx: GqlContext): Promise<PrivacyContacts> {
    assertAdministers(ctx.principal!);
    return Object.assign(new PrivacyContacts(), await privacyContacts(this.ds, ctx.principal!.tenantId));
  }

  @Mutation(() => PrivacyContacts, { description: 'Administration: set the controller and DPO (all four fields)' })
  @Allow('tenant-admin')
  async setPrivacyContacts(
    @Args('input') input: PrivacyContactsInput,
    @Context() ctx: GqlContext,
  ): Promise<PrivacyContacts> {
    return Object.assign(new PrivacyContacts(), await setPrivacyContacts(this.ds, ctx.principal!, { ...input }));
  }
}

/** An administered agency's services, through the request's loader (one query for the whole list). */
@Resolver(() => AdministeredAgency)
export class AdministeredAgencyResolver {
  @ResolveField(() => [Service], { description: 'The services the agency takes referrals for, by code' })
  async services(@Parent() agency: AdministeredAgency, @Context() ctx: GqlContext): Promise<Service[]> {
    return (await ctx.loaders.servicesByAgency.load(agency.id)).map((row) => Service.from(row));
  }
}
