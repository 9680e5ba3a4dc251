/**
 * The agencies that supply records, each with its habits: whether it copies the spelling from the
 * person's papers, whether its software keeps diacritics or upper-cases everything, whether it
 * records the AZR number or its own customer number, how it stores an unknown birth date.
 * Modelled on the partner agencies of the seed document (Kreis Steinfurt, Rheine).
 */
import type { Person } from './population.js';
import { REFERENCE_YEAR } from './population.js';
import type { Random } from './random.js';

export interface Agency {
  readonly id: string;
  readonly label: string;
  /** Share of records whose names are copied from the person's papers. */
  readonly docCopy: number;
  /** Share of records stored in upper case. */
  readonly upper: number;
  /** What the software can store. */
  readonly software: 'unicode' | 'keep-german' | 'ascii';
  /** Share of records with the name in original script too. */
  readonly originalScript: number;
  /** Share of records carrying the AZR number in the identifier field. */
  readonly azr: number;
  /** Share of the other records carrying the agency's own number. */
  readonly customerNumber: number;
  /** Share of 01.01. placeholders the agency flags as placeholders (the rest look exact). */
  readonly flagPlaceholder: number;
  /** Share of unknown dates stored as the year alone. */
  readonly yearOnly: number;
  readonly missingDate: number;
  /** Weight of this agency among those a person is known to (0: never). */
  readonly weight: (p: Person, age: number) => number;
  readonly number: (rng: Random) => string;
}

const digits = (rng: Random, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(10));
  return s;
};

const asylumCulture = (p: Person): boolean => p.culture.id !== 'ukraine';

