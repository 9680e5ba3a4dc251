/**
 * The evaluator on small hand-made cases whose answers are counted by hand in the comments.
 */
import { evaluateDecisions, type PairDecisionInput, type TruthInput } from './evaluate.js';

// Persons: P1 has R1 R2 R3, P2 has R4 R5, P3 has R6.
// True pairs: P1: R1R2 R1R3 R2R3 (3), P2: R4R5 (1), P3: none → 4.
const truth: TruthInput = {
  recordIds: ['R1', 'R2', 'R3', 'R4', 'R5', 'R6'],
  personOf: ['P1', 'P1', 'P1', 'P2', 'P2', 'P3'],
  lookalikes: [
    { a: 'P1', b: 'P2', kinds: ['sibling', 'shared-household-id'] },
    { a: 'P1', b: 'P3', kinds: ['twin'] },
  ],
};

const d = (a: string, b: string, decision: PairDecisionInput['decision'], basis?: string): PairDecisionInput => ({
  a,
  b,
  decision,
  ...(basis ? { basis } : {}),
});

describe('evaluateDecisions', () => {
  it('scores links and reviews pair by pair', () => {
    const ev = evaluateDecisions(
      [
        d('R1', 'R2', 'link', 'score'), // true link
        d('R2', 'R4', 'link', 'identifier'), // false link: P1–P2, a designed sibling pair
        d('R4', 'R5', 'review'), // true review
        d('R1', 'R3', 'new'), // nothing
        d('R3', 'R6', 'review'), // false review: P1–P3, the designed twins
      ],
      truth,
    );
    expect(ev.truePairs).toBe(4);
    expect(ev.links).toBe(2);
    expect(ev.trueLinks).toBe(1);
    expect(ev.falseLinks).toBe(1);
    expect(ev.reviews).toBe(2);
    expect(ev.trueReviews).toBe(1);
    expect(ev.falseReviews).toBe(1);
    expect(ev.precision).toBe(0.5); // 1 of 2 links
    expect(ev.recall).toBe(0.5); // (1 link + 1 review) of 4 true pairs
    expect(ev.linkRecall).toBe(0.25); // 1 of 4
    expect(ev.reviewShare).toBe(0.25); // 1 review of 4 true pairs
    expect(ev.f1).toBeCloseTo((2 * 0.5 * 0.25) / 0.75, 12);
    expect(ev.linksByBasis).toEqual({ score: { links: 1, falseLinks: 0 }, identifier: { links: 1, falseLinks: 1 } });
    expect(ev.persons).toBe(3);
    expect(ev.records).toBe(6);
  });

  it('counts designed look-alike pairs linked automatically, overall and per kind', () => {
    const ev = evaluateDecisions([d('R2', 'R4', 'link'), d('R3', 'R6', 'review')], truth);
    // P1–P2 linked (1 of 2 pairs); P1–P3 only reviewed.
    expect(ev.lookalike?.pairs).toBe(2);
    expect(ev.lookalike?.linked).toBe(1);
    expect(ev.lookalike?.share).toBe(0.5);
    expect(ev.lookalike?.reviewed).toBe(1);
    expect(ev.lookalike?.linkedRecordPairs).toBe(1);
    expect(ev.lookalike?.byKind.sibling).toEqual({ pairs: 1, linked: 1, share: 1 });
    expect(ev.lookalike?.byKind['shared-household-id']).toEqual({ pairs: 1, linked: 1, share: 1 });
    expect(ev.lookalike?.byKind.twin).toEqual({ pairs: 1, linked: 0, share: 0 });
    expect(ev.lookalike?.byKind['father-son']).toEqual({ pairs: 0, linked: 0, share: 0 });
  });

  it('a look-alike pair linked through several record pairs counts once', () => {
    const ev = evaluateDecisions([d('R1', 'R4', 'link'), d('R2', 'R5', 'link'), d('R3', 'R4', 'link')], truth);
    expect(ev.lookalike?.linked).toBe(1);
    expect(ev.lookalike?.linkedRecordPairs).toBe(3);
    expect(ev.falseLinks).toBe(3);
  });

  it('takes no transitive closure: only the pairs the matcher reports count', () => {
    // R1–R4 and R4–R6 linked: a closure would also link R1–R6 (P1–P3, the twins) and count a third
    // false link. Scored as given: two false links, the twins are not linked.
    const ev = evaluateDecisions([d('R1', 'R4', 'link'), d('R4', 'R6', 'link')], truth);
    expect(ev.links).toBe(2);
    expect(ev.falseLinks).toBe(2);
    expect(ev.lookalike?.byKind.twin.linked).toBe(0);
    // And true pairs reached only through a third record are not recall either.
    const chain = evaluateDecisions([d('R1', 'R2', 'link'), d('R2', 'R3', 'link')], truth);
    expect(chain.trueLinks).toBe(2);
    expect(chain.linkRecall).toBe(0.5); // R1–R3 was not decided
  });

  it('keeps one decision per unordered pair, the strongest', () => {
    const ev = evaluateDecisions([d('R1', 'R2', 'review'), d('R2', 'R1', 'link'), d('R1', 'R2', 'new')], truth);
    expect(ev.links).toBe(1);
    expect(ev.reviews).toBe(0);
    expect(ev.duplicateDecisions).toBe(2);
  });

  it('reports precision as null when nothing is linked', () => {
    const ev = evaluateDecisions([], truth);
    expect(ev.precision).toBeNull();
    expect(ev.f1).toBeNull();
    expect(ev.recall).toBe(0);
    expect(ev.lookalike?.linked).toBe(0);
  });

  it('refuses decisions about unknown records or a record with itself', () => {
    expect(() => evaluateDecisions([d('R1', 'R9', 'link')], truth)).toThrow(/unknown record: R9/);
    expect(() => evaluateDecisions([d('R1', 'R1', 'link')], truth)).toThrow(/itself/);
    expect(() => evaluateDecisions([], { recordIds: ['R1', 'R1'], personOf: ['P1', 'P1'] })).toThrow(/twice/);
  });

  it('has no look-alike score without look-alike truth (the hub generator)', () => {
    const ev = evaluateDecisions([d('R1', 'R2', 'link')], { recordIds: truth.recordIds, personOf: truth.personOf });
    expect(ev.lookalike).toBeUndefined();
    expect(ev.precision).toBe(1);
  });

  it('counts true reviews per reason, and per pair of persons as a reviewer meets them', () => {
    // Truth of a second population: P1 has R1 R2 R3 R4, P2 has R5 R6, P3 has R7. True pairs: 6 + 1 = 7.
    const t: TruthInput = {
      recordIds: ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'],
      personOf: ['P1', 'P1', 'P1', 'P1', 'P2', 'P2', 'P3'],
    };
    const r = (a: string, b: string, reason?: string): PairDecisionInput => ({
      a,
      b,
      decision: 'review',
      ...(reason ? { reason } : {}),
    });
    const ev = evaluateDecisions(
      [
        d('R1', 'R2', 'link'), // group {R1 R2}
        r('R3', 'R1', 'no date'), // R3 against group {R1 R2}: item A (true)
        r('R3', 'R2', 'no date'), // the same item A again
        r('R4', 'R1', 'crowd'), // R4 against {R1 R2}: item B (true)
        r('R4', 'R2'), // item B, no reason given
        r('R4', 'R3', 'crowd'), // R4 against R3: item C (true)
        d('R5', 'R6', 'link'), // group {R5 R6}
        r('R5', 'R6', 'no date'), // review inside a group: no item (strongest decision, the link, wins anyway)
        r('R6', 'R7', 'crowd'), // {R5 R6} against R7: item D, false
        r('R2', 'R5', 'sex'), // {R1 R2} against {R5 R6}: item E, false
      ],
      t,
    );
    // Record pairs: true reviews R3R1 R3R2 R4R1 R4R2 R4R3 = 5.
    expect(ev.trueReviews).toBe(5);
    expect(ev.trueReviewsByReason).toEqual({ 'no date': 2, crowd: 2, unspecified: 1 });
    // Items A B C true, D E false; A by "no date" (2), B by "crowd" and "unspecified" (1 each,
    // alphabetical: crowd), C by "crowd".
    expect(ev.reviewItems).toEqual({ items: 5, trueItems: 3, share: 3 / 7, trueByReason: { 'no date': 1, crowd: 2 } });
  });

  it('a review between records of one group is no item, whatever its reason', () => {
    const t: TruthInput = { recordIds: ['R1', 'R2', 'R3'], personOf: ['P1', 'P1', 'P1'] };
    const ev = evaluateDecisions(
      [d('R1', 'R2', 'link'), d('R2', 'R3', 'link'), { a: 'R1', b: 'R3', decision: 'review', reason: 'crowd' }],
      t,
    );
    expect(ev.trueReviews).toBe(1);
    expect(ev.reviewItems.trueItems).toBe(0);
    expect(ev.reviewItems.items).toBe(0);
  });
});
