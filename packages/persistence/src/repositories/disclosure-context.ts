import type { AgencyRow, ServiceRow } from './agency.js';
import { agencyColumns, serviceColumns } from './agency.js';
import type { CaseScopeRow } from './case.js';
import type { ConsentRow, LegalBasisForRow } from './consent.js';
import { legalBasisInEffectSql, ruleOff } from './fragments.js';
import type { PersonIdentifierRow, PersonRow } from './person.js';
import type { ReferralRow } from './referral.js';
import type { RegionRow } from './area.js';
import { maybeOne, rows, statement, type Db } from './statement.js';

/*
 * Everything a referral's disclosure is decided and built from, read in ONE statement instead of
 * one per row (issue 20: a delivery sent 15 statements, a send 14). The rows come back exactly
 * as the single-row statements return them (the same columns, the same types), so the same pure
 * functions decide: the consent engine, the legal-basis filter by norm, disclosePerson. The
 * one-row parts are columns of the row, named `<part>.<field>`; the lists (consents, legal
 * bases, identifiers) are JSON arrays.
 */

/** A legal basis in effect as the consent engine's filter reads it (legalBasesFor's row, the fields it uses). */
export type LegalBasisInput = Pick<
  LegalBasisForRow,
  | 'id'
  | 'recipientAgencyId'
  | 'caseId'
  | 'norm'
  | 'purposes'
  | 'categories'
  | 'citation'
  | 'validFrom'
  | 'validUntil'
  | 'agencyKind'
>;

/** A consent as the consent engine reads it (disclosuresOf's row, the fields the engine uses). */
export type ConsentInput = Pick<
  ConsentRow,
  | 'id'
  | 'personId'
  | 'recipientAgencyId'
  | 'purposes'
  | 'categories'
  | 'validFrom'
  | 'validUntil'
  | 'revokedAt'
  | 'provisions'
>;

/** The referrer's work contact: the role of the staff member who drafted it, their case's region. */
export interface ReferrerRow {
  role: string | null;
  region: Pick<RegionRow, 'name' | 'contactPhone' | 'contactEmail'> | null;
}

/** What sending a referral decides on (the referral itself is locked and the case checked before). */
export interface SendContext {
  agency: AgencyRow | null;
  person: PersonRow | null;
  service: ServiceRow | null;
  consents: ConsentInput[];
  legalBases: LegalBasisInput[];
}

/** What delivering a referral request decides on and builds its message from. */
export interface DeliveryContext extends SendContext {
  referral: ReferralRow | null;
  case: CaseScopeRow | null;
  identifiers: PersonIdentifierRow[];
  referrer: ReferrerRow;
}

// Field → column (or expression) of each one-row part. Records over the row types, so a field
// added to a row type fails to compile here until it is read too.
const PERSON: Record<keyof PersonRow, string> = {
  tenantId: 'tenant_id',
  id: 'id',
  givenNames: 'given_names',
  familyName: 'family_name',
  nameOriginalScript: 'name_original_script',
  aliases: 'aliases',
  birthDate: 'birth_date::text',
  birthDatePrecision: 'birth_date_precision',
  sex: 'sex',
  nationality: 'nationality',
  languages: 'languages',
  residenceStatus: 'residence_status',
  municipality: 'municipality',
  arrivalDate: 'arrival_date::text',
  doNotContact: 'do_not_contact',
  erasedAt: 'erased_at',
  createdAt: 'created_at',
  mergedIntoId: 'merged_into_id',
};
const REFERRAL: Record<keyof ReferralRow, string> = {
  tenantId: 'tenant_id',
  id: 'id',
  caseId: 'case_id',
  serviceId: 'service_id',
  agencyId: 'agency_id',
  purpose: 'purpose',
  categories: 'categories',
  status: 'status',
  businessStatus: 'business_status',
  statusReason: 'status_reason',
  servicesDelivered: 'services_delivered',
  outcome: 'outcome',
  note: 'note',
  respondBy: 'respond_by::text',
  createdBy: 'created_by',
  lastAgencyUpdateAt: 'last_agency_update_at',
  lastAgencyEventId: 'last_agency_event_id',
  requestedAt: 'requested_at',
  outcomeAcknowledgedAt: 'outcome_acknowledged_at',
  acceptedAt: 'accepted_at',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  version: 'version',
};
// The case as caseRepository.scope reads it (its area through the region `rg`).
const CASE: Record<keyof CaseScopeRow, string> = {
  id: 'c.id',
  personId: 'c.person_id',
  regionId: 'c.region_id',
  coordinationAreaId: 'rg.coordination_area_id',
  caseManagerId: 'c.case_manager_id',
  phase: 'c.phase',
  reference: 'c.reference',
  openedAt: 'c.opened_at',
  closedAt: 'c.closed_at',
};

const columns = (fields: Record<string, string>, q: string, part: string) =>
  Object.entries(fields)
    .map(([field, column]) => `${q}${column} AS "${part}.${field}"`)
    .join(',\n         ');

