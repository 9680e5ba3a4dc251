/**
 * Ablation: every rule of the access policy is needed. Each rule is switched off in turn (the
 * test-only seam accessAblation, in-process with the gateway of @kim/test-support/hub) and the
 * matrix runs against the same fixture; with the rule gone it must report a leak. The matrix
 * runs in tiers, cheapest first, and stops at the first tier that catches the rule; a rule no
 * tier catches has run through every part of the matrix.
 */
import { accessAblation } from '@kim/core';
import type { MatrixFixture, MatrixHub } from './fixture.js';
import { PARTS, runMatrix, type Part } from './matrix.js';

/** Tiers of the matrix for an ablation run: every part but the two coverage checks, cheapest first. */
export const ABLATION_TIERS: Part[][] = [
  ['case reads'],
  ['case lists', 'search', 'ledger', 'sorted case lists'],
  ['other queries', 'reports'],
  ['mutations', 'intake by identifier'],
];

export interface RuleVerdict {
  rule: string;
  /** The part of the matrix that first reported a leak with the rule off; null: none did. */
  caughtBy: Part | null;
  leaks: number;
  /** One of the leaks, for the console. */
  example: string | null;
  probes: number;
  /** A part that could not run with the rule off (its fixture refused), for the console. */
  errors: string[];
}

export interface AblationResult {
  verdicts: RuleVerdict[];
  caught: number;
  probes: number;
  /**
   * The control: the read parts once more with every rule on, after the ablation runs. Reads
   * that a rule switched off let through are in the ledger now; had they made the matrix report
   * anything with every rule on, an ablation verdict could rest on them instead of on its rule.
   */
  control: { probes: number; leaks: string[]; mismatches: string[] };
}

/**
 * The rules of one part of the ablation: part `index` of `parts` takes every parts-th rule, so
 * the parts together take each rule once and can run side by side in jest's workers.
 */
export function rulesOfPart(index: number, parts: number): ReturnType<typeof accessAblation.rules> {
  return accessAblation.rules().filter((_rule, i) => i % parts === index);
}

export async function runAblation(
  hub: MatrixHub,
  fx: MatrixFixture,
  part: { index: number; of: number } = { index: 0, of: 1 },
): Promise<AblationResult> {
  const verdicts: RuleVerdict[] = [];
  let probes = 0;
  for (const rule of rulesOfPart(part.index, part.of)) {
    const verdict: RuleVerdict = { rule, caughtBy: null, leaks: 0, example: null, probes: 0, errors: [] };
    for (const tier of ABLATION_TIERS) {
      const skip = PARTS.filter((p) => !tier.includes(p));
      let result;
      try {
        result = await accessAblation.without(rule, () => runMatrix(hub, fx, { skip }));
      } catch (e) {
        // A probe's own setup refused with the rule off: no verdict from this tier.
        verdict.errors.push(`${tier.join(', ')}: ${(e as Error).message}`);
        continue;
      }
      verdict.probes += result.probes;
      const leaking = tier.find((p) => (result.sections[p]?.leaks.length ?? 0) > 0);
      if (leaking) {
        verdict.caughtBy = leaking;
        verdict.leaks = result.leaks.length;
        verdict.example = result.sections[leaking]!.leaks[0] ?? null;
        break;
      }
    }
    probes += verdict.probes;
    verdicts.push(verdict);
  }
  accessAblation.restore();
  const readParts = ABLATION_TIERS.slice(0, -1).flat();
  const control = await runMatrix(hub, fx, { skip: PARTS.filter((p) => !readParts.includes(p)) });
  return {
    verdicts,
    caught: verdicts.filter((v) => v.caughtBy !== null).length,
    probes,
    control: { probes: control.probes, leaks: control.leaks, mismatches: control.mismatches },
  };
}

export function describeAblation(a: AblationResult): string {
  const lines = a.verdicts.map((v) =>
    v.caughtBy
      ? `  ${v.rule}: caught by ${v.caughtBy} (${v.leaks} leaks), e.g. ${v.example}`
      : `  ${v.rule}: NOT CAUGHT in ${v.probes} probes${v.errors.map((e) => `\n    (${e})`).join('')}`,
  );
  lines.push(
    `  control, every rule on again: ${a.control.probes} probes, ${a.control.leaks.length} leaks, ${a.control.mismatches.length} mismatches`,
    ...a.control.leaks.map((l) => `    LEAK ${l}`),
    ...a.control.mismatches.map((m) => `    MISMATCH ${m}`),
  );
  return lines.join('\n');
}
