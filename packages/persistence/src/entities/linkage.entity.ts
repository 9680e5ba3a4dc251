import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { PersonEntity } from './person.entity.js';
import { CaseEntity } from './case.entity.js';
import { StaffUserEntity } from './organisation.entity.js';

/** One field of a compared pair as the matcher saw it (values as recorded, weight in bits). */
export interface LinkEvidenceRow {
  field: string;
  level: string;
  valueA: string;
  valueB: string;
  weight: number;
}

/**
 * A pair of persons the matcher scored between the thresholds: a case manager decides whether
 * they are the same person. The pair is stored once, ordered (a < b), whatever its status, so a
 * pair decided "different persons" is never queued or linked again by the matcher.
 */
@Entity('link_reviews')
@Check('CHK_link_reviews_order', `person_a_id < person_b_id`)
@Check('CHK_link_reviews_status', `status IN ('open', 'same-person', 'different-persons', 'withdrawn')`)
@Index(['tenantId', 'personAId', 'personBId'], { unique: true })
@Index(['tenantId', 'status'])
@ForeignKey(() => PersonEntity, ['tenantId', 'personAId'], ['tenantId', 'id'])
@ForeignKey(() => PersonEntity, ['tenantId', 'personBId'], ['tenantId', 'id'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'decidedBy'], ['tenantId', 'id'])
export class LinkReviewEntity extends TenantScoped {
  @Column('uuid', { name: 'person_a_id' })
  personAId!: string;

  @Column('uuid', { name: 'person_b_id' })
  personBId!: string;

  /** Posterior log-odds in bits. */
  @Column('double precision')
  score!: number;

  @Column('jsonb')
  evidence!: LinkEvidenceRow[];

  /** Why a pair above the link threshold was only sent to review (the matcher's guard). */
  @Column('text', { nullable: true })
  capped!: string | null;

  /** What found it: 'case-opened', 'maintenance', 'identifier' (an intake's number known elsewhere) or 'unmerge'. */
  @Column('text')
  source!: string;

  /** open, same-person, different-persons, withdrawn (the persons were linked otherwise). */
  @Column('text', { default: 'open' })
  status!: string;

  @Column('uuid', { nullable: true })
  decidedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A merge: `mergedId` was marked merged into `survivorId` (persons.merged_into_id). Nothing else
 * moved, so undoing it only clears that pointer; the row stays as the history of who and why.
 */
@Entity('person_merges')
@Check('CHK_person_merges_basis', `basis IN ('score', 'identifier', 'review')`)
@Index(['tenantId', 'mergedId'])
@Index(['tenantId', 'survivorId'])
@ForeignKey(() => PersonEntity, ['tenantId', 'survivorId'], ['tenantId', 'id'])
@ForeignKey(() => PersonEntity, ['tenantId', 'mergedId'], ['tenantId', 'id'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'mergedBy'], ['tenantId', 'id'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'undoneBy'], ['tenantId', 'id'])
@ForeignKey(() => LinkReviewEntity, ['tenantId', 'reviewId'], ['tenantId', 'id'])
export class PersonMergeEntity extends TenantScoped {
  @Column('uuid')
  survivorId!: string;

  @Column('uuid')
  mergedId!: string;

  /**
   * Why the two are one person: automatically on the pair's own `score` above the link threshold,
   * or on a shared person-level `identifier`; or `review`, a case manager's decision.
   */
  @Column('text')
  basis!: string;

  @Column('double precision', { nullable: true })
  score!: number | null;

  @Column('uuid', { nullable: true })
  reviewId!: string | null;

  @Column('text')
  reason!: string;

  /** The staff member who decided; null when the matcher linked automatically. */
  @Column('uuid', { nullable: true })
  mergedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  mergedAt!: Date;

  @Column('timestamptz', { nullable: true })
  undoneAt!: Date | null;

  @Column('uuid', { nullable: true })
  undoneBy!: string | null;

  @Column('text', { nullable: true })
  undoReason!: string | null;
}

/**
 * A person opened at intake waits here to be compared with the tenant's persons. The intake
 * transaction writes the row; the worker's MatchPersonJob does the matching after the commit,
 * so opening a case costs the same whatever the tenant's size. The row is the job's reliable
 * half (as the outbox is for messages): a job the queue never got or lost is put back by the
 * worker's relay until the row is done.
 */
@Entity('person_match_requests')
@Index(['tenantId', 'personId'], { unique: true })
@Index(['tenantId', 'createdAt'], { where: '"done_at" IS NULL' })
@ForeignKey(() => PersonEntity, ['tenantId', 'personId'], ['tenantId', 'id'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
export class PersonMatchRequestEntity extends TenantScoped {
  @Column('uuid')
  personId!: string;

  /** The case whose intake created the person. */
  @Column('uuid')
  caseId!: string;

  @Column('text')
  traceId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When the request was last put on the queue (by the gateway after the commit, or the relay). */
  @Column('timestamptz', { nullable: true })
  enqueuedAt!: Date | null;

  /** Failed runs; the relay gives up after a few (the row stays, with the last error). */
  @Column('integer', { default: 0 })
  failures!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;

  /** When the matching ran to its end (merged, queued for review, or found nothing). */
  @Column('timestamptz', { nullable: true })
  doneAt!: Date | null;

  @Column('integer', { nullable: true })
  merges!: number | null;

  @Column('integer', { nullable: true })
  reviews!: number | null;
}
