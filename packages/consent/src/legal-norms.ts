import { AgencyKind, DataCategory } from '@kim/contracts';

/**
 * A statutory norm the hub accepts as a legal basis for disclosure (Rechtsgrundlage): which
 * kinds of agency it lets data go to and which data categories it can cover. Health (Art. 9
 * GDPR) is covered by none: it leaves the hub only on the person's explicit consent.
 */
export interface LegalNorm {
  /** Stable code, stored with each legal basis. */
  code: string;
  /** The paragraph and the law as cited: "§ 87 AufenthG". */
  paragraph: string;
  law: string;
  title: string;
  agencyKinds: readonly AgencyKind[];
  categories: readonly DataCategory[];
}

const { IDENTITY, CONTACT, RESIDENCE_STATUS, BENEFITS, EDUCATION_WORK, FAMILY } = DataCategory;
const K = AgencyKind;

/**
 * The norms the hub supports, maintained here (a change is a code review, not a setting). A
 * coordinator's citation must name one of them, e.g. "§ 87 Abs. 1 AufenthG".
 */
export const LEGAL_NORMS: readonly LegalNorm[] = [
  {
    code: 'AUFENTHG_71',
    paragraph: '71',
    law: 'AufenthG',
    title: 'Zuständigkeit der Ausländerbehörden',
    agencyKinds: [K.FOREIGNERS_AUTHORITY],
    categories: [IDENTITY, RESIDENCE_STATUS],
  },
  {
    code: 'AUFENTHG_87',
    paragraph: '87',
    law: 'AufenthG',
    title: 'Übermittlungen an Ausländerbehörden',
    agencyKinds: [K.FOREIGNERS_AUTHORITY],
    categories: [IDENTITY, CONTACT, RESIDENCE_STATUS],
  },
  {
    code: 'SGBX_69',
    paragraph: '69',
    law: 'SGB X',
    title: 'Übermittlung für die Erfüllung sozialer Aufgaben',
    agencyKinds: [K.JOBCENTER, K.EMPLOYMENT_AGENCY, K.SOCIAL_WELFARE, K.YOUTH_OFFICE],
    categories: [IDENTITY, CONTACT, BENEFITS, EDUCATION_WORK, FAMILY],
  },
  {
    code: 'SGBX_71',
    paragraph: '71',
    law: 'SGB X',
    title: 'Übermittlung für die Erfüllung besonderer gesetzlicher Pflichten (an Ausländerbehörden)',
    agencyKinds: [K.FOREIGNERS_AUTHORITY],
    categories: [IDENTITY, CONTACT, RESIDENCE_STATUS, BENEFITS],
  },
  {
    code: 'SGBII_50',
    paragraph: '50',
    law: 'SGB II',
    title: 'Datenübermittlung zwischen Jobcenter und Agentur für Arbeit',
    agencyKinds: [K.JOBCENTER, K.EMPLOYMENT_AGENCY],
    categories: [IDENTITY, CONTACT, BENEFITS, EDUCATION_WORK],
  },
  {
    code: 'SGBVIII_8A',
    paragraph: '8a',
    law: 'SGB VIII',
    title: 'Schutzauftrag bei Kindeswohlgefährdung',
    agencyKinds: [K.YOUTH_OFFICE],
    categories: [IDENTITY, CONTACT, FAMILY],
  },
  {
    code: 'INTV_8',
    paragraph: '8',
    law: 'IntV',
    title: 'Datenübermittlung im Integrationskurs',
    agencyKinds: [K.LANGUAGE_COURSE_PROVIDER, K.FOREIGNERS_AUTHORITY, K.JOBCENTER],
    categories: [IDENTITY, CONTACT, RESIDENCE_STATUS, EDUCATION_WORK],
  },
];

/** "§ 87 AufenthG": the norm as it is cited at its shortest. */
export const citationOf = (norm: LegalNorm) => `§ ${norm.paragraph} ${norm.law}`;

/** Subdivisions a citation may name between paragraph and law: Abs. 1, Satz 2, Nr. 3, lit. c … */
const SUBDIVISION =
  /^(?:Abs\.|Absatz|Satz|S\.|Nr\.|Nummer|lit\.|Buchst\.)\s*[0-9]{1,3}[a-z]?$|^(?:lit\.|Buchst\.)\s*[a-z]$/;

/**
 * The listed norm a citation names, or null. "§ 87 Abs. 1 AufenthG" and "§87 AufenthG" name
 * § 87 AufenthG; "§ 0 Pentest", "Art. 6 DSGVO" (no national norm) and free text name none.
 */
export function normOfCitation(citation: string): LegalNorm | null {
  const text = citation
    .replace(/\.(?=[0-9a-z])/g, '. ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
  const m = /^§ ?(\d{1,4}[a-z]?) (.+)$/.exec(text);
  if (!m) return null;
  const [, paragraph, rest] = m as unknown as [string, string, string];
  for (const norm of LEGAL_NORMS) {
    if (norm.paragraph !== paragraph || !rest.endsWith(norm.law)) continue;
    const between = rest.slice(0, rest.length - norm.law.length).trim();
    // What stands between paragraph and law must be subdivisions only (pairs such as "Abs. 1").
    const parts = between ? between.split(' ') : [];
    if (parts.length % 2 !== 0) continue;
    let ok = true;
    for (let i = 0; i < parts.length; i += 2) {
      if (!SUBDIVISION.test(`${parts[i]} ${parts[i + 1]}`)) ok = false;
    }
    if (ok) return norm;
  }
  return null;
}

export const normByCode = (code: string | null | undefined): LegalNorm | null =>
  LEGAL_NORMS.find((n) => n.code === code) ?? null;

/** Why a norm cannot carry data of these categories to an agency of this kind, or null. */
export function whyNormDoesNotCover(norm: LegalNorm, agencyKind: string, categories: readonly string[]): string | null {
  if (!norm.agencyKinds.includes(agencyKind as AgencyKind))
    return `${citationOf(norm)} does not provide for disclosure to an agency of kind ${agencyKind}`;
  const outside = categories.filter((c) => !norm.categories.includes(c as DataCategory));
  if (outside.length > 0) return `${citationOf(norm)} does not cover ${outside.join(', ')}`;
  return null;
}
