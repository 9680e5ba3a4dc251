import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { CaseRow } from '@kim/core';
import type {
  CaseEntity,
  CaseNeedEntity,
  GoalEntity,
  RegionEntity,
  StaffUserEntity,
  TimelineEventEntity,
} from '@kim/persistence';
import { CasePhase, LifeDomain } from '../common/enums.js';

@ObjectType({ description: 'Regionalbereich: an area of case management' })
export class Region {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'Case-manager posts in full-time equivalents' }) fte!: number;
  static from(e: RegionEntity): Region {
    return Object.assign(new Region(), { id: e.id, name: e.name, fte: Number(e.fte) });
  }
}

@ObjectType()
export class StaffMember {
  @Field(() => ID) id!: string;
  @Field() displayName!: string;
  @Field() role!: string;
  static from(e: Pick<StaffUserEntity, 'id' | 'displayName' | 'role'>): StaffMember {
    return Object.assign(new StaffMember(), { id: e.id, displayName: e.displayName, role: e.role });
  }
}

@ObjectType({ description: 'A need recorded in the assessment' })
export class Need {
  @Field(() => LifeDomain) domain!: LifeDomain;
  @Field() description!: string;
  static from(e: CaseNeedEntity): Need {
    return Object.assign(new Need(), { domain: e.domain, description: e.description });
  }
}

@ObjectType({ description: 'A goal of the integration plan (Integrationsvereinbarung)' })
export class Goal {
  @Field(() => ID) id!: string;
  @Field(() => LifeDomain) domain!: LifeDomain;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) targetDate!: string | null;
  @Field() status!: string;
  static from(e: GoalEntity): Goal {
    return Object.assign(new Goal(), {
      id: e.id,
      domain: e.domain,
      description: e.description,
      targetDate: e.targetDate,
      status: e.status,
    });
  }
}

@ObjectType()
export class Plan {
  @Field(() => [Goal]) goals!: Goal[];
}

@ObjectType({ description: 'One parameter of a timeline summary: a name and its value (one, or a list)' })
export class TimelineSummaryParam {
  @Field() name!: string;
  @Field(() => [String], { description: 'One value, or the items of a list (data categories, field names)' })
  values!: string[];
}

@ObjectType({ description: "One entry of the case's merged cross-agency timeline" })
export class TimelineEvent {
  @Field(() => ID) id!: string;
  @Field() kind!: string;
  @Field() occurredAt!: Date;
  @Field({ description: 'case-manager, coordinator, agency or system' }) actorRole!: string;
  @Field(() => String, { nullable: true }) actorId!: string | null;
  @Field(() => String, { nullable: true }) referralId!: string | null;
  @Field({ description: 'In English; summaryCode and summaryParams say the same for putting it into other words' })
  summary!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'What happened, as a code (case.opened, referral.status-changed, …) whose parameters are summaryParams; null on an old entry (read summary)',
  })
  summaryCode!: string | null;
  @Field(() => [TimelineSummaryParam], {
    description: 'Parameters of summaryCode; codes among them (statuses, phases, categories) as the hub spells them',
  })
  summaryParams!: TimelineSummaryParam[];
  @Field(() => String, { nullable: true, description: 'Referral status after this event, where it changed one' })
  referralStatus!: string | null;
  static from(e: TimelineEventEntity): TimelineEvent {
    const to = (e.data as { to?: unknown }).to;
    return Object.assign(new TimelineEvent(), {
      id: e.id,
      kind: e.kind,
      occurredAt: e.occurredAt,
      actorRole: e.actorRole,
      actorId: e.actorId,
      referralId: e.referralId,
      summary: e.summary,
      summaryCode: e.summaryCode ?? null,
      summaryParams: Object.entries(e.summaryParams ?? {}).map(([name, v]) =>
        Object.assign(new TimelineSummaryParam(), { name, values: Array.isArray(v) ? v.map(String) : [String(v)] }),
      ),
      referralStatus: e.kind === 'referral.status-changed' && typeof to === 'string' ? to : null,
    });
  }
}

@ObjectType({ description: "A person's case in KIM case management" })
export class Case {
  @Field(() => ID) id!: string;
  @Field({ description: 'Human-readable reference, shared with agencies instead of names' }) reference!: string;
  @Field(() => CasePhase) phase!: CasePhase;
  @Field() openedAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  personId!: string;
  caseManagerId!: string;
  regionId!: string;

  /** From the access check's row (same fields, no second read). */
  static fromRow(r: CaseRow): Case {
    return Case.from(r);
  }

  static from(
    e: Pick<
      CaseEntity,
      'id' | 'reference' | 'phase' | 'openedAt' | 'closedAt' | 'personId' | 'caseManagerId' | 'regionId'
    >,
  ): Case {
    return Object.assign(new Case(), {
      id: e.id,
      reference: e.reference,
      phase: e.phase,
      openedAt: e.openedAt,
      closedAt: e.closedAt,
      personId: e.personId,
      caseManagerId: e.caseManagerId,
      regionId: e.regionId,
    });
  }
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class CaseEdge {
  @Field() cursor!: string;
  @Field(() => Case) node!: Case;
}

@ObjectType({ description: 'Relay connection of cases' })
export class CaseConnection {
  @Field(() => [CaseEdge]) edges!: CaseEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
