import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventType } from '@kim/contracts';
import type { DemoCredentials } from '@kim/demo-data';

/** A version-4-shaped UUID from a name: the same on every run. */
export function nameUuid(name: string): string {
  const h = createHash('md5').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * `count` requested referrals of fresh cases to one agency's first service (set-based, for
 * large imports), sent on 01.01.2025 so that the generated files' dates (2026) come after the
 * sending, as the hub demands. Returns their ids, in order.
 */
export async function seedRequestedReferrals(
  ds: DataSource,
  creds: DemoCredentials,
  agencyKey: string,
  count: number,
  salt: string,
): Promise<string[]> {
  const agency = creds.agencies.find((a) => a.key === agencyKey)!;
  const service = creds.services.find((s) => s.agencyKey === agencyKey)!;
  const manager = creds.staff.find((s) => s.role === 'case-manager' && s.regionId)!;
  const persons: { id: string }[] = await ds.query(`SELECT id FROM persons WHERE tenant_id = $1 ORDER BY id`, [
    creds.tenantId,
  ]);
  const ids: string[] = [];
  for (let from = 0; from < count; from += 10000) {
    const n = Math.min(10000, count - from);
    const caseIds = Array.from({ length: n }, (_, i) => nameUuid(`${salt}-case-${from + i}`));
    const referralIds = Array.from({ length: n }, (_, i) => nameUuid(`${salt}-referral-${from + i}`));
    await ds.query(
      `INSERT INTO cases (tenant_id, id, reference, person_id, case_manager_id, region_id, phase, version)
       SELECT $1, x.id, 'LOAD-' || $6 || '-' || x.n, ($2::uuid[])[1 + x.n % array_length($2::uuid[], 1)], $3, $4, 'linking', 1
         FROM unnest($5::uuid[]) WITH ORDINALITY AS x(id, n)`,
      [creds.tenantId, persons.map((p) => p.id), manager.id, manager.regionId, caseIds, `${salt}-${from}`],
    );
    await ds.query(
      `INSERT INTO referrals (tenant_id, id, case_id, service_id, agency_id, purpose, categories, status, created_by, requested_at, version)
       SELECT $1, x.id, x.case_id, $2, $3, 'referral', '{identity}', 'requested', $4, timestamptz '2025-01-01T00:00:00Z', 1
         FROM unnest($5::uuid[], $6::uuid[]) AS x(id, case_id)`,
      [creds.tenantId, service.id, agency.id, manager.id, referralIds, caseIds],
    );
    ids.push(...referralIds);
  }
  return ids;
}

/** The steps each referral goes through in a generated status file. */
const STEPS = [
  { status: 'accepted' },
  { status: 'accepted', businessStatus: 'appointment-scheduled' },
  { status: 'in-progress' },
  { status: 'completed', servicesDelivered: ['Beratung'], outcome: 'erledigt' },
] as const;

/** Event id of a generated line: which referral, which step. */
export const lineEventId = (salt: string, referral: number, step: number) => `${salt}-${referral}-${step}`;

/**
 * Write a status file (JSON Lines) of `lines` status messages: four steps for each referral in
 * turn; every tenth referral has its steps 2 and 3 swapped in the file (out of order, as
 * agencies send them). Streamed, so a million lines need no memory to speak of. Line k's
 * event id is lineEventId(salt, referral, step).
 */
export async function writeStatusFile(
  file: string,
  agencyId: string,
  referralIds: string[],
  lines: number,
  salt: string,
): Promise<number> {
  const out = createWriteStream(file);
  const t0 = Date.parse('2026-03-02T08:00:00Z');
  let written = 0;
  for (let r = 0; written < lines; r++) {
    const order = r % 10 === 9 ? [0, 2, 1, 3] : [0, 1, 2, 3];
    for (const step of order) {
      if (written >= lines) break;
      const id = lineEventId(salt, r, step);
      const line = JSON.stringify({
        specversion: '1.0',
        id,
        source: `urn:kim-agency:${agencyId}`,
        type: EventType.REFERRAL_STATUS_CHANGED,
        time: new Date(t0 + r * 1000).toISOString(),
        data: {
          referralId: referralIds[r]!,
          ...STEPS[step],
          occurredAt: new Date(t0 + r * 1000 + step * 60000).toISOString(),
        },
      });
      written++;
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return written;
}
