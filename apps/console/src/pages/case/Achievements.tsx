import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gql, prepareChange, type ChangeSpec, type PreparedChange } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate } from '../../format';
import { useToken } from '../../session';
import { graphql } from '../../gql';
import type { AchievementEvidenceInput, AchievementInput, EvidenceKind } from '../../gql/graphql';

/**
 * The person's path on the case page (issue 19): achievements with their evidence (record,
 * correct), the routes to a secure residence (held or missing, the authority decides), and a
 * dossier to the foreigners' or naturalisation authority with the consent check shown.
 */
const KINDS = [
  'LANGUAGE_CERTIFICATE',
  'INTEGRATION_COURSE',
  'LIFE_IN_GERMANY_TEST',
  'ORIENTATION_COURSE',
  'SCHOOL',
  'VOCATIONAL_TRAINING',
  'QUALIFICATION_RECOGNITION',
  'EMPLOYMENT',
  'VOLUNTARY_WORK',
  'NATURALISATION',
] as const;
type Kind = (typeof KINDS)[number];
const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
const EVIDENCE = ['CERTIFICATE', 'CONTRACT', 'NOTICE', 'CONFIRMATION', 'OTHER'];
const AUTHORITIES = ['FOREIGNERS_AUTHORITY', 'NATURALISATION_AUTHORITY'];

/** The fields each kind has (the hub refuses any other: achievementFactsSchema). */
const FIELDS: Record<Kind, { required: string[]; optional: string[] }> = {
  LANGUAGE_CERTIFICATE: { required: ['cefrLevel', 'test', 'provider'], optional: [] },
  INTEGRATION_COURSE: { required: ['provider'], optional: [] },
  LIFE_IN_GERMANY_TEST: { required: ['points'], optional: ['provider'] },
  ORIENTATION_COURSE: { required: ['provider'], optional: [] },
  SCHOOL: { required: ['attendee', 'title'], optional: ['qualification', 'endedOn'] },
  VOCATIONAL_TRAINING: { required: ['title', 'provider', 'completed'], optional: ['endedOn'] },
  QUALIFICATION_RECOGNITION: { required: ['title', 'provider', 'recognition'], optional: [] },
  EMPLOYMENT: { required: ['hoursPerWeek', 'securesLivelihood'], optional: ['provider', 'endedOn'] },
  VOLUNTARY_WORK: { required: ['provider'], optional: ['hoursPerWeek', 'endedOn'] },
  NATURALISATION: { required: [], optional: ['provider'] },
};

interface Achievement {
  id: string;
  kind: Kind;
  achievedOn: string;
  endedOn: string | null;
  cefrLevel: string | null;
  test: string | null;
  provider: string | null;
  points: number | null;
  hoursPerWeek: number | null;
  securesLivelihood: boolean | null;
  attendee: string | null;
  title: string | null;
  qualification: string | null;
  completed: boolean | null;
  recognition: string | null;
  source: string;
  evidence: { kind: string; reference: string; seenOn: string };
  correctionReason: string | null;
  supersededAt: string | null;
}
interface Text {
  de: string;
  en: string;
}
interface Route {
  key: string;
  law: string;
  title: Text;
  validFrom: string;
  disclaimer: Text;
  facts: { key: string; label: Text; source: string; status: string; note: Text | null }[];
}
interface PathCase {
  id: string;
  achievements: Achievement[];
  residenceRoutes: Route[];
  dossiers: {
    id: string;
    agencyId: string;
    achievementIds: string[];
    createdAt: string;
    deliveryState: string | null;
  }[];
  consents: {
    kind: string;
    recipientAgencyId: string | null;
    categories: string[];
    purposes: string[];
    validFrom: string;
    validUntil: string;
    revokedAt: string | null;
  }[];
}

