/**
 * The onboarding CSV format: header check and row validation, as pure functions (the CLI reads
 * and writes the files).
 */
import type { BirthDatePrecision, PersonRecord, Sex } from './types.js';

export const CLIENT_COLUMNS = [
  'record_id',
  'source_agency',
  'given_names',
  'family_name',
  'name_original_script',
  'birth_date',
  'birth_date_note',
  'sex',
  'nationality',
  'municipality',
  'agency_identifier',
] as const;

/**
 * One row per direct pair decision: `basis` is what the decision rests on (`identifier` or
 * `score` for a link, `review` for a pair a person decides).
 */
export const DECISION_COLUMNS = ['record_id_a', 'record_id_b', 'decision', 'score', 'basis'] as const;

export interface RowError {
  /** Line in the file (1 = header). */
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** Checks the header row; returns a message when it is not exactly the expected columns. */
export function checkHeader(header: readonly string[]): string | undefined {
  const got = header.map((h) => h.trim().toLowerCase());
  if (got.length === CLIENT_COLUMNS.length && got.every((h, i) => h === CLIENT_COLUMNS[i])) return undefined;
  return `expected header ${CLIENT_COLUMNS.join(',')}, got ${header.join(',')}`;
}

/** ISO 3166-1 alpha-3, plus XKX (Kosovo) and the ICAO codes for stateless, refugee and unspecified. */
const COUNTRY_CODES = new Set(
  (
    'ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM ' +
    'BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR ' +
    'CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB ' +
    'GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA ' +
    'JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA ' +
    'MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR ' +
    'NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS ' +
    'SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON ' +
    'TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE ' +
    'XKX XXA XXB XXC XXX'
  ).split(' '),
);

const NOTES: Readonly<Record<string, BirthDatePrecision>> = {
  exact: 'exact',
  placeholder: 'placeholder',
  year_only: 'year-only',
  'year-only': 'year-only',
  unknown: 'unknown',
};

const SEXES: Readonly<Record<string, Sex>> = {
  f: 'female',
  w: 'female',
  female: 'female',
  m: 'male',
  male: 'male',
  d: 'diverse',
  x: 'diverse',
  diverse: 'diverse',
  u: 'unknown',
  unknown: 'unknown',
  '': 'unknown',
};

const MAX_FIELD = 200;

function isValidDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export type RowResult = { readonly record: PersonRecord } | { readonly errors: readonly RowError[] };

/**
 * Validates one data row (values in CLIENT_COLUMNS order). `currentYear` bounds birth years
 * (passed in so the function stays pure). An empty birth_date_note is inferred from the date.
 */
export function parseClientRow(values: readonly string[], line: number, currentYear: number): RowResult {
  const errors: RowError[] = [];
  const fail = (field: string, message: string): void => {
    errors.push({ line, field, message });
  };
  if (values.length !== CLIENT_COLUMNS.length) {
    return {
      errors: [{ line, field: '*', message: `expected ${CLIENT_COLUMNS.length} fields, got ${values.length}` }],
    };
  }
  const v = Object.fromEntries(CLIENT_COLUMNS.map((c, i) => [c, (values[i] ?? '').trim()])) as Record<
    (typeof CLIENT_COLUMNS)[number],
    string
  >;
  for (const c of CLIENT_COLUMNS) if (v[c].length > MAX_FIELD) fail(c, `longer than ${MAX_FIELD} characters`);
  if (!v.record_id) fail('record_id', 'missing');
  if (!v.source_agency) fail('source_agency', 'missing');
  if (!v.given_names && !v.family_name) fail('given_names', 'given_names and family_name are both empty');

  let birthDate: string | undefined;
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/.exec(v.birth_date);
  if (v.birth_date) {
    if (!m) fail('birth_date', `"${v.birth_date}" is not YYYY-MM-DD or YYYY`);
    else {
      const y = Number(m[1]);
      if (y < 1900 || y > currentYear) fail('birth_date', `year ${y} out of range 1900–${currentYear}`);
      else if (m[2] && !isValidDate(y, Number(m[2]), Number(m[3])))
        fail('birth_date', `"${v.birth_date}" is not a calendar date`);
      else birthDate = v.birth_date;
    }
  }
  const noteRaw = v.birth_date_note.toLowerCase();
  let precision: BirthDatePrecision;
  let noteValid = true;
  if (noteRaw === '') precision = !v.birth_date ? 'unknown' : m?.[2] ? 'exact' : 'year-only';
  else {
    const note = NOTES[noteRaw];
    if (!note) {
      fail('birth_date_note', `"${v.birth_date_note}" is not one of exact, placeholder, year_only, unknown`);
      noteValid = false;
      precision = 'unknown';
    } else precision = note;
  }
  if (!noteValid) {
    // Already reported; consistency with the date cannot be judged.
  } else if (birthDate && m) {
    if (precision === 'exact' && !m[2]) fail('birth_date_note', 'exact needs a full date YYYY-MM-DD');
    if (precision === 'placeholder' && m[2] && !birthDate.endsWith('-01-01'))
      fail('birth_date_note', 'a placeholder date is 01.01. of the year');
    if (precision === 'unknown') fail('birth_date_note', 'unknown, but a birth date is given');
  } else if (!v.birth_date && (precision === 'exact' || precision === 'placeholder' || precision === 'year-only')) {
    fail('birth_date', `missing, but birth_date_note says ${v.birth_date_note}`);
  }

  const sex = SEXES[v.sex.toLowerCase()];
  if (!sex) fail('sex', `"${v.sex}" is not one of F, M, D/X, U`);
  const nationality = v.nationality.toUpperCase();
  if (nationality && !COUNTRY_CODES.has(nationality))
    fail('nationality', `"${v.nationality}" is not an ISO 3166-1 alpha-3 code`);

  if (errors.length > 0) return { errors };
  return {
    record: {
      recordId: v.record_id,
      sourceAgency: v.source_agency,
      givenNames: v.given_names,
      familyName: v.family_name,
      ...(v.name_original_script ? { nameOriginalScript: v.name_original_script } : {}),
      ...(birthDate ? { birthDate } : {}),
      birthDatePrecision: birthDate ? precision : 'unknown',
      sex: sex ?? 'unknown',
      ...(nationality ? { nationality } : {}),
      ...(v.municipality ? { municipality: v.municipality } : {}),
      ...(v.agency_identifier ? { agencyIdentifier: v.agency_identifier } : {}),
    },
  };
}

/** A record as a CSV row (CLIENT_COLUMNS order), e.g. to export a generated population. */
export function recordToRow(r: PersonRecord): string[] {
  const note = r.birthDatePrecision === 'year-only' ? 'year_only' : r.birthDatePrecision;
  const sex = { female: 'F', male: 'M', diverse: 'D', unknown: '' }[r.sex];
  return [
    r.recordId,
    r.sourceAgency,
    r.givenNames,
    r.familyName,
    r.nameOriginalScript ?? '',
    r.birthDate ?? '',
    note,
    sex,
    r.nationality ?? '',
    r.municipality ?? '',
    r.agencyIdentifier ?? '',
  ];
}
