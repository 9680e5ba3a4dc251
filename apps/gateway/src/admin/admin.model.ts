import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { StaffRole } from '@kim/contracts';
import { credentialState } from '@kim/core';
import type { AgencyRow, CoordinationAreaRow, CredentialRow, RegionRow, StaffAdminRow } from '@kim/persistence';
import { PageInfo } from '../cases/case.model.js';
import { AgencyChannel, AgencyKind, LegalDomain, LifeDomain } from '../common/enums.js';

registerEnumType(StaffRole, { name: 'StaffRole', description: 'What a staff user does in the hub' });

@ObjectType({ description: "A coordinating office's area: the Kreis, or a town with its own office" })
export class CoordinationArea {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: "'kreis' or 'municipality'" }) kind!: string;

  static from(r: CoordinationAreaRow): CoordinationArea {
    return Object.assign(new CoordinationArea(), { id: r.id, name: r.name, kind: r.kind });
  }
}

@ObjectType({ description: 'A regional area (Regionalbereich) as the administration sees it' })
export class RegionalArea {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => ID) coordinationAreaId!: string;
  @Field(() => Float, { description: 'Case-manager posts in full-time equivalents' }) fte!: number;
  @Field(() => Int, { description: 'Clients per full-time case manager' }) caseloadKey!: number;
  @Field(() => String, { nullable: true, description: "The area's work phone for partner agencies" })
  contactPhone!: string | null;
  @Field(() => String, { nullable: true, description: "The area's functional mailbox for partner agencies" })
  contactEmail!: string | null;

  static from(r: RegionRow): RegionalArea {
    return Object.assign(new RegionalArea(), { ...pickRegion(r), fte: Number(r.fte) });
  }
}

const pickRegion = (r: RegionRow) => ({
  id: r.id,
  name: r.name,
  coordinationAreaId: r.coordinationAreaId,
  caseloadKey: r.caseloadKey,
  contactPhone: r.contactPhone,
  contactEmail: r.contactEmail,
});

@ObjectType({ description: 'A staff user as the tenant administration sees it' })
export class StaffUser {
  @Field(() => ID) id!: string;
  @Field() displayName!: string;
  @Field() email!: string;
  @Field(() => StaffRole) role!: StaffRole;
  @Field(() => ID, { nullable: true }) regionId!: string | null;
  @Field(() => ID, { nullable: true }) coordinationAreaId!: string | null;
  @Field(() => Float, { nullable: true }) fte!: number | null;
  @Field({ description: 'False once deactivated: no credential of theirs signs in' }) active!: boolean;

  static from(r: StaffAdminRow): StaffUser {
    return Object.assign(new StaffUser(), {
      id: r.id,
      displayName: r.displayName,
      email: r.email,
      role: r.role,
      regionId: r.regionId,
      coordinationAreaId: r.coordinationAreaId,
      fte: r.fte === null ? null : Number(r.fte),
      active: r.deactivatedAt === null,
    });
  }
}

@ObjectType()
export class StaffUserEdge {
  @Field({ description: "The staff user's id: pass it as `after` for the next page" }) cursor!: string;
  @Field(() => StaffUser) node!: StaffUser;
}

@ObjectType({ description: 'Relay connection of staff users, by name' })
export class StaffUserConnection {
  @Field(() => [StaffUserEdge]) edges!: StaffUserEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;

  static from(page: { items: StaffAdminRow[]; hasNextPage: boolean }): StaffUserConnection {
    const edges = page.items.map((r) => ({ cursor: r.id, node: StaffUser.from(r) }));
    return Object.assign(new StaffUserConnection(), {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    });
  }
}