const PATH = graphql(`
  query PersonPath($id: ID!) {
    personPath(caseId: $id) {
      id: caseId
      achievements {
        id
        kind
        achievedOn
        endedOn
        cefrLevel
        test
        provider
        points
        hoursPerWeek
        securesLivelihood
        attendee
        title
        qualification
        completed
        recognition
        source
        evidence {
          kind
          reference
          seenOn
        }
        correctionReason
        supersededAt
      }
      residenceRoutes {
        key
        law
        validFrom
        title {
          de
          en
        }
        disclaimer {
          de
          en
        }
        facts {
          key
          source
          status
          label {
            de
            en
          }
          note {
            de
            en
          }
        }
      }
      dossiers {
        id
        agencyId
        achievementIds
        createdAt
        deliveryState
      }
    }
    case(id: $id) {
      consents {
        kind
        recipientAgencyId
        categories
        purposes
        validFrom
        validUntil
        revokedAt
      }
    }
  }
`);
const RECORD = graphql(`
  mutation RecordAchievement($caseId: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) {
    recordAchievement(caseId: $caseId, achievement: $a, evidence: $e) {
      id
    }
  }
`);
const CORRECT = graphql(`
  mutation CorrectAchievement($id: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!, $reason: String!) {
    correctAchievement(achievementId: $id, achievement: $a, evidence: $e, reason: $reason) {
      id
    }
  }
`);
const SEND = graphql(`
  mutation SendDossier($input: SendDossierInput!) {
    sendDossier(input: $input) {
      id
    }
  }
`);

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
const local = (x: Text, lng: string) => (lng === 'en' ? x.en : x.de);

/** Whether a valid disclosure consent names the agency for case coordination with education and work (the hub decides again). */
export function dossierConsent(consents: PathCase['consents'], agencyId: string, day = today()): boolean {
  return consents.some(
    (k) =>
      k.kind === 'disclosure' &&
      !k.revokedAt &&
      k.recipientAgencyId === agencyId &&
      k.purposes.includes('CASE_COORDINATION') &&
      k.categories.includes('EDUCATION_WORK') &&
      k.validFrom <= day &&
      day <= k.validUntil,
  );
}

function useChange(caseId: string) {
  const token = useToken();
  const client = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: async (v: PreparedChange) => {
      await v.send(token);
      return v.done;
    },
    onMutate: () => setDone(null),
    onSuccess: async (text) => {
      setDone(text);
      await client.invalidateQueries({ queryKey: ['person-path', caseId] });
      await client.invalidateQueries({ queryKey: ['case', caseId] });
    },
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
  return { run, busy: m.isPending, feedback, ok: m.isSuccess };
}

export function PersonPath({ caseId }: { caseId: string }) {
  const token = useToken();
  const answer = useQuery({
    queryKey: ['person-path', caseId],
    queryFn: async () => {
      const { data } = await gql(token, PATH, { id: caseId });
      return { ...data.personPath, consents: data.case.consents };
    },
    staleTime: 0,
  });
  const agencies = useQuery({
    queryKey: ['agencies-kinds'],
    queryFn: async () =>
      (
        await gql(
          token,
          graphql(`
            query DossierAgencies {
              agencies {
                id
                name
                kind
              }
            }
          `),
        )
      ).data.agencies,
  });
  if (answer.isError) return <ErrorNotice error={answer.error} />;
  const c = answer.data;
  if (!c) return null;
  return (
    <>
      <AchievementList c={c} />
      <Routes c={c} />
      <DossierSection c={c} agencies={agencies.data ?? []} />
    </>
  );
}

function summary(a: Achievement, t: (k: string, o?: Record<string, unknown>) => string): string {
  const parts: string[] = [];
  if (a.cefrLevel) parts.push(a.cefrLevel);
  if (a.test) parts.push(a.test);
  if (a.points !== null) parts.push(t('achievement.pointsValue', { points: a.points }));
  if (a.title) parts.push(a.title);
  if (a.qualification) parts.push(a.qualification);
  if (a.attendee) parts.push(t(`achievement.attendees.${a.attendee}`));
  if (a.recognition) parts.push(t(`achievement.recognitions.${a.recognition}`));
  if (a.completed) parts.push(t('achievement.completedYes'));
  if (a.provider) parts.push(a.provider);
  if (a.hoursPerWeek !== null) parts.push(t('achievement.hoursValue', { hours: a.hoursPerWeek }));
  if (a.securesLivelihood) parts.push(t('achievement.livelihoodYes'));
  return parts.join(' · ');
}

