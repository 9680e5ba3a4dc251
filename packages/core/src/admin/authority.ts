import { StaffRole, parseInput } from '@kim/contracts';
import { DomainError, forbidden, invalidInput } from '../common/errors.js';
import type { Principal } from '../common/principal.js';

/**
 * Who may administer a tenant: its tenant administrators, and the platform operator's command
 * line (a system principal of that tenant). Nobody else: case managers, coordinators and the
 * technical operator work with what the administration sets up.
 */
export function assertAdministers(p: Principal): void {
  if (p.kind === 'system') return;
  if (p.kind === 'staff' && p.role === StaffRole.TENANT_ADMIN) return;
  throw forbidden('only a tenant administrator may change the administration');
}

/** The staff user behind an administrative change, for the ledger and `created_by`. */
export const adminUserOf = (p: Principal): string | null => (p.kind === 'staff' ? p.userId : null);

/**
 * A database refusal as the caller's mistake: a name or e-mail that is taken, or a reference to
 * something the tenant does not have. Anything else is rethrown.
 */
export function refusal(e: unknown, taken: string, missing = 'a referenced area or agency does not exist'): never {
  const code =
    (e as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
  if (code === '23505') throw new DomainError('CONFLICT', taken);
  if (code === '23503') throw new DomainError('INVALID_INPUT', missing);
  throw e;
}

/** Which fields an update names: the ledger records what changed, never the values. */
export const changedFields = (patch: Record<string, unknown>): string =>
  Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort()
    .join(', ');

/** Validate an input against its contract: INVALID_INPUT with the problems, nothing written. */
export const parse: typeof parseInput = (schema, value, what) => {
  try {
    return parseInput(schema, value, what);
  } catch (e) {
    invalidInput(e);
  }
};
