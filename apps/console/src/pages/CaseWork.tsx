import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gql, prepareChange, type ChangeSpec, type PreparedChange } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatDate } from '../format';
import { LANGUAGES, COUNTRIES, countryName, languageName } from '../names';
import { useToken } from '../session';
import { LIFE_DOMAINS, birthDateFor } from './IntakePage';
import type { CasePhase, DataCategory, LifeDomain, Purpose } from '../gql/graphql';
import { PHASES } from './CasesPage';
import { Dialog } from './admin/form';
import { ReportDownload } from '../components/ReportDownload';
import { graphql } from '../gql';

export const CATEGORIES: DataCategory[] = [
  'IDENTITY',
  'CONTACT',
  'RESIDENCE_STATUS',
  'EDUCATION_WORK',
  'BENEFITS',
  'FAMILY',
  'HEALTH',
];
const PURPOSES: Purpose[] = ['REFERRAL', 'SERVICE_DELIVERY', 'CASE_COORDINATION'];
const GOAL_STATUSES = ['open', 'in-progress', 'achieved', 'dropped'];
export const FINISHED = new Set(['COMPLETED', 'REJECTED', 'FAILED']);

export interface WorkCase {
  id: string;
  reference: string;
  phase: string;
  person: {
    givenNames: string | null;
    familyName: string | null;
    birthDate: string | null;
    birthDatePrecision: string | null;
    nationality: string | null;
    municipality: string | null;
    languages: string[] | null;
    doNotContact: boolean | null;
  };
  needs: { domain: string; description: string }[];
  plan: {
    goals: { id: string; domain: string; description: string; status: string; targetDate: string | null }[];
  } | null;
  consents: {
    id: string;
    kind: string;
    recipientAgencyId: string | null;
    categories: string[];
    purposes: string[];
    validFrom: string;
    validUntil: string;
    revokedAt: string | null;
    evidence: { formVersion: string; signedOn: string; explainedInLanguage: string; interpreterUsed: boolean };
  }[];
  referrals: {
    id: string;
    status: string;
    purpose: string;
    categories: string[];
    outcome: string | null;
    agency: { id: string; name: string };
    service: { name: string };
  }[];
  timeline: { kind: string; referralId: string | null }[];
}

interface Agency {
  id: string;
  name: string;
  services: { id: string; name: string; lifeDomain: string }[];
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());

/**
 * What the consents the hub returned say about a draft referral, before it is sent: the
 * categories no valid disclosure consent to that agency covers for its purpose. The hub decides
 * again when it is sent (a legal basis may also allow it); this only shows the case manager.
 */
export function consentGap(c: WorkCase, r: WorkCase['referrals'][number]): string[] {
  const day = today();
  const valid = c.consents.filter(
    (k) =>
      k.kind === 'disclosure' &&
      !k.revokedAt &&
      k.recipientAgencyId === r.agency.id &&
      k.purposes.includes(r.purpose) &&
      k.validFrom <= day &&
      day <= k.validUntil,
  );
  return r.categories.filter((cat) => !valid.some((k) => k.categories.includes(cat)));
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A mutation on the case: on success the case is read again, and a status line says what happened. */
function useCaseChange(caseId: string) {
  const token = useToken();
  const client = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: async (v: PreparedChange) => {
      await v.send(token);
      return v.done;
    },
    onSuccess: async (text) => {
      setDone(text);
      await client.invalidateQueries({ queryKey: ['case', caseId] });
    },
    onMutate: () => setDone(null),
  });
  const feedback = (
    <>
      {m.isError && <ErrorNotice error={m.error} />}
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
    </>
  );
  const run = <T, V>(c: ChangeSpec<T, V>, options?: Parameters<typeof m.mutate>[1]) =>
    m.mutate(prepareChange(c), options);
  return { run, busy: m.isPending, feedback };
}

function Checks<O extends string>({
  legend,
  options,
  value,
  onChange,
  label,
  name,
}: {
  legend: string;
  options: O[];
  value: O[];
  onChange: (v: O[]) => void;
  label: (o: O) => string;
  name: string;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="choice">
          <input
            type="checkbox"
            name={name}
            checked={value.includes(o)}
            onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((x) => x !== o))}
          />{' '}
          {label(o)}
        </label>
      ))}
    </fieldset>
  );
}

