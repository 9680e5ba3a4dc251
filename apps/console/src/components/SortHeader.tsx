import { useTranslation } from 'react-i18next';

export type SortDirection = 'asc' | 'desc';
export interface ListSort<F extends string> {
  field: F;
  direction: SortDirection;
}

/**
 * A column header the list can be sorted by: a button inside (keyboard: Tab, Enter or Space),
 * named "Sortieren nach …"; aria-sort only on the column the rows are sorted by. The hub sorts:
 * the page only says which header was chosen.
 */
export function SortHeader<F extends string>({
  field,
  label,
  sort,
  onSort,
  className,
}: {
  field: F;
  label: string;
  /** The order the rows are in; null: the hub's own (no column says so). */
  sort: ListSort<F> | null;
  onSort: (field: F) => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const active = sort?.field === field;
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        className="sort"
        aria-label={t('work.sortBy', { column: label })}
        onClick={() => onSort(field)}
      >
        {label}
        <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </th>
  );
}
