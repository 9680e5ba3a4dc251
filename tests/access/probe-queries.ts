/**
 * Every other query: who may call it (QUERIES), and what it returns, compared with the facts
 * where the docs say exactly what (change feed, link reviews, merges, overrides, open loops,
 * agencies, me), and with the rules they set elsewhere (board: the caller's area only, small
 * counts suppressed; watch lists: the caller's area only).
 */
import {
  ANY,
  Unordered,
  check,
  compareTree,
  leftoverErrors,
  type Expected,
  type GqlError,
  type Tally,
} from './compare.js';
import { apiEnum } from './facts.js';
import type { MatrixFixture, MatrixHub } from './fixture.js';
import { OTHER_TYPES, QUERIES, SUPPRESSED_COUNTS, type Audience } from './policy-table.js';
import type { Oracle, Viewer } from './oracle.js';
import type { Oracles } from './probe-cases.js';

export function audienceOf(o: Oracle, v: Viewer): Audience {
  if (v.kind === 'agency') return 'agency';
  return o.staff(v.id)!.role as Audience;
}

type Answer = { data?: any; errors?: GqlError[] };

/** A query its caller may not make: refused, nothing in it. */
function refused(t: Tally, what: string, r: Answer, data: unknown): void {
  const code = r.errors?.[0]?.extensions?.code;
  const hasData = data !== null && data !== undefined && !(Array.isArray(data) && data.length === 0);
  check(
    t,
    !hasData && (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED'),
    hasData,
    `${what}: expected FORBIDDEN, got ${code ?? 'an answer'}`,
  );
}

/** An id set compared: extra ids are leaks, missing ones mismatches. */
function sameIds(t: Tally, what: string, got: string[], want: Set<string>, name = (id: string) => id): void {
  for (const id of got) check(t, want.has(id), !want.has(id), `${what}: ${name(id)} may not be here`);
  for (const id of want) if (!got.includes(id)) check(t, false, false, `${what}: ${name(id)} missing`);
  if (got.length === 0 && want.size === 0) check(t, true, false, what);
}

/** Every count of persons is suppressed from 1 to 4 (board.md). */
function counts(t: Tally, what: string, value: unknown, type: string, path: string): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => counts(t, what, v, type, `${path}[${i}]`));
    return;
  }
  const rules = OTHER_TYPES[type] ?? {};
  for (const [field, v] of Object.entries(value as Record<string, unknown>)) {
    if (rules[field] === 'count') {
      const small = typeof v === 'number' && v >= SUPPRESSED_COUNTS.from && v <= SUPPRESSED_COUNTS.to;
      check(t, !small, small, `${what} ${path}.${field} = ${String(v)}: a count below 5 is not suppressed`);
    } else if (v && typeof v === 'object') {
      counts(t, what, v, NESTED[`${type}.${field}`] ?? '', `${path}.${field}`);
    }
  }
}
const NESTED: Record<string, string> = {
  'StatusBoard.regions': 'RegionLoad',
  'RegionLoad.byPhase': 'PhaseCount',
  'StatusBoard.caseManagers': 'CaseManagerLoad',
  'StatusBoard.phases': 'PhaseCount',
  'StatusBoard.funnelTotal': 'FunnelCounts',
  'StatusBoard.funnel': 'FunnelRow',
  'StatusBoard.trends': 'MonthTrend',
  'StatusBoard.rejectionReasons': 'ReasonCount',
  'StatusBoard.waitingTimes': 'WaitingTime',
  'Barriers.flagCounts': 'FlagCount',
  'Barriers.needs': 'NeedGap',
  'Barriers.rejectionReasons': 'ReasonCount',
  'StatusBoard.milestones': 'MilestoneFigures',
  'MilestoneFigures.months': 'MilestoneMonth',
  'MilestoneFigures.total': 'MilestoneCounts',
};

const FUNNEL = 'requested awaitingAnswer accepted inProgress completed rejected failed cancelled overdue openLoops';
const MILESTONE = 'b1Reached courseCompleted livelihoodSecured naturalised';
const BOARD = `areaId regions { regionId openCases byPhase { phase cases } } caseManagers { staffId regionId openCases }
  phases { phase cases } openCases funnelTotal { ${FUNNEL} } funnel { agencyId serviceId ${FUNNEL} }
  trends { month casesOpened casesClosed referralsRequested referralsCompleted referralsRejected }
  rejectionReasons { reason referrals } waitingTimes { scope referrals }
  milestones { months { month ${MILESTONE} } total { ${MILESTONE} } }`;
const BARRIERS = `areaId flaggedCases { caseId caseReference } flagCounts { kind cases } needs { domain openNeeds referred notReferred } rejectionReasons { reason referrals }`;

