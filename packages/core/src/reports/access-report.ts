import type { DataSource } from 'typeorm';
import { AGENCY_READ_ACTIONS } from '@kim/contracts';
import {
  accessReportRepository,
  achievementRepository,
  agencyRepository,
  caseRepository,
  consentRepository,
  dossierRepository,
  personRepository,
  tenantRepository,
  transferRepository,
  timelineRepository,
} from '@kim/persistence';
import { caseForStaff } from '../case/case-scope.js';
import { audit } from '../ledger/audit.js';
import { legalBasesFor } from '../consent/consent-check.js';
import type { Principal } from '../common/principal.js';
import { rule } from '../access/rules.js';
import { staffSeesCase } from '../access/policy.js';

/** One disclosure or read from the ledger: who received which categories, when, on what basis. */
export interface DisclosureLine {
  at: string;
  recipient: string;
  action: string;
  categories: string[];
  basis: string | null;
}

/** Auskunft nach Art. 15 DSGVO: everything the hub holds about a person, and every recipient. */
export interface AccessReport {
  generatedAt: string;
  person: {
    givenNames: string;
    familyName: string;
    nameOriginalScript: string | null;
    aliases: { givenNames: string; familyName: string; originalScript?: string }[];
    birthDate: string | null;
    birthDatePrecision: string;
    sex: string;
    nationality: string | null;
    languages: string[];
    residenceStatus: string | null;
    municipality: string;
    arrivalDate: string | null;
    doNotContact: boolean;
  };
  identifiers: { kind: string; issuer: string; value: string }[];
  cases: {
    reference: string;
    phase: string;
    openedAt: string;
    closedAt: string | null;
    needs: { domain: string; description: string }[];
    goals: { domain: string; description: string; targetDate: string | null; status: string }[];
    referrals: { agency: string; service: string; status: string; reason: string | null; requestedAt: string | null }[];
    /** The person's achievements (issue 19), corrected ones too (they are still held): the facts and the evidence seen. */
    achievements: {
      kind: string;
      achievedOn: string;
      endedOn: string | null;
      details: Record<string, unknown>;
      source: string;
      /** The agency that reported it, for an agency's achievement. */
      reportedBy: string | null;
      evidence: { kind: string; reference: string; seenOn: string };
      correctedAt: string | null;
    }[];
    timeline: { at: string; summary: string }[];
  }[];
  consents: {
    recipient: string;
    purposes: string[];
    categories: string[];
    validFrom: string;
    validUntil: string;
    revokedAt: string | null;
    signedOn: string;
    explainedInLanguage: string;
  }[];
  legalBases: {
    recipient: string;
    citation: string;
    categories: string[];
    validFrom: string;
    validUntil: string | null;
  }[];
  /** Recipients of the person's data, from the disclosure ledger. */
  disclosures: DisclosureLine[];
}

/** The ledger's actions that sent the person's data to an agency: a referral's message, a dossier. */
const DISCLOSURE_ACTIONS = ['referral.disclose', 'dossier.send'] as const;

export class AccessReports {
  constructor(private readonly ds: DataSource) {}

