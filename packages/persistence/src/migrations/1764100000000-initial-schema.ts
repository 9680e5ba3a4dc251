import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The vertical slice's schema. Generated from the entities once, then reviewed by hand. */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "tenants" ("id" uuid NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_2310ecc5cb8be427097154b18fc" UNIQUE ("slug"), CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "coordination_areas" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" text NOT NULL, CONSTRAINT "PK_8332bf188bb895a0c7fae11194b" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE TABLE "regions" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "coordination_area_id" uuid NOT NULL, "fte" numeric(5,2) NOT NULL, "caseload_key" integer NOT NULL DEFAULT '100', CONSTRAINT "PK_c7350ed31631fa4f17928475376" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE INDEX "IDX_81080214f2d4a82fb034c1ef6f" ON "regions"  ("tenant_id", "coordination_area_id") `);
    await q.query(
      `CREATE TABLE "staff_users" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "display_name" text NOT NULL, "email" text NOT NULL, "role" text NOT NULL, "region_id" uuid, "coordination_area_id" uuid, "fte" numeric(4,2), "token_hash" text NOT NULL, CONSTRAINT "UQ_412511aec171938a3703e1a3bc3" UNIQUE ("token_hash"), CONSTRAINT "PK_0d2db994d425f2428b9576eb249" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_df26bd93b4a0213c9149d64b0a" ON "staff_users"  ("tenant_id", "email") `);
    await q.query(
      `CREATE TABLE "agencies" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" text NOT NULL, "legal_domain" text NOT NULL, "channel" text NOT NULL, "webhook_url" text, "webhook_secret" text NOT NULL, "api_key_hash" text NOT NULL, CONSTRAINT "UQ_759818507c8c011f0e8c7a8f725" UNIQUE ("api_key_hash"), CONSTRAINT "PK_007c5ddf3ac758b838b740f6ee1" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE TABLE "services" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "life_domain" text NOT NULL, "response_days" integer NOT NULL DEFAULT '5', CONSTRAINT "PK_8e8fe9d4d944b707dff3713f35c" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_4e3972366550a9cb678eade6cd" ON "services"  ("tenant_id", "code") `);
    await q.query(`CREATE INDEX "IDX_58b073840132de613545813834" ON "services"  ("tenant_id", "agency_id") `);
    await q.query(
      `CREATE TABLE "persons" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "given_names" text NOT NULL, "family_name" text NOT NULL, "name_original_script" text, "aliases" jsonb NOT NULL, "birth_date" date, "birth_date_precision" text NOT NULL, "sex" text NOT NULL DEFAULT 'unknown', "nationality" text, "languages" text array NOT NULL, "residence_status" text, "municipality" text NOT NULL, "arrival_date" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_db39e76d628296b333fdaada180" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE INDEX "IDX_818f3cf8f3ac97d6427242d88b" ON "persons"  ("tenant_id", "family_name") `);
    await q.query(
      `CREATE TABLE "person_identifiers" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "kind" text NOT NULL, "issuer" text NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_e632c628ab6265c36c46679073f" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE INDEX "IDX_bc5fc157945389fd03bfc7a340" ON "person_identifiers"  ("tenant_id", "person_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_0aa17d9f0327fa0b4e7d1cfc26" ON "person_identifiers"  ("tenant_id", "kind", "issuer", "value") `,
    );
    await q.query(
      `CREATE TABLE "cases" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "person_id" uuid NOT NULL, "case_manager_id" uuid NOT NULL, "region_id" uuid NOT NULL, "phase" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_a74d62277c1e85aa386ba1f2d88" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE INDEX "IDX_bdcfe6816fa92f922ceefadebc" ON "cases"  ("tenant_id", "person_id") `);
    await q.query(`CREATE INDEX "IDX_972df6a1ab3828c0b2512b16cd" ON "cases"  ("tenant_id", "case_manager_id") `);
    await q.query(`CREATE INDEX "IDX_3b729b2cd790c85cd1fa87f184" ON "cases"  ("tenant_id", "region_id", "phase") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_608fd1daa731ac1269e6e24da0" ON "cases"  ("tenant_id", "reference") `);
    await q.query(
      `CREATE TABLE "case_needs" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "domain" text NOT NULL, "description" text NOT NULL, CONSTRAINT "PK_2d39c4e55fbe0491b5f2fb2b558" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE INDEX "IDX_765b14e80f6e057b584904c3be" ON "case_needs"  ("tenant_id", "case_id") `);
    await q.query(
      `CREATE TABLE "goals" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "domain" text NOT NULL, "description" text NOT NULL, "target_date" date, "status" text NOT NULL DEFAULT 'open', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c84b825c4ed0c57037e3de0b2d1" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(`CREATE INDEX "IDX_89f7d41743ac8aa68c5b6587ad" ON "goals"  ("tenant_id", "case_id") `);
    await q.query(
      `CREATE TABLE "consents" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "case_id" uuid NOT NULL, "recipient_agency_id" uuid NOT NULL, "purposes" text array NOT NULL, "categories" text array NOT NULL, "valid_from" date NOT NULL, "valid_until" date NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "evidence" jsonb NOT NULL, "captured_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a8c683641d0c849c9ba682709ea" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_dabf7e4e13a61304089a87abf0" ON "consents"  ("tenant_id", "person_id", "recipient_agency_id") `,
    );
    await q.query(
      `CREATE TABLE "referrals" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "service_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "purpose" text NOT NULL, "categories" text array NOT NULL, "status" text NOT NULL, "business_status" text, "status_reason" text, "services_delivered" text array, "outcome" text, "note" text, "respond_by" date, "created_by" uuid NOT NULL, "last_agency_update_at" TIMESTAMP WITH TIME ZONE, "last_agency_event_id" text, "requested_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_a3821633a06c5c4c3ea4a235a13" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_9edaf915ba9c7c05657cc1036d" ON "referrals"  ("tenant_id", "agency_id", "status") `,
    );
    await q.query(`CREATE INDEX "IDX_a8053a7e816812b445245b8443" ON "referrals"  ("tenant_id", "case_id") `);
    await q.query(
      `CREATE TABLE "timeline_events" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "referral_id" uuid, "kind" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_role" text NOT NULL, "actor_id" uuid, "summary" text NOT NULL, "data" jsonb NOT NULL, CONSTRAINT "PK_9cfb10ec5c557e5d8f7dfd22881" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_6aad5ef1168277658edb7a471b" ON "timeline_events"  ("tenant_id", "case_id", "occurred_at") `,
    );
    await q.query(
      `CREATE TABLE "outbox_messages" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "referral_id" uuid NOT NULL, "event_type" text NOT NULL, "event_id" text NOT NULL, "delivery_state" text NOT NULL, "enqueued" boolean NOT NULL DEFAULT false, "attempts" integer NOT NULL DEFAULT '0', "replays" integer NOT NULL DEFAULT '0', "last_error" text, "sent_body" jsonb, "trace_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c143ef736a9c9b3459e149cc377" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_ab609c5e489f24fb8a4092cbc3" ON "outbox_messages"  ("tenant_id", "created_at") WHERE enqueued = false`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_0a97bdfd4839909c146b8cd896" ON "outbox_messages"  ("tenant_id", "event_id") `,
    );
    await q.query(
      `CREATE TABLE "inbound_messages" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "event_id" text NOT NULL, "referral_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "body" jsonb NOT NULL, "state" text NOT NULL, "error" text, CONSTRAINT "PK_cc1f01fd2fa0bc83aec8d5f3acd" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_dc72c67d0353e28963711f9e50" ON "inbound_messages"  ("tenant_id", "referral_id", "state") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_b4513d1b85e2f1e25e03f66171" ON "inbound_messages"  ("tenant_id", "agency_id", "event_id") `,
    );
    await q.query(
      `CREATE TABLE "audit_events" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_kind" text NOT NULL, "actor_id" uuid, "action" text NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "categories" text array NOT NULL, "basis" text, "allowed" boolean NOT NULL, "reason" text, CONSTRAINT "PK_7445fcd6291ee354a6988ae6d3c" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_a69a6cdd17a9b9687fbde428a3" ON "audit_events"  ("tenant_id", "subject_id", "at") `,
    );
    await q.query(
      `ALTER TABLE "regions" ADD CONSTRAINT "FK_81080214f2d4a82fb034c1ef6fc" FOREIGN KEY ("tenant_id", "coordination_area_id") REFERENCES "coordination_areas"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "staff_users" ADD CONSTRAINT "FK_1553c363f269e8296608421c2fe" FOREIGN KEY ("tenant_id", "coordination_area_id") REFERENCES "coordination_areas"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "staff_users" ADD CONSTRAINT "FK_b790fff335662f11e65ba258007" FOREIGN KEY ("tenant_id", "region_id") REFERENCES "regions"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "services" ADD CONSTRAINT "FK_58b073840132de613545813834b" FOREIGN KEY ("tenant_id", "agency_id") REFERENCES "agencies"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "person_identifiers" ADD CONSTRAINT "FK_bc5fc157945389fd03bfc7a340a" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_b1e3c8e2a61811cd82b96dc89f3" FOREIGN KEY ("tenant_id", "region_id") REFERENCES "regions"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_972df6a1ab3828c0b2512b16cd6" FOREIGN KEY ("tenant_id", "case_manager_id") REFERENCES "staff_users"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_bdcfe6816fa92f922ceefadebca" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "case_needs" ADD CONSTRAINT "FK_765b14e80f6e057b584904c3bec" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "goals" ADD CONSTRAINT "FK_89f7d41743ac8aa68c5b6587ad6" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "FK_2e59c607788df8345c0567f1fb7" FOREIGN KEY ("tenant_id", "captured_by") REFERENCES "staff_users"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "FK_f1bb6e67941c610594c7509d2bb" FOREIGN KEY ("tenant_id", "recipient_agency_id") REFERENCES "agencies"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "FK_90b54eea9e105098481bbee38bf" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "FK_e6ad31223a56088cb3fc321d6a8" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "persons"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_11b57bd47a6ba66ef64856c329f" FOREIGN KEY ("tenant_id", "agency_id") REFERENCES "agencies"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_83eaf2a6bfb4f9b2141bcc04033" FOREIGN KEY ("tenant_id", "service_id") REFERENCES "services"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_a8053a7e816812b445245b8443e" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "timeline_events" ADD CONSTRAINT "FK_d8a941ab941b9638d03fa0df4b8" FOREIGN KEY ("tenant_id", "case_id") REFERENCES "cases"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "outbox_messages" ADD CONSTRAINT "FK_dad30d5c2ade8576cd56705b63e" FOREIGN KEY ("tenant_id", "agency_id") REFERENCES "agencies"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "inbound_messages" ADD CONSTRAINT "FK_a53986f86f8cdf13d8c0c0bb9d7" FOREIGN KEY ("tenant_id", "agency_id") REFERENCES "agencies"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_events" CASCADE`);
    await q.query(`DROP TABLE "inbound_messages" CASCADE`);
    await q.query(`DROP TABLE "outbox_messages" CASCADE`);
    await q.query(`DROP TABLE "timeline_events" CASCADE`);
    await q.query(`DROP TABLE "referrals" CASCADE`);
    await q.query(`DROP TABLE "consents" CASCADE`);
    await q.query(`DROP TABLE "goals" CASCADE`);
    await q.query(`DROP TABLE "case_needs" CASCADE`);
    await q.query(`DROP TABLE "cases" CASCADE`);
    await q.query(`DROP TABLE "person_identifiers" CASCADE`);
    await q.query(`DROP TABLE "persons" CASCADE`);
    await q.query(`DROP TABLE "services" CASCADE`);
    await q.query(`DROP TABLE "agencies" CASCADE`);
    await q.query(`DROP TABLE "staff_users" CASCADE`);
    await q.query(`DROP TABLE "regions" CASCADE`);
    await q.query(`DROP TABLE "coordination_areas" CASCADE`);
    await q.query(`DROP TABLE "tenants" CASCADE`);
  }
}