// The lists, each correlated to the referral `f`, its agency `a` and its case `c`, each with the
// conditions of the statement it replaces (consent.disclosuresOf, consent.legalBasesFor with the
// case given, person.identifiersByPersons).
const CONSENTS = `(SELECT coalesce(json_agg(k ORDER BY k."createdAt"), '[]') FROM (
            SELECT id, person_id AS "personId", recipient_agency_id AS "recipientAgencyId", purposes, categories,
                   valid_from::text AS "validFrom", valid_until::text AS "validUntil", revoked_at AS "revokedAt",
                   provisions, created_at AS "createdAt"
              FROM consents
             WHERE tenant_id = f.tenant_id AND person_id = c.person_id AND kind = 'disclosure') k) AS consents`;

const legalBases = (off: string | null) => `(SELECT coalesce(json_agg(lb), '[]') FROM (
            SELECT b.id, b.recipient_agency_id AS "recipientAgencyId", b.case_id AS "caseId", b.norm, b.purposes,
                   b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
                   ba.kind AS "agencyKind"
              FROM legal_bases b JOIN agencies ba ON ba.tenant_id = b.tenant_id AND ba.id = b.recipient_agency_id
             WHERE b.tenant_id = f.tenant_id
               AND ${off === null ? 'b.recipient_agency_id = a.id' : `(b.recipient_agency_id = a.id OR ${ruleOff('agency.grant.recipient', off)})`}
               AND ${legalBasisInEffectSql('b', 'c.id', '$4::date', off)}) lb) AS "legalBases"`;

const IDENTIFIERS = `(SELECT coalesce(json_agg(i), '[]') FROM (
            SELECT tenant_id AS "tenantId", id, person_id AS "personId", kind, issuer, value
              FROM person_identifiers WHERE tenant_id = f.tenant_id AND person_id = c.person_id) i) AS identifiers`;

/**
 * $1 tenant, $2 referral, $3 the agency it goes to, $4 the Berlin calendar day legal bases must be
 * in effect on; for a delivery $5: for a webhook only (an agency without one gets the agency row
 * alone, and no personal data is read for a message that will not go out by webhook); then the
 * access rules switched off (an ablation run). The agency row comes back whatever else is
 * missing; a part that does not exist comes back as nulls.
 */
const contextText = (what: 'send' | 'delivery' | 'deliveryMany', off: string | null) => {
  // deliveryMany: the same row for each (referral, agency) pair of $2 and $3, numbered by its place there.
  const many = what === 'deliveryMany';
  const delivering = what !== 'send';
  const referralId = many ? 'q.referral_id' : '$2';
  return `
  SELECT ${many ? 'q.n AS "ord",\n         ' : ''}${agencyColumns('a.', 'agency.')},
         ${columns(REFERRAL, 'f.', 'referral')},
         ${columns(CASE, '', 'case')},
         ${columns(PERSON, 'p.', 'person')},
         ${serviceColumns('s.', 'service.')},
         ${CONSENTS},
         ${legalBases(off)}${
           delivering
             ? `,
         ${IDENTIFIERS},
         st.role AS "referrer.role", rg.name AS "referrer.regionName",
         rg.contact_phone AS "referrer.contactPhone", rg.contact_email AS "referrer.contactEmail"`
             : ''
         }
    FROM ${many ? 'unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS q(referral_id, agency_id, n)\n    JOIN agencies a ON a.tenant_id = $1 AND a.id = q.agency_id' : 'agencies a'}
    LEFT JOIN referrals f ON f.tenant_id = a.tenant_id AND f.id = ${referralId}${delivering ? ' AND (a.webhook_url IS NOT NULL OR NOT $5::boolean)' : ''}
    LEFT JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
    LEFT JOIN regions rg ON rg.tenant_id = c.tenant_id AND rg.id = c.region_id
    LEFT JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id
    LEFT JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id${
      delivering ? `\n    LEFT JOIN staff_users st ON st.tenant_id = f.tenant_id AND st.id = f.created_by` : ''
    }
   ${many ? 'ORDER BY q.n' : 'WHERE a.tenant_id = $1 AND a.id = $3'}`;
};

type Params = [string, string, string, string];
type ParamsWithRulesOff = [string, string, string, string, readonly string[]];
type DeliveryParams = [string, string, string, string, boolean];
type DeliveryParamsWithRulesOff = [string, string, string, string, boolean, readonly string[]];
type Raw = Record<string, unknown>;

const send = statement<Raw, Params>('disclosure-context', 'send', contextText('send', null), { prepared: true });
const sendWithRulesOff = statement<Raw, ParamsWithRulesOff>(
  'disclosure-context',
  'sendWithRulesOff',
  contextText('send', '$5::text[]'),
);
const delivery = statement<Raw, DeliveryParams>('disclosure-context', 'delivery', contextText('delivery', null), {
  prepared: true,
});
const deliveryWithRulesOff = statement<Raw, DeliveryParamsWithRulesOff>(
  'disclosure-context',
  'deliveryWithRulesOff',
  contextText('delivery', '$6::text[]'),
);

