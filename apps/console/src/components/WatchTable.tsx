import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, statusKey } from '../format';
import { graphql } from '../gql';

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
}: {
  items: WatchItem[];
  kind: 'overdue' | 'open-loop';
  caption: string;
}) {
  const { t, i18n } = useTranslation();
  if (!items.length) return <p>{t('watch.empty')}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>
          {caption} ({t('watch.caption', { count: items.length })})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('watch.case')}</th>
            <th scope="col">{t('watch.agency')}</th>
            <th scope="col">{t('watch.service')}</th>
            <th scope="col">{t('watch.caseManager')}</th>
            <th scope="col">{t('watch.requestedAt')}</th>
            {kind === 'overdue' ? (
              <>
                <th scope="col">{t('watch.overdueSince')}</th>
                <th scope="col">{t('watch.overdueWorkingDays')}</th>
              </>
            ) : (
              <th scope="col">{t('watch.status')}</th>
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
