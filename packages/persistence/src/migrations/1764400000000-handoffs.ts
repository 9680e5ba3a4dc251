import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Overnight file handoffs: the run reports, the per-file import checkpoint and its refused
 * lines, and the export that carried an outbox message to an agency without an API.
 */
export class Handoffs1764400000000 implements MigrationInterface {
  name = 'Handoffs1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "handoff_runs" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "kind" text NOT NULL, "state" text NOT NULL, "trace_id" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "duration_ms" integer, "exported" integer NOT NULL DEFAULT '0', "suppressed" integer NOT NULL DEFAULT '0', "imported" integer NOT NULL DEFAULT '0', "rejected" integer NOT NULL DEFAULT '0', "duplicates" integer NOT NULL DEFAULT '0', "outcomes" jsonb NOT NULL DEFAULT '{}', "files" text array NOT NULL DEFAULT '{}', "error_report" text, "error" text, CONSTRAINT "PK_5057aaf54ea39c58683c745e436" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_fc2af87776cf74858f397c62fb" ON "handoff_runs" ("tenant_id", "agency_id", "kind", "state")`,
    );
    await q.query(`CREATE INDEX "IDX_09ecd78345a83c5b46d85197cf" ON "handoff_runs" ("tenant_id", "started_at")`);
    await q.query(
      `CREATE TABLE "handoff_imports" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "file_name" text NOT NULL, "file_hash" text NOT NULL, "state" text NOT NULL, "last_line" integer NOT NULL DEFAULT '0', "imported" integer NOT NULL DEFAULT '0', "rejected" integer NOT NULL DEFAULT '0', "duplicates" integer NOT NULL DEFAULT '0', "outcomes" jsonb NOT NULL DEFAULT '{}', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9f192f0e16da89c5620ab6de64e" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_f9b6a17f2a4be13b663d6e6891" ON "handoff_imports" ("tenant_id", "agency_id", "file_hash")`,
    );
    await q.query(
      `CREATE TABLE "handoff_import_errors" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "import_id" uuid NOT NULL, "line" integer NOT NULL, "field" text NOT NULL, "reason" text NOT NULL, "event_id" text, CONSTRAINT "PK_fa321ade30709ff6d50790d9e86" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_30e2f451b7b05974f9c13f917b" ON "handoff_import_errors" ("tenant_id", "import_id", "line")`,
    );
    await q.query(`ALTER TABLE "outbox_messages" ADD "handoff_run_id" uuid`);
    await q.query(`CREATE INDEX "IDX_bad26f3d8cf610dafc938b05c1" ON "outbox_messages" ("tenant_id", "handoff_run_id")`);
    await q.query(
      `ALTER TABLE "handoff_runs" ADD CONSTRAINT "FK_db4921df0af48543c704e178025" FOREIGN KEY ("tenant_id", "agency_id") REFERENCES "agencies"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "handoff_imports" ADD CONSTRAINT "FK_31a265af6ad7eb0e8631507627a" FOREIGN KEY ("tenant_id", "agency_id") REFERENCES "agencies"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_bad26f3d8cf610dafc938b05c1"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "handoff_run_id"`);
    await q.query(`DROP TABLE "handoff_import_errors"`);
    await q.query(`DROP TABLE "handoff_imports"`);
    await q.query(`DROP TABLE "handoff_runs"`);
  }
}