type ManyParams = [string, string[], string[], string, boolean];
type ManyParamsWithRulesOff = [string, string[], string[], string, boolean, readonly string[]];
const deliveryMany = statement<Raw, ManyParams>(
  'disclosure-context',
  'deliveryMany',
  contextText('deliveryMany', null),
  {
    prepared: true,
  },
);
const deliveryManyWithRulesOff = statement<Raw, ManyParamsWithRulesOff>(
  'disclosure-context',
  'deliveryManyWithRulesOff',
  contextText('deliveryMany', '$6::text[]'),
);

/** The part `name` of a context row as its row type, or null when it does not exist (no id). */
function part<T>(row: Raw, name: string): T | null {
  const prefix = `${name}.`;
  if (row[`${prefix}id`] === null || row[`${prefix}id`] === undefined) return null;
  const out: Raw = {};
  for (const [key, value] of Object.entries(row)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  return out as T;
}

// JSON gives instants as text; the rows carry them as Date, as the one-row statements do.
const consentsOf = (raw: unknown): ConsentInput[] =>
  (raw as (Omit<ConsentInput, 'revokedAt'> & { revokedAt: string | null })[]).map((k) => ({
    id: k.id,
    personId: k.personId,
    recipientAgencyId: k.recipientAgencyId,
    purposes: k.purposes,
    categories: k.categories,
    validFrom: k.validFrom,
    validUntil: k.validUntil,
    revokedAt: k.revokedAt === null ? null : new Date(k.revokedAt),
    provisions: k.provisions,
  }));

function sendContextOf(row: Raw): SendContext {
  return {
    agency: part<AgencyRow>(row, 'agency'),
    person: part<PersonRow>(row, 'person'),
    service: part<ServiceRow>(row, 'service'),
    consents: consentsOf(row.consents ?? []),
    legalBases: (row.legalBases ?? []) as LegalBasisInput[],
  };
}

export interface ContextQuery {
  tenantId: string;
  referralId: string;
  agencyId: string;
  /** The Berlin calendar day legal bases must be in effect on. */
  day: string;
}

export const disclosureContextRepository = {
  /**
   * For sending: the agency, the person, the service, the person's disclosure consents and the
   * legal bases in effect for the referral's case. `off`: access rules switched off (ablation).
   */
  async send(db: Db, q: ContextQuery, off: readonly string[]): Promise<SendContext | null> {
    const params: Params = [q.tenantId, q.referralId, q.agencyId, q.day];
    const row =
      off.length === 0 ? await maybeOne(db, send, params) : await maybeOne(db, sendWithRulesOff, [...params, off]);
    return row && sendContextOf(row);
  },

  /**
   * For delivering a referral request: the send context, and the referral, case, identifiers and
   * referrer. `webhookOnly`: for an agency without a webhook only the agency comes back.
   */
  async delivery(
    db: Db,
    q: ContextQuery & { webhookOnly: boolean },
    off: readonly string[],
  ): Promise<DeliveryContext | null> {
    const params: DeliveryParams = [q.tenantId, q.referralId, q.agencyId, q.day, q.webhookOnly];
    const row =
      off.length === 0
        ? await maybeOne(db, delivery, params)
        : await maybeOne(db, deliveryWithRulesOff, [...params, off]);
    return row && deliveryContextOf(row);
  },

  /**
   * delivery for several referrals of one tenant, in one statement: for each (referral, agency)
   * pair in order, its context, or null when the agency does not exist.
   */
  async deliveryMany(
    db: Db,
    q: {
      tenantId: string;
      pairs: readonly { referralId: string; agencyId: string }[];
      day: string;
      webhookOnly: boolean;
    },
    off: readonly string[],
  ): Promise<(DeliveryContext | null)[]> {
    if (q.pairs.length === 0) return [];
    const params: ManyParams = [
      q.tenantId,
      q.pairs.map((p) => p.referralId),
      q.pairs.map((p) => p.agencyId),
      q.day,
      q.webhookOnly,
    ];
    const found =
      off.length === 0
        ? await rows(db, deliveryMany, params)
        : await rows(db, deliveryManyWithRulesOff, [...params, off]);
    const out: (DeliveryContext | null)[] = q.pairs.map(() => null);
    for (const row of found) out[Number(row.ord) - 1] = deliveryContextOf(row);
    return out;
  },
};

function deliveryContextOf(row: Raw): DeliveryContext {
  const regionName = row['referrer.regionName'] as string | null;
  return {
    ...sendContextOf(row),
    referral: part<ReferralRow>(row, 'referral'),
    case: part<CaseScopeRow>(row, 'case'),
    identifiers: (row.identifiers ?? []) as PersonIdentifierRow[],
    referrer: {
      role: row['referrer.role'] as string | null,
      region:
        regionName === null
          ? null
          : {
              name: regionName,
              contactPhone: row['referrer.contactPhone'] as string | null,
              contactEmail: row['referrer.contactEmail'] as string | null,
            },
    },
  };
}