export const AGENCIES: readonly Agency[] = [
  {
    id: 'abh-kreis-steinfurt',
    label: 'Ausländerbehörde Kreis Steinfurt',
    docCopy: 0.92,
    upper: 0.25,
    software: 'unicode',
    originalScript: 0.3,
    azr: 0.85,
    customerNumber: 0.6,
    flagPlaceholder: 0.6,
    yearOnly: 0.1,
    missingDate: 0.005,
    weight: (p) => (p.household.municipality === 'Rheine' ? 0 : 3),
    number: (rng) => `ABH-${2015 + rng.int(10)}-${digits(rng, 5)}`,
  },
  {
    id: 'abh-rheine',
    label: 'Ausländerbehörde Stadt Rheine',
    docCopy: 0.9,
    upper: 0.4,
    software: 'keep-german',
    originalScript: 0.15,
    azr: 0.8,
    customerNumber: 0.6,
    flagPlaceholder: 0.4,
    yearOnly: 0.05,
    missingDate: 0.005,
    weight: (p) => (p.household.municipality === 'Rheine' ? 3 : 0),
    number: (rng) => `32.${digits(rng, 6)}`,
  },
  {
    id: 'jobcenter-kreis-steinfurt',
    label: 'Jobcenter Kreis Steinfurt',
    docCopy: 0.75,
    upper: 0.35,
    software: 'keep-german',
    originalScript: 0,
    azr: 0.15,
    customerNumber: 0.85,
    flagPlaceholder: 0.2,
    yearOnly: 0,
    missingDate: 0.005,
    weight: (p, age) => (p.household.sgb2 ? (age < 15 ? 1.5 : 3) : 0),
    // Kundennummer of the Bundesagentur: three digits, a letter, six digits.
    number: (rng) => `${digits(rng, 3)}D${digits(rng, 6)}`,
  },
  {
    id: 'agentur-arbeit-rheine',
    label: 'Agentur für Arbeit Rheine',
    docCopy: 0.7,
    upper: 0.4,
    software: 'keep-german',
    originalScript: 0,
    azr: 0.1,
    customerNumber: 0.8,
    flagPlaceholder: 0.2,
    yearOnly: 0,
    missingDate: 0.01,
    weight: (p, age) => (age >= 18 && age < 65 ? (p.household.sgb2 ? 0.5 : 1.5) : 0),
    number: (rng) => `${digits(rng, 3)}A${digits(rng, 6)}`,
  },
  {
    id: 'asylblg-kreis-steinfurt',
    label: 'Leistungen nach dem AsylbLG, Kreis Steinfurt',
    docCopy: 0.8,
    upper: 0.2,
    software: 'keep-german',
    originalScript: 0.05,
    azr: 0.5,
    customerNumber: 0.6,
    flagPlaceholder: 0.5,
    yearOnly: 0.2,
    missingDate: 0.01,
    weight: (p) => (asylumCulture(p) && !p.household.sgb2 ? 2.5 : 0),
    number: (rng) => `50.3-${digits(rng, 5)}`,
  },
  {
    id: 'jugendamt-kreis-steinfurt',
    label: 'Jugendamt Kreis Steinfurt',
    docCopy: 0.5,
    upper: 0,
    software: 'keep-german',
    originalScript: 0,
    azr: 0.05,
    customerNumber: 0.7,
    flagPlaceholder: 0.3,
    yearOnly: 0.05,
    missingDate: 0.02,
    weight: (_p, age) => (age < 18 ? 2.5 : age < 21 ? 1 : 0),
    number: (rng) => `51-${2016 + rng.int(10)}/${digits(rng, 4)}`,
  },
  {
    id: 'vhs-rheine',
    label: 'VHS Rheine (Integrationskurse)',
    docCopy: 0.55,
    upper: 0.1,
    software: 'ascii',
    originalScript: 0,
    azr: 0.08,
    customerNumber: 0.6,
    flagPlaceholder: 0.1,
    yearOnly: 0.05,
    missingDate: 0.02,
    weight: (p, age) =>
      age >= 16 && age < 65
        ? ['Rheine', 'Neuenkirchen', 'Emsdetten', 'Wettringen', 'Ochtrup', 'Steinfurt'].includes(
            p.household.municipality,
          )
          ? 2
          : 0.5
        : 0,
    number: (rng) => `TN${digits(rng, 6)}`,
  },
  {
    id: 'sprachschule-ibbenbueren',
    label: 'Sprachschule Ibbenbüren (Integrationskurse)',
    docCopy: 0.5,
    upper: 0.05,
    software: 'ascii',
    originalScript: 0,
    azr: 0.05,
    customerNumber: 0.5,
    flagPlaceholder: 0.1,
    yearOnly: 0.05,
    missingDate: 0.02,
    weight: (p, age) =>
      age >= 16 && age < 65
        ? ['Rheine', 'Neuenkirchen', 'Emsdetten', 'Wettringen', 'Ochtrup', 'Steinfurt'].includes(
            p.household.municipality,
          )
          ? 0.5
          : 2
        : 0,
    number: (rng) => digits(rng, 5),
  },
  {
    id: 'caritas-mbe-rheine',
    label: 'Caritas Fachdienst Migration und Integration (MBE)',
    docCopy: 0.35,
    upper: 0,
    software: 'unicode',
    originalScript: 0.02,
    azr: 0.02,
    customerNumber: 0.35,
    flagPlaceholder: 0.3,
    yearOnly: 0.2,
    missingDate: 0.06,
    weight: (_p, age) => (age >= 27 ? 1.5 : 0),
    number: (rng) => digits(rng, 5),
  },
  {
    id: 'jmd-diakonie-steinfurt',
    label: 'Jugendmigrationsdienst (Diakonie)',
    docCopy: 0.4,
    upper: 0,
    software: 'unicode',
    originalScript: 0.02,
    azr: 0.02,
    customerNumber: 0.3,
    flagPlaceholder: 0.3,
    yearOnly: 0.15,
    missingDate: 0.05,
    weight: (_p, age) => (age >= 12 && age < 27 ? 1.5 : 0),
    number: (rng) => digits(rng, 5),
  },
  {
    id: 'ki-kreis-steinfurt',
    label: 'Kommunales Integrationszentrum Kreis Steinfurt',
    docCopy: 0.5,
    upper: 0,
    software: 'unicode',
    originalScript: 0.05,
    azr: 0.05,
    customerNumber: 0.4,
    flagPlaceholder: 0.4,
    yearOnly: 0.1,
    missingDate: 0.03,
    weight: () => 0.8,
    number: (rng) => `KI-${digits(rng, 4)}`,
  },
];

export const AGENCY_BY_ID: ReadonlyMap<string, Agency> = new Map(AGENCIES.map((a) => [a.id, a]));

/** Age in whole years on the reference day. */
export function ageOf(p: Person): number {
  return REFERENCE_YEAR - p.birth.y - (p.birth.m > 6 ? 1 : 0);
}
