/**
 * The repositories: every SQL statement of the hub, one file per aggregate, each statement
 * hand-written and declared with `statement(...)` so the snapshot (packages/persistence/sql)
 * shows it to a reviewer. Add a repository here so the snapshot sees its statements.
 */
export { statement, rows, maybeOne, execute, declaredStatements, snapshotFiles } from './statement.js';
export type { Db, Statement } from './statement.js';
export {
  referralRepository,
  type ReferralRow,
  type ReferralForStatus,
  type AgencyStatusUpdate,
  type AgencyStatusTimelineEntry,
  type WatchItem,
} from './referral.js';
export {
  inboundMessageRepository,
  type InboundState,
  type NewInbound,
  type PendingInbound,
} from './inbound-message.js';
export { agencyIdentifierRepository } from './agency-identifier.js';
export { outboxRepository, messageInCoordinationArea, type OutboxRow, type RelayItem } from './outbox.js';
export {
  handoffRepository,
  type HandoffAgency,
  type HandoffRunRow,
  type ImportCheckpoint,
  type ImportErrorRow,
} from './handoff.js';
