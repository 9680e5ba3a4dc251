import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import {
  BirthDatePrecision,
  BusinessStatus,
  CasePhase,
  DataCategory,
  LifeDomain,
  Purpose,
  ReferralStatus,
  StaffRole,
} from '@kim/contracts';

/**
 * The baseline of linked_case_query: a bare node:http handler that answers the linked-case
 * query for a staff member with raw pg. It does the same work the gateway must do for that
 * answer (credential check, the area check, case, person, identifiers, plan, referrals with
 * service and agency, timeline) with hand-written joins, and returns the same JSON as the
 * GraphQL answer (the benchmark checks that they are deep-equal before it measures). No GraphQL
 * parsing, no validation, no DataLoaders, no NestJS: what is left is the database work.
 */

/** GraphQL shows enum keys (IN_PROGRESS); the database stores values (in-progress). */
function keys(e: Record<string, string>): (v: string | null) => string | null {
  const map = new Map(Object.entries(e).map(([k, v]) => [v, k]));
  return (v) => (v === null ? null : (map.get(v) ?? v));
}
const phaseKey = keys(CasePhase);
const precisionKey = keys(BirthDatePrecision);
const categoryKey = keys(DataCategory);
const domainKey = keys(LifeDomain);
const statusKey = keys(ReferralStatus);
const businessKey = keys(BusinessStatus);
const purposeKey = keys(Purpose);
const ALL_CATEGORIES = Object.keys(DataCategory);

interface Staff {
  tenant_id: string;
  role: string;
  region_id: string | null;
  coordination_area_id: string | null;
}

const STAFF = `SELECT tenant_id, role, region_id, coordination_area_id FROM staff_users WHERE token_hash = $1`;
const CASE = `
  SELECT c.id, c.reference, c.phase, c.opened_at, c.closed_at, c.region_id, r.coordination_area_id,
         p.id AS person_id, p.given_names, p.family_name, p.name_original_script, p.birth_date::text AS birth_date,
         p.birth_date_precision, p.sex, p.nationality, p.languages, p.municipality, p.residence_status,
         p.arrival_date::text AS arrival_date
    FROM cases c
    JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
    JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
   WHERE c.tenant_id = $1 AND c.id = $2`;
const IDENTIFIERS = `SELECT kind, issuer, value FROM person_identifiers WHERE tenant_id = $1 AND person_id = $2`;
const GOALS = `SELECT id, domain, description, target_date::text AS target_date, status FROM goals
                WHERE tenant_id = $1 AND case_id = $2 ORDER BY created_at`;
const REFERRALS = `
  SELECT f.id, f.status, f.business_status, f.status_reason, f.purpose, f.categories, f.requested_at,
         f.respond_by::text AS respond_by, s.code AS service_code, s.name AS service_name, a.name AS agency_name
    FROM referrals f
    JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
    JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id
   WHERE f.tenant_id = $1 AND f.case_id = $2 ORDER BY f.created_at`;
const TIMELINE = `
  SELECT id, kind, occurred_at, actor_role, summary, referral_id,
         CASE WHEN kind = 'referral.status-changed' AND jsonb_typeof(data->'to') = 'string' THEN data->>'to' END AS referral_status
    FROM timeline_events WHERE tenant_id = $1 AND case_id = $2 ORDER BY occurred_at, recorded_at`;

type Row = Record<string, unknown>;
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);

/**
 * A signed-in staff member is kept in memory, as the gateway keeps principals (it listens for
 * changes), so neither side looks the credential up per request: both do the same joins. The
 * statements are named prepared statements, as the gateway's are (issue 20: the baseline does
 * equivalent work); BENCH_BASELINE_PREPARED=0 sends them as plain queries, for comparison only.
 */
const signedIn = new Map<string, Staff>();
const BASELINE_PREPARED = process.env.BENCH_BASELINE_PREPARED !== '0';
const prepared = <R extends pg.QueryResultRow>(db: pg.Pool, name: string, text: string, values: unknown[]) =>
  BASELINE_PREPARED ? db.query<R>({ name: `baseline_${name}`, text, values }) : db.query<R>(text, values);

