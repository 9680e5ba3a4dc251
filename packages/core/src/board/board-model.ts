// The status board's vocabulary: open phases, funnel columns and the shapes of the figures.
import { CasePhase } from '@kim/contracts';
import type { Published } from './suppression.js';
import type { Period } from './period.js';

/** Open phases in their order; closed cases show in the monthly trends. */
export const OPEN_PHASES = [
  CasePhase.INTAKE,
  CasePhase.ASSESSMENT,
  CasePhase.PLANNING,
  CasePhase.LINKING,
  CasePhase.MONITORING,
  CasePhase.REASSESSMENT,
] as const;

/** The funnel's columns: a partition of the referrals sent, by their status now. */
export const FUNNEL_STATUSES = {
  awaitingAnswer: ['requested'],
  accepted: ['accepted'],
  inProgress: ['in-progress', 'on-hold'],
  completed: ['completed'],
  rejected: ['rejected'],
  failed: ['failed'],
  cancelled: ['cancelled', 'entered-in-error'],
} as const;
export type FunnelColumn = keyof typeof FUNNEL_STATUSES;
export const FUNNEL_COLUMNS = Object.keys(FUNNEL_STATUSES) as FunnelColumn[];
export const columnOf = (status: string): FunnelColumn | null =>
  FUNNEL_COLUMNS.find((c) => (FUNNEL_STATUSES[c] as readonly string[]).includes(status)) ?? null;

export interface BoardScope {
  tenantId: string;
  areaId: string | null;
  areaName: string;
  regions: { id: string; name: string; fte: number; caseloadKey: number }[];
}

export interface PhaseCount {
  phase: string;
  cases: Published;
}
export interface RegionLoad {
  regionId: string;
  name: string;
  posts: number;
  caseloadKey: number;
  capacity: number;
  openCases: Published;
  utilisation: number | null;
  byPhase: PhaseCount[];
}
export interface CaseManagerLoad {
  staffId: string;
  name: string;
  regionId: string;
  regionName: string;
  fte: number;
  capacity: number;
  openCases: Published;
  utilisation: number | null;
}
export type FunnelCounts = Record<FunnelColumn, Published> & {
  requested: Published;
  overdue: Published;
  openLoops: Published;
};
export interface FunnelRow extends FunnelCounts {
  agencyId: string;
  agencyName: string;
  serviceId: string;
  serviceName: string;
  integrationCourse: boolean;
}
export interface ReasonCount {
  agencyId: string;
  agencyName: string;
  serviceId: string;
  serviceName: string;
  status: string;
  reason: string;
  referrals: Published;
}
export type WaitScope = 'all' | 'integration-courses' | 'other-services' | 'service';
export type WaitMeasure = 'acceptance' | 'start';
export interface WaitingTime {
  scope: WaitScope;
  serviceId: string | null;
  serviceName: string | null;
  measure: WaitMeasure;
  referrals: Published;
  medianDays: number | null;
  p90Days: number | null;
}
export interface MonthTrend {
  month: string;
  casesOpened: Published;
  casesClosed: Published;
  referralsRequested: Published;
  referralsCompleted: Published;
  referralsRejected: Published;
  medianDaysToAcceptance: number | null;
}
export interface StatusBoard {
  areaId: string | null;
  areaName: string;
  period: Period;
  asOf: Date | null;
  /**
   * Seconds the server these figures were read from is behind the primary: null when read from
   * the primary, 0 from a replica that has replayed all it received (REPLICA_DATABASE_URL).
   */
  replicaLagSeconds: number | null;
  suppressionThreshold: number;
  openCases: Published;
  phases: PhaseCount[];
  regions: RegionLoad[];
  caseManagers: CaseManagerLoad[];
  funnel: FunnelRow[];
  funnelTotal: FunnelCounts;
  rejectionReasons: ReasonCount[];
  waitingTimes: WaitingTime[];
  trends: MonthTrend[];
}

export interface NeedGap {
  domain: string;
  openNeeds: Published;
  referred: Published;
  notReferred: Published;
  servicesInNetwork: number;
}
export type FlagKind = 'double-funding' | 'duplicate-course-certificate' | 'duplicate-open-case';
export interface FlaggedCase {
  kind: FlagKind;
  caseId: string;
  caseReference: string;
  regionName: string;
}
export interface Barriers {
  areaId: string | null;
  areaName: string;
  period: Period;
  asOf: Date | null;
  /**
   * Seconds the server these figures were read from is behind the primary: null when read from
   * the primary, 0 from a replica that has replayed all it received (REPLICA_DATABASE_URL).
   */
  replicaLagSeconds: number | null;
  rejectionReasons: ReasonCount[];
  needs: NeedGap[];
  flagCounts: { kind: FlagKind; cases: Published }[];
  /** Case detail within the coordinator's supervision; empty for operators. */
  flaggedCases: FlaggedCase[];
}
