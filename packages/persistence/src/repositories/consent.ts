import type { DataCategory, LegalBasisStatus, Purpose } from '@kim/contracts';
import type { ConsentEvidence, ConsentGrantor, ConsentProvisionRow } from '../entities/consent.entity.js';
import { agencyColumns, serviceColumns, type AgencyRow, type ServiceRow } from './agency.js';
import { legalBasisInEffectSql, ruleOff } from './fragments.js';
import type { ConsentInput, LegalBasisInput } from './disclosure-context.js';
import {
  referralColumns,
  splitReferralWithTargets,
  type ReferralRow,
  type ReferralWithTargetsRow,
} from './referral.js';
import { execute, maybeOne, rows, statement, type Db } from './statement.js';

/** A consent as the person gave it; `date` columns as 'YYYY-MM-DD' text. */
export interface ConsentRow {
  tenantId: string;
  id: string;
  personId: string;
  caseId: string;
  /** The agency it names; null for a transfer consent (issue 19), which names a tenant instead. */
  recipientAgencyId: string | null;
  recipientTenantId: string | null;
  purposes: Purpose[];
  categories: DataCategory[];
  validFrom: string;
  validUntil: string;
  revokedAt: Date | null;
  evidence: ConsentEvidence;
  kind: 'disclosure' | 'service';
  grantor: ConsentGrantor | null;
  provisions: ConsentProvisionRow[] | null;
  expiredAt: Date | null;
  capturedBy: string;
  createdAt: Date;
}

const CONSENT_COLUMNS = `tenant_id AS "tenantId", id, person_id AS "personId", case_id AS "caseId",
         recipient_agency_id AS "recipientAgencyId", recipient_tenant_id AS "recipientTenantId", purposes, categories, valid_from::text AS "validFrom",
         valid_until::text AS "validUntil", revoked_at AS "revokedAt", evidence, kind, grantor, provisions,
         expired_at AS "expiredAt", captured_by AS "capturedBy", created_at AS "createdAt"`;

const byPersons = statement<ConsentRow, [string, string[]]>(
  'consent',
  'byPersons',
  `
  SELECT ${CONSENT_COLUMNS}
    FROM consents WHERE tenant_id = $1 AND person_id = ANY($2) ORDER BY created_at`,
  { prepared: true },
);

const LEGAL_BASIS_COLUMNS = `tenant_id AS "tenantId", id, recipient_agency_id AS "recipientAgencyId", person_id AS "personId",
         case_id AS "caseId", coordination_area_id AS "coordinationAreaId", norm, review_status AS "reviewStatus",
         reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", review_note AS "reviewNote", purposes, categories,
         citation, valid_from::text AS "validFrom", valid_until::text AS "validUntil", recorded_by AS "recordedBy",
         created_at AS "createdAt"`;

const disclosuresOf = statement<ConsentRow, [string, string]>(
  'consent',
  'disclosuresOf',
  `
  SELECT ${CONSENT_COLUMNS}
    FROM consents WHERE tenant_id = $1 AND person_id = $2 AND kind = 'disclosure'`,
  { prepared: true },
);

const byId = statement<ConsentRow, [string, string]>(
  'consent',
  'byId',
  `
  SELECT ${CONSENT_COLUMNS}
    FROM consents WHERE tenant_id = $1 AND id = $2`,
);

