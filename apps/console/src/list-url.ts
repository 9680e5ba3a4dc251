import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { ListSort, SortDirection } from './components/SortHeader';

/**
 * The order of a list as the URL keeps it (`sort=reference-asc`): only a field of the list and a
 * direction; anything else is no order (the hub's default).
 */
export function parseSort<F extends string>(value: string | null, fields: readonly F[]): ListSort<F> | null {
  const at = (value ?? '').lastIndexOf('-');
  if (at < 1) return null;
  const field = value!.slice(0, at) as F;
  const direction = value!.slice(at + 1);
  if (!fields.includes(field) || (direction !== 'asc' && direction !== 'desc')) return null;
  return { field, direction };
}

/** The order after a header was chosen: the same column reverses, another starts in its first direction. */
export function nextSort<F extends string>(
  current: ListSort<F> | null,
  field: F,
  firstDirection: (f: F) => SortDirection,
): ListSort<F> {
  if (current?.field === field) return { field, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { field, direction: firstDirection(field) };
}

/**
 * A list's order in the URL, so a link or reload shows the same order: `sort` is the order in
 * force (the default when the URL names none), `sortBy` a header's choice. Choosing an order
 * drops the list's page cursors (a cursor of one order is refused in another) and keeps the
 * other parameters (filters) and the history state (a search term kept out of the URL).
 */
export function useUrlSort<F extends string, D extends ListSort<F> | null>(
  fields: readonly F[],
  fallback: D,
  firstDirection: (f: F) => SortDirection = () => 'asc',
) {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const named = parseSort(params.get('sort'), fields);
  const sort: ListSort<F> | D = named ?? fallback;
  const sortBy = (field: F) => {
    const next = nextSort(sort, field, firstDirection);
    const p = new URLSearchParams(params);
    p.set('sort', `${next.field}-${next.direction}`);
    p.delete('pages');
    setParams(p, { state: location.state as unknown });
  };
  return { sort, named, sortBy };
}

/**
 * A search term kept out of the URL: names searched for would stand in the address bar, the
 * browser's history and the proxy's logs. It lives in the history entry's state instead (back and
 * forward keep it; a reload in most browsers too, a link does not carry it).
 */
export function useSearchTerm(): [string, (q: string, params: URLSearchParams) => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const state = location.state as { q?: unknown } | null;
  const q = typeof state?.q === 'string' ? state.q : '';
  const setQ = (next: string, params: URLSearchParams) =>
    void navigate({ pathname: location.pathname, search: params.toString() }, { state: next ? { q: next } : null });
  return [q, setQ];
}

/** What a ReviewTable needs of a list's order (its headers name fields as plain strings). */
export function tableSorting<F extends string>(sort: ListSort<F> | null, sortBy: (field: F) => void) {
  return { sort, onSort: (field: string) => sortBy(field as F) };
}

/** The hub's order input (field as the schema's enum, ASC/DESC) for a list's order; null: none. */
export function orderInput<F extends string, E extends string>(
  sort: ListSort<F> | null,
  fields: Record<F, E>,
): { field: E; direction: 'ASC' | 'DESC' } | null {
  return sort ? { field: fields[sort.field], direction: sort.direction === 'asc' ? 'ASC' : 'DESC' } : null;
}
