import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { AgencyEntity } from './agency.entity.js';

/**
 * One overnight file handoff with an agency without an API: an export of its messages or an
 * import of its status files. Kept as the run report (counts, files, duration, error report).
 */
@Entity('handoff_runs')
@Index(['tenantId', 'startedAt'])
@Index(['tenantId', 'agencyId', 'kind', 'state'])
@ForeignKey(() => AgencyEntity, ['tenantId', 'agencyId'], ['tenantId', 'id'])
export class HandoffRunEntity extends TenantScoped {
  @Column('uuid')
  agencyId!: string;

  /** export | import */
  @Column('text')
  kind!: string;

  /** running; prepared (export: messages claimed, files not yet published); finished; failed */
  @Column('text')
  state!: string;

  @Column('text')
  traceId!: string;

  @Column('timestamptz', { default: () => 'now()' })
  startedAt!: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;

  @Column('integer', { nullable: true })
  durationMs!: number | null;

  /** Messages written to the export. */
  @Column('integer', { default: 0 })
  exported!: number;

  /** Messages not exported because consent no longer covers them (recorded on the message). */
  @Column('integer', { default: 0 })
  suppressed!: number;

  /** Status lines stored (applied, waiting for an earlier one, stale, or refused by the workflow). */
  @Column('integer', { default: 0 })
  imported!: number;

  /** Lines refused (invalid, or about a referral that is not the agency's): in the error report. */
  @Column('integer', { default: 0 })
  rejected!: number;

  /** Lines whose event id was imported before: no effect. */
  @Column('integer', { default: 0 })
  duplicates!: number;

  /** Outcome of each stored line: applied, pending, stale, rejected by the workflow. */
  @Column('jsonb', { default: () => `'{}'` })
  outcomes!: Record<string, number>;

  /** Files written (export) or read (import), relative to the agency's folder. */
  @Column('text', { array: true, default: () => `'{}'` })
  files!: string[];

  @Column('text', { nullable: true })
  errorReport!: string | null;

  @Column('text', { nullable: true })
  error!: string | null;
}

/**
 * The checkpoint of one status file's import, by content hash: the last line committed, moved
 * on in the same transaction as the lines it covers, so a killed import resumes exactly there.
 */
@Entity('handoff_imports')
@Index(['tenantId', 'agencyId', 'fileHash'], { unique: true })
@ForeignKey(() => AgencyEntity, ['tenantId', 'agencyId'], ['tenantId', 'id'])
export class HandoffImportEntity extends TenantScoped {
  @Column('uuid')
  agencyId!: string;

  @Column('text')
  fileName!: string;

  /** SHA-256 (hex) of the file's bytes. */
  @Column('text')
  fileHash!: string;

  /** importing | done */
  @Column('text')
  state!: string;

  /** Lines (1-based) up to and including this one are committed. */
  @Column('integer', { default: 0 })
  lastLine!: number;

  @Column('integer', { default: 0 })
  imported!: number;

  @Column('integer', { default: 0 })
  rejected!: number;

  @Column('integer', { default: 0 })
  duplicates!: number;

  @Column('jsonb', { default: () => `'{}'` })
  outcomes!: Record<string, number>;

  @Column('timestamptz', { default: () => 'now()' })
  startedAt!: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt!: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;
}

/** A refused line of a status file, committed with its chunk; the error report is written from these. */
@Entity('handoff_import_errors')
@Index(['tenantId', 'importId', 'line'])
export class HandoffImportErrorEntity extends TenantScoped {
  @Column('uuid')
  importId!: string;

  @Column('integer')
  line!: number;

  @Column('text')
  field!: string;

  @Column('text')
  reason!: string;

  @Column('text', { nullable: true })
  eventId!: string | null;
}
