import { DomainError } from '../common/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a person typed for something (an id, or a name, code or e-mail) as the one thing it names.
 * A name that several share is refused with their ids, so the person can pick one.
 */
export function pickByName<T extends { id: string }>(
  items: readonly T[],
  ref: string,
  what: string,
  names: (item: T) => (string | null | undefined)[],
): T {
  if (UUID.test(ref)) {
    const byId = items.find((i) => i.id.toLowerCase() === ref.toLowerCase());
    if (byId) return byId;
    throw new DomainError('NOT_FOUND', `no ${what} with id ${ref}`);
  }
  const wanted = ref.trim().toLowerCase();
  const found = items.filter((i) => names(i).some((n) => n?.toLowerCase() === wanted));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new DomainError('NOT_FOUND', `no ${what} named ${ref}`);
  throw new DomainError(
    'CONFLICT',
    `${found.length} ${what}s are named ${ref}; give the id: ${found.map((i) => i.id).join(', ')}`,
  );
}
