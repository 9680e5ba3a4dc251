/**
 * Identity linkage in the hub: candidate detection with @kim/linkage's matcher, the review
 * queue, merge and unmerge. Every merge and unmerge is in the ledger with who and why.
 *
 * Design (why a pointer and not moving rows): a merge sets persons.merged_into_id of the merged
 * person and writes a person_merges row, nothing else. Cases, identifiers and consents stay on
 * the person row they were recorded for, so an unmerge clears one column and the state before
 * the merge is back exactly; and a consent, bound to its person and case, never reaches a case
 * of the other person: a merge cannot widen what an agency sees.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { StaffRole, uuidSchema } from '@kim/contracts';
import {
  linkageRepository,
  type LinkEvidenceRow,
  type LinkReviewListRow,
  type LinkReviewRow,
  type PersonMergeRow,
  type LinkReviewOrderDirection,
  type LinkReviewOrderField,
} from '@kim/persistence';
import { anotherOrder, gaveOut, keysetCursor, orderedCursor, rowLeftList } from '../common/cursor.js';
import {
  DEFAULT_THRESHOLDS,
  MatchContext,
  matchOneToPersons,
  matchRecords,
  type LevelProbabilities,
} from '@kim/linkage';
import { audit } from '../ledger/audit.js';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import { linkReviewForViewer } from '../access/policy.js';
import type { Principal } from '../common/principal.js';
import {
  asRecorded,
  chooseSurvivor,
  orderedPair,
  swapEvidence,
  toMatchRecord,
  type EvidenceView,
  type LinkablePerson,
} from './link-rules.js';

export type LinkDecision = 'SAME_PERSON' | 'DIFFERENT_PERSONS';
/** Why two persons were merged: automatically on the pair's `score` or a shared `identifier`, or by a `review`. */
export type MergeBasis = 'score' | 'identifier' | 'review';

export interface DetectionResult {
  /** Merges made automatically (score above the link threshold). */
  merged: { mergeId: string; survivorId: string; mergedId: string; score: number }[];
  /** Review items created (score between the thresholds). */
  reviews: { reviewId: string; personAId: string; personBId: string; score: number }[];
}

export interface LinkReviewView {
  id: string;
  personAId: string;
  personBId: string;
  /** Case references of each person the viewer may see (others are not named). */
  casesA: string[];
  casesB: string[];
  /** Null where either person has no case in the viewer's area (it scores the withheld person's data). */
  score: number | null;
  capped: string | null;
  source: string;
  status: string;
  evidence: EvidenceView[];
  createdAt: Date;
  decidedAt: Date | null;
  note: string | null;
}

interface PersonRow extends LinkablePerson {
  createdAt: Date;
  mergedIntoId: string | null;
}

/** Staff who work with persons (case managers, coordinators); never agencies or operators. */
function assertCaseStaff(p: Principal): asserts p is Extract<Principal, { kind: 'staff' }> {
  if (p.kind !== 'staff' || (p.role !== StaffRole.CASE_MANAGER && p.role !== StaffRole.COORDINATOR)) {
    throw forbidden('only case managers and coordinators work with identity links');
  }
}

/** The caller's area: the region of a case manager, the coordination area of a coordinator. */
function areaOf(p: Extract<Principal, { kind: 'staff' }>): {
  regionId: string | null;
  coordinationAreaId: string | null;
} {
  return p.role === StaffRole.COORDINATOR
    ? { regionId: null, coordinationAreaId: p.coordinationAreaId }
    : { regionId: p.regionId, coordinationAreaId: null };
}

/**
 * u-probabilities per tenant, kept between intakes: measuring them samples tens of thousands of
 * random pairs, which costs the same (~0.7 s) however small the tenant, while one more person
 * hardly moves them. Re-measured after a while or when the population has grown by a tenth.
 */
const U_CACHE_MS = 15 * 60_000;
const uCache = new Map<string, { u: LevelProbabilities; persons: number; at: number }>();

