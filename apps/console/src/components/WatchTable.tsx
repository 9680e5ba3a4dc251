import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, statusKey } from '../format';
import { graphql } from '../gql';
import { SortHeader, type ListSort } from './SortHeader';

/** Columns of a watch list the hub sorts by. */
export type WatchSortField = 'caseReference' | 'agencyName' | 'serviceName' | 'caseManagerName' | 'deadline';

export interface WatchItem {
  referralId: string;
  caseId: string;
  caseReference: string;
  agencyName: string;
  serviceName: string;
  caseManagerName: string;
  status: string;
  requestedAt: string | null;
  respondBy: string | null;
  overdueWorkingDays: number;
}

/** What a row of a watch list shows (the operations that read the lists spread this fragment). */
graphql(`
  fragment WatchFields on ReferralWatchItem {
    referralId
    caseId
    caseReference
    agencyName
    serviceName
    caseManagerName
    status
    requestedAt
    respondBy
    overdueWorkingDays
  }
`);

/** Overdue referrals or open loops as a table with real headers; each case reference links to the case. */
export function WatchTable({
  items,
  kind,
  caption,
  sorting,
}: {
  items: WatchItem[];
  kind: 'overdue' | 'open-loop';
  caption: string;
  /** The list's order and what a header does: those headers become sort buttons. */
  sorting?: { sort: ListSort<WatchSortField> | null; onSort: (field: WatchSortField) => void };
}) {
  const { t, i18n } = useTranslation();
  const header = (label: string, field?: WatchSortField) =>
    sorting && field ? (
      <SortHeader field={field} label={label} sort={sorting.sort} onSort={sorting.onSort} />
    ) : (
      <th scope="col">{label}</th>
    );
  if (!items.length) return <p>{t('watch.empty')}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>
          {caption} ({t('watch.caption', { count: items.length })})
        </caption>
        <thead>
          <tr>
            {header(t('watch.case'), 'caseReference')}
            {header(t('watch.agency'), 'agencyName')}
            {header(t('watch.service'), 'serviceName')}
            {header(t('watch.caseManager'), 'caseManagerName')}
            {header(t('watch.requestedAt'))}
            {kind === 'overdue' ? (
              <>
                {header(t('watch.overdueSince'), 'deadline')}
                {header(t('watch.overdueWorkingDays'))}
              </>
            ) : (
              header(t('watch.status'))
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.referralId}>
              <th scope="row">
                <Link to={`/cases/${item.caseId}`}>{item.caseReference}</Link>
              </th>
              <td>{item.agencyName}</td>
              <td>{item.serviceName}</td>
              <td>{item.caseManagerName}</td>
              <td>{formatDate(item.requestedAt, i18n.language)}</td>
              {kind === 'overdue' ? (
                <>
                  <td>{formatDate(item.respondBy, i18n.language)}</td>
                  <td className="num">{item.overdueWorkingDays}</td>
                </>
              ) : (
                <td>{t(`status.${statusKey(item.status)}`)}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Kept here for the pages that import it with the table. */
export { statusKey } from '../format';