const lock = statement<ConsentRow, [string, string]>(
  'consent',
  'lock',
  `
  SELECT ${CONSENT_COLUMNS}
    FROM consents WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const insert = statement<
  { createdAt: Date },
  [
    string,
    string,
    string,
    string,
    string | null,
    string[],
    string[],
    string,
    string,
    string,
    string,
    string | null,
    string | null,
    string,
    string | null,
  ]
>(
  'consent',
  'insert',
  `
  INSERT INTO consents (tenant_id, id, person_id, case_id, recipient_agency_id, purposes, categories, valid_from,
                        valid_until, evidence, kind, grantor, provisions, captured_by, recipient_tenant_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
  RETURNING created_at AS "createdAt"`,
);

const revoke = statement<never, [string, string, Date]>(
  'consent',
  'revoke',
  `
  UPDATE consents SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2`,
);

/** A legal basis (a norm that allows a disclosure without consent), with its four-eyes review. */
export interface LegalBasisRow {
  tenantId: string;
  id: string;
  recipientAgencyId: string;
  personId: string | null;
  caseId: string | null;
  coordinationAreaId: string | null;
  norm: string | null;
  reviewStatus: LegalBasisStatus;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  purposes: Purpose[];
  categories: DataCategory[];
  citation: string;
  validFrom: string;
  validUntil: string | null;
  recordedBy: string;
  createdAt: Date;
}

const insertLegalBasis = statement<
  { createdAt: Date },
  [
    string,
    string,
    string,
    string | null,
    string | null,
    string | null,
    string,
    string[],
    string[],
    string,
    string,
    string | null,
    string,
  ]
>(
  'consent',
  'insertLegalBasis',
  `
  INSERT INTO legal_bases (tenant_id, id, recipient_agency_id, person_id, case_id, coordination_area_id, norm, purposes,
                           categories, citation, valid_from, valid_until, recorded_by, review_status)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pending')
  RETURNING created_at AS "createdAt"`,
);

const lockLegalBasis = statement<LegalBasisRow, [string, string]>(
  'consent',
  'lockLegalBasis',
  `
  SELECT ${LEGAL_BASIS_COLUMNS}
    FROM legal_bases WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
);

const reviewLegalBasis = statement<never, [string, string, LegalBasisStatus, string, Date, string | null]>(
  'consent',
  'reviewLegalBasis',
  `
  UPDATE legal_bases SET review_status = $3, reviewed_by = $4, reviewed_at = $5, review_note = $6
   WHERE tenant_id = $1 AND id = $2`,
);

/** A legal basis in effect, with the kind of the agency it names (norms reach agencies by kind). */
export type LegalBasisForRow = LegalBasisRow & { agencyKind: string };

// The legal bases in effect for data of a person going to an agency, with the access rules as
// plain conditions (the hot statement a running hub runs) or, with `off`, unless switched off ($6,
// an ablation run): declared twice from one text (fragments.ts).
const legalBasesForText = (off: string | null) => `
  SELECT b.tenant_id AS "tenantId", b.id, b.recipient_agency_id AS "recipientAgencyId", b.person_id AS "personId",
         b.case_id AS "caseId", b.coordination_area_id AS "coordinationAreaId", b.norm, b.review_status AS "reviewStatus",
         b.reviewed_by AS "reviewedBy", b.reviewed_at AS "reviewedAt", b.review_note AS "reviewNote", b.purposes,
         b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
         b.recorded_by AS "recordedBy", b.created_at AS "createdAt", a.kind AS "agencyKind"
    FROM legal_bases b JOIN agencies a ON a.tenant_id = b.tenant_id AND a.id = b.recipient_agency_id
   WHERE b.tenant_id = $1 AND ${off === null ? 'b.recipient_agency_id = $2' : `(b.recipient_agency_id = $2 OR ${ruleOff('agency.grant.recipient', off)})`}
     AND EXISTS (SELECT 1 FROM cases c
                  WHERE c.tenant_id = b.tenant_id AND c.person_id = $3 AND ($5::uuid IS NULL OR c.id = $5::uuid)
                    AND ${legalBasisInEffectSql('b', 'c.id', '$4::date', off)})`;

const legalBasesFor = statement<LegalBasisForRow, [string, string, string, string, string | null]>(
  'consent',
  'legalBasesFor',
  legalBasesForText(null),
  { prepared: true },
);

const legalBasesForWithRulesOff = statement<
  LegalBasisForRow,
  [string, string, string, string, string | null, readonly string[]]
>('consent', 'legalBasesForWithRulesOff', legalBasesForText('$6::text[]'));

/** A consent as an agency's read grant weighs it (the engine's fields, its kind and the case it was recorded on). */
export type GrantConsentRow = ConsentInput & Pick<ConsentRow, 'caseId' | 'kind'>;

/** A legal basis in effect as the grant's filter by norm reads it: the consent engine's input, as for a disclosure. */
export type GrantLegalBasisRow = LegalBasisInput;

/** What an agency's access to a case is decided on, read in one statement. */
export interface GrantFactsRow {
  /** The case's person: the grant is this person's. */
  personId: string;
  /** All the person's consents, oldest first, as byPersons reads them (the grant picks its own). */
  consents: GrantConsentRow[];
  /** The legal bases in effect for the person and the agency, as legalBasesFor reads them without a case. */
  legalBases: GrantLegalBasisRow[];
  /** The case's referrals with the service and agency each names, oldest first, as referral.withTargetsOfCases reads them. */
  referrals: { referral: ReferralRow; service: ServiceRow; agency: AgencyRow }[];
}

// What an agency's access to case $2 is decided on: the grant's facts for the case's person and
// agency $3 on day $4 (the person's consents as consent.byPersons reads them, the legal bases in
// effect as consent.legalBasesFor reads them with no case given: in scope of any of the person's
// cases), each a JSON list, and the case's referrals with their services and agencies as
// referral.withTargetsOfCases reads them (one row each; one row of nulls if there is none). One
// statement instead of three, asked by the case's id, so beside the case itself. `off`: the
// access rules switched off.
const grantFactsOfCaseText = (off: string | null) => `
  SELECT g."personId" AS "g.personId", g.consents AS "g.consents", g."legalBases" AS "g.legalBases",
         ${referralColumns('f.')},
         ${serviceColumns('s.', 's.')},
         ${agencyColumns('a.', 'a.')}
    FROM cases c
   CROSS JOIN LATERAL (
         SELECT c.person_id AS "personId",
                (SELECT coalesce(json_agg(k ORDER BY k."createdAt"), '[]') FROM (
                   SELECT id, person_id AS "personId", case_id AS "caseId", kind, recipient_agency_id AS "recipientAgencyId",
                          purposes, categories, valid_from::text AS "validFrom", valid_until::text AS "validUntil",
                          revoked_at AS "revokedAt", provisions, created_at AS "createdAt"
                     FROM consents
                    WHERE tenant_id = c.tenant_id AND person_id = c.person_id) k) AS consents,
                (SELECT coalesce(json_agg(lb ORDER BY lb.id), '[]') FROM (
                   SELECT b.id, b.recipient_agency_id AS "recipientAgencyId", b.case_id AS "caseId", b.norm, b.purposes,
                          b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
                          ba.kind AS "agencyKind"
                     FROM legal_bases b JOIN agencies ba ON ba.tenant_id = b.tenant_id AND ba.id = b.recipient_agency_id
                    WHERE b.tenant_id = c.tenant_id
                      AND ${off === null ? 'b.recipient_agency_id = $3' : `(b.recipient_agency_id = $3 OR ${ruleOff('agency.grant.recipient', off)})`}
                      AND EXISTS (SELECT 1 FROM cases pc
                                   WHERE pc.tenant_id = b.tenant_id AND pc.person_id = c.person_id
                                     AND ${legalBasisInEffectSql('b', 'pc.id', '$4::date', off)})) lb) AS "legalBases") g
    LEFT JOIN (referrals f
               JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
               JOIN agencies a ON a.tenant_id = f.tenant_id AND a.id = f.agency_id)
           ON f.tenant_id = c.tenant_id AND f.case_id = c.id
   WHERE c.tenant_id = $1 AND c.id = $2
   ORDER BY f.created_at`;

type GrantConsentRaw = Omit<GrantConsentRow, 'revokedAt'> & { revokedAt: string | null; createdAt?: string };
type GrantFactsRaw = ReferralWithTargetsRow & {
  'g.personId': string;
  'g.consents': GrantConsentRaw[];
  'g.legalBases': GrantLegalBasisRow[];
};

const grantFactsOfCase = statement<GrantFactsRaw, [string, string, string, string]>(
  'consent',
  'grantFactsOfCase',
  grantFactsOfCaseText(null),
  { prepared: true },
);

const grantFactsOfCaseWithRulesOff = statement<GrantFactsRaw, [string, string, string, string, readonly string[]]>(
  'consent',
  'grantFactsOfCaseWithRulesOff',
  grantFactsOfCaseText('$5::text[]'),
);

// JSON gives instants as text; the rows carry them as Date, as byPersons does.
const grantConsentOf = (k: GrantConsentRaw): GrantConsentRow => ({
  id: k.id,
  personId: k.personId,
  caseId: k.caseId,
  kind: k.kind,
  recipientAgencyId: k.recipientAgencyId,
  purposes: k.purposes,
  categories: k.categories,
  validFrom: k.validFrom,
  validUntil: k.validUntil,
  revokedAt: k.revokedAt === null ? null : new Date(k.revokedAt),
  provisions: k.provisions,
});

function grantFactsOf(found: GrantFactsRaw[]): GrantFactsRow | null {
  const first = found[0];
  if (!first) return null;
  const referrals = [];
  for (const row of found) {
    if (row.id === null) continue; // the row of a case without referrals
    const { 'g.personId': _p, 'g.consents': _c, 'g.legalBases': _l, ...referral } = row;
    referrals.push(splitReferralWithTargets(referral));
  }
  return {
    personId: first['g.personId'],
    consents: first['g.consents'].map(grantConsentOf),
    legalBases: first['g.legalBases'],
    referrals,
  };
}

const expireDue = statement<
  {
    tenantId: string;
    id: string;
    caseId: string;
    personId: string;
    recipientAgencyId: string;
    categories: DataCategory[];
  },
  [string, Date]
>(
  'consent',
  'expireDue',
  `
  UPDATE consents SET expired_at = $2
   WHERE revoked_at IS NULL AND expired_at IS NULL AND valid_until < $1::date
  RETURNING tenant_id AS "tenantId", id, case_id AS "caseId", person_id AS "personId",
            recipient_agency_id AS "recipientAgencyId", categories`,
);

// The area of a basis: its own, or that of the case it was recorded on.
const legalBasesOfArea = statement<LegalBasisRow, [string, string | null, string | null, number]>(
  'consent',
  'legalBasesOfArea',
  `
  SELECT b.tenant_id AS "tenantId", b.id, b.recipient_agency_id AS "recipientAgencyId", b.person_id AS "personId",
         b.case_id AS "caseId", b.coordination_area_id AS "coordinationAreaId", b.norm, b.review_status AS "reviewStatus",
         b.reviewed_by AS "reviewedBy", b.reviewed_at AS "reviewedAt", b.review_note AS "reviewNote", b.purposes,
         b.categories, b.citation, b.valid_from::text AS "validFrom", b.valid_until::text AS "validUntil",
         b.recorded_by AS "recordedBy", b.created_at AS "createdAt"
    FROM legal_bases b
    LEFT JOIN cases c ON c.tenant_id = b.tenant_id AND c.id = b.case_id
    LEFT JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
   WHERE b.tenant_id = $1 AND coalesce(b.coordination_area_id, r.coordination_area_id) = $2
     AND ($3::text IS NULL OR b.review_status = $3)
   ORDER BY b.review_status = 'pending' DESC, b.created_at DESC
   LIMIT $4`,
);

export interface ConsentInsert {
  tenantId: string;
  id: string;
  personId: string;
  caseId: string;
  recipientAgencyId: string | null;
  recipientTenantId: string | null;
  purposes: Purpose[];
  categories: DataCategory[];
  validFrom: string;
  validUntil: string;
  evidence: ConsentEvidence;
  kind: ConsentRow['kind'];
  grantor: ConsentGrantor | null;
  provisions: ConsentProvisionRow[] | null;
  capturedBy: string;
}

export type LegalBasisInsert = Omit<
  LegalBasisRow,
  'reviewStatus' | 'reviewedBy' | 'reviewedAt' | 'reviewNote' | 'createdAt'
>;

// jsonb goes as text: node-postgres would send a JavaScript array as a PostgreSQL array.
const json = (v: unknown) => (v === null ? null : JSON.stringify(v));

/** Consents and legal bases: what allows data of a person to go to an agency. */
export const consentRepository = {
  /** The consents of persons, oldest first. */
  byPersons: (db: Db, tenantId: string, personIds: readonly string[]) =>
    rows(db, byPersons, [tenantId, [...personIds]]),
  /** The disclosure consents of a person (the engine decides on them). */
  disclosuresOf: (db: Db, tenantId: string, personId: string) => rows(db, disclosuresOf, [tenantId, personId]),
  /** A consent, locked for a change (inside a transaction). */
  byId: (db: Db, tenantId: string, id: string) => maybeOne(db, byId, [tenantId, id]),
  lock: (db: Db, tenantId: string, id: string) => maybeOne(db, lock, [tenantId, id]),
  async insert(db: Db, c: ConsentInsert): Promise<ConsentRow> {
    const [row] = await rows(db, insert, [
      c.tenantId,
      c.id,
      c.personId,
      c.caseId,
      c.recipientAgencyId,
      c.purposes,
      c.categories,
      c.validFrom,
      c.validUntil,
      json(c.evidence)!,
      c.kind,
      json(c.grantor),
      json(c.provisions),
      c.capturedBy,
      c.recipientTenantId,
    ]);
    return { ...c, revokedAt: null, expiredAt: null, createdAt: row!.createdAt };
  },
  revoke: (db: Db, tenantId: string, id: string, at: Date) => execute(db, revoke, [tenantId, id, at]),

  async insertLegalBasis(db: Db, b: LegalBasisInsert): Promise<LegalBasisRow> {
    const [row] = await rows(db, insertLegalBasis, [
      b.tenantId,
      b.id,
      b.recipientAgencyId,
      b.personId,
      b.caseId,
      b.coordinationAreaId,
      b.norm!,
      b.purposes,
      b.categories,
      b.citation,
      b.validFrom,
      b.validUntil,
      b.recordedBy,
    ]);
    return {
      ...b,
      reviewStatus: 'pending',
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
      createdAt: row!.createdAt,
    };
  },
  /** A legal basis, locked for its review (inside a transaction). */
  lockLegalBasis: (db: Db, tenantId: string, id: string) => maybeOne(db, lockLegalBasis, [tenantId, id]),
  reviewLegalBasis: (
    db: Db,
    b: Pick<LegalBasisRow, 'tenantId' | 'id' | 'reviewStatus' | 'reviewedBy' | 'reviewedAt' | 'reviewNote'>,
  ) => execute(db, reviewLegalBasis, [b.tenantId, b.id, b.reviewStatus, b.reviewedBy!, b.reviewedAt!, b.reviewNote]),
  /** The legal bases a coordination area supervises (its own and its cases'), pending first, newest first. */
  /**
   * The legal bases in effect on `day` for data of the person going to the agency: confirmed,
   * valid, in scope of the case (or, without one, of any of the person's cases). `off`: the
   * access rules switched off (an ablation run; empty otherwise).
   */
  legalBasesFor: (
    db: Db,
    q: { tenantId: string; personId: string; agencyId: string; day: string; caseId: string | null },
    off: readonly string[],
  ) =>
    off.length === 0
      ? rows(db, legalBasesFor, [q.tenantId, q.agencyId, q.personId, q.day, q.caseId])
      : rows(db, legalBasesForWithRulesOff, [q.tenantId, q.agencyId, q.personId, q.day, q.caseId, off]),

  /**
   * What an agency's access to a case is decided on, in one statement: the person's consents and
   * the legal bases in effect on `day` for the person and the agency (in scope of any of the
   * person's cases), as byPersons and legalBasesFor (without a case) read them, and the case's
   * referrals with their services and agencies, as withTargetsOfCases reads them. Null when the
   * case is not there. `off`: the access rules switched off (ablation; empty otherwise).
   */
  async grantFactsOfCase(
    db: Db,
    q: { tenantId: string; caseId: string; agencyId: string; day: string },
    off: readonly string[],
  ): Promise<GrantFactsRow | null> {
    const params: [string, string, string, string] = [q.tenantId, q.caseId, q.agencyId, q.day];
    return grantFactsOf(
      off.length === 0
        ? await rows(db, grantFactsOfCase, params)
        : await rows(db, grantFactsOfCaseWithRulesOff, [...params, off]),
    );
  },

  /** Consents whose validity ended before `today` are marked expired at `now`; they come back. */
  expireDue: (db: Db, today: string, now: Date) => rows(db, expireDue, [today, now]),

  legalBasesOfArea: (db: Db, tenantId: string, areaId: string | null, status: string | null, limit: number) =>
    rows(db, legalBasesOfArea, [tenantId, areaId, status, limit]),
};