function keptU(tenantId: string, persons: number, now = Date.now()): LevelProbabilities | undefined {
  const kept = uCache.get(tenantId);
  if (!kept || now - kept.at > U_CACHE_MS || Math.abs(persons - kept.persons) > kept.persons / 10) return undefined;
  return kept.u;
}

const NOTE_MAX = 1000;
/** Why a pair above the link threshold went to review instead. */
const ACROSS_AREAS = 'no case in a common regional area: never linked automatically across areas';
const REASON_MAX = 1000;

export class LinkageCommands {
  constructor(private readonly ds: DataSource) {}

  /** The person a person is (transitively) merged into; itself if not merged. */
  async rootOf(m: EntityManager, tenantId: string, personId: string): Promise<string> {
    const row = await linkageRepository.rootOf(m, tenantId, personId);
    if (!row) throw notFound('person', personId);
    return row.id;
  }

  /** Persons of the tenant that can be matched: not merged into another, not erased. */
  private async linkable(m: EntityManager, tenantId: string): Promise<PersonRow[]> {
    return (await this.personRecords(m, tenantId)).filter((p) => p.mergedIntoId === null);
  }

  /**
   * Every person row of the tenant that is not erased, merged ones included: a merged person's
   * row is one more record of the person it was merged into (matching weighs all of them).
   */
  private async personRecords(m: EntityManager, tenantId: string): Promise<PersonRow[]> {
    return linkageRepository.personRecords(m, tenantId);
  }

  /** Pairs already in the review table (any status): never queued twice, never linked after "different". */
  private async knownPairs(m: EntityManager, tenantId: string): Promise<Map<string, string>> {
    const rows = await linkageRepository.reviewPairs(m, tenantId);
    return new Map(rows.map((r) => [`${r.a}:${r.b}`, r.status]));
  }

  /**
   * Compares one (new) person with the blocked candidates of its tenant and acts on the result:
   * above the link threshold a merge into the candidate, between the thresholds a review item.
   * Runs in the worker (MatchPersonJob), inside the caller's transaction, which holds the
   * tenant's linkage lock. The actor of every merge is the system.
   *
   * Never automatic: a link to a person with no case in a regional area the new person has a
   * case in (across areas a merge would put one person's record before another area's staff:
   * it goes to review), and any pair, direct or through persons merged into either, that a case
   * manager decided to be different persons (neither merged nor queued again).
   */
  async detectForPerson(m: EntityManager, tenantId: string, personId: string): Promise<DetectionResult> {
    const system: Principal = { kind: 'system', tenantId };
    const result: DetectionResult = { merged: [], reviews: [] };
    const rows = await this.personRecords(m, tenantId);
    const index = rows.findIndex((p) => p.id === personId);
    if (index < 0 || rows[index]!.mergedIntoId !== null || rows.length < 2) return result;
    // Each row is a record of the person at the root of its merges; the merged ones count too,
    // as evidence against a newcomer and as namesakes in a crowd (each was opened as a person).
    const root = rootsOf(rows);
    const byId = new Map(rows.map((p) => [p.id, p]));
    const records = rows.map(toMatchRecord);
    // The model (u-probabilities, term frequencies) is estimated on the tenant's whole population.
    const u = keptU(tenantId, rows.length);
    const ctx = new MatchContext(records, u ? { u } : {});
    if (!u) uCache.set(tenantId, { u: ctx.u, persons: rows.length, at: Date.now() });
    const known = await this.knownPairs(m, tenantId);
    // The same decisions as `linkage:match` makes for one record: @kim/linkage's matchOneToPersons
    // (at most one person linked; several that would link all go to review).
    for (const d of matchOneToPersons(ctx, index, (j) => root(rows[j]!.id))) {
      const other = byId.get(d.person)!;
      const pair = orderedPair(personId, other.id);
      if (known.has(`${pair.a}:${pair.b}`)) continue;
      const guard = await this.pairGuard(m, tenantId, personId, other.id);
      if (guard.decidedDifferent) continue;
      let capped = d.capped ?? null;
      if (d.decision === 'link') {
        if (guard.sharedArea) {
          const { survivor, merged } = chooseSurvivor(rows[index]!, other);
          const basis = d.basis === 'identifier' ? 'identifier' : 'score';
          const mergeId = await this.merge(m, system, {
            survivorId: survivor.id,
            mergedId: merged.id,
            basis,
            score: d.score,
            reviewId: null,
            reason:
              basis === 'identifier'
                ? `automatic link: the same person-level identifier (score ${d.score.toFixed(2)} bits)`
                : `automatic link: score ${d.score.toFixed(2)} bits ≥ ${DEFAULT_THRESHOLDS.link}`,
          });
          result.merged.push({ mergeId, survivorId: survivor.id, mergedId: merged.id, score: d.score });
          continue;
        }
        capped = ACROSS_AREAS;
      }
      const evidence = asRecorded(ctx.explain(index, d.j), ctx.comparison(index, d.j).swapped);
      const reviewId = await this.queueReview(m, tenantId, personId, other.id, {
        score: d.score,
        evidence,
        capped,
        source: 'case-opened',
      });
      if (reviewId) result.reviews.push({ reviewId, ...orderedIds(personId, other.id), score: d.score });
    }
    return result;
  }

