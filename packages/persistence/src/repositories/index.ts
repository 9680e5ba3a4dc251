/**
 * The repositories: every SQL statement of the hub, one file per aggregate, each statement
 * hand-written and declared with `statement(...)` so the snapshot (packages/persistence/sql)
 * shows it to a reviewer. Add a repository here so the snapshot sees its statements.
 */
export { statement, rows, maybeOne, execute, declaredStatements, snapshotFiles } from './statement.js';
export type { Db, Statement } from './statement.js';
export {
  staffAreaSql,
  consentInForceSql,
  consentMayGrantSql,
  legalBasisInEffectSql,
  ruleOff,
  SQL_ACCESS_RULES,
  type SqlAccessRule,
} from './fragments.js';
export { auditRepository, type AuditInsert, type AuditChainLink } from './audit.js';
export { timelineRepository, type TimelineInsert, type TimelineRow } from './timeline.js';
export {
  agencyRepository,
  type AgencyRow,
  type ServiceRow,
  type AgencyInsert,
  type AgencyWrite,
  type ServiceWrite,
} from './agency.js';
export { credentialRepository, type CredentialRow, type CredentialInsert } from './credential.js';
export { tenantRepository, type PrivacyContacts, type TenantRow } from './tenant.js';
export { principalRepository, type PrincipalRow } from './principal.js';
export {
  sessionRepository,
  type SignInFlowRow,
  type StaffSessionRow,
  type SessionPrincipalRow,
  type SignInStaffRow,
} from './session.js';
export {
  personRepository,
  type PersonRow,
  type PersonIdentifierRow,
  type PersonInsert,
  type PersonCorrection,
} from './person.js';
export { staffRepository, type StaffRow, type StaffAdminRow, type StaffWrite } from './staff.js';
export { areaRepository, type RegionRow, type CoordinationAreaRow, type RegionWrite } from './area.js';
export {
  caseRepository,
  type CaseListScope,
  type CaseNeedRow,
  type GoalRow,
  type CaseScopeRow,
  type CaseScopeWithPersonRow,
  type CaseRecordRow,
  type CaseOrderField,
  type CaseOrderDirection,
  type CaseListQuery,
} from './case.js';
export {
  consentRepository,
  type ConsentRow,
  type ConsentInsert,
  type LegalBasisRow,
  type LegalBasisForRow,
  type LegalBasisInsert,
  type GrantConsentRow,
  type GrantLegalBasisRow,
  type GrantFactsRow,
} from './consent.js';
export { changeFeedRepository, type FeedRow } from './change-feed.js';
export { metricsRepository } from './metrics.js';
export { healthRepository } from './health.js';
export {
  overrideRepository,
  type OverrideView,
  type OverrideOrderField,
  type OverrideOrderDirection,
} from './override.js';
export {
  accessReportRepository,
  type ReportCaseRow,
  type ReportReferralRow,
  type ReportLedgerRow,
} from './access-report.js';
export { retentionRepository } from './retention.js';
export { typicalCaseRepository } from './typical-case.js';
export {
  referralRepository,
  type ReferralRow,
  type ReferralForStatus,
  type AgencyStatusUpdate,
  type AgencyStatusTimelineEntry,
  type WatchItem,
  type WatchKind,
  type WatchOrderField,
  type WatchOrderDirection,
  type WatchFilter,
} from './referral.js';
export {
  inboundMessageRepository,
  type InboundState,
  type NewInbound,
  type PendingInbound,
} from './inbound-message.js';
export { agencyIdentifierRepository } from './agency-identifier.js';
export {
  outboxRepository,
  type OutboxInsert,
  messageInCoordinationArea,
  type OutboxRow,
  type PositionedOutboxRow,
  type RelayItem,
  type MessageOrderField,
  type MessageOrderDirection,
} from './outbox.js';
export {
  handoffRepository,
  type HandoffAgency,
  type HandoffRunRow,
  type ImportCheckpoint,
  type ImportErrorRow,
} from './handoff.js';
export {
  linkageRepository,
  type LinkagePersonRow,
  type LinkReviewListRow,
  type LinkageArea,
  type LinkReviewRow,
  type PersonMergeRow,
  type LinkReviewOrderField,
  type LinkReviewOrderDirection,
} from './linkage.js';
export {
  boardRepository,
  type BoardCaseCountRow,
  type BoardCaseManagerRow,
  type BoardServiceRow,
  type BoardReferralMonthRow,
  type BoardWaitMonthRow,
  type BoardCaseMonthRow,
  type BoardFlagKind,
  type BoardFlagRow,
} from './board.js';
export { boardRefreshRepository } from './board-refresh.js';
export { seedRepository } from './seed.js';
export { achievementRepository, type AchievementRow, type AchievementInsert } from './achievement.js';
export { dossierRepository, type DossierRow } from './dossier.js';
export {
  transferRepository,
  type TransferStatus,
  type IncomingTransferRow,
  type OutgoingTransferRow,
} from './transfer.js';
export { milestonesRepository, type MilestoneMonthRow } from './milestones.js';
export {
  disclosureContextRepository,
  type ConsentInput,
  type ContextQuery,
  type DeliveryContext,
  type LegalBasisInput,
  type ReferrerRow,
  type SendContext,
} from './disclosure-context.js';