function AchievementList({ c }: { c: PathCase }) {
  const { t, i18n } = useTranslation();
  const [correcting, setCorrecting] = useState<Achievement | null>(null);
  return (
    <section aria-labelledby="achievements-title">
      <h2 id="achievements-title">{t('achievement.title')}</h2>
      <p className="hint">{t('achievement.intro')}</p>
      {c.achievements.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('achievement.kindLabel')}</th>
                <th scope="col">{t('achievement.date')}</th>
                <th scope="col">{t('achievement.details')}</th>
                <th scope="col">{t('achievement.source')}</th>
                <th scope="col">{t('achievement.evidence')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('achievement.correct')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {c.achievements.map((a) => (
                <tr key={a.id} className={a.supersededAt ? 'superseded' : undefined}>
                  <th scope="row">
                    {a.supersededAt ? <del>{t(`achievement.kind.${a.kind}`)}</del> : t(`achievement.kind.${a.kind}`)}
                    {a.supersededAt && <> ({t('achievement.superseded')})</>}
                  </th>
                  <td>
                    {formatDate(a.achievedOn, i18n.language)}
                    {a.endedOn && <> – {formatDate(a.endedOn, i18n.language)}</>}
                  </td>
                  <td>
                    {summary(a, t)}
                    {a.correctionReason && (
                      <>
                        <br />
                        <span className="hint">
                          {t('achievement.correctedBecause', { reason: a.correctionReason })}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{t(`achievement.sourceKind.${a.source}`)}</td>
                  <td>
                    {t('achievement.evidenceLine', {
                      kind: t(`achievement.evidenceKinds.${a.evidence.kind}`),
                      reference: a.evidence.reference,
                      date: formatDate(a.evidence.seenOn, i18n.language),
                    })}
                  </td>
                  <td>
                    {!a.supersededAt && (
                      <button type="button" onClick={() => setCorrecting(a)}>
                        {t('achievement.correct')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('achievement.none')}</p>
      )}
      <AchievementForm
        key={correcting?.id ?? 'new'}
        caseId={c.id}
        correcting={correcting}
        done={() => setCorrecting(null)}
      />
    </section>
  );
}

type Form = Record<string, string>;
const fromAchievement = (a: Achievement | null): Form => {
  if (!a)
    return {
      kind: 'LANGUAGE_CERTIFICATE',
      achievedOn: '',
      evidenceKind: 'CERTIFICATE',
      evidenceReference: '',
      evidenceSeenOn: today(),
    };
  const f: Form = {
    kind: a.kind,
    achievedOn: a.achievedOn,
    evidenceKind: 'CERTIFICATE',
    evidenceReference: '',
    evidenceSeenOn: today(),
  };
  for (const k of [
    'endedOn',
    'cefrLevel',
    'test',
    'provider',
    'attendee',
    'title',
    'qualification',
    'recognition',
  ] as const) {
    if (a[k] !== null) f[k] = String(a[k]);
  }
  if (a.points !== null) f.points = String(a.points);
  if (a.hoursPerWeek !== null) f.hoursPerWeek = String(a.hoursPerWeek);
  if (a.securesLivelihood !== null) f.securesLivelihood = String(a.securesLivelihood);
  if (a.completed !== null) f.completed = String(a.completed);
  return f;
};

function AchievementForm({
  caseId,
  correcting,
  done,
}: {
  caseId: string;
  correcting: Achievement | null;
  done: () => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState<Form>(() => fromAchievement(correcting));
  const [reason, setReason] = useState('');
  const change = useChange(caseId);
  const kind = f.kind as Kind;
  const shown = [...FIELDS[kind].required, ...FIELDS[kind].optional];
  const set = (k: string) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    // The fields a kind shows are filled in from the form; the hub checks the whole achievement again.
    const a: AchievementInput & Record<string, unknown> = { kind, achievedOn: f.achievedOn ?? '' };
    for (const k of shown) {
      const v = f[k];
      if (v === undefined || v === '') continue;
      if (k === 'points') a[k] = Number.parseInt(v, 10);
      else if (k === 'hoursPerWeek') a[k] = Number(v);
      else if (k === 'securesLivelihood' || k === 'completed') a[k] = v === 'true';
      else a[k] = v;
    }
    const evidence: AchievementEvidenceInput = {
      kind: (f.evidenceKind ?? 'CERTIFICATE') as EvidenceKind,
      reference: f.evidenceReference ?? '',
      seenOn: f.evidenceSeenOn ?? '',
    };
    if (correcting) {
      change.run(
        { query: CORRECT, variables: { id: correcting.id, a, e: evidence, reason }, done: t('achievement.corrected') },
        { onSuccess: () => done() },
      );
    } else {
      change.run({ query: RECORD, variables: { caseId, a, e: evidence }, done: t('achievement.recorded') });
    }
  }

  const prefix = correcting ? 'ach-fix' : 'ach-new';
  const input = (k: string, label: string, type = 'text', required = FIELDS[kind].required.includes(k)) => (
    <div className="field" key={k}>
      <label htmlFor={`${prefix}-${k}`}>{label}</label>
      <input id={`${prefix}-${k}`} name={k} type={type} value={f[k] ?? ''} onChange={set(k)} required={required} />
    </div>
  );
  const select = (k: string, label: string, options: string[], text: (o: string) => string) => (
    <div className="field" key={k}>
      <label htmlFor={`${prefix}-${k}`}>{label}</label>
      <select
        id={`${prefix}-${k}`}
        name={k}
        value={f[k] ?? ''}
        onChange={set(k)}
        required={k === 'kind' || FIELDS[kind].required.includes(k)}
      >
        {k !== 'kind' && <option value="" />}
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );
  const yesNo = (o: string) => t(o === 'true' ? 'achievement.completedYes' : 'common.none');

  return (
    <form onSubmit={submit} aria-labelledby="achievement-form-title" className="stack">
      <h3 id="achievement-form-title">{correcting ? t('achievement.correcting') : t('achievement.record')}</h3>
      {select('kind', t('achievement.kindLabel'), [...KINDS], (o) => t(`achievement.kind.${o}`))}
      {input('achievedOn', t('achievement.achievedOn'), 'date', true)}
      {shown.includes('endedOn') && input('endedOn', t('achievement.endedOn'), 'date')}
      {shown.includes('cefrLevel') && select('cefrLevel', t('achievement.cefrLevel'), CEFR, (o) => o)}
      {shown.includes('test') && input('test', t('achievement.test'))}
      {shown.includes('provider') && input('provider', t('achievement.provider'))}
      {shown.includes('points') && input('points', t('achievement.points'), 'number')}
      {shown.includes('hoursPerWeek') && input('hoursPerWeek', t('achievement.hoursPerWeek'), 'number')}
      {shown.includes('securesLivelihood') &&
        select('securesLivelihood', t('achievement.securesLivelihood'), ['true', 'false'], (o) =>
          o === 'true' ? t('achievement.livelihoodYes') : t('common.none'),
        )}
      {shown.includes('attendee') &&
        select('attendee', t('achievement.attendee'), ['SELF', 'CHILD'], (o) => t(`achievement.attendees.${o}`))}
      {shown.includes('title') && input('title', t('achievement.titleField'))}
      {shown.includes('qualification') && input('qualification', t('achievement.qualification'))}
      {shown.includes('completed') && select('completed', t('achievement.completed'), ['true', 'false'], yesNo)}
      {shown.includes('recognition') &&
        select('recognition', t('achievement.recognition'), ['FULL', 'PARTIAL'], (o) =>
          t(`achievement.recognitions.${o}`),
        )}
      {select('evidenceKind', t('achievement.evidenceKind'), EVIDENCE, (o) => t(`achievement.evidenceKinds.${o}`))}
      {input('evidenceReference', t('achievement.evidenceReference'), 'text', true)}
      {input('evidenceSeenOn', t('achievement.evidenceSeenOn'), 'date', true)}
      {correcting && (
        <div className="field">
          <label htmlFor={`${prefix}-reason`}>{t('achievement.reason')}</label>
          <input
            id={`${prefix}-reason`}
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            maxLength={500}
          />
        </div>
      )}
      <div>
        <button type="submit" disabled={change.busy}>
          {correcting ? t('achievement.saveCorrection') : t('achievement.record')}
        </button>
        {correcting && (
          <button type="button" onClick={done}>
            {t('achievement.cancelCorrection')}
          </button>
        )}
      </div>
      {change.feedback}
    </form>
  );
}

function Routes({ c }: { c: PathCase }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const disclaimer = c.residenceRoutes[0]?.disclaimer;
  return (
    <section aria-labelledby="routes-title">
      <h2 id="routes-title">{t('achievement.routes.title')}</h2>
      <p className="hint">{t('achievement.routes.intro')}</p>
      {disclaimer && (
        <p role="note" className="notice">
          <strong>{local(disclaimer, lng)}</strong>
        </p>
      )}
      {c.residenceRoutes.map((r) => (
        <div key={r.key}>
          <h3>
            {r.law}: {local(r.title, lng)}
          </h3>
          <p className="hint">{t('achievement.routes.validFrom', { date: formatDate(r.validFrom, lng) })}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('achievement.routes.fact')}</th>
                  <th scope="col">{t('achievement.routes.state')}</th>
                  <th scope="col">{t('achievement.routes.legalSource')}</th>
                </tr>
              </thead>
              <tbody>
                {r.facts.map((f) => (
                  <tr key={f.key} data-status={f.status}>
                    <th scope="row">
                      {local(f.label, lng)}
                      {f.note && (
                        <>
                          <br />
                          <span className="hint">{local(f.note, lng)}</span>
                        </>
                      )}
                    </th>
                    <td>{t(`achievement.routes.status.${f.status}`)}</td>
                    <td>{f.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}

function DossierSection({ c, agencies }: { c: PathCase; agencies: { id: string; name: string; kind: string }[] }) {
  const { t, i18n } = useTranslation();
  const authorities = agencies.filter((a) => AUTHORITIES.includes(a.kind));
  const [agencyId, setAgencyId] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const change = useChange(c.id);
  const current = c.achievements.filter((a) => !a.supersededAt);
  const agency = authorities.find((a) => a.id === agencyId);
  const covered = agency ? dossierConsent(c.consents, agency.id) : false;
  const name = (id: string) => agencies.find((a) => a.id === id)?.name ?? t('common.none');

  function submit(e: FormEvent) {
    e.preventDefault();
    change.run({
      query: SEND,
      variables: { input: { caseId: c.id, agencyId, achievementIds: chosen, ...(note ? { note } : {}) } },
      done: t('achievement.dossier.sent'),
    });
  }

  return (
    <section aria-labelledby="dossier-title">
      <h2 id="dossier-title">{t('achievement.dossier.title')}</h2>
      <p className="hint">{t('achievement.dossier.intro')}</p>
      {authorities.length === 0 ? (
        <p>{t('achievement.dossier.noAuthority')}</p>
      ) : (
        <form onSubmit={submit} className="stack">
          <div className="field">
            <label htmlFor="dossier-agency">{t('achievement.dossier.authority')}</label>
            <select
              id="dossier-agency"
              name="agencyId"
              value={agencyId}
              onChange={(e) => setAgencyId(e.target.value)}
              required
            >
              <option value="">{t('achievement.dossier.chooseAuthority')}</option>
              {authorities.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          {agency && (
            <p role="status" className={covered ? 'notice' : 'notice notice-error'}>
              {t(covered ? 'achievement.dossier.consentOk' : 'achievement.dossier.consentMissing', {
                agency: agency.name,
              })}
            </p>
          )}
          <fieldset>
            <legend>{t('achievement.dossier.achievements')}</legend>
            {current.map((a) => (
              <label key={a.id} className="choice">
                <input
                  type="checkbox"
                  name="achievementIds"
                  checked={chosen.includes(a.id)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, a.id] : chosen.filter((x) => x !== a.id))}
                />{' '}
                {t(`achievement.kind.${a.kind}`)}, {formatDate(a.achievedOn, i18n.language)} – {summary(a, t)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="dossier-note">{t('achievement.dossier.note')}</label>
            <textarea
              id="dossier-note"
              name="note"
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <button type="submit" disabled={change.busy || !covered || chosen.length === 0}>
            {t('achievement.dossier.send')}
          </button>
          {change.feedback}
        </form>
      )}
      <h3>{t('achievement.dossier.list')}</h3>
      {c.dossiers.length ? (
        <ul>
          {c.dossiers.map((d) => (
            <li key={d.id}>
              {t('achievement.dossier.line', {
                date: formatDate(d.createdAt, i18n.language),
                agency: name(d.agencyId),
                count: d.achievementIds.length,
                state: t(`achievement.dossier.deliveryState.${d.deliveryState ?? 'QUEUED'}`),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('achievement.dossier.none')}</p>
      )}
    </section>
  );
}