  /**
   * One intake's match request (MatchPersonJob): matches its person once, in one transaction
   * under the tenant's linkage lock, and marks the request done with what it did. A request
   * already done, or unknown, is skipped: the job may come twice (the gateway's fast path and
   * the relay), and the second run must change nothing.
   */
  async runMatchRequest(
    tenantId: string,
    requestId: string,
  ): Promise<{ kind: 'skip'; reason: string } | { kind: 'done'; result: DetectionResult }> {
    return this.ds.transaction(async (m) => {
      await linkageRepository.lockTenant(m, tenantId);
      const request = await linkageRepository.lockMatchRequest(m, tenantId, requestId);
      if (!request) return { kind: 'skip', reason: 'no such match request' };
      if (request.done_at) return { kind: 'skip', reason: 'already matched' };
      const result = await this.detectForPerson(m, tenantId, request.person_id);
      await linkageRepository.matchRequestDone(m, tenantId, requestId, result.merged.length, result.reviews.length);
      return { kind: 'done', result };
    });
  }

  /**
   * What stands between two persons and an automatic merge, looking at each with everyone
   * merged into it (its tree, from its root). `sharedArea`: both trees have a case in one
   * regional area. `decidedDifferent`: some pair across the trees was decided "different
   * persons" (in the review queue, or by undoing a merge), which holds for good; merging the
   * trees would make those two one person after all.
   */
  async pairGuard(
    m: EntityManager,
    tenantId: string,
    x: string,
    y: string,
  ): Promise<{ sharedArea: boolean; decidedDifferent: boolean }> {
    const rx = await this.rootOf(m, tenantId, x);
    const ry = await this.rootOf(m, tenantId, y);
    const row = await linkageRepository.pairGuard(m, tenantId, rx, ry);
    return { sharedArea: row?.shared_area === true, decidedDifferent: row?.decided_different === true };
  }

