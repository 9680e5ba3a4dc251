#!/usr/bin/env node
// Why true record pairs end in review, per reason the matcher gave, on one population of the
// evaluation (issue 16): true and false reviews per reason, the true ones whose records are
// already one person through direct links to others ("inside a group": no item in the hub's
// queue), the designed look-alikes among the false ones, and which rule of the issue the reason
// stands for. Reads the built packages; build first:
//
//   npx turbo run build --filter=@kim/linkage-eval --output-logs=errors-only
//   node scripts/linkage-review-breakdown.mjs [independent|kim] [seed] [persons]
//
// Default: the independent generator's tuning seed 4711, 15,000 persons. Prints Markdown.
import { matchRecords } from '../packages/linkage/dist/index.js';
import { generatePopulation } from '../packages/linkage/dist/dev.js';
import { generateEvalPopulation } from '../packages/linkage-eval/dist/index.js';

const [generator = 'independent', seedArg = '4711', personsArg = '15000'] = process.argv.slice(2);
const seed = Number(seedArg);
const persons = Number(personsArg);
if (!['independent', 'kim'].includes(generator) || !Number.isInteger(seed) || !Number.isInteger(persons)) {
  process.stderr.write('usage: linkage-review-breakdown.mjs [independent|kim] [seed] [persons]\n');
  process.exit(2);
}

/** Which part of issue 16 demands the rule behind a reason (a score between the thresholds is no rule). */
const RULES = [
  ['different sex', 'item 1: clear mismatch (different sex where both are recorded)'],
  ['different birth dates', 'items 1, 3: different real dates'],
  ['different AZR numbers', 'items 1, 5: conflicting person-level identifiers'],
  ['different customer numbers of one agency', 'items 1, 5: conflicting person-level identifiers'],
  ['jun. and sen.', 'item 4: jun./sen.'],
  ['birth years far apart', 'item 4: parent and child with the same names'],
  ['name and birth year shared by many persons', 'item 2: crowds are review, never link'],
  [
    'no birth date to compare',
    'injected case "namesakes without a date were linked"; look-alike kind namesake-undated',
  ],
  ['given names differ', 'item 4 as the matcher reads it: twins (same date, different given names)'],
  [
    'family names differ and the real birth date does not confirm',
    'the Samira Susepemi / Samira Botuneba merge, as the matcher reads it',
  ],
];
/** Reasons whose rule the issue states in so many words (items 1, 2, 4, 5 and the undated namesakes). */
const EXPLICIT = new Set(RULES.slice(0, 8).map(([r]) => r));
const SCORE_BAND = 'score between the review and link thresholds';
const WOULD_JOIN = 'would join records that cannot be one person: ';

const pop = generator === 'kim' ? generatePopulation({ persons, seed }) : generateEvalPopulation({ persons, seed });
const result = matchRecords(pop.records, { evidence: 'none' });
const index = new Map(pop.records.map((r, i) => [r.recordId, i]));
const personOf = pop.personOf;

// Groups the direct links form (the hub merges every link).
const parent = pop.records.map((_, i) => i);
const find = (x) => {
  while (parent[x] !== x) x = parent[x] = parent[parent[x]];
  return x;
};
for (const p of result.pairs) if (p.decision === 'link') parent[find(index.get(p.a))] = find(index.get(p.b));

const lookalikeKinds = new Map();
for (const l of pop.lookalikes ?? []) {
  lookalikeKinds.set(`${l.a}|${l.b}`, l.kinds);
  lookalikeKinds.set(`${l.b}|${l.a}`, l.kinds);
}

let truePairs = 0;
const sizes = new Map();
for (const p of personOf) sizes.set(p, (sizes.get(p) ?? 0) + 1);
for (const n of sizes.values()) truePairs += (n * (n - 1)) / 2;

const rows = new Map();
for (const p of result.pairs) {
  if (p.decision !== 'review') continue;
  const i = index.get(p.a);
  const j = index.get(p.b);
  const reason = p.capped ?? SCORE_BAND;
  const row = rows.get(reason) ?? { trueReviews: 0, falseReviews: 0, trueInGroup: 0, falseInGroup: 0, lookalikes: 0 };
  rows.set(reason, row);
  const inGroup = find(i) === find(j);
  if (personOf[i] === personOf[j]) {
    row.trueReviews++;
    if (inGroup) row.trueInGroup++;
  } else {
    row.falseReviews++;
    if (inGroup) row.falseInGroup++;
    if (lookalikeKinds.has(`${personOf[i]}|${personOf[j]}`)) row.lookalikes++;
  }
}

const ruleOf = (reason) => {
  const base = reason.startsWith(WOULD_JOIN) ? reason.slice(WOULD_JOIN.length) : reason;
  const rule = RULES.find(([r]) => r === base)?.[1] ?? (reason === SCORE_BAND ? 'none: the score' : 'other');
  return reason.startsWith(WOULD_JOIN) ? `item 1 (no cluster holds a clear mismatch) · ${rule}` : rule;
};
const explicit = (reason) => EXPLICIT.has(reason.startsWith(WOULD_JOIN) ? reason.slice(WOULD_JOIN.length) : reason);
const pct = (n) => `${((100 * n) / truePairs).toFixed(1)} %`;
const fmt = (n) => n.toLocaleString('en');

const sorted = [...rows].sort((a, b) => b[1].trueReviews - a[1].trueReviews);
const out = [];
out.push(
  `${generator} generator, seed ${seed}, ${fmt(persons)} persons: ${fmt(pop.records.length)} records, ${fmt(truePairs)} true pairs`,
);
out.push('');
out.push(
  '| reason | true reviews (record pairs) | of them inside a group | false reviews | of them designed look-alikes | rule of issue 16 |',
);
out.push('| --- | --- | --- | --- | --- | --- |');
let total = 0;
let totalInGroup = 0;
let stated = 0;
let falseInGroup = 0;
for (const [reason, r] of sorted) {
  total += r.trueReviews;
  totalInGroup += r.trueInGroup;
  falseInGroup += r.falseInGroup;
  if (explicit(reason)) stated += r.trueReviews;
  out.push(
    `| ${reason} | ${fmt(r.trueReviews)} (${pct(r.trueReviews)}) | ${fmt(r.trueInGroup)} | ${fmt(r.falseReviews)} | ${fmt(r.lookalikes)} | ${ruleOf(reason)} |`,
  );
}
out.push(`| **all** | ${fmt(total)} (${pct(total)}) | ${fmt(totalInGroup)} | | | |`);
out.push('');
out.push(
  `- rules the issue states (items 1, 2, 4, 5 and undated namesakes): ${fmt(stated)} true record pairs (${pct(stated)})`,
);
out.push(
  `- pairs inside a group: ${fmt(totalInGroup)} true, ${fmt(falseInGroup)} false (records of two persons already in one group)`,
);
process.stdout.write(`${out.join('\n')}\n`);