@ObjectType({
  description: 'A partner agency as the administration sees it: with its webhook URL and status URL, never a secret',
})
export class AdministeredAgency {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => AgencyKind) kind!: AgencyKind;
  @Field(() => LegalDomain) legalDomain!: LegalDomain;
  @Field(() => AgencyChannel) channel!: AgencyChannel;
  @Field(() => String, { nullable: true, description: 'Where the hub posts its signed webhooks' })
  webhookUrl!: string | null;
  @Field({ description: 'Where the agency posts its status messages (relative to the gateway)' }) statusUrl!: string;
  @Field(() => String, { nullable: true }) contactPhone!: string | null;
  @Field(() => String, { nullable: true }) contactEmail!: string | null;
  @Field(() => String, { nullable: true }) contactAddress!: string | null;
  @Field(() => String, { nullable: true }) contactHours!: string | null;

  static from(r: AgencyRow, statusUrl: string): AdministeredAgency {
    return Object.assign(new AdministeredAgency(), {
      id: r.id,
      name: r.name,
      kind: r.kind,
      legalDomain: r.legalDomain,
      channel: r.channel,
      webhookUrl: r.webhookUrl,
      statusUrl,
      contactPhone: r.contactPhone,
      contactEmail: r.contactEmail,
      contactAddress: r.contactAddress,
      contactHours: r.contactHours,
    });
  }
}

@ObjectType({ description: "A staff token or an agency's API key: never its secret" })
export class Credential {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) staffUserId!: string | null;
  @Field(() => ID, { nullable: true }) agencyId!: string | null;
  @Field(() => String, { nullable: true, description: 'The first characters of the secret, to tell keys apart' })
  prefix!: string | null;
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The credential a rotation put in its place' })
  replacedBy!: string | null;
  @Field({ description: 'active, expired or revoked' }) state!: string;

  static from(r: CredentialRow): Credential {
    return Object.assign(new Credential(), {
      id: r.id,
      staffUserId: r.staffUserId,
      agencyId: r.agencyId,
      prefix: r.prefix,
      label: r.label,
      createdAt: r.createdAt,
      lastUsedAt: r.lastUsedAt,
      expiresAt: r.expiresAt,
      revokedAt: r.revokedAt,
      replacedBy: r.replacedBy,
      state: credentialState(r),
    });
  }
}

@ObjectType({ description: 'A credential just issued, with its secret: shown this once, never again' })
export class IssuedCredential {
  @Field(() => Credential) credential!: Credential;
  @Field({ description: 'The secret (bearer token or API key). Store it now; the hub keeps only its hash' })
  secret!: string;
  @Field(() => Credential, {
    nullable: true,
    description: 'After a rotation: the old credential, valid until its expiry',
  })
  previous!: Credential | null;
}

@ObjectType({ description: 'A new agency with its webhook secret, shown this once' })
export class CreatedAgency {
  @Field(() => ID) agencyId!: string;
  @Field({ description: 'Standard Webhooks secret: signs our webhooks and the agency status messages' })
  webhookSecret!: string;
  @Field({ description: 'Where the agency posts its status messages' }) statusUrl!: string;
}

@InputType()
export class CoordinationAreaInput {
  @Field() name!: string;
  @Field({ description: "'kreis' or 'municipality'" }) kind!: string;
}

