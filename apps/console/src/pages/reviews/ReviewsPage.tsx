import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { gql } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageTitle } from '../../components/PageTitle';
import { formatNumber } from '../../format';
import { useToken } from '../../session';
import { graphql } from '../../gql';

/** What is waiting for the coordinator: counted by the hub, not from a page of a list. */
const WAITING = graphql(`
  query ReviewsWaiting {
    accessOverridePage(first: 1) {
      unreviewedCount
    }
    barriers {
      flaggedCases {
        caseId
      }
    }
  }
`);

/** The coordinator's review screens, one entry each. */
export function ReviewsPage() {
  const { t, i18n } = useTranslation();
  const token = useToken();
  const waiting = useQuery({
    queryKey: ['reviewsWaiting'],
    queryFn: async () => (await gql(token, WAITING)).data,
  });
  // The area's flagged cases themselves (a case with two flags counts once); the flag counts
  // are statistics, suppressed under 5, and would say 0 where 3 cases wait.
  const flagged = waiting.data && new Set(waiting.data.barriers.flaggedCases.map((f) => f.caseId)).size;
  const count = (n: number | undefined) =>
    n === undefined ? null : (
      <>
        {' '}
        ({formatNumber(n, i18n.language)} {t('review.open')})
      </>
    );
  return (
    <>
      <PageTitle>{t('review.title')}</PageTitle>
      <p>{t('review.intro')}</p>
      {waiting.isError && <ErrorNotice error={waiting.error} onRetry={() => void waiting.refetch()} />}
      <ul className="review-list">
        <li>
          <Link to="/reviews/break-glass">{t('review.breakGlass')}</Link>
          {count(waiting.data?.accessOverridePage.unreviewedCount)}
        </li>
        <li>
          <Link to="/reviews/flags">{t('review.flags')}</Link>
          {count(flagged)}
        </li>
        <li>
          <Link to="/reviews/messages">{t('review.deadMessages')}</Link>
        </li>
        <li>
          <Link to="/link-reviews">{t('nav.linkReviews')}</Link>
        </li>
        <li>
          <Link to="/reviews/barriers">{t('review.barriers')}</Link>
        </li>
        <li>
          <Link to="/reviews/caseload">{t('review.caseload')}</Link>
        </li>
      </ul>
    </>
  );
}