  /**
   * The maintenance run over one tenant (inside its fence): matches all its unmerged persons
   * among themselves and merges or queues as above. Pairs already in the review table are left
   * alone; only direct pair decisions merge (a pair linked only through other records has no
   * basis of its own), and the guards of `detectForPerson` apply: never across areas, never a
   * pair decided "different persons", directly or through persons merged into either.
   */
  async detectInTenant(tenantId: string): Promise<DetectionResult> {
    const system: Principal = { kind: 'system', tenantId };
    return this.ds.transaction(async (m) => {
      // One run per tenant at a time (two workers, or an intake's match job, would race on merges).
      await linkageRepository.lockTenant(m, tenantId);
      const result: DetectionResult = { merged: [], reviews: [] };
      const persons = await this.linkable(m, tenantId);
      if (persons.length < 2) return result;
      // Evidence for every decided pair: a link that may not be made automatically becomes a review.
      const match = matchRecords(persons.map(toMatchRecord), { evidence: 'all' });
      const known = await this.knownPairs(m, tenantId);
      const byId = new Map(persons.map((p) => [p.id, p]));
      const pairs = [...match.pairs].sort((x, y) => y.score - x.score);
      for (const pair of pairs) {
        const ordered = orderedPair(pair.a, pair.b);
        if (known.has(`${ordered.a}:${ordered.b}`)) continue;
        const basis = pair.basis === 'score' || pair.basis === 'identifier' ? pair.basis : null;
        if (pair.decision === 'link' && !basis) continue;
        const guard = await this.pairGuard(m, tenantId, pair.a, pair.b);
        if (guard.decidedDifferent) continue;
        if (pair.decision === 'link' && basis && guard.sharedArea) {
          const ra = await this.rootOf(m, tenantId, pair.a);
          const rb = await this.rootOf(m, tenantId, pair.b);
          if (ra === rb) continue;
          const { survivor, merged } = chooseSurvivor(byId.get(ra)!, byId.get(rb)!);
          const mergeId = await this.merge(m, system, {
            survivorId: survivor.id,
            mergedId: merged.id,
            basis,
            score: pair.score,
            reviewId: null,
            reason: `automatic link (maintenance): ${pair.a} ~ ${pair.b}, score ${pair.score.toFixed(2)} bits, basis ${pair.basis}`,
          });
          result.merged.push({ mergeId, survivorId: survivor.id, mergedId: merged.id, score: pair.score });
        } else if (pair.evidence) {
          if ((await this.rootOf(m, tenantId, pair.a)) === (await this.rootOf(m, tenantId, pair.b))) continue;
          const reviewId = await this.queueReview(m, tenantId, pair.a, pair.b, {
            score: pair.score,
            evidence: asRecorded(pair.evidence, pair.swappedNames === true),
            capped: pair.decision === 'link' ? ACROSS_AREAS : (pair.capped ?? null),
            source: 'maintenance',
          });
          if (reviewId) result.reviews.push({ reviewId, ...orderedIds(pair.a, pair.b), score: pair.score });
        }
      }
      return result;
    });
  }

  /**
   * Two persons of different areas hold the same person-level identifier (an intake typed a
   * number the link map knows from elsewhere): a review item for both areas, never a link. It is
   * not scored (score 0); the shared identifier is its evidence. Recorded in the ledger for both.
   */
  async queueIdentifierReview(
    m: EntityManager,
    actor: Principal,
    personId: string,
    otherId: string,
    identifiers: readonly { kind: string; issuer: string; value: string }[],
  ): Promise<string | null> {
    const evidence: LinkEvidenceRow[] = identifiers.map((i) => {
      const shown = `${i.kind} (${i.issuer}): ${i.value}`;
      return { field: 'identifier', level: 'same-identifier', weight: 0, valueA: shown, valueB: shown };
    });
    const reviewId = await this.queueReview(m, actor.tenantId, personId, otherId, {
      score: 0,
      evidence,
      capped: 'same identifier as a person of another area: reviewed, never linked automatically',
      source: 'identifier',
    });
    if (!reviewId) return null;
    for (const id of [personId, otherId]) {
      await audit(m, actor, {
        action: 'link-review.queued',
        subjectType: 'link-review',
        subjectId: reviewId,
        allowed: true,
        reason: `an intake carried ${identifiers.map((i) => i.kind).join(', ')} already in the link map of a person of another area`,
        personId: id,
      });
    }
    return reviewId;
  }

