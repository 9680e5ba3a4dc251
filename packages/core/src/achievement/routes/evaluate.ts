import {
  CEFR_LEVELS,
  residenceRoutesConfigSchema,
  type AchievementFacts,
  type FactCheck,
  type ResidenceRoutesConfig,
} from '@kim/contracts';

/**
 * The route evaluator (issue 19, item 2), pure: given the person's current achievements and
 * case data, for each route which facts the hub holds evidence for and which are missing.
 * Information only: the authority decides, and every answer carries the disclaimer.
 */

/** What the hub can say about one fact. */
export type FactStatus =
  /** Evidence held (the achievements it rests on are named). */
  | 'held'
  /** No evidence held. */
  | 'missing'
  /** The hub holds no evidence of this kind, or the answer depends on what only the authority knows. */
  | 'authority'
  /** The hub lacks the data to say (no arrival date, no exact birth date). */
  | 'unknown';

export interface RouteAchievement {
  id: string;
  facts: AchievementFacts;
}

export interface RoutePerson {
  arrivalDate: string | null;
  birthDate: string | null;
  birthDatePrecision: string;
}

export interface FactEvaluation {
  key: string;
  label: { de: string; en: string };
  source: string;
  status: FactStatus;
  /** The achievements the status rests on (held), none otherwise. */
  evidence: string[];
  note: { de: string; en: string } | null;
}

export interface RouteEvaluation {
  key: string;
  law: string;
  title: { de: string; en: string };
  /** The version of the law the facts were taken from. */
  validFrom: string;
  amendedBy: string;
  facts: FactEvaluation[];
  disclaimer: { de: string; en: string };
}

/** Full years from `from` to `to` (ISO dates): a birthday-style count. */
export function fullYears(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/** Full months from `from` to `to` (ISO dates). */
export function fullMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

const ongoing = (a: AchievementFacts, today: string) => a.endedOn === undefined || a.endedOn >= today;

function check(
  c: FactCheck,
  person: RoutePerson,
  achievements: readonly RouteAchievement[],
  today: string,
): { status: FactStatus; evidence: string[] } {
  const held = (list: readonly RouteAchievement[]) =>
    list.length > 0
      ? { status: 'held' as const, evidence: list.map((a) => a.id) }
      : { status: 'missing' as const, evidence: [] };
  const current = achievements.filter((a) => a.facts.achievedOn <= today);
  switch (c.type) {
    case 'authority':
      return { status: 'authority', evidence: [] };
    case 'residence-years': {
      if (!person.arrivalDate) return { status: 'unknown', evidence: [] };
      const years = fullYears(person.arrivalDate, today);
      if (years >= c.minYears) return { status: 'held', evidence: [] };
      if (c.reducedMinYears !== undefined && years >= c.reducedMinYears) return { status: 'authority', evidence: [] };
      return { status: 'missing', evidence: [] };
    }
    case 'arrived-by':
      if (!person.arrivalDate) return { status: 'unknown', evidence: [] };
      return { status: person.arrivalDate <= c.date ? 'held' : 'missing', evidence: [] };
    case 'age-below':
      // A placeholder (01.01.) or a year alone cannot say on which day the person turns 27.
      if (!person.birthDate || person.birthDatePrecision !== 'exact') return { status: 'unknown', evidence: [] };
      return { status: fullYears(person.birthDate, today) < c.years ? 'held' : 'missing', evidence: [] };
    case 'language-level': {
      const min = CEFR_LEVELS.indexOf(c.minLevel);
      return held(
        current.filter((a) => a.facts.kind === 'language-certificate' && CEFR_LEVELS.indexOf(a.facts.cefrLevel) >= min),
      );
    }
    case 'achievement':
      return held(
        current.filter((a) =>
          c.anyOf.some(
            (want) =>
              want.kind === a.facts.kind &&
              (want.minPoints === undefined ||
                (a.facts.kind === 'life-in-germany-test' && a.facts.points >= want.minPoints)) &&
              (want.completed === undefined || (a.facts.kind === 'vocational-training' && a.facts.completed)),
          ),
        ),
      );
    case 'livelihood':
      return held(
        current.filter(
          (a) =>
            a.facts.kind === 'employment' &&
            a.facts.securesLivelihood &&
            ongoing(a.facts, today) &&
            fullMonths(a.facts.achievedOn, today) >= (c.minMonths ?? 0),
        ),
      );
    case 'employment':
      return held(
        current.filter(
          (a) =>
            a.facts.kind === 'employment' &&
            a.facts.hoursPerWeek >= c.minHoursPerWeek &&
            ongoing(a.facts, today) &&
            fullMonths(a.facts.achievedOn, today) >= c.minMonths,
        ),
      );
    case 'school':
      return held(
        current.filter((a) => {
          if (c.orCompletedTraining && a.facts.kind === 'vocational-training' && a.facts.completed) return true;
          if (a.facts.kind !== 'school' || a.facts.attendee !== c.attendee) return false;
          if (c.orQualification && a.facts.qualification !== undefined) return true;
          if (c.minYears === undefined) return ongoing(a.facts, today);
          return fullYears(a.facts.achievedOn, a.facts.endedOn ?? today) >= c.minYears;
        }),
      );
  }
}

/**
 * Evaluate every route for the person on `today` (an ISO date), by the version of each route
 * in force that day; a route not yet in force that day is left out.
 */
export function evaluateRoutes(
  config: ResidenceRoutesConfig,
  person: RoutePerson,
  achievements: readonly RouteAchievement[],
  today: string,
): RouteEvaluation[] {
  const out: RouteEvaluation[] = [];
  for (const route of config.routes) {
    const version = [...route.versions]
      .filter((v) => v.validFrom <= today)
      .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
    if (!version) continue;
    out.push({
      key: route.key,
      law: route.law,
      title: route.title,
      validFrom: version.validFrom,
      amendedBy: version.amendedBy,
      disclaimer: config.disclaimer,
      facts: version.facts.map((f) => ({
        key: f.key,
        label: f.label,
        source: f.source,
        note: f.note ?? null,
        ...check(f.check, person, achievements, today),
      })),
    });
  }
  return out;
}

/** Validate a configuration once, at load: a broken file stops the start, not a request. */
export function loadResidenceRoutes(raw: unknown): ResidenceRoutesConfig {
  return residenceRoutesConfigSchema.parse(raw);
}
