import type { AchievementFacts } from '@kim/contracts';
import {
  RESIDENCE_ROUTES,
  evaluateRoutes,
  fullMonths,
  fullYears,
  loadResidenceRoutes,
  type RouteAchievement,
} from './index.js';
import { RESIDENCE_ROUTES_DATA } from './routes.data.js';

/**
 * The expected outcomes below are written from the law text, not from routes.data.ts:
 * § 25a Abs. 1 AufenthG (3 years, 3 years of school or a school/vocational qualification, under 27),
 * § 25b Abs. 1 Satz 2 AufenthG (6 years, 4 with a minor child; basic knowledge; livelihood mainly by
 * employment; oral German A2; the children's school attendance), § 60d Abs. 1 AufenthG as in force
 * since 27.02.2024 (arrived by 31.12.2022; 12 months ≥ 20 h/week; livelihood for 12 months; A2;
 * integration course) and before (arrived by 01.08.2018; 18 months ≥ 35 h/week), § 10 Abs. 1 StAG
 * as in force since 27.06.2024 (5 years; livelihood; B1; naturalisation test, i.e. "Leben in
 * Deutschland" with at least 17 of 33 points). "authority": facts the hub cannot hold (identity,
 * convictions, commitment, prognosis).
 */
const TODAY = '2026-12-04';
const a = (id: string, facts: AchievementFacts): RouteAchievement => ({ id, facts });

const amina = {
  person: { arrivalDate: '2019-05-01', birthDate: '1994-05-17', birthDatePrecision: 'exact' },
  achievements: [
    a('a1', { kind: 'language-certificate', achievedOn: '2021-06-30', cefrLevel: 'B1', test: 'DTZ', provider: 'VHS' }),
    a('a2', { kind: 'life-in-germany-test', achievedOn: '2021-07-15', points: 20 }),
    a('a3', { kind: 'integration-course', achievedOn: '2021-07-20', provider: 'VHS' }),
    a('a4', { kind: 'employment', achievedOn: '2024-01-01', hoursPerWeek: 38, securesLivelihood: true }),
    a('a5', { kind: 'school', achievedOn: '2022-08-10', attendee: 'child', title: 'Grundschule' }),
  ],
};
const yusuf = {
  person: { arrivalDate: '2023-06-01', birthDate: '2004-03-01', birthDatePrecision: 'exact' },
  achievements: [
    a('b1', { kind: 'language-certificate', achievedOn: '2024-05-01', cefrLevel: 'A2', test: 'DTZ', provider: 'VHS' }),
    a('b2', { kind: 'life-in-germany-test', achievedOn: '2024-06-01', points: 16 }),
    a('b3', { kind: 'employment', achievedOn: '2025-01-01', hoursPerWeek: 15, securesLivelihood: false }),
    a('b4', { kind: 'school', achievedOn: '2023-08-01', attendee: 'self', title: 'Berufskolleg' }),
  ],
};
const sara = {
  person: { arrivalDate: '2021-03-01', birthDate: '2001-01-01', birthDatePrecision: 'placeholder' },
  achievements: [
    a('c1', {
      kind: 'employment',
      achievedOn: '2025-06-01',
      endedOn: '2026-06-30',
      hoursPerWeek: 40,
      securesLivelihood: true,
    }),
    a('c2', { kind: 'life-in-germany-test', achievedOn: '2025-02-01', points: 17 }),
    a('c3', {
      kind: 'vocational-training',
      achievedOn: '2022-08-01',
      endedOn: '2025-07-31',
      title: 'Pflegefachfrau',
      provider: 'Mathias-Spital',
      completed: true,
    }),
  ],
};

type Table = Record<string, Record<string, string>>;
/** route → fact → status[:evidence ids] */
const EXPECTED: Record<string, Table> = {
  amina: {
    'aufenthg-25a': {
      residence: 'held',
      school: 'missing',
      age: 'missing',
      prognosis: 'authority',
      commitment: 'authority',
    },
    'aufenthg-25b': {
      residence: 'held',
      commitment: 'authority',
      knowledge: 'held:a2',
      livelihood: 'held:a4',
      language: 'held:a1',
      'children-school': 'held:a5',
    },
    'aufenthg-60d': {
      identity: 'authority',
      arrival: 'held',
      employment: 'held:a4',
      livelihood: 'held:a4',
      language: 'held:a1',
      'no-convictions': 'authority',
      'children-school': 'held:a5',
      'integration-course': 'held:a3',
    },
    'stag-10': {
      residence: 'held',
      identity: 'authority',
      commitment: 'authority',
      livelihood: 'held:a4',
      'no-convictions': 'authority',
      language: 'held:a1',
      knowledge: 'held:a2',
    },
  },
  yusuf: {
    'aufenthg-25a': {
      residence: 'held',
      school: 'held:b4',
      age: 'held',
      prognosis: 'authority',
      commitment: 'authority',
    },
    'aufenthg-25b': {
      residence: 'missing',
      commitment: 'authority',
      knowledge: 'held:b2',
      livelihood: 'missing',
      language: 'held:b1',
      'children-school': 'missing',
    },
    'aufenthg-60d': {
      identity: 'authority',
      arrival: 'missing',
      employment: 'missing',
      livelihood: 'missing',
      language: 'held:b1',
      'no-convictions': 'authority',
      'children-school': 'missing',
      'integration-course': 'missing',
    },
    'stag-10': {
      residence: 'missing',
      identity: 'authority',
      commitment: 'authority',
      livelihood: 'missing',
      'no-convictions': 'authority',
      language: 'missing',
      knowledge: 'missing',
    },
  },
};

