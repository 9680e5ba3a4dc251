import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { gql, withheldCategory, type GraphQLErrorItem } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { ReportDownload } from '../components/ReportDownload';
import { statusKey } from '../components/WatchTable';
import { formatDate, formatDateTime } from '../format';
import { countryName, languageName } from '../names';
import { timelineSummaryText, type SummaryOfEntry } from '../timeline-text';
import { useSession, useToken } from '../session';
import { CaseWork, type WorkCase } from './CaseWork';
import { PersonPath } from './case/Achievements';
import { graphql } from '../gql';
import { CaseTransfer } from './case/Transfer';

const CASE = graphql(`
  query CasePage($id: ID!) {
    case(id: $id) {
      id
      reference
      phase
      openedAt
      closedAt
      region {
        name
      }
      caseManager {
        displayName
      }
      person {
        hiddenCategories
        givenNames
        familyName
        birthDate
        birthDatePrecision
        nationality
        residenceStatus
        municipality
        languages
        arrivalDate
        doNotContact
      }
      needs {
        domain
        description
      }
      plan {
        goals {
          id
          domain
          description
          status
          targetDate
        }
      }
      consents {
        id
        kind
        recipientAgencyId
        categories
        purposes
        validFrom
        validUntil
        revokedAt
        evidence {
          formVersion
          signedOn
          explainedInLanguage
          interpreterUsed
        }
      }
      referrals {
        id
        status
        statusReason
        respondBy
        overdue
        overdueWorkingDays
        requestedAt
        purpose
        categories
        outcome
        agency {
          id
          name
        }
        service {
          name
        }
      }
      timeline {
        id
        kind
        occurredAt
        actorRole
        referralId
        referralStatus
        summary
        summaryCode
        summaryParams {
          name
          values
        }
      }
    }
  }
`);

type PersonField =
  | 'givenNames'
  | 'familyName'
  | 'birthDate'
  | 'nationality'
  | 'residenceStatus'
  | 'municipality'
  | 'languages'
  | 'arrivalDate';

interface CaseShown {
  id: string;
  reference: string;
  phase: string;
  openedAt: string;
  closedAt: string | null;
  region: { name: string };
  caseManager: { displayName: string };
  person: WorkCase['person'] & { hiddenCategories: string[]; birthDatePrecision: string | null } & Record<
      PersonField,
      string | string[] | null
    >;
  referrals: ({
    id: string;
    status: string;
    statusReason: string | null;
    respondBy: string | null;
    overdue: boolean;
    overdueWorkingDays: number;
    requestedAt: string | null;
  } & WorkCase['referrals'][number])[];
  timeline: ({
    id: string;
    referralId: string | null;
    kind: string;
    occurredAt: string;
    actorRole: string;
    referralStatus: string | null;
    summary: string;
  } & SummaryOfEntry)[];
}

const PERSON_FIELDS: PersonField[] = [
  'familyName',
  'givenNames',
  'birthDate',
  'nationality',
  'residenceStatus',
  'arrivalDate',
  'municipality',
  'languages',
];

