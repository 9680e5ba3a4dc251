import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { HandoffRunRow } from '@kim/persistence';

export const HandoffKind = { EXPORT: 'export', IMPORT: 'import' } as const;
export type HandoffKind = (typeof HandoffKind)[keyof typeof HandoffKind];
registerEnumType(HandoffKind, {
  name: 'HandoffKind',
  description: 'Export of messages to files, or import of status files',
});

export const HandoffRunState = {
  RUNNING: 'running',
  PREPARED: 'prepared',
  FINISHED: 'finished',
  FAILED: 'failed',
} as const;
export type HandoffRunState = (typeof HandoffRunState)[keyof typeof HandoffRunState];
registerEnumType(HandoffRunState, {
  name: 'HandoffRunState',
  description: 'PREPARED: an export claimed its messages but its files are not written yet (the next run writes them)',
});

@ObjectType({ description: 'The report of one overnight file handoff with an agency without an API' })
export class HandoffRun {
  @Field(() => ID) id!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => HandoffKind) kind!: HandoffKind;
  @Field(() => HandoffRunState) state!: HandoffRunState;
  @Field() startedAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => Int, { description: 'Messages written to the export' }) exported!: number;
  @Field(() => Int, { description: 'Messages not exported: consent no longer covers them' }) suppressed!: number;
  @Field(() => Int, { description: 'Status lines stored (applied, waiting, stale or refused by the workflow)' })
  imported!: number;
  @Field(() => Int, { description: 'Status lines applied to their referral' }) applied!: number;
  @Field(() => Int, { description: 'Status lines refused (invalid, or not about a referral to the agency)' })
  rejected!: number;
  @Field(() => Int, { description: 'Status lines imported before (same event id): no effect' }) duplicates!: number;
  @Field(() => [String], { description: "Files written or read, relative to the agency's folder" }) files!: string[];
  @Field(() => String, { nullable: true, description: 'Error report(s) of refused lines' }) errorReport!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;

  static from(e: HandoffRunRow): HandoffRun {
    return Object.assign(new HandoffRun(), {
      id: e.id,
      agencyId: e.agencyId,
      kind: e.kind,
      state: e.state,
      startedAt: e.startedAt,
      finishedAt: e.finishedAt,
      durationMs: e.durationMs,
      exported: e.exported,
      suppressed: e.suppressed,
      imported: e.imported,
      applied: e.outcomes?.applied ?? 0,
      rejected: e.rejected,
      duplicates: e.duplicates,
      files: e.files,
      errorReport: e.errorReport,
      error: e.error,
    });
  }
}
