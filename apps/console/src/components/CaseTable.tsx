import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../format';
import { SortHeader } from './SortHeader';
import type { CaseOrderField, CaseOrderInput } from '../gql/graphql';

export interface CaseTableRow {
  id: string;
  reference: string;
  phase: string;
  openedAt: string;
  person: { givenNames: string | null; familyName: string | null };
  region?: { name: string };
  caseManager?: { displayName: string };
  /** Referrals still running (requested, accepted, in progress, on hold). */
  openReferrals?: number;
}
export type CaseTableColumn = 'openReferrals' | 'region' | 'caseManager';
/** Columns the hub sorts by (cases orderBy). */
export type CaseSortField = 'reference' | 'familyName' | 'phase' | 'openedAt';
export const CASE_SORT_FIELDS: readonly CaseSortField[] = ['reference', 'familyName', 'phase', 'openedAt'];
const ORDER_FIELD: Record<CaseSortField, CaseOrderField> = {
  reference: 'REFERENCE',
  familyName: 'FAMILY_NAME',
  phase: 'PHASE',
  openedAt: 'OPENED_AT',
};
/** The hub's order (cases orderBy) for a column's; none: the hub's default, newest first. */
export const caseOrderOf = (sort: { field: CaseSortField; direction: 'asc' | 'desc' } | null): CaseOrderInput | null =>
  sort ? { field: ORDER_FIELD[sort.field], direction: sort.direction === 'asc' ? 'ASC' : 'DESC' } : null;

export interface CaseTableSort {
  field: CaseSortField;
  direction: 'asc' | 'desc';
  /** A header was chosen: the page decides the new order. */
  onSort: (field: CaseSortField) => void;
}

const HEADER: Record<CaseTableColumn, string> = {
  openReferrals: 'work.openReferrals',
  region: 'cases.region',
  caseManager: 'cases.caseManager',
};

/**
 * Cases as a table with real headers: reference (a link to the case), name, phase, the columns
 * a page asks for, opened on. One table for "Meine Fälle" and the case search.
 */
export function CaseTable({
  rows,
  columns,
  labelledBy,
  liveCaption = false,
  sort,
}: {
  rows: readonly CaseTableRow[];
  columns: readonly CaseTableColumn[];
  /** The id of the heading that names the table's scroll region. */
  labelledBy: string;
  /** Announce the count when it changes (a search's results). */
  liveCaption?: boolean;
  /** Headers of the sortable columns become buttons (the order comes from the hub). */
  sort?: CaseTableSort;
}) {
  const { t, i18n } = useTranslation();
  const header = (field: CaseSortField, label: string) =>
    sort ? <SortHeader field={field} label={label} sort={sort} onSort={sort.onSort} /> : <th scope="col">{label}</th>;
  const cell = (c: CaseTableRow, column: CaseTableColumn) =>
    column === 'openReferrals'
      ? (c.openReferrals ?? 0)
      : column === 'region'
        ? (c.region?.name ?? t('common.none'))
        : (c.caseManager?.displayName ?? t('common.none'));
  return (
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table>
        <caption role={liveCaption ? 'status' : undefined}>{t('cases.caption', { count: rows.length })}</caption>
        <thead>
          <tr>
            {header('reference', t('cases.reference'))}
            {header('familyName', t('cases.name'))}
            {header('phase', t('cases.phase'))}
            {columns.map((column) => (
              <th scope="col" key={column}>
                {t(HEADER[column])}
              </th>
            ))}
            {header('openedAt', t('cases.openedAt'))}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/cases/${c.id}`}>{c.reference}</Link>
              </th>
              <td>{[c.person.familyName, c.person.givenNames].filter(Boolean).join(', ') || t('common.none')}</td>
              <td>{t(`phase.${c.phase}`)}</td>
              {columns.map((column) => (
                <td key={column}>{cell(c, column)}</td>
              ))}
              <td>{formatDate(c.openedAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