/** One case: the person (withheld fields say why), its referrals, the merged timeline, the access report. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const token = useToken();
  const { session } = useSession();
  const works = session?.me.role === 'case-manager' || session?.me.role === 'coordinator';
  const answer = useQuery({
    queryKey: ['case', id],
    queryFn: () => gql(token, CASE, { id }),
    // Agencies answer while the case is open elsewhere: the case page is read fresh each time it opens.
    staleTime: 0,
  });
  const c = answer.data?.data.case;
  const errors: GraphQLErrorItem[] = answer.data?.errors ?? [];

  function personValue(field: PersonField) {
    const category = withheldCategory(errors, ['case', 'person', field]);
    if (category) {
      return <em className="withheld">{t('case.hidden', { category: t(`category.${category}`) })}</em>;
    }
    const value = c?.person[field];
    if (value == null || (Array.isArray(value) && !value.length)) return t('common.none');
    if (Array.isArray(value)) return value.map((l) => languageName(l, i18n.language)).join(', ');
    if (field === 'nationality') return countryName(value, i18n.language);
    if (field === 'birthDate') {
      // A placeholder or a year alone is never shown as if it were the day of birth.
      const precision = c?.person.birthDatePrecision;
      if (precision === 'YEAR_ONLY') return t('work.yearOnlyValue', { year: value.slice(0, 4) });
      if (precision === 'PLACEHOLDER') return t('work.placeholderValue', { date: formatDate(value, i18n.language) });
      return formatDate(value, i18n.language);
    }
    if (field === 'arrivalDate') return formatDate(value, i18n.language);
    return value;
  }

  return (
    <>
      <PageTitle>{c ? t('case.title', { reference: c.reference }) : t('case.loadingTitle')}</PageTitle>
      {answer.isPending && <p role="status">{t('common.loading')}</p>}
      {answer.isError && <ErrorNotice error={answer.error} onRetry={() => void answer.refetch()} />}
      {c && (
        <>
          <dl className="facts">
            <dt>{t('case.phase')}</dt>
            <dd>{t(`phase.${c.phase}`)}</dd>
            <dt>{t('case.region')}</dt>
            <dd>{c.region.name}</dd>
            <dt>{t('case.caseManager')}</dt>
            <dd>{c.caseManager.displayName}</dd>
            <dt>{t('case.openedAt')}</dt>
            <dd>{formatDate(c.openedAt, i18n.language)}</dd>
          </dl>

          <section aria-labelledby="person-title">
            <h2 id="person-title">{t('case.person')}</h2>
            {c.person.hiddenCategories.length > 0 && (
              <p className="notice">
                {t('case.hiddenCategories', {
                  list: c.person.hiddenCategories.map((cat) => t(`category.${cat}`)).join(', '),
                })}
              </p>
            )}
            <dl className="facts">
              {PERSON_FIELDS.map((field) => (
                <div key={field}>
                  <dt>{t(`case.${field}`)}</dt>
                  <dd>{personValue(field)}</dd>
                </div>
              ))}
            </dl>
          </section>

          <section aria-labelledby="referrals-title">
            <h2 id="referrals-title">{t('case.referrals')}</h2>
            {c.referrals.length ? (
              <div className="table-wrap" role="region" aria-labelledby="referrals-title" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('case.agency')}</th>
                      <th scope="col">{t('case.service')}</th>
                      <th scope="col">{t('case.status')}</th>
                      <th scope="col">{t('case.respondBy')}</th>
                      <th scope="col">{t('case.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.referrals.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">{r.agency.name}</th>
                        <td>{r.service.name}</td>
                        <td>{t(`status.${statusKey(r.status)}`)}</td>
                        <td>
                          {formatDate(r.respondBy, i18n.language)}
                          {r.overdue && (
                            <strong className="overdue"> {t('case.overdue', { count: r.overdueWorkingDays })}</strong>
                          )}
                        </td>
                        <td>{r.statusReason ?? t('common.none')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{t('case.noReferrals')}</p>
            )}
          </section>

          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('case.timeline')}</h2>
            {c.timeline.length ? (
              <ol className="timeline">
                {c.timeline.map((e) => (
                  <li key={e.id}>
                    <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, i18n.language)}</time>{' '}
                    <strong>
                      {t(`timelineKind.${e.kind.replace(/[.-]/g, '_')}`, { defaultValue: t('timelineKind.other') })}
                    </strong>
                    {e.referralStatus && <> ({t(`status.${statusKey(e.referralStatus)}`)})</>}
                    {' · '}
                    <span className="actor">{t(`case.actor.${e.actorRole}`, { defaultValue: e.actorRole })}</span>
                    <TimelineSummary entry={e} />
                  </li>
                ))}
              </ol>
            ) : (
              <p>{t('case.timelineEmpty')}</p>
            )}
          </section>

          {works && <CaseWork c={c} />}
          {works && <PersonPath caseId={c.id} />}

          <AccessReport caseId={c.id} reference={c.reference} token={token} />
          {works && <CaseTransfer caseId={c.id} closed={c.phase === 'CLOSED'} />}
        </>
      )}
    </>
  );
}

/** What the entry says, in the interface language; an old entry without a code shows its English sentence, marked so. */
function TimelineSummary({ entry }: { entry: CaseShown['timeline'][number] }) {
  const { t, i18n } = useTranslation();
  const text = timelineSummaryText(t, i18n.language, entry);
  if (text !== null) return <p className="summary">{text}</p>;
  return (
    <p className="summary">
      {t('timelineOld')} <span lang="en">{entry.summary}</span>
    </p>
  );
}

function AccessReport({ caseId, reference, token }: { caseId: string; reference: string; token: string }) {
  const { t } = useTranslation();
  const file = (format: string) => `auskunft-${reference}.${format}`;
  return (
    <ReportDownload
      id="access-title"
      title={t('case.accessReport')}
      intro={t('case.accessReportIntro')}
      token={token}
      choices={[
        { label: t('case.downloadHtml'), path: `/reports/access/${caseId}?format=html`, file: file('html') },
        { label: t('case.downloadJson'), path: `/reports/access/${caseId}`, file: file('json') },
      ]}
      downloaded={(f) => t('case.downloaded', { file: f })}
    />
  );
}