async function staffOf(db: pg.Pool, hash: string): Promise<Staff | undefined> {
  const known = signedIn.get(hash);
  if (known) return known;
  const staff = (await prepared<Staff>(db, 'staff', STAFF, [hash])).rows[0];
  if (staff) signedIn.set(hash, staff);
  return staff;
}

async function linkedCase(db: pg.Pool, token: string, caseId: string): Promise<{ status: number; body: unknown }> {
  const hash = createHash('sha256').update(token).digest('hex');
  const staff = await staffOf(db, hash);
  if (!staff)
    return { status: 200, body: { errors: [{ message: 'not signed in', extensions: { code: 'UNAUTHENTICATED' } }] } };
  const c = (await prepared<Row>(db, 'case', CASE, [staff.tenant_id, caseId])).rows[0];
  const maySee =
    c !== undefined &&
    ((staff.role === StaffRole.CASE_MANAGER && staff.region_id === c.region_id) ||
      (staff.role === StaffRole.COORDINATOR && staff.coordination_area_id === c.coordination_area_id));
  if (!c || !maySee)
    return { status: 200, body: { errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] } };
  const [identifiers, goals, referrals, timeline] = await Promise.all([
    prepared<Row>(db, 'identifiers', IDENTIFIERS, [staff.tenant_id, c.person_id]),
    prepared<Row>(db, 'goals', GOALS, [staff.tenant_id, caseId]),
    prepared<Row>(db, 'referrals', REFERRALS, [staff.tenant_id, caseId]),
    prepared<Row>(db, 'timeline', TIMELINE, [staff.tenant_id, caseId]),
  ]);
  return {
    status: 200,
    body: {
      data: {
        case: {
          id: c.id,
          reference: c.reference,
          phase: phaseKey(c.phase as string),
          openedAt: iso(c.opened_at),
          closedAt: iso(c.closed_at),
          person: {
            id: c.person_id,
            visibleCategories: ALL_CATEGORIES,
            hiddenCategories: [],
            givenNames: c.given_names,
            familyName: c.family_name,
            nameOriginalScript: c.name_original_script,
            birthDate: c.birth_date,
            birthDatePrecision: precisionKey(c.birth_date_precision as string),
            sex: c.sex,
            nationality: c.nationality,
            identifiers: identifiers.rows.map((i) => ({ kind: i.kind, issuer: i.issuer, value: i.value })),
            municipality: c.municipality,
            languages: c.languages,
            residenceStatus: c.residence_status,
            arrivalDate: c.arrival_date,
          },
          plan: {
            goals: goals.rows.map((g) => ({
              id: g.id,
              domain: domainKey(g.domain as string),
              description: g.description,
              targetDate: g.target_date,
              status: g.status,
            })),
          },
          referrals: referrals.rows.map((f) => ({
            id: f.id,
            status: statusKey(f.status as string),
            businessStatus: businessKey(f.business_status as string | null),
            statusReason: f.status_reason,
            purpose: purposeKey(f.purpose as string),
            categories: (f.categories as string[]).map(categoryKey),
            requestedAt: iso(f.requested_at),
            respondBy: f.respond_by,
            service: { code: f.service_code, name: f.service_name },
            agency: { name: f.agency_name },
          })),
          timeline: timeline.rows.map((e) => ({
            id: e.id,
            kind: e.kind,
            occurredAt: iso(e.occurred_at),
            actorRole: e.actor_role,
            summary: e.summary,
            referralId: e.referral_id,
            referralStatus: e.referral_status,
          })),
        },
      },
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startBaselineServer(databaseUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  // The same pool size as the gateway's DataSource.
  const db = new pg.Pool({ connectionString: databaseUrl, max: 20, application_name: 'kim-bench-baseline' });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    readBody(req)
      .then(async (raw) => {
        const { variables } = JSON.parse(raw) as { variables?: { id?: string } };
        const token = /^Bearer\s+(\S{8,512})$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const answer = await linkedCase(db, token, variables?.id ?? '');
        res
          .writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' })
          .end(JSON.stringify(answer.body));
      })
      .catch((e: unknown) => {
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ errors: [{ message: (e as Error).message }] }));
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await db.end();
    },
  };
}
