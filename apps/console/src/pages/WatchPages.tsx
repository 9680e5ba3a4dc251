import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gql } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageTitle } from '../components/PageTitle';
import { WATCH_FIELDS, WatchTable, type WatchItem } from '../components/WatchTable';
import { useToken } from '../session';

export const OVERDUE = `query OverdueReferrals { overdueReferrals(first: 100) { ${WATCH_FIELDS} } }`;
export const OPEN_LOOPS = `query OpenLoops { openLoops(first: 100) { ${WATCH_FIELDS} } }`;

export function useWatchList(kind: 'overdue' | 'open-loop') {
  const token = useToken();
  return useQuery({
    queryKey: ['watch', kind],
    queryFn: async () => {
      if (kind === 'overdue')
        return (await gql<{ overdueReferrals: WatchItem[] }>(token, OVERDUE)).data.overdueReferrals;
      return (await gql<{ openLoops: WatchItem[] }>(token, OPEN_LOOPS)).data.openLoops;
    },
  });
}

function WatchPage({ kind }: { kind: 'overdue' | 'open-loop' }) {
  const { t } = useTranslation();
  const list = useWatchList(kind);
  const title = kind === 'overdue' ? t('watch.overdueTitle') : t('watch.openLoopsTitle');
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>{kind === 'overdue' ? t('watch.overdueIntro') : t('watch.openLoopsIntro')}</p>
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && <WatchTable items={list.data} kind={kind} caption={title} />}
    </>
  );
}

export const OverduePage = () => <WatchPage kind="overdue" />;
export const OpenLoopsPage = () => <WatchPage kind="open-loop" />;