@InputType()
export class RegionalAreaInput {
  @Field() name!: string;
  @Field(() => ID) coordinationAreaId!: string;
  @Field(() => Float) fte!: number;
  @Field(() => Int, { nullable: true }) caseloadKey?: number;
  @Field(() => String, { nullable: true }) contactPhone?: string | null;
  @Field(() => String, { nullable: true }) contactEmail?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears a contact field' })
export class RegionalAreaUpdate {
  @Field({ nullable: true }) name?: string;
  @Field(() => Float, { nullable: true }) fte?: number;
  @Field(() => Int, { nullable: true }) caseloadKey?: number;
  @Field(() => String, { nullable: true }) contactPhone?: string | null;
  @Field(() => String, { nullable: true }) contactEmail?: string | null;
}

@InputType()
export class StaffUserInput {
  @Field() displayName!: string;
  @Field() email!: string;
  @Field(() => StaffRole) role!: StaffRole;
  @Field(() => ID, { nullable: true, description: 'Case managers: their regional area' }) regionId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Coordinators: the area they supervise' })
  coordinationAreaId?: string | null;
  @Field(() => Float, { nullable: true }) fte?: number | null;
}

@InputType({ description: 'Only the fields given change' })
export class StaffUserUpdate {
  @Field({ nullable: true }) displayName?: string;
  @Field({ nullable: true }) email?: string;
  @Field(() => StaffRole, { nullable: true }) role?: StaffRole;
  @Field(() => ID, { nullable: true }) regionId?: string | null;
  @Field(() => ID, { nullable: true }) coordinationAreaId?: string | null;
  @Field(() => Float, { nullable: true }) fte?: number | null;
  @Field({ nullable: true, description: 'False deactivates the user: none of their credentials signs in' })
  active?: boolean;
}

@InputType()
export class AgencyInput {
  @Field() name!: string;
  @Field(() => AgencyKind) kind!: AgencyKind;
  @Field(() => LegalDomain, { nullable: true }) legalDomain?: LegalDomain;
  @Field(() => AgencyChannel, { nullable: true }) channel?: AgencyChannel;
  @Field(() => String, { nullable: true }) webhookUrl?: string | null;
  @Field(() => String, { nullable: true }) contactPhone?: string | null;
  @Field(() => String, { nullable: true }) contactEmail?: string | null;
  @Field(() => String, { nullable: true }) contactAddress?: string | null;
  @Field(() => String, { nullable: true }) contactHours?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional one' })
export class AgencyUpdate {
  @Field({ nullable: true }) name?: string;
  @Field(() => AgencyKind, { nullable: true }) kind?: AgencyKind;
  @Field(() => LegalDomain, { nullable: true }) legalDomain?: LegalDomain;
  @Field(() => AgencyChannel, { nullable: true }) channel?: AgencyChannel;
  @Field(() => String, { nullable: true }) webhookUrl?: string | null;
  @Field(() => String, { nullable: true }) contactPhone?: string | null;
  @Field(() => String, { nullable: true }) contactEmail?: string | null;
  @Field(() => String, { nullable: true }) contactAddress?: string | null;
  @Field(() => String, { nullable: true }) contactHours?: string | null;
}

@InputType()
export class ServiceInput {
  @Field(() => ID) agencyId!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => LifeDomain) lifeDomain!: LifeDomain;
  @Field(() => Int, { nullable: true, description: 'Working days to answer a referral (default 5)' })
  responseDays?: number;
  @Field({ nullable: true }) integrationCourse?: boolean;
  @Field(() => String, { nullable: true }) fundingLine?: string | null;
}

@InputType({ description: 'Only the fields given change' })
export class ServiceUpdate {
  @Field({ nullable: true }) name?: string;
  @Field(() => LifeDomain, { nullable: true }) lifeDomain?: LifeDomain;
  @Field(() => Int, { nullable: true }) responseDays?: number;
  @Field({ nullable: true }) integrationCourse?: boolean;
  @Field(() => String, { nullable: true }) fundingLine?: string | null;
}

@InputType({ description: 'Whose credential: a staff user or an agency' })
export class CredentialOwnerInput {
  @Field(() => ID, { nullable: true }) staffUserId?: string;
  @Field(() => ID, { nullable: true }) agencyId?: string;
}

@ObjectType({
  description:
    "Who answers for the tenant's data: the controller and its data protection officer (Art. 15 letters name them)",
})
export class PrivacyContacts {
  @Field(() => String, { nullable: true }) controllerName!: string | null;
  @Field(() => String, { nullable: true, description: 'Postal address, lines separated by newlines' })
  controllerAddress!: string | null;
  @Field(() => String, { nullable: true }) dpoName!: string | null;
  @Field(() => String, { nullable: true, description: 'How to reach the data protection officer (address, e-mail)' })
  dpoContact!: string | null;
}

@InputType()
export class PrivacyContactsInput {
  @Field() controllerName!: string;
  @Field() controllerAddress!: string;
  @Field() dpoName!: string;
  @Field() dpoContact!: string;
}