  /** Stores a review item; evidence given for (x, y) is turned to the stored order. Null if the pair is known. */
  private async queueReview(
    m: EntityManager,
    tenantId: string,
    x: string,
    y: string,
    item: { score: number; evidence: readonly LinkEvidenceRow[]; capped: string | null; source: string },
  ): Promise<string | null> {
    const pair = orderedPair(x, y);
    const evidence = pair.swapped ? swapEvidence(item.evidence as never) : [...item.evidence];
    const row = await linkageRepository.insertReview(m, {
      tenantId,
      a: pair.a,
      b: pair.b,
      score: item.score,
      evidence: JSON.stringify(evidence),
      capped: item.capped,
      source: item.source,
    });
    return row?.id ?? null;
  }

  /** Marks `mergedId` merged into `survivorId`; both must be unmerged persons. Audited for both. */
  private async merge(
    m: EntityManager,
    actor: Principal,
    args: {
      survivorId: string;
      mergedId: string;
      basis: MergeBasis;
      score: number | null;
      reviewId: string | null;
      reason: string;
    },
  ): Promise<string> {
    const rows = await linkageRepository.lockPersons(m, actor.tenantId, [args.survivorId, args.mergedId]);
    if (rows.length !== 2 || rows.some((r) => r.merged_into_id !== null)) {
      throw new DomainError('CONFLICT', 'one of the persons is already merged into another; decide on that one');
    }
    await linkageRepository.setMergedInto(m, actor.tenantId, args.mergedId, args.survivorId);
    const mergeId = await linkageRepository.insertMerge(m, {
      tenantId: actor.tenantId,
      survivorId: args.survivorId,
      mergedId: args.mergedId,
      basis: args.basis,
      score: args.score,
      reviewId: args.reviewId,
      reason: args.reason,
      mergedBy: actor.kind === 'staff' ? actor.userId : null,
    });
    for (const personId of [args.mergedId, args.survivorId]) {
      await audit(m, actor, {
        action: 'person.merged',
        subjectType: 'person-merge',
        subjectId: mergeId,
        allowed: true,
        reason: `${args.mergedId} merged into ${args.survivorId} (${args.basis}): ${args.reason}`,
        personId,
      });
    }
    return mergeId;
  }

  /** Open review items on persons with a case in the caller's area, evidence as the caller may see it. */
  async listReviews(
    p: Principal,
    opts: { status?: string; first?: number; reviewId?: string } = {},
  ): Promise<LinkReviewView[]> {
    assertCaseStaff(p);
    const area = areaOf(p);
    const status = opts.status ?? 'open';
    return this.ds.transaction(async (m) => {
      const reviews = await linkageRepository.listReviews(m, {
        tenantId: p.tenantId,
        area,
        status,
        limit: Math.max(1, Math.min(opts.first ?? 100, 500)),
        reviewId: opts.reviewId ?? null,
      });
      return (await this.viewsOf(m, p, status, reviews)).map(({ view }) => view);
    });
  }