  /**
   * The report for the person of a case; staff of the case's area only, and it holds only what
   * they may see: the person's cases in their area, with what was recorded on them and who
   * received or read it. The request is audited.
   */
  async forCase(p: Principal, caseId: string): Promise<AccessReport> {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const root = await caseForStaff(m, p, caseId);
      const tenantId = p.tenantId;
      const personId = root.personId;
      // One connection in a transaction: queries one after another.
      const [person] = await personRepository.byIds(m, tenantId, [personId]);
      if (!person) throw new Error(`person ${personId} of case ${caseId} not found`);
      const identifiers = await personRepository.identifiersByPersons(m, tenantId, [personId]);
      // Only what the caller may see: the person's cases in the caller's area, and what was
      // recorded on them. A case elsewhere (another area's needs, goals, consents) is not listed.
      const cases = (await accessReportRepository.casesOfPerson(m, tenantId, personId)).filter(
        (c) => !rule('staff.report.own-area-cases') || staffSeesCase(p, c),
      );
      const mine = new Set(cases.map((c) => c.id));
      const consents = (await consentRepository.byPersons(m, tenantId, [personId])).filter((c) => mine.has(c.caseId));
      const agencies = await agencyRepository.list(m, tenantId);
      const services = await accessReportRepository.serviceNames(m, tenantId);
      const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
      // A transfer consent (issue 19) names a Kreis of the hub instead of an agency.
      const kreisIds = [...new Set(consents.map((c) => c.recipientTenantId).filter((t): t is string => !!t))];
      const kreisName = new Map<string, string>();
      for (const t of kreisIds) kreisName.set(t, (await tenantRepository.byId(m, t))?.name ?? t);
      const serviceName = new Map(services.map((s) => [s.id, s.name]));
      const caseIds = cases.map((c) => c.id);
      const needs = await caseRepository.needsByCases(m, tenantId, caseIds);
      const goals = await caseRepository.goalsByCases(m, tenantId, caseIds);
      const referrals = await accessReportRepository.referralsOfCases(m, tenantId, caseIds);
      const timeline = await timelineRepository.byCases(m, tenantId, caseIds);
      const achievements = await achievementRepository.byCases(m, tenantId, caseIds);
      // A dossier to the foreigners' or naturalisation authority is a disclosure like a referral's.
      const dossiers = await dossierRepository.byCases(m, tenantId, caseIds);
      const ledger = await accessReportRepository.ledger(m, {
        tenantId,
        personId,
        caseIds,
        referralIds: referrals.map((r) => r.id),
        dossierIds: dossiers.map((d) => d.id),
        actions: [...DISCLOSURE_ACTIONS, ...AGENCY_READ_ACTIONS],
      });
      const recipients = [...new Set(ledger.map((l) => l.agency_id).filter((a): a is string => !!a))];
      // A case moved to another Kreis (issue 19): that Kreis received the consented categories.
      const moved = (await transferRepository.outgoingOfCases(m, tenantId, caseIds)).filter(
        (x) => x.status === 'accepted' && x.personId === personId,
      );
      const bases = [];
      for (const a of recipients) bases.push(...(await legalBasesFor(m, tenantId, personId, a)));
      await audit(m, p, {
        action: 'access-report.generated',
        subjectType: 'person',
        subjectId: personId,
        allowed: true,
        personId,
      });
      const iso = (d: Date | null) => (d ? d.toISOString() : null);
      return {
        generatedAt: new Date().toISOString(),
        person: {
          givenNames: person.givenNames,
          familyName: person.familyName,
          nameOriginalScript: person.nameOriginalScript,
          aliases: person.aliases,
          birthDate: person.birthDate,
          birthDatePrecision: person.birthDatePrecision,
          sex: person.sex,
          nationality: person.nationality,
          languages: person.languages,
          residenceStatus: person.residenceStatus,
          municipality: person.municipality,
          arrivalDate: person.arrivalDate,
          doNotContact: person.doNotContact,
        },
        identifiers: identifiers.map((i) => ({
          kind: i.kind,
          issuer: agencyName.get(i.issuer) ?? i.issuer,
          value: i.value,
        })),
        cases: cases.map((c) => ({
          reference: c.reference,
          phase: c.phase,
          openedAt: c.openedAt.toISOString(),
          closedAt: iso(c.closedAt),
          needs: needs.filter((n) => n.caseId === c.id).map((n) => ({ domain: n.domain, description: n.description })),
          goals: goals
            .filter((g) => g.caseId === c.id)
            .map((g) => ({ domain: g.domain, description: g.description, targetDate: g.targetDate, status: g.status })),
          referrals: referrals
            .filter((r) => r.caseId === c.id)
            .map((r) => ({
              agency: agencyName.get(r.agencyId) ?? r.agencyId,
              service: serviceName.get(r.serviceId) ?? r.serviceId,
              status: r.status,
              reason: r.statusReason,
              requestedAt: iso(r.requestedAt),
            })),
          achievements: achievements
            .filter((a) => a.caseId === c.id)
            .map((a) => ({
              kind: a.kind,
              achievedOn: a.achievedOn,
              endedOn: a.endedOn,
              details: a.details,
              source: a.source,
              reportedBy: a.agencyId ? (agencyName.get(a.agencyId) ?? a.agencyId) : null,
              evidence: { kind: a.evidenceKind, reference: a.evidenceReference, seenOn: a.evidenceSeenOn },
              correctedAt: iso(a.supersededAt),
            })),
          timeline: timeline
            .filter((t) => t.caseId === c.id)
            .map((t) => ({ at: t.occurredAt.toISOString(), summary: t.summary })),
        })),
        consents: consents.map((c) => ({
          recipient: c.recipientAgencyId
            ? (agencyName.get(c.recipientAgencyId) ?? c.recipientAgencyId)
            : (kreisName.get(c.recipientTenantId!) ?? c.recipientTenantId!),
          purposes: c.purposes,
          categories: c.categories,
          validFrom: c.validFrom,
          validUntil: c.validUntil,
          revokedAt: iso(c.revokedAt),
          signedOn: c.evidence.signedOn,
          explainedInLanguage: c.evidence.explainedInLanguage,
        })),
        legalBases: bases.map((b) => ({
          recipient: agencyName.get(b.recipientAgencyId) ?? b.recipientAgencyId,
          citation: b.citation,
          categories: [...b.categories],
          validFrom: b.validFrom,
          validUntil: b.validUntil ?? null,
        })),
        disclosures: ledger
          .map((l) => ({
            at: new Date(l.at).toISOString(),
            recipient: l.agency_id
              ? (agencyName.get(l.agency_id) ?? l.agency_id)
              : l.staff_name
                ? `${l.staff_name} (KIM)`
                : 'unknown',
            action:
              l.action === 'referral.disclose' || l.action === 'dossier.send'
                ? 'disclosed'
                : l.action === 'case.read' && !l.agency_id
                  ? 'override-read'
                  : 'read',
            categories: l.categories,
            basis: l.basis,
          }))
          .concat(
            moved.map((x) => ({
              at: (x.decidedAt ?? x.offeredAt).toISOString(),
              recipient: x.toTenantName,
              action: 'transferred',
              categories: x.categories,
              basis: x.consentId,
            })),
          ),
      };
    });
  }
}
