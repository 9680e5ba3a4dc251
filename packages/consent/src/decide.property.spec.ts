import fc from 'fast-check';
import { AgencyKind, DataCategory, Purpose, SPECIAL_CATEGORIES } from '@kim/contracts';
import {
  decide,
  grantsPerCategory,
  type Consent,
  type ConsentProvision,
  type Decision,
  type DecisionRequest,
  type LegalBasis,
} from './index.js';

const CATEGORIES = Object.values(DataCategory);
const PURPOSES = Object.values(Purpose);
const AGENCIES = [
  { agencyId: 'jobcenter', kind: AgencyKind.JOBCENTER },
  { agencyId: 'caritas', kind: AgencyKind.WELFARE_ORGANISATION },
  { agencyId: 'abh', kind: AgencyKind.FOREIGNERS_AUTHORITY },
];
const AGENCY_IDS = AGENCIES.map((a) => a.agencyId);
/** Decision time: noon in Rheine on 15 June 2025; consent days are drawn around it. */
const AT = new Date('2025-06-15T12:00:00+02:00');
const TODAY = Date.UTC(2025, 5, 15);
const day = (offset: number) => new Date(TODAY + offset * 86_400_000).toISOString().slice(0, 10);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const provisionArb: fc.Arbitrary<ConsentProvision> = fc.record({
  type: fc.constantFrom('permit' as const, 'deny' as const),
  agencyIds: maybe(fc.subarray(AGENCY_IDS)),
  purposes: maybe(fc.subarray(PURPOSES)),
  categories: maybe(fc.subarray(CATEGORIES)),
  actions: maybe(fc.subarray(['disclose' as const, 'access' as const])),
});

const periodArb = fc
  .record({ start: fc.integer({ min: -40, max: 10 }), length: fc.integer({ min: 0, max: 60 }) })
  .map(({ start, length }) => ({ validFrom: day(start), validUntil: day(start + length) }));

const consentArb: fc.Arbitrary<Consent> = fc
  .record({
    id: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
    recipientAgencyId: fc.constantFrom(...AGENCY_IDS),
    purposes: fc.subarray(PURPOSES),
    categories: fc.subarray(CATEGORIES),
    period: periodArb,
    revokedAt: maybe(
      fc.integer({ min: -48, max: 48 }).map((h) => new Date(AT.getTime() + h * 3_600_000).toISOString()),
    ),
    provisions: maybe(fc.array(provisionArb, { maxLength: 3 })),
  })
  .map(({ period, ...c }) => ({ ...c, ...period, subjectPersonId: 'p1' }));

const legalBasisArb: fc.Arbitrary<LegalBasis> = fc
  .record({
    id: fc.constantFrom('lb1', 'lb2'),
    recipientAgencyId: fc.constantFrom(...AGENCY_IDS),
    purposes: fc.subarray(PURPOSES),
    categories: fc.subarray(CATEGORIES),
    period: periodArb,
    openEnded: fc.boolean(),
  })
  .map(({ period, openEnded, ...b }) => ({
    ...b,
    validFrom: period.validFrom,
    validUntil: openEnded ? undefined : period.validUntil,
    citation: '§ 71 AufenthG',
  }));

/** Consents with distinct ids, so that "consent i" stays one consent when we change it. */
const consentsArb = fc.uniqueArray(consentArb, { selector: (c) => c.id, minLength: 1, maxLength: 4 });

const requestArb: fc.Arbitrary<DecisionRequest> = fc.record({
  consents: consentsArb,
  legalBases: fc.uniqueArray(legalBasisArb, { selector: (b) => b.id, maxLength: 2 }),
  recipient: fc.constantFrom(...AGENCIES),
  purpose: fc.constantFrom(...PURPOSES),
  categories: fc.subarray(CATEGORIES, { minLength: 1 }),
  action: fc.constantFrom('disclose' as const, 'access' as const),
  at: fc.constant(AT),
});

/** A request plus the index of one of its consents to vary. */
const withIndex = requestArb.chain((r) => fc.tuple(fc.constant(r), fc.nat({ max: r.consents.length - 1 })));

const replace = (r: DecisionRequest, i: number, c: Consent | undefined): DecisionRequest => ({
  ...r,
  consents: c ? r.consents.map((x, j) => (j === i ? c : x)) : r.consents.filter((_, j) => j !== i),
});

const subset = (after: Decision, before: Decision) => after.allowed.every((c) => before.allowed.includes(c));

const RUNS = { numRuns: 400 };