  /**
   * One page of the review queue (Relay cursors: best score first, then oldest), with the count of
   * the whole queue. An open item whose persons were linked meanwhile is left out of its page, so a
   * page may hold fewer than `first`; the cursor still moves past it.
   */
  async reviewPage(
    p: Principal,
    opts: {
      status?: string;
      first?: number;
      after?: string | null;
      reviewId?: string | null;
      order?: LinkReviewOrder | null;
    } = {},
  ): Promise<LinkReviewPage> {
    assertCaseStaff(p);
    const area = areaOf(p);
    const status = opts.status ?? 'open';
    const first = opts.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 500)
      throw new DomainError('INVALID_INPUT', 'first is out of range', {
        problems: [{ path: 'first', message: '1 to 500' }],
      });
    if (opts.order && !opts.reviewId)
      return this.orderedReviewPage(p, area, status, first, opts.after ?? null, opts.order);
    if (opts.after && linkReviewOrderCursor.gaveOut(opts.after)) throw anotherOrder();
    const position = opts.after ? reviewCursor.decode(opts.after.length > 200 ? '' : opts.after) : null;
    const [score, createdUs] = position ? position.at.split('_') : [];
    return this.ds.transaction(async (m) => {
      const rows = await linkageRepository.listReviews(m, {
        tenantId: p.tenantId,
        area,
        status,
        limit: first + 1,
        reviewId: opts.reviewId ?? null,
        after: position ? { score: score!, createdUs: createdUs!, id: position.id } : null,
      });
      const shown = rows.slice(0, first);
      const last = shown.at(-1);
      const cursorOf = (r: { scoreText: string; createdUs: string; id: string }) =>
        reviewCursor.encode({ at: `${r.scoreText}_${r.createdUs}`, id: r.id });
      return {
        items: (await this.viewsOf(m, p, status, shown)).map(({ view, row }) => ({ ...view, cursor: cursorOf(row) })),
        hasNextPage: rows.length > first,
        endCursor: last ? cursorOf(last) : null,
        totalCount: await linkageRepository.countReviews(m, p.tenantId, area, status),
      };
    });
  }

  /** `reviewPage` in a chosen order: the cursor holds the order and the item's id only. */
  private async orderedReviewPage(
    p: Principal,
    area: ReturnType<typeof areaOf>,
    status: string,
    first: number,
    after: string | null,
    order: LinkReviewOrder,
  ): Promise<LinkReviewPage> {
    if (after && gaveOut(reviewCursor, after)) throw anotherOrder();
    const afterId = after ? linkReviewOrderCursor.decode(after, order) : null;
    return this.ds.transaction(async (m) => {
      const rows = await linkageRepository.orderedReviews(m, {
        tenantId: p.tenantId,
        area,
        status,
        limit: first + 1,
        order,
        afterId,
      });
      if (afterId && !rows.length && !(await linkageRepository.reviewListed(m, p.tenantId, area, afterId)))
        throw rowLeftList();
      const shown = rows.slice(0, first);
      const last = shown.at(-1);
      return {
        items: (await this.viewsOf(m, p, status, shown)).map(({ view, row }) => ({
          ...view,
          cursor: linkReviewOrderCursor.encode(order, row.id),
        })),
        hasNextPage: rows.length > first,
        endCursor: last ? linkReviewOrderCursor.encode(order, last.id) : null,
        totalCount: await linkageRepository.countReviews(m, p.tenantId, area, status),
      };
    });
  }

  /** The caller's view of stored review items; open ones whose persons are linked by now are left out. */
  private async viewsOf<R extends LinkReviewListRow>(
    m: EntityManager,
    p: Principal,
    status: string,
    reviews: R[],
  ): Promise<{ view: LinkReviewView; row: R }[]> {
    const out: { view: LinkReviewView; row: R }[] = [];
    for (const r of reviews) {
      if (status === 'open') {
        const [ra, rb] = [await this.rootOf(m, p.tenantId, r.personAId), await this.rootOf(m, p.tenantId, r.personBId)];
        if (ra === rb) continue;
      }
      const view = linkReviewForViewer(
        r.evidence as LinkEvidenceRow[],
        r.score,
        r.casesA.length > 0,
        r.casesB.length > 0,
      );
      out.push({
        row: r,
        view: {
          id: r.id,
          personAId: r.personAId,
          personBId: r.personBId,
          casesA: r.casesA,
          casesB: r.casesB,
          score: view.score,
          capped: r.capped,
          source: r.source,
          status: r.status,
          evidence: view.evidence,
          createdAt: r.createdAt,
          decidedAt: r.decidedAt,
          note: r.note,
        },
      });
    }
    return out;
  }

  /** Does the caller have a case of one of these persons in their area? */
  private async seesOneOf(m: EntityManager, p: Extract<Principal, { kind: 'staff' }>, ids: string[]): Promise<boolean> {
    return linkageRepository.seesOneOf(m, p.tenantId, areaOf(p), ids);
  }

  /** A case manager's decision on a review item: merge (same person) or keep apart for good. */
  async decide(
    p: Principal,
    raw: { reviewId: string; decision: LinkDecision; note?: string | null },
  ): Promise<{ review: LinkReviewRow; mergeId: string | null }> {
    assertCaseStaff(p);
    if (raw.decision !== 'SAME_PERSON' && raw.decision !== 'DIFFERENT_PERSONS')
      throw new DomainError('INVALID_INPUT', 'decision: SAME_PERSON or DIFFERENT_PERSONS', {
        problems: [{ path: 'decision', message: 'SAME_PERSON or DIFFERENT_PERSONS' }],
      });
    const note = raw.note?.trim() || null;
    if (note && note.length > NOTE_MAX)
      throw new DomainError('INVALID_INPUT', `note: at most ${NOTE_MAX} characters`, {
        problems: [{ path: 'note', message: `at most ${NOTE_MAX} characters` }],
      });
    assertUuid(raw.reviewId, 'reviewId');
    return this.ds.transaction(async (m) => {
      const found = await linkageRepository.lockReview(m, p.tenantId, raw.reviewId);
      // An item of persons outside the caller's area does not exist for them (docs/privacy.md).
      if (!found || !(await this.seesOneOf(m, p, [found.personAId, found.personBId])))
        throw notFound('link review', raw.reviewId);
      let review = found;
      if (review.status !== 'open')
        throw new DomainError('CONFLICT', `link review ${review.id} was already decided (${review.status})`);
      let mergeId: string | null = null;
      const same = raw.decision === 'SAME_PERSON';
      if (same) {
        const ra = await this.rootOf(m, p.tenantId, review.personAId);
        const rb = await this.rootOf(m, p.tenantId, review.personBId);
        if (ra !== rb) {
          // "Different persons" holds for good: not even a reviewer joins two persons that were
          // decided different (directly or through persons merged into either).
          if ((await this.pairGuard(m, p.tenantId, ra, rb)).decidedDifferent)
            throw new DomainError(
              'CONFLICT',
              'these persons hold records that were decided to be different persons; undo the merge that joined them first, or decide DIFFERENT_PERSONS',
            );
          const roots = await linkageRepository.personsCreated(m, p.tenantId, [ra, rb]);
          const { survivor, merged } = chooseSurvivor(roots[0]!, roots[1]!);
          mergeId = await this.merge(m, p, {
            survivorId: survivor.id,
            mergedId: merged.id,
            basis: 'review',
            score: review.score,
            reviewId: review.id,
            reason: note ?? 'decided in the review queue: same person',
          });
        }
      }
      review = await linkageRepository.decideReview(m, p.tenantId, review.id, {
        status: same ? 'same-person' : 'different-persons',
        by: p.userId,
        note,
      });
      for (const personId of [review.personAId, review.personBId]) {
        await audit(m, p, {
          action: 'link-review.decided',
          subjectType: 'link-review',
          subjectId: review.id,
          allowed: true,
          reason: `${review.status}${note ? `: ${note}` : ''}`,
          personId,
        });
      }
      return { review, mergeId };
    });
  }

  /**
   * Undoes a merge: the merged person is on its own again, with everything it had (nothing had
   * moved). The pair is then recorded as "different persons" so the matcher does not link it again.
   */
  async unmerge(p: Principal, raw: { mergeId: string; reason: string }): Promise<PersonMergeRow> {
    assertCaseStaff(p);
    const reason = (raw.reason ?? '').trim();
    if (reason.length < 3 || reason.length > REASON_MAX)
      throw new DomainError('INVALID_INPUT', `reason: 3 to ${REASON_MAX} characters`, {
        problems: [{ path: 'reason', message: `3 to ${REASON_MAX} characters` }],
      });
    assertUuid(raw.mergeId, 'mergeId');
    return this.ds.transaction(async (m) => {
      const merge = await linkageRepository.lockMerge(m, p.tenantId, raw.mergeId);
      if (!merge || !(await this.seesOneOf(m, p, [merge.survivorId, merge.mergedId])))
        throw notFound('merge', raw.mergeId);
      if (merge.undoneAt) throw new DomainError('CONFLICT', `merge ${merge.id} was already undone`);
      const stillMerged = await linkageRepository.lockStillMerged(m, p.tenantId, merge.mergedId, merge.survivorId);
      if (stillMerged.length !== 1) throw new DomainError('CONFLICT', `merge ${merge.id} is not in effect`);
      await linkageRepository.clearMergedInto(m, p.tenantId, merge.mergedId);
      const undone = await linkageRepository.undoMerge(m, p.tenantId, merge.id, { by: p.userId, reason });
      const pair = orderedPair(merge.survivorId, merge.mergedId);
      await linkageRepository.decidedDifferentByUnmerge(m, {
        tenantId: p.tenantId,
        a: pair.a,
        b: pair.b,
        score: merge.score ?? 0,
        decidedBy: p.userId,
        note: reason,
      });
      for (const personId of [merge.mergedId, merge.survivorId]) {
        await audit(m, p, {
          action: 'person.unmerged',
          subjectType: 'person-merge',
          subjectId: merge.id,
          allowed: true,
          reason: `${merge.mergedId} no longer merged into ${merge.survivorId}: ${reason}`,
          personId,
        });
      }
      return undone;
    });
  }

  /** Merges in effect that involve persons with a case in the caller's area (for unmerge). */
  async listMerges(p: Principal, first = 100): Promise<PersonMergeRow[]> {
    assertCaseStaff(p);
    const rows = await linkageRepository.mergesInArea(
      this.ds,
      p.tenantId,
      areaOf(p),
      Math.max(1, Math.min(first, 500)),
    );
    if (rows.length === 0) return [];
    return linkageRepository.mergesById(
      this.ds,
      p.tenantId,
      rows.map((r) => r.id),
    );
  }
}

