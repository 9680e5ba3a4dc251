import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InitialSchema1764100000000 } from './1764100000000-initial-schema.js';
import { Privacy1764200000000 } from './1764200000000-privacy.js';
import { Deadlines1764300000000 } from './1764300000000-deadlines.js';
import { Handoffs1764400000000 } from './1764400000000-handoffs.js';
import { Reconciliation1764450000000 } from './1764450000000-reconciliation.js';
import { SecretRotation1764500000000 } from './1764500000000-secret-rotation.js';
import { Board1764600000000 } from './1764600000000-board.js';
import { Overrides1764700000000 } from './1764700000000-overrides.js';
import { RowLevelSecurity1764800000000 } from './1764800000000-row-level-security.js';
import { MessageOperations1764900000000 } from './1764900000000-message-operations.js';
import { Linkage1764950000000 } from './1764950000000-linkage.js';
import { BoardFlagsPlan1765000000000 } from './1765000000000-board-flags-plan.js';
import { PrincipalNotifications1765100000000 } from './1765100000000-principal-notifications.js';
import { LegalBasisReview1765240000000 } from './1765240000000-legal-basis-review.js';
import { LinkageAfterIntake1765300000000 } from './1765300000000-linkage-after-intake.js';
import { OverdueWhenRead1765350000000 } from './1765350000000-overdue-when-read.js';
import { Administration1765400000000 } from './1765400000000-administration.js';
import { TimelineSummaryCodes1765450000000 } from './1765450000000-timeline-summary-codes.js';
import { TenantPrivacyContacts1765460000000 } from './1765460000000-tenant-privacy-contacts.js';
import { StaffSessions1765500000000 } from './1765500000000-staff-sessions.js';
import { Achievements1765505000000 } from './1765505000000-achievements.js';
import { Dossiers1765510000000 } from './1765510000000-dossiers.js';
import { CaseTransfers1765520000000 } from './1765520000000-case-transfers.js';
import { BoardMilestones1765540000000 } from './1765540000000-board-milestones.js';
import { LedgerSealer1765610000000 } from './1765610000000-ledger-sealer.js';
import { BoardDeadlines1765700000000 } from './1765700000000-board-deadlines.js';

export { BOARD_VIEW_NAMES } from './1764600000000-board.js';

/** In order. Listed explicitly, like the entities. */
export const MIGRATIONS = [
  InitialSchema1764100000000,
  Privacy1764200000000,
  Deadlines1764300000000,
  Handoffs1764400000000,
  Reconciliation1764450000000,
  SecretRotation1764500000000,
  Board1764600000000,
  Overrides1764700000000,
  RowLevelSecurity1764800000000,
  MessageOperations1764900000000,
  Linkage1764950000000,
  BoardFlagsPlan1765000000000,
  PrincipalNotifications1765100000000,
  LegalBasisReview1765240000000,
  LinkageAfterIntake1765300000000,
  OverdueWhenRead1765350000000,
  Administration1765400000000,
  TimelineSummaryCodes1765450000000,
  TenantPrivacyContacts1765460000000,
  StaffSessions1765500000000,
  Achievements1765505000000,
  Dossiers1765510000000,
  CaseTransfers1765520000000,
  BoardMilestones1765540000000,
  LedgerSealer1765610000000,
  BoardDeadlines1765700000000,
];

/**
 * The text of every migration file, in file order: what a migration does can live outside its
 * class (a module-level constant of SQL, a list shared between files), so whoever caches a
 * migrated schema (the tests' template database) keys it on this, not on the classes alone.
 */
export function migrationSources(): string[] {
  const dir = dirname(fileURLToPath(import.meta.url));
  return readdirSync(dir)
    .filter((f) => /^\d+-[\w-]+\.(ts|js)$/.test(f) && !/\.(int-)?spec\./.test(f))
    .sort()
    .map((f) => `${f}\n${readFileSync(join(dir, f), 'utf8')}`);
}
