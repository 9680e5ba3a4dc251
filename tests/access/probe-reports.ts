/**
 * Reports over HTTP: the Art. 15 report of a case (only what its caller may see), the printable
 * consent form of a case (ordinary case access), the
 * pseudonymised typical-case export and the committee report (coordinators of the area; no
 * identifying value of the probe person in them).
 */
import { Unordered, check, compareTree, type Expected, type Tally } from './compare.js';
import { ACCESS_REPORT } from './policy-table.js';
import type { MatrixFixture, MatrixHub } from './fixture.js';
import type { Oracles } from './probe-cases.js';
import type { Viewer } from './oracle.js';

interface LedgerRow {
  agency_id: string | null;
  actor_kind: string;
  actor_id: string | null;
  subject_type: string;
  subject_id: string;
}

/** The allowed ledger entries about a person that name an agency. */
const ledgerOf = (hub: MatrixHub, tenantId: string, personId: string): Promise<LedgerRow[]> =>
  hub.db.ds.query(
    `SELECT agency_id, actor_kind, actor_id, subject_type, subject_id FROM audit_events
      WHERE tenant_id = $1 AND person_id = $2 AND allowed AND agency_id IS NOT NULL`,
    [tenantId, personId],
  );

async function get(hub: MatrixHub, v: Viewer, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${v.token}` } });
  return { status: res.status, body: await res.text() };
}

/** Which identifying values of the probe person a text carries. */
const carried = (fx: MatrixFixture, body: string) => fx.identityValues.filter((x) => body.includes(x));

export async function probeReports(hub: MatrixHub, fx: MatrixFixture, oracles: Oracles, t: Tally): Promise<void> {
  const o = oracles.main;
  const f = o.f;
  const person = f.persons.get(fx.personId)!;
  const agencyName = new Map(f.agencies.map((a) => [a.id, a.name]));
  for (const v of fx.principals) {
    const staff = v.kind === 'staff' && v.tenantId === fx.tenantId ? o.staff(v.id)! : null;
    for (const [name, id] of [
      ['A', fx.caseA],
      ['B', fx.caseB],
    ] as const) {
      const c = o.caseById(id)!;
      const may = !!staff && o.ordinaryAccess(staff, c);

      // Art. 15
      const what = `${v.label} Art. 15 report of case ${name}`;
      const r = await get(hub, v, `/reports/access/${id}`);
      if (!may) {
        check(t, r.status === 403 || r.status === 404, r.status === 200, `${what}: expected 403/404, got ${r.status}`);
      } else if (r.status !== 200) {
        check(t, false, false, `${what}: expected the report, got ${r.status} ${r.body.slice(0, 100)}`);
      } else {
        const report = JSON.parse(r.body) as Record<string, any>;
        const keys = Object.keys(report);
        for (const k of keys)
          check(
            t,
            (ACCESS_REPORT.keys as readonly string[]).includes(k),
            false,
            `${what}: key ${k} is not in the table`,
          );
        const listed = o.casesOf(fx.personId).filter((x) => o.ordinaryAccess(staff, x));
        const listedIds = new Set(listed.map((x) => x.id));
        const expected: Record<string, Expected> = {
          person: {
            givenNames: person.givenNames,
            familyName: person.familyName,
            nameOriginalScript: person.nameOriginalScript,
            birthDate: person.birthDate,
            nationality: person.nationality,
            residenceStatus: person.residenceStatus,
            municipality: person.municipality,
            arrivalDate: person.arrivalDate,
            doNotContact: person.doNotContact,
            languages: person.languages,
          },
          identifiers: new Unordered(
            f.identifiers
              .filter((i) => i.personId === fx.personId)
              .map((i) => ({ kind: i.kind, issuer: agencyName.get(i.issuer) ?? i.issuer, value: i.value })),
          ),
          cases: new Unordered(
            listed.map((x) => ({
              id: x.reference,
              reference: x.reference,
              needs: new Unordered(
                f.needs.filter((n) => n.caseId === x.id).map((n) => ({ domain: n.domain, description: n.description })),
              ),
              goals: new Unordered(
                f.goals
                  .filter((g) => g.caseId === x.id)
                  .map((g) => ({ id: g.description, description: g.description })),
              ),
              timeline: new Unordered(
                f.timeline
                  .filter((e) => e.caseId === x.id)
                  .map((e) => ({ id: `${e.occurredAt}|${e.summary}`, summary: e.summary })),
              ),
            })),
          ),
          consents: new Unordered(
            f.consents
              .filter((k) => listedIds.has(k.caseId))
              .map((k) => ({
                id: `${agencyName.get(k.recipientAgencyId)}|${k.validFrom}|${[...k.categories].sort().join(',')}`,
                recipient: agencyName.get(k.recipientAgencyId)!,
              })),
          ),
        };
        // Items of the report carry no ids: keyed by what identifies them.
        const actual = {
          ...report,
          cases: (report.cases ?? []).map((x: any) => ({
            ...x,
            id: x.reference,
            goals: (x.goals ?? []).map((g: any) => ({ ...g, id: g.description })),
            timeline: (x.timeline ?? []).map((e: any) => ({ ...e, id: `${e.at}|${e.summary}` })),
          })),
          consents: (report.consents ?? []).map((k: any) => ({
            ...k,
            id: `${k.recipient}|${k.validFrom}|${[...((k.categories ?? []) as string[])].sort().join(',')}`,
          })),
        };
        compareTree(t, what, actual, expected, [], [], new Set());
        // Recipients: "from the ledger for those" cases. Every agency whose own read of a listed
        // case (or of its referrals) is in the ledger is named; an agency the ledger knows only
        // about the person's other cases is not. Read from the ledger itself (as the owner), so
        // reads an earlier run let through (an ablation) are judged as what they were.
        const recipients = new Set<string>((report.disclosures ?? []).map((d: { recipient: string }) => d.recipient));
        const entries = await ledgerOf(hub, fx.tenantId, fx.personId);
        const aboutListed = (e: LedgerRow) =>
          e.subject_type === 'case'
            ? listedIds.has(e.subject_id)
            : f.referrals.some((x) => x.id === e.subject_id && listedIds.has(x.caseId));
        const aboutOthers = (e: LedgerRow) =>
          e.subject_type === 'case'
            ? !listedIds.has(e.subject_id) && o.caseById(e.subject_id)?.personId === fx.personId
            : f.referrals.some((x) => x.id === e.subject_id && !listedIds.has(x.caseId));
        for (const a of f.agencies) {
          const own = entries.filter((e) => e.agency_id === a.id);
          const readListed = own.some((e) => e.actor_kind === 'agency' && e.actor_id === a.id && aboutListed(e));
          const onlyOthers = own.some(aboutOthers) && !own.some(aboutListed);
          if (readListed)
            check(t, recipients.has(a.name), false, `${what}: ${a.name} read the case but is not among the recipients`);
          else if (onlyOthers)
            check(
              t,
              !recipients.has(a.name),
              recipients.has(a.name),
              `${what}: ${a.name} (recipient of another area's case) is named`,
            );
        }
      }

      // Typical-case export: coordinators of the case's area; pseudonymised.
      const typical = await get(hub, v, `/reports/typical-case/${id}`);
      const mayTypical = may && staff.role === 'coordinator';
      const tw = `${v.label} typical-case export of case ${name}`;
      if (!mayTypical)
        check(
          t,
          typical.status === 403 || typical.status === 404,
          typical.status === 200,
          `${tw}: expected 403/404, got ${typical.status}`,
        );
      else {
        check(t, typical.status === 200, false, `${tw}: expected the export, got ${typical.status}`);
        const found = carried(fx, typical.body);
        check(t, found.length === 0, found.length > 0, `${tw}: carries ${found.join(', ')}`);
      }

      // Printable consent form (issue 17): case managers and coordinators with ordinary access to
      // the case; it names the person, so anyone else gets no page and none of the person's values.
      const agencyId = f.agencies[0]!.id;
      const form = await get(
        hub,
        v,
        `/reports/consent-form/${id}?agencyIds=${agencyId}&categories=IDENTITY&purposes=REFERRAL&format=html`,
      );
      const fw = `${v.label} consent form of case ${name}`;
      if (!may) {
        const found = carried(fx, form.body);
        check(
          t,
          (form.status === 403 || form.status === 404) && found.length === 0,
          form.status === 200 || found.length > 0,
          `${fw}: expected 403/404 without the person's values, got ${form.status}`,
        );
      } else
        check(
          t,
          form.status === 200 && form.body.includes(person.familyName),
          false,
          `${fw}: expected the form naming the person, got ${form.status}`,
        );
    }

    // Committee report: coordinators (of either tenant), their own area; counts only.
    const mayCommittee = v.kind === 'staff' && oracles.of(v).staff(v.id)?.role === 'coordinator';
    const cw = `${v.label} committee report`;
    const committee = await get(hub, v, `/reports/committee?format=html`);
    if (!mayCommittee)
      check(t, committee.status === 403, committee.status === 200, `${cw}: expected 403, got ${committee.status}`);
    else {
      const found = carried(fx, committee.body);
      check(
        t,
        committee.status === 200 && found.length === 0,
        found.length > 0,
        `${cw}: ${committee.status}${found.length ? `, carries ${found.join(', ')}` : ''}`,
      );
    }
    if (mayCommittee && staff) {
      const foreign = staff.areaId === fx.areas.rheine ? fx.areas.kreis : fx.areas.rheine;
      const other = await get(hub, v, `/reports/committee?format=html&area=${foreign}`);
      check(
        t,
        other.status === 403 || other.status === 404,
        other.status === 200,
        `${cw} of another area: expected 403/404, got ${other.status}`,
      );
    }
  }
}
