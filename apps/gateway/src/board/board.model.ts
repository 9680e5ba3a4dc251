import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SortDirection } from '../cases/dto/case.inputs.js';

/*
 * The coordinators' status board. Every count of persons is an `Int` that is null where it is
 * suppressed: 1 to 4 persons are never shown, nor a second cell that a shown total would give
 * away (see docs/board.md). Show null as "< 5" and never add suppressed cells up yourself.
 */

@InputType({
  description:
    'One whole calendar year, YYYY-01 to YYYY-12 (either end alone names the year); default: the current year. Other ranges are refused: overlapping ranges would give suppressed counts away by subtraction',
})
export class BoardPeriodInput {
  @Field(() => String, { nullable: true, description: 'First month, YYYY-01' }) from?: string | null;
  @Field(() => String, { nullable: true, description: 'Last month, YYYY-12' }) to?: string | null;
}

@ObjectType()
export class BoardPeriod {
  @Field({ description: 'First month, YYYY-MM' }) from!: string;
  @Field({ description: 'Last month, YYYY-MM' }) to!: string;
}

@ObjectType({ description: 'Open cases in one phase' })
export class PhaseCount {
  @Field({ description: 'intake, assessment, planning, linking, monitoring or reassessment' }) phase!: string;
  @Field(() => Int, { nullable: true, description: 'null: suppressed (< 5)' }) cases!: number | null;
}

@ObjectType({ description: 'A regional area: its posts against the caseload key, and its open cases' })
export class RegionLoad {
  @Field(() => ID) regionId!: string;
  @Field() name!: string;
  @Field(() => Float, { description: 'Case-manager posts (full-time equivalents, Stellenanteile)' }) posts!: number;
  @Field(() => Int, { description: 'Clients per full-time post (Betreuungsschlüssel), 100 in KIM' })
  caseloadKey!: number;
  @Field(() => Int, { description: 'posts × caseloadKey: the cases the posts are funded for' }) capacity!: number;
  @Field(() => Int, { nullable: true, description: 'Open cases; null: suppressed' }) openCases!: number | null;
  @Field(() => Float, { nullable: true, description: 'openCases / capacity (1.0 = exactly at the key)' })
  utilisation!: number | null;
  @Field(() => [PhaseCount]) byPhase!: PhaseCount[];
}

@ObjectType({ description: "A case manager's open cases against the 1:100 key and their share of a post" })
export class CaseManagerLoad {
  @Field(() => ID) staffId!: string;
  @Field() name!: string;
  @Field(() => ID) regionId!: string;
  @Field() regionName!: string;
  @Field(() => Float, { description: 'Share of a full-time post' }) fte!: number;
  @Field(() => Int, { description: 'fte × caseload key' }) capacity!: number;
  @Field(() => Int, { nullable: true, description: 'Open cases; null: suppressed' }) openCases!: number | null;
  @Field(() => Float, { nullable: true }) utilisation!: number | null;
}

@ObjectType({
  description:
    'Referrals sent in the period, by their status now. awaitingAnswer + accepted + inProgress + completed + rejected + failed + cancelled = requested. null: suppressed',
})
export class FunnelCounts {
  @Field(() => Int, { nullable: true, description: 'Referrals sent to the agency in the period' })
  requested!: number | null;
  @Field(() => Int, { nullable: true, description: 'No answer yet' }) awaitingAnswer!: number | null;
  @Field(() => Int, { nullable: true, description: 'Accepted, service not started yet' }) accepted!: number | null;
  @Field(() => Int, { nullable: true, description: 'Service running (or on hold)' }) inProgress!: number | null;
  @Field(() => Int, { nullable: true }) completed!: number | null;
  @Field(() => Int, { nullable: true, description: 'Rejected by the agency; reasons in rejectionReasons' })
  rejected!: number | null;
  @Field(() => Int, { nullable: true, description: 'Service broken off or not achieved' }) failed!: number | null;
  @Field(() => Int, { nullable: true, description: 'Withdrawn by the case manager' }) cancelled!: number | null;
  @Field(() => Int, { nullable: true, description: 'Of awaitingAnswer: past the NRW answer deadline' })
  overdue!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Finished (completed, failed, rejected) but no case manager has taken note of the outcome',
  })
  openLoops!: number | null;
}

@ObjectType({ description: 'The funnel of one service of one agency' })
export class FunnelRow extends FunnelCounts {
  @Field(() => ID) agencyId!: string;
  @Field() agencyName!: string;
  @Field(() => ID) serviceId!: string;
  @Field() serviceName!: string;
  @Field({ description: 'An integration course (BAMF)' }) integrationCourse!: boolean;
}

