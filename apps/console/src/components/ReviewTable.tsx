import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCsv, toCsv, type CsvCell } from '../csv';
import { ErrorNotice } from './ErrorNotice';
import { SortHeader, type ListSort } from './SortHeader';

/** One column of a review table: its header, and what a row shows in it. */
export interface ReviewColumn<R> {
  header: string;
  cell: (row: R) => ReactNode;
  /** Right-aligned figures. */
  num?: boolean;
  /** Long free text that wraps. */
  wrap?: boolean;
  /** Buttons of the row. */
  actions?: boolean;
  /** The column's value in the CSV export (columns without one are left out of it). */
  csv?: (row: R) => CsvCell;
  /** The field the hub sorts the list by when this column's header is chosen. */
  sort?: string;
}

/** A list read page by page (react-query's infinite query, or one answer), as the table needs it. */
export interface ReviewListState {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  fetchNextPage?: () => unknown;
}

/**
 * The coordinators' review lists share this: loading, error with retry, and empty as status
 * messages; a scrollable table that is a named, focusable region (keyboard scrolling), with a
 * caption, column headers and the first column as each row's header; "load more" for lists the
 * hub pages; headers that sort the list on the hub (the columns that name a field); and a CSV
 * export of the rows shown (the columns that say how). Screens give the
 * columns and the words; a screen that shows loading and errors itself (above its filters) gives
 * no list state.
 */
export function ReviewTable<R>({
  list,
  rows,
  rowKey,
  columns,
  caption,
  empty,
  labelledBy = 'page-title',
  csvFile,
  sorting,
}: {
  list?: ReviewListState;
  rows: readonly R[];
  rowKey: (row: R) => string;
  columns: readonly ReviewColumn<R>[];
  caption: string;
  /** Said when the list is empty. */
  empty: string;
  /** The id of the heading that names the table's region. */
  labelledBy?: string;
  /** The file name of the CSV export, when the screen offers one. */
  csvFile?: string;
  /** The list's order (null: the hub's default) and what a sortable header does. */
  sorting?: { sort: ListSort<string> | null; onSort: (field: string) => void };
}) {
  const { t } = useTranslation();
  const [first, ...rest] = columns;
  const exported = columns.filter((c) => c.csv);
  const exportCsv = () =>
    csvFile &&
    downloadCsv(
      csvFile,
      toCsv(
        exported.map((c) => c.header),
        rows.map((r) => exported.map((c) => c.csv!(r))),
      ),
    );
  const ready = list ? list.isSuccess : true;
  const className = (c: ReviewColumn<R>) =>
    [c.num && 'num', c.wrap && 'wrap', c.actions && 'actions'].filter(Boolean).join(' ') || undefined;
  return (
    <>
      {list?.isPending && <p role="status">{t('common.loading')}</p>}
      {list?.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {ready && !rows.length && <p role="status">{empty}</p>}
      {rows.length > 0 && first && (
        <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                {columns.map((c) =>
                  sorting && c.sort ? (
                    <SortHeader
                      key={c.header}
                      field={c.sort}
                      label={c.header}
                      sort={sorting.sort}
                      onSort={sorting.onSort}
                    />
                  ) : (
                    <th key={c.header} scope="col">
                      {c.header}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={rowKey(r)}>
                  <th scope="row" className={className(first)}>
                    {first.cell(r)}
                  </th>
                  {rest.map((c) => (
                    <td key={c.header} className={className(c)}>
                      {c.cell(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list?.hasNextPage && list.fetchNextPage && (
        <p>
          <button type="button" onClick={() => void list.fetchNextPage?.()} disabled={list.isFetchingNextPage}>
            {t('review.more')}
          </button>
        </p>
      )}
      {csvFile && rows.length > 0 && (
        <p>
          <button type="button" onClick={exportCsv}>
            {t('review.exportCsv')}
          </button>
        </p>
      )}
    </>
  );
}