export async function probeQueries(
  hub: MatrixHub,
  fx: MatrixFixture,
  oracles: Oracles,
  t: Tally,
  probed: Set<string>,
): Promise<void> {
  const mark = (q: string) => probed.add(q);
  for (const v of fx.principals) {
    const o = oracles.of(v);
    const f = o.f;
    const who = audienceOf(o, v);
    const may = (q: string) => QUERIES[q]!.who.includes(who);
    const staff = v.kind === 'staff' ? o.staff(v.id)! : null;
    const inArea = (caseId: string) => {
      const c = o.caseById(caseId);
      return !!c && !!staff && o.ordinaryAccess(staff, c);
    };
    const personInArea = (personId: string) => o.casesOf(personId).some((c) => inArea(c.id));

    // personPath (issue 19): staff who may read the case singly (an override opens it); another
    // case is refused like an unknown id; agencies and operators never.
    {
      mark('personPath');
      for (const c of f.cases) {
        const what = `${v.label} personPath(${c.reference})`;
        const r: Answer = await hub.gql(v.token, `query($id: ID!) { personPath(caseId: $id) { caseId } }`, {
          id: c.id,
        });
        const got = (r.data?.personPath ?? null) as { caseId: string } | null;
        const code = r.errors?.[0]?.extensions?.code;
        if (!may('personPath')) refused(t, what, r, got);
        else if (o.view(v, c.id, 'single'))
          check(t, got?.caseId === c.id, false, `${what}: expected the case's path, got ${code ?? 'nothing'}`);
        else
          check(
            t,
            got === null && code === 'NOT_FOUND',
            got !== null,
            `${what}: expected NOT_FOUND, got ${code ?? 'an answer'}`,
          );
      }
    }

    // referralChanges: the agency's own sent referrals' events and notices addressed to it.
    {
      mark('referralChanges');
      const what = `${v.label} referralChanges`;
      const nodes: any[] = [];
      let r: Answer = {};
      let after: string | null = null;
      for (let i = 0; i < 20; i++) {
        r = await hub.gql(
          v.token,
          `query($after: String) { referralChanges(first: 100, after: $after) { edges { node { eventId eventType referralId caseId consentId referralStatus deliveryState occurredAt } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        if (!r.data?.referralChanges) break;
        nodes.push(...r.data.referralChanges.edges.map((e: { node: unknown }) => e.node));
        if (!r.data.referralChanges.pageInfo.hasNextPage) break;
        after = r.data.referralChanges.pageInfo.endCursor;
      }
      if (!may('referralChanges')) refused(t, what, r, r.data?.referralChanges?.edges);
      else {
        const want = f.outbox.filter(
          (m) =>
            m.agencyId === v.id &&
            !['suppressed', 'discarded'].includes(m.deliveryState) &&
            (m.referralId === null ||
              f.referrals.some((x) => x.id === m.referralId && x.agencyId === v.id && x.requestedAt !== null)),
        );
        const expected = new Unordered(
          want.map((m) => {
            const ref = f.referrals.find((x) => x.id === m.referralId);
            return {
              eventId: m.eventId,
              eventType: m.eventType,
              referralId: m.referralId,
              caseId: ref?.caseId ?? null,
              consentId: m.consentId,
              referralStatus: ref ? apiEnum(ref.status) : null,
              deliveryState: apiEnum(m.deliveryState),
              occurredAt: ANY,
            };
          }),
        );
        // Matched by event id (the feed's idempotency key).
        const keyed = nodes.map((n) => ({ ...n, id: n.eventId }));
        const exp = new Unordered(
          (expected.items as Record<string, Expected>[]).map((e) => ({ ...e, id: e.eventId }) as Expected),
        );
        const used = new Set<GqlError>();
        compareTree(t, what, keyed, exp, ['referralChanges'], r.errors ?? [], used);
        leftoverErrors(t, what, r.errors, used);
      }
    }

    // linkReviews: items where one person has a case in the caller's area; outside persons withheld.
    {
      mark('linkReviews');
      const what = `${v.label} linkReviews`;
      const r = await hub.gql(
        v.token,
        `{ linkReviews(first: 500) { id personAId personBId casesA casesB status score evidence { field category level weight valueA valueB } } }`,
      );
      if (!may('linkReviews')) refused(t, what, r, r.data?.linkReviews);
      else {
        const root = (id: string): string => {
          let p = f.persons.get(id);
          for (let i = 0; p?.mergedIntoId && i < 10; i++) p = f.persons.get(p.mergedIntoId);
          return p?.id ?? id;
        };
        const refs = (personId: string) =>
          new Unordered(
            o
              .casesOf(personId)
              .filter((c) => inArea(c.id))
              .map((c) => c.reference),
          );
        const expected = new Unordered(
          f.linkReviews
            .filter((l) => l.status === 'open' && root(l.personAId) !== root(l.personBId))
            .filter((l) => personInArea(l.personAId) || personInArea(l.personBId))
            .map((l) => {
              const seesA = personInArea(l.personAId);
              const seesB = personInArea(l.personBId);
              const both = seesA && seesB;
              return {
                id: l.id,
                personAId: l.personAId,
                personBId: l.personBId,
                casesA: refs(l.personAId),
                casesB: refs(l.personBId),
                status: l.status,
                score: both ? ANY : null,
                evidence: new Unordered(
                  l.evidence.map((e) => ({
                    id: e.field,
                    field: e.field,
                    category: e.field === 'municipality' ? 'contact' : 'identity',
                    level: both ? e.level : null,
                    weight: both ? e.weight : null,
                    valueA: seesA ? e.valueA : null,
                    valueB: seesB ? e.valueB : null,
                  })),
                ),
              };
            }),
        );
        // Evidence items are matched by their field.
        const actual = (r.data?.linkReviews as { evidence?: { field: string }[] }[] | undefined)?.map((l) => ({
          ...l,
          evidence: l.evidence?.map((e) => ({ ...e, id: e.field })),
        }));
        const used = new Set<GqlError>();
        compareTree(t, what, actual, expected, ['linkReviews'], r.errors ?? [], used);
        leftoverErrors(t, what, r.errors, used);
      }
    }

    // linkReviewPage: the same items as linkReviews, paged; outside persons withheld the same way.
    {
      mark('linkReviewPage');
      const what = `${v.label} linkReviewPage`;
      const r = await hub.gql(
        v.token,
        `{ linkReviewPage(first: 500) { totalCount edges { cursor node { id personAId personBId score evidence { field valueA valueB } } } } }`,
      );
      if (!may('linkReviewPage')) refused(t, what, r, r.data?.linkReviewPage);
      else {
        const root = (id: string): string => {
          let p = f.persons.get(id);
          for (let i = 0; p?.mergedIntoId && i < 10; i++) p = f.persons.get(p.mergedIntoId);
          return p?.id ?? id;
        };
        const open = f.linkReviews
          .filter((l) => l.status === 'open')
          .filter((l) => personInArea(l.personAId) || personInArea(l.personBId));
        const visible = open.filter((l) => root(l.personAId) !== root(l.personBId));
        type Node = {
          id: string;
          score: number | null;
          evidence: { field: string; valueA: unknown; valueB: unknown }[];
        };
        const conn = r.data?.linkReviewPage as { totalCount: number; edges: { node: Node }[] } | undefined;
        check(t, !!conn, false, `${what}: no answer (${r.errors?.[0]?.message})`);
        const nodes = conn?.edges.map((e) => e.node) ?? [];
        sameIds(
          t,
          what,
          nodes.map((n) => n.id),
          new Set(visible.map((l) => l.id)),
        );
        check(t, conn?.totalCount === open.length, false, `${what}: totalCount ${conn?.totalCount} of ${open.length}`);
        for (const n of nodes) {
          const l = visible.find((x) => x.id === n.id);
          if (!l) continue;
          const seesA = personInArea(l.personAId);
          const seesB = personInArea(l.personBId);
          const leak =
            (!(seesA && seesB) && n.score !== null) ||
            n.evidence.some((e) => (!seesA && e.valueA !== null) || (!seesB && e.valueB !== null));
          check(t, !leak, leak, `${what}: ${n.id} shows a value of a person outside the area`);
        }
      }
    }

    // personMerges: merges in effect on persons with a case in the caller's area.
    {
      mark('personMerges');
      const what = `${v.label} personMerges`;
      const r = await hub.gql(v.token, `{ personMerges(first: 500) { id survivorId mergedId } }`);
      if (!may('personMerges')) refused(t, what, r, r.data?.personMerges);
      else {
        const expected = new Unordered(
          f.merges
            .filter((m) => m.undoneAt === null && (personInArea(m.survivorId) || personInArea(m.mergedId)))
            .map((m) => ({ id: m.id, survivorId: m.survivorId, mergedId: m.mergedId })),
        );
        const used = new Set<GqlError>();
        compareTree(t, what, r.data?.personMerges, expected, ['personMerges'], r.errors ?? [], used);
        leftoverErrors(t, what, r.errors, used);
      }
    }

    // accessOverrides: coordinators the overrides on cases of their area; case managers their own.
    {
      mark('accessOverrides');
      const what = `${v.label} accessOverrides`;
      const r = await hub.gql(v.token, `{ accessOverrides(first: 500) { id caseId staffUserId } }`);
      if (!may('accessOverrides')) refused(t, what, r, r.data?.accessOverrides);
      else {
        const mine = f.overrides.filter((x) =>
          staff!.role === 'coordinator' ? o.caseById(x.caseId)?.areaId === staff!.areaId : x.staffUserId === staff!.id,
        );
        const expected = new Unordered(mine.map((x) => ({ id: x.id, caseId: x.caseId, staffUserId: x.staffUserId })));
        const used = new Set<GqlError>();
        compareTree(t, what, r.data?.accessOverrides, expected, ['accessOverrides'], r.errors ?? [], used);
        leftoverErrors(t, what, r.errors, used);
      }
    }

    // accessOverridePage: the same overrides, paged, and counts of them all.
    {
      mark('accessOverridePage');
      const what = `${v.label} accessOverridePage`;
      const r = await hub.gql(
        v.token,
        `{ accessOverridePage(first: 500) { totalCount unreviewedCount edges { node { id } } } }`,
      );
      if (!may('accessOverridePage')) refused(t, what, r, r.data?.accessOverridePage);
      else {
        const mine = f.overrides.filter((x) =>
          staff!.role === 'coordinator' ? o.caseById(x.caseId)?.areaId === staff!.areaId : x.staffUserId === staff!.id,
        );
        const conn = r.data?.accessOverridePage as
          { totalCount: number; unreviewedCount: number; edges: { node: { id: string } }[] } | undefined;
        check(t, !!conn, false, `${what}: no answer (${r.errors?.[0]?.message})`);
        sameIds(t, what, conn?.edges.map((e) => e.node.id) ?? [], new Set(mine.map((x) => x.id)));
        check(t, conn?.totalCount === mine.length, false, `${what}: totalCount ${conn?.totalCount} of ${mine.length}`);
      }
    }

    // statusBoard and barriers: the caller's area (operators: the tenant); counts 1–4 suppressed.
    {
      mark('statusBoard');
      mark('barriers');
      const ownRegions = new Set(f.regions.map((x) => x.id));
      const areaRegions =
        staff?.role === 'coordinator'
          ? new Set(f.regions.filter((x) => x.areaId === staff.areaId).map((x) => x.id))
          : ownRegions;
      for (const q of ['statusBoard', 'barriers'] as const) {
        const what = `${v.label} ${q}`;
        const r = await hub.gql(v.token, `{ ${q} { ${q === 'statusBoard' ? BOARD : BARRIERS} } }`);
        const data = r.data?.[q];
        if (!may(q)) {
          refused(t, what, r, data);
          continue;
        }
        check(t, data != null && !r.errors, false, `${what}: no answer (${r.errors?.[0]?.message})`);
        if (!data) continue;
        counts(t, what, data, q === 'statusBoard' ? 'StatusBoard' : 'Barriers', q);
        if (staff?.role === 'coordinator')
          check(
            t,
            data.areaId === staff.areaId,
            data.areaId !== staff.areaId,
            `${what}: areaId ${data.areaId}, not the own area`,
          );
        if (q === 'statusBoard') {
          const ids: string[] = data.regions.map((x: { regionId: string }) => x.regionId);
          sameIds(t, `${what} regions`, ids, areaRegions);
        } else {
          const flagged: string[] = data.flaggedCases.map((x: { caseId: string }) => x.caseId);
          for (const id of flagged) {
            const ok = staff?.role === 'coordinator' && inArea(id);
            check(
              t,
              ok,
              !ok,
              `${what}: flagged case ${id} ${staff?.role === 'operator' ? 'shown to an operator' : 'outside the area'}`,
            );
          }
          if (flagged.length === 0) check(t, true, false, `${what} flaggedCases`);
        }
        // Another area's board (or another tenant's) is refused.
        if (staff?.role === 'coordinator') {
          const foreign = [fx.areas.rheine, fx.areas.kreis].find((a) => a !== staff.areaId)!;
          const other = await hub.gql(v.token, `query($a: ID) { ${q}(areaId: $a) { areaId } }`, { a: foreign });
          const code = other.errors?.[0]?.extensions?.code;
          check(
            t,
            other.data?.[q] == null && ['FORBIDDEN', 'NOT_FOUND'].includes(String(code)),
            other.data?.[q] != null,
            `${what}(areaId: another area): expected a refusal, got ${code ?? 'an answer'}`,
          );
        }
      }
    }

    // Watch lists: coordinators, cases of their area only; open loops compared exactly.
    for (const q of ['overdueReferrals', 'openLoops'] as const) {
      mark(q);
      const what = `${v.label} ${q}`;
      const r = await hub.gql(v.token, `{ ${q}(first: 500) { referralId caseId } }`);
      if (!may(q)) {
        refused(t, what, r, r.data?.[q]);
        continue;
      }
      const items: { referralId: string; caseId: string }[] = r.data?.[q] ?? [];
      check(t, !!r.data?.[q], false, `${what}: no answer (${r.errors?.[0]?.message})`);
      if (q === 'overdueReferrals') {
        for (const i of items)
          check(t, inArea(i.caseId), !inArea(i.caseId), `${what}: ${i.referralId} of a case outside the area`);
      } else {
        const want = new Set(
          f.referrals
            .filter(
              (x) =>
                ['completed', 'failed', 'rejected'].includes(x.status) &&
                x.outcomeAcknowledgedAt === null &&
                inArea(x.caseId),
            )
            .map((x) => x.id),
        );
        sameIds(
          t,
          what,
          items.map((i) => i.referralId),
          want,
        );
      }
    }

    // The paged watch list: the same open loops, and a total that counts them all.
    {
      mark('referralWatch');
      const what = `${v.label} referralWatch`;
      const r = await hub.gql(
        v.token,
        `{ referralWatch(kind: OPEN_LOOP, first: 500) { totalCount edges { node { referralId caseId } } } }`,
      );
      if (!may('referralWatch')) refused(t, what, r, r.data?.referralWatch);
      else {
        const conn = r.data?.referralWatch as
          { totalCount: number; edges: { node: { referralId: string; caseId: string } }[] } | undefined;
        check(t, !!conn, false, `${what}: no answer (${r.errors?.[0]?.message})`);
        const want = new Set(
          f.referrals
            .filter(
              (x) =>
                ['completed', 'failed', 'rejected'].includes(x.status) &&
                x.outcomeAcknowledgedAt === null &&
                inArea(x.caseId),
            )
            .map((x) => x.id),
        );
        sameIds(t, what, conn?.edges.map((e) => e.node.referralId) ?? [], want);
        check(
          t,
          conn?.totalCount === want.size,
          false,
          `${what}: totalCount ${conn?.totalCount}, expected ${want.size}`,
        );
      }
    }

    // Dead-letter list: the tenant's own messages; its own area's at least.
    {
      mark('outboundMessages');
      const what = `${v.label} outboundMessages`;
      const r = await hub.gql(v.token, `{ outboundMessages(state: QUEUED, first: 100) { id referralId agencyId } }`);
      if (!may('outboundMessages')) refused(t, what, r, r.data?.outboundMessages);
      else {
        const got: { id: string }[] = r.data?.outboundMessages ?? [];
        const tenantMsgs = new Set(f.outbox.map((m) => m.id));
        for (const m of got)
          check(t, tenantMsgs.has(m.id), !tenantMsgs.has(m.id), `${what}: ${m.id} of another tenant`);
        const must = f.outbox
          .filter((m) => m.deliveryState === 'queued')
          .filter((m) => {
            if (staff?.role === 'operator') return true;
            const ref = f.referrals.find((x) => x.id === m.referralId);
            return !!ref && inArea(ref.caseId);
          })
          .slice(0, 100);
        const ids = new Set(got.map((m) => m.id));
        // Newest first, 100 a page: only the newest hundred can be required.
        const newest = new Set(
          f.outbox
            .filter((m) => m.deliveryState === 'queued')
            .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
            .slice(0, 100)
            .map((m) => m.id),
        );
        for (const m of must) if (newest.has(m.id)) check(t, ids.has(m.id), false, `${what}: ${m.id} missing`);
      }
    }

    // handoffRuns and queues: coordinators and operators.
    {
      mark('handoffRuns');
      const what = `${v.label} handoffRuns`;
      const r = await hub.gql(v.token, `{ handoffRuns(first: 500) { id agencyId } }`);
      if (!may('handoffRuns')) refused(t, what, r, r.data?.handoffRuns);
      else
        sameIds(
          t,
          what,
          (r.data?.handoffRuns ?? []).map((x: { id: string }) => x.id),
          new Set(f.handoffRuns),
        );
    }
    {
      mark('queues');
      const what = `${v.label} queues`;
      const r = await hub.gql(v.token, `{ queues { name waiting } }`);
      if (!may('queues')) refused(t, what, r, r.data?.queues);
      else check(t, (r.data?.queues ?? []).length > 0, false, `${what}: no queues`);
    }

    // agencies: the tenant's own, as stored.
    {
      mark('agencies');
      const what = `${v.label} agencies`;
      const r = await hub.gql(v.token, `{ agencies { id name kind legalDomain channel services { id code name } } }`);
      if (!may('agencies')) refused(t, what, r, r.data?.agencies);
      else {
        const expected = new Unordered(
          f.agencies.map((a) => ({
            id: a.id,
            name: a.name,
            kind: apiEnum(a.kind),
            legalDomain: apiEnum(a.legalDomain),
            channel: apiEnum(a.channel),
            services: new Unordered(
              f.services.filter((s) => s.agencyId === a.id).map((s) => ({ id: s.id, code: s.code, name: s.name })),
            ),
          })),
        );
        const used = new Set<GqlError>();
        compareTree(t, what, r.data?.agencies, expected, ['agencies'], r.errors ?? [], used);
        leftoverErrors(t, what, r.errors, used);
      }
    }

    // legalBases: coordinators, the bases of the area they supervise (on its cases, or for the area).
    {
      mark('legalBases');
      const what = `${v.label} legalBases`;
      const r = await hub.gql(
        v.token,
        `{ legalBases(first: 100) { id recipientAgencyId personId caseId coordinationAreaId status } }`,
      );
      if (!may('legalBases')) refused(t, what, r, r.data?.legalBases);
      else {
        const ofArea = f.legalBases.filter((b) =>
          b.caseId !== null ? o.caseById(b.caseId)?.areaId === staff!.areaId : b.areaId === staff!.areaId,
        );
        // Pending first, then newest first, 100 a page: the fixture's bases are within the first page.
        const expected = new Unordered(
          ofArea.map((b) => ({
            id: b.id,
            recipientAgencyId: b.recipientAgencyId,
            personId: b.personId,
            caseId: b.caseId,
            coordinationAreaId: b.areaId,
            status: apiEnum(b.status),
          })),
        );
        const used = new Set<GqlError>();
        compareTree(t, what, r.data?.legalBases, expected, ['legalBases'], r.errors ?? [], used);
        leftoverErrors(t, what, r.errors, used);
      }
    }

    // legalNorms: the maintained list, for staff who work with cases.
    {
      mark('legalNorms');
      const what = `${v.label} legalNorms`;
      const r = await hub.gql(v.token, `{ legalNorms { code citation } }`);
      if (!may('legalNorms')) refused(t, what, r, r.data?.legalNorms);
      else check(t, (r.data?.legalNorms ?? []).length > 0 && !r.errors, false, `${what}: no norms`);
    }

    // intakeRegions: where the caller may open a case.
    {
      mark('intakeRegions');
      const what = `${v.label} intakeRegions`;
      const r = await hub.gql(v.token, `{ intakeRegions { id } }`);
      const got: string[] = (r.data?.intakeRegions ?? []).map((x: { id: string }) => x.id);
      if (!may('intakeRegions')) refused(t, what, r, r.data?.intakeRegions);
      else {
        const want = new Set(
          f.regions
            .filter((x) => (staff!.role === 'case-manager' ? x.id === staff!.regionId : x.areaId === staff!.areaId))
            .map((x) => x.id),
        );
        sameIds(t, what, got, want);
      }
    }

    // handOverCandidates: for a case the caller works on, the other case managers of its regional
    // area; a case of another area is refused like an unknown one (privacy.md, handOverCase).
    {
      mark('handOverCandidates');
      for (const c of [
        f.cases.find((x) => x.regionId === fx.regions.rheine),
        f.cases.find((x) => x.regionId === fx.regions.lengerich),
      ]) {
        if (!c) continue;
        const what = `${v.label} handOverCandidates(${c.reference})`;
        const r = await hub.gql(v.token, `query($id: ID!) { handOverCandidates(caseId: $id) { id } }`, { id: c.id });
        const got: string[] = (r.data?.handOverCandidates ?? []).map((x: { id: string }) => x.id);
        if (!may('handOverCandidates')) refused(t, what, r, r.data?.handOverCandidates);
        else if (!inArea(c.id)) {
          const code = r.errors?.[0]?.extensions?.code;
          check(
            t,
            code === 'NOT_FOUND' && got.length === 0,
            got.length > 0,
            `${what}: expected NOT_FOUND, got ${code ?? 'an answer'}`,
          );
        } else {
          const want = new Set(
            f.staff
              .filter((x) => x.role === 'case-manager' && x.regionId === c.regionId && x.id !== c.caseManagerId)
              .map((x) => x.id),
          );
          sameIds(t, what, got, want);
        }
      }
    }

    // me: the staff member the token belongs to.
    {
      mark('me');
      const what = `${v.label} me`;
      const r = await hub.gql(v.token, `{ me { id role displayName } }`);
      if (!may('me')) refused(t, what, r, r.data?.me);
      else {
        const used = new Set<GqlError>();
        compareTree(
          t,
          what,
          r.data?.me,
          { id: staff!.id, role: staff!.role, displayName: staff!.displayName },
          ['me'],
          r.errors ?? [],
          used,
        );
        leftoverErrors(t, what, r.errors, used);
      }
    }
  }
  await probeAdministration(hub, fx, oracles, t, mark);
  // The two reads of a case are probed in probe-cases.ts.
  mark('case');
  mark('cases');
}

/**
 * Issue 18: viewer (the caller itself), the administration's lists (tenant administrators, their
 * own tenant only) and an agency's delivery log (its own messages only). The truth is read from
 * the database as its owner, per tenant.
 */
async function probeAdministration(
  hub: MatrixHub,
  fx: MatrixFixture,
  oracles: Oracles,
  t: Tally,
  mark: (q: string) => void,
): Promise<void> {
  const ids = async (sql: string, tenantId: string) =>
    new Set((await hub.db.ds.query<{ id: string }[]>(sql, [tenantId])).map((r) => r.id));
  const truth: Record<string, Record<string, Set<string>>> = {};
  for (const tenantId of [fx.tenantId, fx.otherTenantId]) {
    const f = oracles.of({ tenantId } as Viewer).f;
    truth[tenantId] = {
      coordinationAreas: await ids(`SELECT id FROM coordination_areas WHERE tenant_id = $1`, tenantId),
      regionalAreas: new Set(f.regions.map((r) => r.id)),
      staffUsers: new Set(f.staff.map((s) => s.id)),
      services: new Set(f.services.map((s) => s.id)),
      credentials: await ids(`SELECT id FROM credentials WHERE tenant_id = $1`, tenantId),
      administeredAgencies: await ids(`SELECT id FROM agencies WHERE tenant_id = $1`, tenantId),
    };
  }
  for (const v of fx.principals) {
    const o = oracles.of(v);
    const who = audienceOf(o, v);
    const may = (q: string) => QUERIES[q]!.who.includes(who);

    // viewer: the caller's own tenant and its own agency or staff member, nothing else.
    {
      mark('viewer');
      const what = `${v.label} viewer`;
      const r = await hub.gql(v.token, `{ viewer { tenant { id } agency { id } staff { id } } }`);
      if (!may('viewer')) refused(t, what, r, r.data?.viewer);
      else {
        const got = r.data?.viewer;
        const want = {
          tenant: { id: v.tenantId },
          agency: v.kind === 'agency' ? { id: v.id } : null,
          staff: v.kind === 'staff' ? { id: v.id } : null,
        };
        const same = JSON.stringify(got) === JSON.stringify(want);
        const foreign =
          !!got &&
          (got.tenant?.id !== v.tenantId ||
            (got.agency && got.agency.id !== v.id) ||
            (got.staff && got.staff.id !== v.id));
        check(t, same && !r.errors, !!foreign, `${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
    }

    // The administration's lists: the caller's own tenant, every item of it.
    for (const q of ['coordinationAreas', 'regionalAreas', 'staffUsers', 'services', 'administeredAgencies'] as const) {
      mark(q);
      const what = `${v.label} ${q}`;
      const r = await hub.gql(v.token, `{ ${q} { id } }`);
      if (!may(q)) refused(t, what, r, r.data?.[q]);
      else
        sameIds(
          t,
          what,
          (r.data?.[q] ?? []).map((x: { id: string }) => x.id),
          truth[v.tenantId]![q]!,
        );
    }
    {
      // Paged: every page of the caller's own tenant together is its whole staff, each once.
      mark('staffUserPage');
      const what = `${v.label} staffUserPage`;
      const got: string[] = [];
      let after: string | null = null;
      let refusedAt: { r: { data?: any; errors?: any[] } } | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const r: { data?: any; errors?: any[] } = await hub.gql(
          v.token,
          `query($after: ID) { staffUserPage(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        if (!r.data?.staffUserPage) {
          refusedAt = { r };
          break;
        }
        got.push(...r.data.staffUserPage.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!r.data.staffUserPage.pageInfo.hasNextPage) break;
        after = r.data.staffUserPage.pageInfo.endCursor;
      }
      if (!may('staffUserPage')) refused(t, what, refusedAt?.r ?? { data: {} }, got.length ? got : undefined);
      else {
        check(t, new Set(got).size === got.length, false, `${what}: a staff user on two pages`);
        sameIds(t, what, got, truth[v.tenantId]!.staffUsers!);
      }
    }
    {
      // privacyContacts: the caller's own tenant's, as stored.
      mark('privacyContacts');
      const what = `${v.label} privacyContacts`;
      const r = await hub.gql(v.token, `{ privacyContacts { controllerName dpoName } }`);
      if (!may('privacyContacts')) refused(t, what, r, r.data?.privacyContacts);
      else {
        const [want] = await hub.db.ds.query(
          `SELECT controller_name AS "controllerName", dpo_name AS "dpoName" FROM tenants WHERE id = $1`,
          [v.tenantId],
        );
        const got = r.data?.privacyContacts;
        check(
          t,
          JSON.stringify(got) === JSON.stringify(want) && !r.errors,
          false,
          `${what}: got ${JSON.stringify(got)}`,
        );
      }
    }
    {
      mark('credentials');
      const what = `${v.label} credentials`;
      // Read before the probe's own sign-in could add anything: the list is compared as a set of ids.
      const r = await hub.gql(v.token, `{ credentials { id } }`);
      if (!may('credentials')) refused(t, what, r, r.data?.credentials);
      else
        sameIds(
          t,
          what,
          (r.data?.credentials ?? []).map((x: { id: string }) => x.id),
          await ids(`SELECT id FROM credentials WHERE tenant_id = $1`, v.tenantId),
        );
    }

    // Sessions of single sign-on: the caller's own (the matrix's callers hold none but their own
    // would show), and a tenant administrator's view of a staff user of their own tenant only.
    {
      mark('mySessions');
      const what = `${v.label} mySessions`;
      const r = await hub.gql(v.token, `{ mySessions { id } }`);
      if (!may('mySessions')) refused(t, what, r, r.data?.mySessions);
      else
        sameIds(
          t,
          what,
          (r.data?.mySessions ?? []).map((x: { id: string }) => x.id),
          await ids(`SELECT id FROM staff_sessions WHERE tenant_id = $1 AND staff_user_id = '${v.id}'`, v.tenantId),
        );
    }
    {
      mark('staffSessions');
      const target = fx.creds.staff.find((s) => s.key === 'cm-rheine-1')!.id;
      const what = `${v.label} staffSessions of a case manager of ${fx.tenantId === v.tenantId ? 'its own' : 'another'} tenant`;
      const r = await hub.gql(v.token, `query($u: ID!) { staffSessions(staffUserId: $u) { id } }`, { u: target });
      if (!may('staffSessions')) refused(t, what, r, r.data?.staffSessions);
      else
        sameIds(
          t,
          what,
          (r.data?.staffSessions ?? []).map((x: { id: string }) => x.id),
          await ids(`SELECT id FROM staff_sessions WHERE tenant_id = $1 AND staff_user_id = '${target}'`, v.tenantId),
        );
    }

    // Issue 19 item 5: transferOptions and caseTransfers for a case the caller works on (ordinary
    // access: an override does not open them), any other case (of another area or Kreis) like an
    // unknown one; incomingTransfers for coordinators, exactly the offers addressed to their Kreis.
    {
      mark('transferOptions');
      mark('caseTransfers');
      const me = v.kind === 'staff' ? o.staff(v.id)! : null;
      const worksOn = (caseId: string) => {
        const c = o.caseById(caseId);
        return !!c && !!me && o.ordinaryAccess(me, c);
      };
      const main = oracles.main.f.cases;
      const sample = [...new Set([fx.caseA, fx.caseB, ...main.slice(0, 6).map((c) => c.id)])];
      for (const caseId of sample) {
        for (const [q, field] of [
          ['transferOptions', 'tenantId'],
          ['caseTransfers', 'id'],
        ] as const) {
          const what = `${v.label} ${q}(${caseId})`;
          const r: Answer = await hub.gql(v.token, `query($id: ID!) { ${q}(caseId: $id) { ${field} } }`, {
            id: caseId,
          });
          const got = (r.data?.[q] ?? null) as unknown[] | null;
          const code = r.errors?.[0]?.extensions?.code;
          if (!may(q)) refused(t, what, r, got);
          else if (worksOn(caseId))
            check(t, Array.isArray(got) && !r.errors, false, `${what}: expected an answer, got ${code ?? 'nothing'}`);
          else
            check(
              t,
              got === null && code === 'NOT_FOUND',
              got !== null,
              `${what}: expected NOT_FOUND, got ${code ?? 'an answer'}`,
            );
        }
      }
      mark('incomingTransfers');
      const what = `${v.label} incomingTransfers`;
      const r = await hub.gql(v.token, `{ incomingTransfers { id } }`);
      if (!may('incomingTransfers')) refused(t, what, r, r.data?.incomingTransfers);
      else {
        const rows: { id: string }[] = await hub.db.ds.query(`SELECT id FROM case_transfers WHERE to_tenant_id = $1`, [
          v.tenantId,
        ]);
        sameIds(
          t,
          what,
          (r.data?.incomingTransfers ?? []).map((x: { id: string }) => x.id),
          new Set(rows.map((x) => x.id)),
        );
      }
    }

    // myDeliveries: the agency's own messages, never a suppressed one.
    {
      mark('myDeliveries');
      const what = `${v.label} myDeliveries`;
      const r = await hub.gql(v.token, `{ myDeliveries(first: 200) { eventId referralId deliveryState } }`);
      if (!may('myDeliveries')) refused(t, what, r, r.data?.myDeliveries);
      else {
        const want = new Set(
          o.f.outbox.filter((m) => m.agencyId === v.id && m.deliveryState !== 'suppressed').map((m) => m.eventId),
        );
        sameIds(
          t,
          what,
          (r.data?.myDeliveries ?? []).map((x: { eventId: string }) => x.eventId),
          want,
        );
      }
    }
  }
}