@ObjectType({ description: 'How often an agency gave one reason for rejecting or breaking off a referral' })
export class ReasonCount {
  @Field(() => ID) agencyId!: string;
  @Field() agencyName!: string;
  @Field(() => ID) serviceId!: string;
  @Field() serviceName!: string;
  @Field({ description: 'rejected or failed' }) status!: string;
  @Field({ description: "The agency's reason, trimmed and lower case; empty where suppressed or none given" })
  reason!: string;
  @Field(() => Int, { nullable: true }) referrals!: number | null;
}

@ObjectType({ description: 'Waiting time in calendar days from the request, over referrals sent in the period' })
export class WaitingTime {
  @Field({ description: 'all, integration-courses, other-services, or service (then serviceId is set)' })
  scope!: string;
  @Field(() => ID, { nullable: true }) serviceId!: string | null;
  @Field(() => String, { nullable: true }) serviceName!: string | null;
  @Field({ description: 'acceptance (request → accepted) or start (request → service started)' }) measure!: string;
  @Field(() => Int, { nullable: true, description: 'Referrals that reached the milestone; null: suppressed' })
  referrals!: number | null;
  @Field(() => Int, { nullable: true, description: 'Median days; null when suppressed or none' })
  medianDays!: number | null;
  @Field(() => Int, { nullable: true, description: '90th percentile of days' }) p90Days!: number | null;
}

@ObjectType({ description: 'One month of the period' })
export class MonthTrend {
  @Field({ description: 'YYYY-MM' }) month!: string;
  @Field(() => Int, { nullable: true }) casesOpened!: number | null;
  @Field(() => Int, { nullable: true }) casesClosed!: number | null;
  @Field(() => Int, { nullable: true, description: 'Referrals sent this month' }) referralsRequested!: number | null;
  @Field(() => Int, { nullable: true, description: "Of this month's referrals: completed by now" })
  referralsCompleted!: number | null;
  @Field(() => Int, { nullable: true, description: "Of this month's referrals: rejected" })
  referralsRejected!: number | null;
  @Field(() => Int, { nullable: true, description: "Median days to acceptance of this month's referrals" })
  medianDaysToAcceptance!: number | null;
}

@ObjectType({
  description:
    'Persons who first reached each milestone on their path (issue 19), from the achievements recorded with evidence; null: suppressed',
})
export class MilestoneCounts {
  @Field(() => Int, { nullable: true, description: 'A language certificate at CEFR level B1 or above' })
  b1Reached!: number | null;
  @Field(() => Int, { nullable: true, description: 'The integration course completed' })
  courseCompleted!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Employment that secures the livelihood (Lebensunterhalt gesichert)',
  })
  livelihoodSecured!: number | null;
  @Field(() => Int, { nullable: true, description: 'Naturalised (Einbürgerung)' }) naturalised!: number | null;
}

@ObjectType({ description: 'The milestones of one month of the period' })
export class MilestoneMonth extends MilestoneCounts {
  @Field({ description: 'YYYY-MM' }) month!: string;
}

@ObjectType({
  description:
    'Milestones per month; a person counts once per milestone, in the month they first reached it, so the months add up to total',
})
export class MilestoneFigures {
  @Field(() => [MilestoneMonth]) months!: MilestoneMonth[];
  @Field(() => MilestoneCounts, { description: 'Persons who first reached each milestone in the period' })
  total!: MilestoneCounts;
}

@ObjectType({ description: "The coordinators' status board of an area for a period" })
export class StatusBoard {
  @Field(() => ID, { nullable: true, description: 'The coordination area; null: the whole Kreis (operators)' })
  areaId!: string | null;
  @Field() areaName!: string;
  @Field(() => BoardPeriod) period!: BoardPeriod;
  @Field(() => Date, {
    nullable: true,
    description: 'When the figures were computed (the worker refreshes them every few minutes); null: not yet',
  })
  asOf!: Date | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Seconds the database these figures were read from is behind the primary: null when read from the primary, 0 from a read replica that has replayed all it received (REPLICA_DATABASE_URL)',
  })
  replicaLagSeconds!: number | null;
  @Field(() => Int, { description: 'Counts below this are suppressed (5)' }) suppressionThreshold!: number;
  @Field(() => Int, { nullable: true, description: 'Open cases of the area now' }) openCases!: number | null;
  @Field(() => [PhaseCount], { description: 'Open cases of the area by phase, now' }) phases!: PhaseCount[];
  @Field(() => [RegionLoad]) regions!: RegionLoad[];
  @Field(() => [CaseManagerLoad]) caseManagers!: CaseManagerLoad[];
  @Field(() => [FunnelRow], { description: 'Referrals sent in the period, per agency and service' })
  funnel!: FunnelRow[];
  @Field(() => FunnelCounts, { description: 'The funnel over all services' }) funnelTotal!: FunnelCounts;
  @Field(() => [ReasonCount], { description: 'Reasons of rejections and failures, most frequent first' })
  rejectionReasons!: ReasonCount[];
  @Field(() => [WaitingTime]) waitingTimes!: WaitingTime[];
  @Field(() => [MonthTrend]) trends!: MonthTrend[];
}