/** The case manager's work on one case: each part shows only what the hub returned and changes it through the API. */
export function CaseWork({ c }: { c: WorkCase }) {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const agencies = useQuery({
    queryKey: ['agencies'],
    queryFn: async () =>
      (
        await gql(
          token,
          graphql(`
            query ReferralServices {
              agencies {
                id
                name
                services {
                  id
                  name
                  lifeDomain
                }
              }
            }
          `),
        )
      ).data.agencies,
  });
  const agencyName = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? id;
  const acknowledged = new Set(
    c.timeline.filter((e) => e.kind === 'referral.outcome-acknowledged').map((e) => e.referralId),
  );
  const cat = (x: string) => t(`category.${x}`);

  return (
    <>
      <PersonEdit c={c} />
      <Section id="needs-title" title={t('work.needs')}>
        {c.needs.length ? (
          <ul>
            {c.needs.map((n, i) => (
              <li key={i}>
                <strong>{t(`domain.${n.domain}`)}:</strong> {n.description}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('work.noNeeds')}</p>
        )}
      </Section>
      <Goals c={c} />
      <Section id="consents-title" title={t('work.consents')}>
        {c.consents.length ? (
          <ul>
            {c.consents.map((k) => (
              <li key={k.id}>
                {k.recipientAgencyId ? agencyName(k.recipientAgencyId) : t('transfer.consentRecipient')}:{' '}
                {k.categories.map(cat).join(', ')} · {k.purposes.map((p) => t(`purpose.${p}`)).join(', ')} ·{' '}
                {formatDate(k.validFrom, i18n.language)} – {formatDate(k.validUntil, i18n.language)}
                {k.revokedAt && <> · {t('work.revoked')}</>}
                <br />
                <span className="hint">
                  {t('work.evidenceLine', {
                    form: k.evidence.formVersion,
                    signed: formatDate(k.evidence.signedOn, i18n.language),
                    language: languageName(k.evidence.explainedInLanguage, i18n.language),
                  })}
                  {k.evidence.interpreterUsed && <> · {t('work.interpreterUsed')}</>}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('work.noConsents')}</p>
        )}
        <ConsentCapture c={c} agencies={agencies.data ?? []} />
      </Section>
      <Section id="work-referrals-title" title={t('work.referralsWork')}>
        <ul className="stack">
          {c.referrals.map((r) => (
            <ReferralItem key={r.id} c={c} r={r} acknowledged={acknowledged.has(r.id)} />
          ))}
        </ul>
        <NewReferral c={c} agencies={agencies.data ?? []} />
      </Section>
      <CaseControls c={c} />
    </>
  );
}

function PersonEdit({ c }: { c: WorkCase }) {
  const { t, i18n } = useTranslation();
  const { run, busy, feedback } = useCaseChange(c.id);
  const [open, setOpen] = useState(false);
  const p = c.person;
  const [f, setF] = useState({
    givenNames: p.givenNames ?? '',
    familyName: p.familyName ?? '',
    precision: p.birthDatePrecision ?? 'UNKNOWN',
    exact: p.birthDatePrecision === 'EXACT' ? (p.birthDate ?? '') : '',
    year: p.birthDate?.slice(0, 4) ?? '',
    nationality: p.nationality ?? '',
    municipality: p.municipality ?? '',
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const input: Record<string, unknown> = {};
    if (f.givenNames !== p.givenNames || f.familyName !== p.familyName)
      input.name = { givenNames: f.givenNames, familyName: f.familyName };
    const birthDate = birthDateFor(f.precision, f.exact, f.year);
    if (f.precision !== p.birthDatePrecision || (birthDate ?? null) !== p.birthDate) {
      input.birthDatePrecision = f.precision;
      if (birthDate) input.birthDate = birthDate;
    }
    if (f.nationality && f.nationality !== p.nationality) input.nationality = f.nationality;
    if (f.municipality !== p.municipality) input.municipality = f.municipality;
    run({
      query: graphql(`
        mutation UpdatePerson($id: ID!, $input: PersonUpdateInput!) {
          updatePerson(caseId: $id, input: $input) {
            id
          }
        }
      `),
      variables: { id: c.id, input },
      done: t('work.saved'),
    });
  }
  return (
    <section aria-labelledby="person-edit-title">
      <h2 id="person-edit-title">{t('work.personEdit')}</h2>
      <button type="button" aria-expanded={open} aria-controls="person-edit" onClick={() => setOpen(!open)}>
        {t('work.editPerson')}
      </button>
      {open && (
        <form id="person-edit" onSubmit={submit} className="stack">
          <div className="field">
            <label htmlFor="pe-given">{t('case.givenNames')}</label>
            <input
              id="pe-given"
              maxLength={200}
              value={f.givenNames}
              onChange={(e) => setF({ ...f, givenNames: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="pe-family">{t('case.familyName')}</label>
            <input
              id="pe-family"
              maxLength={200}
              value={f.familyName}
              onChange={(e) => setF({ ...f, familyName: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="pe-precision">{t('work.birthPrecision')}</label>
            <select id="pe-precision" value={f.precision} onChange={(e) => setF({ ...f, precision: e.target.value })}>
              {['EXACT', 'YEAR_ONLY', 'PLACEHOLDER', 'UNKNOWN'].map((x) => (
                <option key={x} value={x}>
                  {t(`precision.${x}`)}
                </option>
              ))}
            </select>
          </div>
          {f.precision === 'EXACT' ? (
            <div className="field">
              <label htmlFor="pe-birth">{t('case.birthDate')}</label>
              <input
                id="pe-birth"
                type="date"
                value={f.exact}
                onChange={(e) => setF({ ...f, exact: e.target.value })}
              />
            </div>
          ) : f.precision !== 'UNKNOWN' ? (
            <div className="field">
              <label htmlFor="pe-year">{t('work.birthYear')}</label>
              <input
                id="pe-year"
                inputMode="numeric"
                maxLength={4}
                value={f.year}
                onChange={(e) => setF({ ...f, year: e.target.value })}
              />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="pe-nat">{t('case.nationality')}</label>
            <select id="pe-nat" value={f.nationality} onChange={(e) => setF({ ...f, nationality: e.target.value })}>
              <option value="">{t('work.notKnown')}</option>
              {[...new Set([...(p.nationality ? [p.nationality] : []), ...COUNTRIES])].map((x) => (
                <option key={x} value={x}>
                  {countryName(x, i18n.language)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="pe-municipality">{t('case.municipality')}</label>
            <input
              id="pe-municipality"
              maxLength={100}
              value={f.municipality}
              onChange={(e) => setF({ ...f, municipality: e.target.value })}
            />
          </div>
          <button type="submit" disabled={busy}>
            {t('work.savePerson')}
          </button>
        </form>
      )}
      {feedback}
    </section>
  );
}

function Goals({ c }: { c: WorkCase }) {
  const { t, i18n } = useTranslation();
  const { run, busy, feedback } = useCaseChange(c.id);
  const [status, setStatus] = useState<Record<string, string>>({});
  const [draft, setDraft] = useState({ domain: 'LANGUAGE' as LifeDomain, description: '', targetDate: '' });
  const goals = c.plan?.goals ?? [];
  return (
    <Section id="goals-title" title={t('work.goals')}>
      {goals.length ? (
        <ul className="stack">
          {goals.map((g) => (
            <li key={g.id}>
              <strong>{t(`domain.${g.domain}`)}:</strong> {g.description} ·{' '}
              {t(`goalStatus.${g.status}`, { defaultValue: g.status })}
              {g.targetDate && (
                <>
                  {' '}
                  · {t('work.targetDate')}: {formatDate(g.targetDate, i18n.language)}
                </>
              )}
              <div className="inline">
                <label htmlFor={`goal-${g.id}`}>{t('work.goalStatusFor', { goal: g.description })}</label>
                <select
                  id={`goal-${g.id}`}
                  value={status[g.id] ?? g.status}
                  onChange={(e) => setStatus({ ...status, [g.id]: e.target.value })}
                >
                  {GOAL_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`goalStatus.${s}`)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    run({
                      query: graphql(`
                        mutation UpdateGoal($id: ID!, $input: GoalUpdateInput!) {
                          updateGoal(goalId: $id, input: $input) {
                            id
                          }
                        }
                      `),
                      variables: { id: g.id, input: { status: status[g.id] ?? g.status } },
                      done: t('work.saved'),
                    })
                  }
                >
                  {t('work.saveGoal', { goal: g.description })}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('work.noGoals')}</p>
      )}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          run({
            query: graphql(`
              mutation AddGoal($id: ID!, $input: GoalInput!) {
                addGoal(caseId: $id, input: $input) {
                  id
                }
              }
            `),
            variables: {
              id: c.id,
              input: {
                domain: draft.domain,
                description: draft.description,
                ...(draft.targetDate ? { targetDate: draft.targetDate } : {}),
              },
            },
            done: t('work.saved'),
          });
        }}
      >
        <div className="field">
          <label htmlFor="goal-domain">{t('work.domain')}</label>
          <select
            id="goal-domain"
            value={draft.domain}
            onChange={(e) => setDraft({ ...draft, domain: e.target.value as LifeDomain })}
          >
            {LIFE_DOMAINS.map((d) => (
              <option key={d} value={d}>
                {t(`domain.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="goal-description">{t('work.goalDescription')}</label>
          <input
            id="goal-description"
            maxLength={500}
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="goal-target">{t('work.targetDate')}</label>
          <input
            id="goal-target"
            type="date"
            value={draft.targetDate}
            onChange={(e) => setDraft({ ...draft, targetDate: e.target.value })}
          />
        </div>
        <button type="submit" disabled={busy}>
          {t('work.addGoal')}
        </button>
      </form>
      {feedback}
    </Section>
  );
}

function ConsentCapture({ c, agencies }: { c: WorkCase; agencies: Agency[] }) {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const { run, busy, feedback } = useCaseChange(c.id);
  const day = today();
  const [f, setF] = useState({
    agencyId: '',
    categories: [] as DataCategory[],
    purposes: ['REFERRAL'] as Purpose[],
    validFrom: day,
    validUntil: `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`,
    formVersion: '',
    signedOn: day,
    language: 'de',
    interpreter: false,
    documentReference: '',
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    run({
      query: graphql(`
        mutation RecordConsent($input: RecordConsentInput!) {
          recordConsent(input: $input) {
            id
          }
        }
      `),
      variables: {
        input: {
          caseId: c.id,
          recipientAgencyId: f.agencyId,
          categories: f.categories,
          purposes: f.purposes,
          validFrom: f.validFrom,
          validUntil: f.validUntil,
          evidence: {
            formVersion: f.formVersion,
            signedOn: f.signedOn,
            explainedInLanguage: f.language,
            interpreterUsed: f.interpreter,
            ...(f.documentReference ? { documentReference: f.documentReference } : {}),
          },
        },
      },
      done: t('work.consentSaved'),
    });
  }
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="consent-form-title">
      <h3 id="consent-form-title">{t('work.captureConsent')}</h3>
      <div className="field">
        <label htmlFor="co-agency">{t('work.recipient')}</label>
        <select id="co-agency" value={f.agencyId} onChange={(e) => setF({ ...f, agencyId: e.target.value })}>
          <option value="">{t('work.choose')}</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <Checks
        legend={t('work.categories')}
        name="co-cat"
        options={CATEGORIES}
        value={f.categories}
        onChange={(v) => setF({ ...f, categories: v })}
        label={(x) => t(`category.${x}`)}
      />
      <Checks
        legend={t('work.purposes')}
        name="co-purpose"
        options={PURPOSES}
        value={f.purposes}
        onChange={(v) => setF({ ...f, purposes: v })}
        label={(x) => t(`purpose.${x}`)}
      />
      <div className="field">
        <label htmlFor="co-from">{t('work.validFrom')}</label>
        <input
          id="co-from"
          type="date"
          value={f.validFrom}
          onChange={(e) => setF({ ...f, validFrom: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="co-until">{t('work.validUntil')}</label>
        <input
          id="co-until"
          type="date"
          value={f.validUntil}
          onChange={(e) => setF({ ...f, validUntil: e.target.value })}
        />
      </div>
      <fieldset>
        <legend>{t('work.evidence')}</legend>
        <div className="field">
          <label htmlFor="co-form">{t('work.formVersion')}</label>
          <input
            id="co-form"
            maxLength={50}
            value={f.formVersion}
            onChange={(e) => setF({ ...f, formVersion: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="co-signed">{t('work.signedOn')}</label>
          <input
            id="co-signed"
            type="date"
            value={f.signedOn}
            onChange={(e) => setF({ ...f, signedOn: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="co-lang">{t('work.explainedIn')}</label>
          <select id="co-lang" value={f.language} onChange={(e) => setF({ ...f, language: e.target.value })}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {languageName(l, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <label className="choice">
          <input
            type="checkbox"
            checked={f.interpreter}
            onChange={(e) => setF({ ...f, interpreter: e.target.checked })}
          />{' '}
          {t('work.interpreterUsed')}
        </label>
        <div className="field">
          <label htmlFor="co-doc">{t('work.documentReference')}</label>
          <input
            id="co-doc"
            maxLength={200}
            value={f.documentReference}
            onChange={(e) => setF({ ...f, documentReference: e.target.value })}
          />
        </div>
      </fieldset>
      <button type="submit" disabled={busy}>
        {t('work.saveConsent')}
      </button>
      {feedback}
      {f.agencyId && f.categories.length > 0 && f.purposes.length > 0 && (
        <ReportDownload
          id="consent-print-title"
          level={4}
          title={t('work.consentPrintTitle')}
          intro={t('work.consentPrintIntro')}
          token={token}
          choices={[
            {
              label: t('work.consentPrint'),
              path: `/reports/consent-form/${c.id}?${new URLSearchParams({
                agencyIds: f.agencyId,
                categories: f.categories.join(','),
                purposes: f.purposes.join(','),
                validFrom: f.validFrom,
                validUntil: f.validUntil,
                explainedIn: f.language,
                ...(f.formVersion.trim() ? { formVersion: f.formVersion.trim() } : {}),
              }).toString()}`,
              file: `einwilligung-${c.reference}.pdf`,
            },
          ]}
          downloaded={(file) => t('case.downloaded', { file })}
        />
      )}
    </form>
  );
}

function ReferralItem({
  c,
  r,
  acknowledged,
}: {
  c: WorkCase;
  r: WorkCase['referrals'][number];
  acknowledged: boolean;
}) {
  const { t } = useTranslation();
  const { run, busy, feedback } = useCaseChange(c.id);
  const [reason, setReason] = useState('');
  const gap = r.status === 'DRAFT' ? consentGap(c, r) : [];
  const label = `${r.agency.name}: ${r.service.name}`;
  return (
    <li>
      <strong>{label}</strong> · {t(`status.${r.status}`)} · {r.categories.map((x) => t(`category.${x}`)).join(', ')}
      {r.outcome && (
        <>
          {' '}
          · {t('work.outcome')}: {r.outcome}
        </>
      )}
      {r.status === 'DRAFT' && (
        <div className="consent-check" role="group" aria-label={t('work.consentCheckFor', { referral: label })}>
          {c.person.doNotContact ? (
            <p className="notice notice-error">{t('work.checkDoNotContact')}</p>
          ) : gap.length ? (
            <p className="notice notice-error">
              {t('work.checkMissing', { list: gap.map((x) => t(`category.${x}`)).join(', ') })}
            </p>
          ) : (
            <p className="notice">{t('work.checkCovered')}</p>
          )}
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run({
                query: graphql(`
                  mutation Send($id: ID!) {
                    sendReferral(referralId: $id) {
                      id
                    }
                  }
                `),
                variables: { id: r.id },
                done: t('work.sent'),
              })
            }
          >
            {t('work.send', { referral: label })}
          </button>
        </div>
      )}
      {r.status === 'REQUESTED' && <RecallReferral r={r} label={label} change={{ run, busy }} />}
      {['DRAFT', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD'].includes(r.status) && (
        <div className="inline">
          <label htmlFor={`cancel-${r.id}`}>{t('work.cancelReason', { referral: label })}</label>
          <input id={`cancel-${r.id}`} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button
            type="button"
            disabled={busy || !reason.trim()}
            onClick={() =>
              run({
                query: graphql(`
                  mutation Cancel($id: ID!, $reason: String!) {
                    cancelReferral(referralId: $id, reason: $reason) {
                      id
                    }
                  }
                `),
                variables: { id: r.id, reason: reason.trim() },
                done: t('work.cancelled'),
              })
            }
          >
            {t('work.cancel', { referral: label })}
          </button>
        </div>
      )}
      {FINISHED.has(r.status) &&
        (acknowledged ? (
          <p>{t('work.acknowledged')}</p>
        ) : (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run({
                query: graphql(`
                  mutation Ack($id: ID!) {
                    acknowledgeReferralOutcome(referralId: $id)
                  }
                `),
                variables: { id: r.id },
                done: t('work.acknowledgedNow'),
              })
            }
          >
            {t('work.acknowledge', { referral: label })}
          </button>
        ))}
      {feedback}
    </li>
  );
}

/**
 * Recall a sent referral the agency has not decided on (the hub's recallReferral): asked again in
 * a dialog, with the reason the agency and the timeline read. What is not delivered yet never
 * goes out; an agency that received it is told.
 */
function RecallReferral({
  r,
  label,
  change,
}: {
  r: WorkCase['referrals'][number];
  label: string;
  /** The referral's own change hook: its status line stays when the referral is no longer recallable. */
  change: Pick<ReturnType<typeof useCaseChange>, 'run' | 'busy'>;
}) {
  const { t } = useTranslation();
  const { run, busy } = change;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = `recall-${r.id}`;
  return (
    <div className="inline">
      <button type="button" className="secondary" disabled={busy} onClick={() => setOpen(true)}>
        {t('work.recall', { referral: label })}
      </button>
      <Dialog open={open} title={t('work.recallTitle', { referral: label })} onClose={() => setOpen(false)}>
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return;
            run(
              {
                query: graphql(`
                  mutation Recall($id: ID!, $reason: String!) {
                    recallReferral(referralId: $id, reason: $reason) {
                      id
                    }
                  }
                `),
                variables: { id: r.id, reason: reason.trim() },
                done: t('work.recalled'),
              },
              { onSettled: () => setOpen(false) },
            );
          }}
        >
          <p>{t('work.recallText', { agency: r.agency.name })}</p>
          <div className="field">
            <label htmlFor={reasonId}>{t('work.recallReason')}</label>
            <input id={reasonId} required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t('work.recallKeep')}
            </button>
            <button type="submit" className="danger" disabled={busy || !reason.trim()}>
              {t('work.recallConfirm')}
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

function NewReferral({ c, agencies }: { c: WorkCase; agencies: Agency[] }) {
  const { t } = useTranslation();
  const { run, busy, feedback } = useCaseChange(c.id);
  const [f, setF] = useState({
    serviceId: '',
    purpose: 'REFERRAL' as Purpose,
    categories: ['IDENTITY', 'CONTACT'] as DataCategory[],
    note: '',
  });
  return (
    <form
      className="stack"
      aria-labelledby="new-referral-title"
      onSubmit={(e) => {
        e.preventDefault();
        run({
          query: graphql(`
            mutation Draft($input: CreateReferralInput!) {
              createReferral(input: $input) {
                id
              }
            }
          `),
          variables: {
            input: {
              caseId: c.id,
              serviceId: f.serviceId,
              purpose: f.purpose,
              categories: f.categories,
              ...(f.note.trim() ? { note: f.note.trim() } : {}),
            },
          },
          done: t('work.drafted'),
        });
      }}
    >
      <h3 id="new-referral-title">{t('work.newReferral')}</h3>
      <div className="field">
        <label htmlFor="nr-service">{t('work.service')}</label>
        <select id="nr-service" value={f.serviceId} onChange={(e) => setF({ ...f, serviceId: e.target.value })}>
          <option value="">{t('work.choose')}</option>
          {agencies.map((a) => (
            <optgroup key={a.id} label={a.name}>
              {a.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({t(`domain.${s.lifeDomain}`)})
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="nr-purpose">{t('work.purpose')}</label>
        <select id="nr-purpose" value={f.purpose} onChange={(e) => setF({ ...f, purpose: e.target.value as Purpose })}>
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`purpose.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <Checks
        legend={t('work.referralCategories')}
        name="nr-cat"
        options={CATEGORIES}
        value={f.categories}
        onChange={(v) => setF({ ...f, categories: v })}
        label={(x) => t(`category.${x}`)}
      />
      <div className="field">
        <label htmlFor="nr-note">{t('work.referralNote')}</label>
        <textarea
          id="nr-note"
          rows={2}
          maxLength={1000}
          aria-describedby="nr-note-hint"
          value={f.note}
          onChange={(e) => setF({ ...f, note: e.target.value })}
        />
        <p id="nr-note-hint" className="hint">
          {t('work.noteGoesOut')}
        </p>
      </div>
      <button type="submit" disabled={busy || !f.serviceId}>
        {t('work.draftReferral')}
      </button>
      {feedback}
    </form>
  );
}

function CaseControls({ c }: { c: WorkCase }) {
  const { t } = useTranslation();
  const token = useToken();
  const { run, busy, feedback } = useCaseChange(c.id);
  const [phase, setPhase] = useState(c.phase as CasePhase);
  const [note, setNote] = useState('');
  const [to, setTo] = useState('');
  const [why, setWhy] = useState('');
  const candidates = useQuery({
    queryKey: ['handover', c.id],
    queryFn: async () =>
      (
        await gql(
          token,
          graphql(`
            query Candidates($id: ID!) {
              handOverCandidates(caseId: $id) {
                id
                displayName
              }
            }
          `),
          { id: c.id },
        )
      ).data.handOverCandidates,
  });
  return (
    <Section id="controls-title" title={t('work.caseControls')}>
      <div className="inline">
        <label htmlFor="cc-phase">{t('case.phase')}</label>
        <select id="cc-phase" value={phase} onChange={(e) => setPhase(e.target.value as CasePhase)}>
          {PHASES.map((p) => (
            <option key={p} value={p}>
              {t(`phase.${p}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={busy || phase === c.phase}
          onClick={() =>
            run({
              query: graphql(`
                mutation Phase($id: ID!, $phase: CasePhase!) {
                  moveCasePhase(caseId: $id, phase: $phase) {
                    id
                  }
                }
              `),
              variables: { id: c.id, phase },
              done: t('work.saved'),
            })
          }
        >
          {t('work.changePhase')}
        </button>
      </div>
      <div className="inline">
        <p>{c.person.doNotContact ? t('work.dncOn') : t('work.dncOff')}</p>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run({
              query: graphql(`
                mutation Dnc($id: ID!, $on: Boolean!) {
                  setDoNotContact(caseId: $id, doNotContact: $on)
                }
              `),
              variables: { id: c.id, on: !c.person.doNotContact },
              done: t('work.saved'),
            })
          }
        >
          {c.person.doNotContact ? t('work.dncLift') : t('work.dncSet')}
        </button>
      </div>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          run({
            query: graphql(`
              mutation Note($id: ID!, $note: String!) {
                addCaseNote(caseId: $id, note: $note) {
                  id
                }
              }
            `),
            variables: { id: c.id, note: note.trim() },
            done: t('work.noteSaved'),
          });
          setNote('');
        }}
      >
        <div className="field">
          <label htmlFor="cc-note">{t('work.note')}</label>
          <textarea id="cc-note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <button type="submit" disabled={busy || !note.trim()}>
          {t('work.addNote')}
        </button>
      </form>
      <form
        className="stack"
        aria-labelledby="handover-title"
        onSubmit={(e) => {
          e.preventDefault();
          run({
            query: graphql(`
              mutation Hand($input: HandOverCaseInput!) {
                handOverCase(input: $input) {
                  id
                }
              }
            `),
            variables: { input: { caseId: c.id, toCaseManagerId: to, ...(why.trim() ? { note: why.trim() } : {}) } },
            done: t('work.handedOver'),
          });
        }}
      >
        <h3 id="handover-title">{t('work.handOver')}</h3>
        <div className="field">
          <label htmlFor="cc-to">{t('work.handOverTo')}</label>
          <select id="cc-to" value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('work.choose')}</option>
            {(candidates.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cc-why">{t('work.handOverWhy')}</label>
          <input id="cc-why" maxLength={500} value={why} onChange={(e) => setWhy(e.target.value)} />
        </div>
        <button type="submit" disabled={busy || !to}>
          {t('work.handOverSubmit')}
        </button>
      </form>
      {feedback}
    </Section>
  );
}