const asTable = (who: typeof amina, today = TODAY): Table =>
  Object.fromEntries(
    evaluateRoutes(RESIDENCE_ROUTES, who.person, who.achievements, today).map((r) => [
      r.key,
      Object.fromEntries(
        r.facts.map((f) => [f.key, f.evidence.length ? `${f.status}:${f.evidence.join(',')}` : f.status]),
      ),
    ]),
  );

describe('residence routes: which facts the hub holds evidence for', () => {
  it.each([
    ['amina', amina],
    ['yusuf', yusuf],
  ] as const)('%s, on 04.12.2026, as the law text says', (name, who) => {
    expect(asTable(who)).toEqual(EXPECTED[name]);
  });

  it('four years with a child is for the authority; a placeholder birth date cannot say the age; an ended job secures nothing', () => {
    const t = asTable(sara);
    expect({
      '25a residence': t['aufenthg-25a']!.residence,
      '25a school (completed training)': t['aufenthg-25a']!.school,
      '25a age': t['aufenthg-25a']!.age,
      '25b residence (5 years)': t['aufenthg-25b']!.residence,
      '25b livelihood (job ended)': t['aufenthg-25b']!.livelihood,
      '10 residence (5 years)': t['stag-10']!.residence,
      '10 knowledge (17 points)': t['stag-10']!.knowledge,
    }).toEqual({
      '25a residence': 'held',
      '25a school (completed training)': 'held:c3',
      '25a age': 'unknown',
      '25b residence (5 years)': 'authority',
      '25b livelihood (job ended)': 'missing',
      '10 residence (5 years)': 'held',
      '10 knowledge (17 points)': 'held:c2',
    });
  });

  it('no arrival date: residence and arrival are unknown, not missing', () => {
    const t = asTable({ ...yusuf, person: { ...yusuf.person, arrivalDate: null } } as never);
    expect([t['aufenthg-25b']!.residence, t['aufenthg-60d']!.arrival, t['stag-10']!.residence]).toEqual([
      'unknown',
      'unknown',
      'unknown',
    ]);
  });

  it('evaluates each day by the wording in force that day (§ 60d before and after 27.02.2024; § 10 StAG from 27.06.2024)', () => {
    const worker = {
      person: { arrivalDate: '2018-01-15', birthDate: null, birthDatePrecision: 'unknown' },
      achievements: [
        a('d1', { kind: 'employment', achievedOn: '2021-01-01', hoursPerWeek: 30, securesLivelihood: true }),
      ],
    };
    const before = asTable(worker as never, '2023-06-01');
    const after = asTable(worker as never, TODAY);
    // Before: 35 hours for 18 months (30 are too few); after: 20 hours for 12 months.
    expect([before['aufenthg-60d']!.employment, after['aufenthg-60d']!.employment]).toEqual(['missing', 'held:d1']);
    expect([before['aufenthg-60d']!.arrival, after['aufenthg-60d']!.arrival]).toEqual(['held', 'held']);
    expect(['stag-10' in before, 'stag-10' in after]).toEqual([false, true]);
    const versions = evaluateRoutes(RESIDENCE_ROUTES, worker.person, worker.achievements, '2023-06-01').find(
      (r) => r.key === 'aufenthg-60d',
    )!;
    expect(versions.validFrom).toBe('2020-01-01');
  });

  it('says on every route that the authority decides, in German and English', () => {
    for (const r of evaluateRoutes(RESIDENCE_ROUTES, amina.person, amina.achievements, TODAY)) {
      expect(r.disclaimer.de).toMatch(/entscheidet allein die zuständige Behörde/);
      expect(r.disclaimer.en).toMatch(/decided by the competent authority/);
    }
  });

  it('refuses a configuration with two versions from the same day, or a fact without a source', () => {
    const route = RESIDENCE_ROUTES_DATA.routes[0]!;
    const twice = {
      ...RESIDENCE_ROUTES_DATA,
      routes: [{ ...route, versions: [route.versions[0]!, route.versions[0]!] }],
    };
    expect(() => loadResidenceRoutes(twice)).toThrow(/same day/);
    const noSource = {
      ...RESIDENCE_ROUTES_DATA,
      routes: [
        { ...route, versions: [{ ...route.versions[0]!, facts: [{ ...route.versions[0]!.facts[0]!, source: '' }] }] },
      ],
    };
    expect(() => loadResidenceRoutes(noSource)).toThrow();
  });

  it('counts full years and months like a birthday', () => {
    expect([fullYears('2019-05-01', '2026-04-30'), fullYears('2019-05-01', '2026-05-01')]).toEqual([6, 7]);
    expect([fullMonths('2025-12-05', '2026-12-04'), fullMonths('2025-12-04', '2026-12-04')]).toEqual([11, 12]);
  });
});