@ObjectType({ description: 'Needs of open cases in one life domain, and whether they led to a referral' })
export class NeedGap {
  @Field({ description: 'language, work, education, housing, health, residence, family or money' }) domain!: string;
  @Field(() => Int, { nullable: true }) openNeeds!: number | null;
  @Field(() => Int, { nullable: true, description: 'Needs with a referral to a service of that domain' })
  referred!: number | null;
  @Field(() => Int, { nullable: true }) notReferred!: number | null;
  @Field(() => Int, { description: 'Services of the network in that domain; 0 is a gap in the offer' })
  servicesInNetwork!: number;
}

@ObjectType()
export class FlagCount {
  @Field({ description: 'double-funding, duplicate-course-certificate or duplicate-open-case' }) kind!: string;
  @Field(() => Int, { nullable: true, description: 'Cases flagged; null: suppressed' }) cases!: number | null;
}

@ObjectType({ description: 'A case of your area to look at (coordinators only)' })
export class FlaggedCase {
  @Field() kind!: string;
  @Field(() => ID) caseId!: string;
  @Field() caseReference!: string;
  @Field() regionName!: string;
}

@ObjectType({ description: 'Barriers and gaps for the steering group (Lenkungsgruppe)' })
export class Barriers {
  @Field(() => ID, { nullable: true }) areaId!: string | null;
  @Field() areaName!: string;
  @Field(() => BoardPeriod) period!: BoardPeriod;
  @Field(() => Date, { nullable: true }) asOf!: Date | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Seconds the database these figures were read from is behind the primary: null when read from the primary, 0 from a read replica that has replayed all it received (REPLICA_DATABASE_URL)',
  })
  replicaLagSeconds!: number | null;
  @Field(() => [ReasonCount]) rejectionReasons!: ReasonCount[];
  @Field(() => [NeedGap], { description: 'Needs of open cases now, by life domain' }) needs!: NeedGap[];
  @Field(() => [FlagCount]) flagCounts!: FlagCount[];
  @Field(() => [FlaggedCase], {
    description:
      'The flagged cases (double funding, duplicate course certificates, two open cases of one person); empty for operators',
  })
  flaggedCases!: FlaggedCase[];
}

export const CaseloadOrderField = {
  NAME: 'name',
  REGION_NAME: 'regionName',
  FTE: 'fte',
  CAPACITY: 'capacity',
  OPEN_CASES: 'openCases',
  UTILISATION: 'utilisation',
} as const;
export type CaseloadOrderField = (typeof CaseloadOrderField)[keyof typeof CaseloadOrderField];
registerEnumType(CaseloadOrderField, {
  name: 'CaseloadOrderField',
  description:
    'What the caseload per case manager is sorted by; suppressed counts (null) come last in either direction, ties by name',
});

@InputType({ description: 'An order of the caseload per case manager; without one: by name' })
export class CaseloadOrderInput {
  @Field(() => CaseloadOrderField) field!: CaseloadOrderField;
  @Field(() => SortDirection) direction!: SortDirection;
}

export const FlaggedCaseOrderField = {
  CASE_REFERENCE: 'caseReference',
  KIND: 'kind',
  REGION_NAME: 'regionName',
} as const;
export type FlaggedCaseOrderField = (typeof FlaggedCaseOrderField)[keyof typeof FlaggedCaseOrderField];
registerEnumType(FlaggedCaseOrderField, {
  name: 'FlaggedCaseOrderField',
  description: "What the flagged cases are sorted by (KIND: by the kind's code); ties by case reference, then kind",
});

@InputType({ description: 'An order of the flagged cases; without one: by kind, then case reference' })
export class FlaggedCaseOrderInput {
  @Field(() => FlaggedCaseOrderField) field!: FlaggedCaseOrderField;
  @Field(() => SortDirection) direction!: SortDirection;
}
