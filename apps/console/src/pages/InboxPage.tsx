import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { gql } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { formatDate } from '../format';
import { useSession, useToken } from '../session';
import { FINISHED } from './CaseWork';
import { graphql } from '../gql';

const INBOX = graphql(`
  query Inbox($filter: CaseFilterInput) {
    cases(first: 100, filter: $filter) {
      edges {
        node {
          id
          reference
          referrals {
            id
            status
            statusReason
            outcome
            respondBy
            overdue
            agency {
              name
            }
            service {
              name
            }
          }
          timeline {
            kind
            referralId
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const ANSWERED = new Set(['ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'REJECTED', 'FAILED']);

/**
 * The case manager's inbox, from their own cases as the hub returns them: answers of agencies
 * whose outcome nobody took note of yet, and referrals past the deadline the hub gave them
 * (respondBy, in NRW working days) without an answer. The hub computes overdue when it is read.
 */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const { session } = useSession();
  const query = useQuery({
    queryKey: ['inbox', session!.me.id],
    queryFn: async () =>
      (
        await gql(token, INBOX, {
          filter: { caseManagerId: session!.me.id },
        })
      ).data.cases,
  });
  const items = (query.data?.edges ?? []).flatMap(({ node }) => {
    const acknowledged = new Set(
      node.timeline.filter((e) => e.kind === 'referral.outcome-acknowledged').map((e) => e.referralId),
    );
    return node.referrals.map((r) => ({
      ...r,
      caseId: node.id,
      reference: node.reference,
      ack: acknowledged.has(r.id),
    }));
  });
  const answers = items.filter((r) => ANSWERED.has(r.status) && !(FINISHED.has(r.status) && r.ack));
  // The hub says what is overdue (waiting past the deadline, in Berlin): the browser's clock is not asked.
  const overdue = items.filter((r) => r.overdue);

  const table = (id: string, rows: typeof items, overdueTable: boolean) => (
    <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table>
        <caption>{t('watch.caption', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('watch.case')}</th>
            <th scope="col">{t('work.agency')}</th>
            <th scope="col">{t('watch.service')}</th>
            <th scope="col">{t('watch.status')}</th>
            <th scope="col">{overdueTable ? t('work.overdueSince') : t('work.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={`/cases/${r.caseId}`}>{r.reference}</Link>
              </th>
              <td>{r.agency.name}</td>
              <td>{r.service.name}</td>
              <td>{t(`status.${r.status}`)}</td>
              <td>
                {overdueTable
                  ? formatDate(r.respondBy, i18n.language)
                  : (r.outcome ?? r.statusReason ?? t('common.none'))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <>
      <PageTitle>{t('work.inbox')}</PageTitle>
      {query.isPending && <p role="status">{t('common.loading')}</p>}
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {query.data?.pageInfo.hasNextPage && <p className="notice">{t('work.inboxFirst100')}</p>}
      {query.isSuccess && (
        <>
          <section aria-labelledby="inbox-answers">
            <h2 id="inbox-answers">{t('work.answers')}</h2>
            {answers.length ? table('inbox-answers', answers, false) : <p>{t('watch.empty')}</p>}
          </section>
          <section aria-labelledby="inbox-overdue">
            <h2 id="inbox-overdue">{t('work.overdue')}</h2>
            {overdue.length ? table('inbox-overdue', overdue, true) : <p>{t('watch.empty')}</p>}
          </section>
        </>
      )}
    </>
  );
}