function assertUuid(value: unknown, path: string): void {
  if (!uuidSchema.safeParse(value).success)
    throw new DomainError('INVALID_INPUT', `${path}: not an id`, { problems: [{ path, message: 'not an id' }] });
}

/** The root of each person's merges (itself when not merged), from the rows' merged_into_id. */
function rootsOf(rows: readonly PersonRow[]): (id: string) => string {
  const up = new Map(rows.map((p) => [p.id, p.mergedIntoId]));
  const memo = new Map<string, string>();
  const root = (id: string): string => {
    const known = memo.get(id);
    if (known) return known;
    let at = id;
    // Merges form trees; the bound only guards against a cycle in bad data.
    for (let depth = 0; depth < 100; depth++) {
      const next = up.get(at);
      if (!next) break;
      at = next;
    }
    memo.set(id, at);
    return at;
  };
  return root;
}

function orderedIds(x: string, y: string): { personAId: string; personBId: string } {
  const pair = orderedPair(x, y);
  return { personAId: pair.a, personBId: pair.b };
}

/** An order of the review queue other than its default. */
export interface LinkReviewOrder {
  field: LinkReviewOrderField;
  direction: LinkReviewOrderDirection;
}
const linkReviewOrderCursor = orderedCursor<LinkReviewOrderField>('link-review-order');

/** A page of the review queue: the items with their cursors, and the whole queue's count. */
export interface LinkReviewPage {
  items: (LinkReviewView & { cursor: string })[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

/** Review lists page by (score descending, created at, id): the position is "<score>_<microseconds>". */
const reviewCursor = keysetCursor({
  tag: 'l1',
  separator: '|',
  validAt: (at) => /^-?\d+(\.\d+)?(e[-+]?\d+)?_\d{1,18}$/i.test(at),
  message: 'after is not a cursor of this list',
  hint: 'invalid cursor',
});