describe('consent decision properties', () => {
  it('revoking a consent never grants more', () => {
    fc.assert(
      fc.property(withIndex, fc.integer({ min: -48, max: 0 }), ([r, i], hours) => {
        const revoked = { ...r.consents[i]!, revokedAt: new Date(AT.getTime() + hours * 3_600_000) };
        expect(subset(decide(replace(r, i, revoked)), decide(r))).toBe(true);
      }),
      RUNS,
    );
  });

  it('a narrower consent (fewer purposes, categories, days) never shows more', () => {
    fc.assert(
      fc.property(
        withIndex.chain(([r, i]) => {
          const c = r.consents[i]!;
          const span = Math.round((Date.parse(c.validUntil) - Date.parse(c.validFrom)) / 86_400_000);
          return fc.record({
            r: fc.constant(r),
            i: fc.constant(i),
            purposes: fc.subarray([...c.purposes]),
            categories: fc.subarray([...c.categories]),
            cut: fc.tuple(fc.nat({ max: span }), fc.nat({ max: span })),
          });
        }),
        ({ r, i, purposes, categories, cut }) => {
          const c = r.consents[i]!;
          const from = Date.parse(c.validFrom) / 86_400_000 - TODAY / 86_400_000;
          const [a, b] = cut[0] <= cut[1] ? cut : [cut[1], cut[0]];
          const narrower: Consent = { ...c, purposes, categories, validFrom: day(from + a), validUntil: day(from + b) };
          expect(subset(decide(replace(r, i, narrower)), decide(r))).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('an expired consent is the same as no consent', () => {
    fc.assert(
      fc.property(withIndex, fc.integer({ min: 1, max: 400 }), ([r, i], daysAgo) => {
        const c = r.consents[i]!;
        const expired: Consent = { ...c, validFrom: day(-daysAgo - 30), validUntil: day(-daysAgo) };
        const withExpired = decide(replace(r, i, expired));
        const without = decide(replace(r, i, undefined));
        expect(withExpired.allowed).toEqual(without.allowed);
        expect(withExpired.basis).toEqual(without.basis);
      }),
      RUNS,
    );
  });

  it('adding a deny provision never grants more', () => {
    fc.assert(
      fc.property(withIndex, provisionArb, ([r, i], p) => {
        const c = r.consents[i]!;
        const stricter: Consent = { ...c, provisions: [...(c.provisions ?? []), { ...p, type: 'deny' }] };
        expect(subset(decide(replace(r, i, stricter)), decide(r))).toBe(true);
      }),
      RUNS,
    );
  });

  it('deciding is deterministic and does not depend on the order of consents or legal bases', () => {
    fc.assert(
      fc.property(
        requestArb.chain((r) =>
          fc.tuple(
            fc.constant(r),
            fc.shuffledSubarray([...r.consents], { minLength: r.consents.length, maxLength: r.consents.length }),
            fc.shuffledSubarray([...(r.legalBases ?? [])], {
              minLength: r.legalBases?.length ?? 0,
              maxLength: r.legalBases?.length ?? 0,
            }),
          ),
        ),
        ([r, consents, legalBases]) => {
          const first = decide(r);
          expect(decide(r)).toEqual(first);
          expect(decide({ ...r, consents, legalBases })).toEqual(first);
        },
      ),
      RUNS,
    );
  });

  it('every requested category is either allowed with a basis naming the recipient, or denied with a reason', () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        const d = decide(r);
        const requested = [...new Set(r.categories)];
        expect([...d.allowed, ...d.denied.map((x) => x.category)].sort()).toEqual([...requested].sort());
        expect(d.basis.map((b) => b.category)).toEqual(d.allowed);
        for (const b of d.basis) {
          const source =
            b.type === 'consent' ? r.consents.find((c) => c.id === b.id) : r.legalBases?.find((l) => l.id === b.id);
          expect(source?.recipientAgencyId).toBe(r.recipient.agencyId);
          expect(source?.categories).toContain(b.category);
          expect(source?.purposes).toContain(r.purpose);
        }
        // Special categories only ever on a consent that names them.
        expect(d.basis.filter((b) => SPECIAL_CATEGORIES.includes(b.category) && b.type !== 'consent')).toEqual([]);
      }),
      RUNS,
    );
  });

  it("grantsPerCategory lists, per category, decide's basis first and exactly the candidates that allow it alone", () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        const grants = grantsPerCategory(r);
        const d = decide(r);
        // Decide's answer: a category is allowed exactly when something grants it, on the first listed.
        for (const category of new Set(r.categories)) {
          const listed = grants.get(category) ?? [];
          const i = d.allowed.indexOf(category);
          expect(listed[0]).toEqual(i >= 0 ? d.basis[i] : undefined);
        }
        // Each candidate alone: listed for a category exactly when decide with it alone allows it.
        const alone = [
          ...r.consents.map((c) => ({ type: 'consent', id: c.id, request: { ...r, consents: [c], legalBases: [] } })),
          ...(r.legalBases ?? []).map((b) => ({
            type: 'legal-basis',
            id: b.id,
            request: { ...r, consents: [], legalBases: [b] },
          })),
        ];
        for (const { type, id, request } of alone) {
          const allowed = decide(request).allowed;
          for (const category of new Set(r.categories)) {
            const listed = (grants.get(category) ?? []).some((b) => b.type === type && b.id === id);
            expect(listed).toBe(allowed.includes(category));
          }
        }
      }),
      RUNS,
    );
  });
});
