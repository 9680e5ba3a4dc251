import type { InputProblem } from '@kim/contracts';

/** Stable error codes; the gateway maps them to GraphQL error codes and HTTP statuses. */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'INVALID_INPUT'
  | 'CONSENT_REQUIRED'
  | 'DO_NOT_CONTACT'
  | 'INVALID_TRANSITION'
  | 'CONFLICT';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { problems?: InputProblem[]; reason?: string; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `${what} ${id} was not found`);
/**
 * A row a foreign key points at: its absence is a broken invariant (a plain Error, a 500), never
 * something the caller got wrong.
 */
export function existing<T>(row: T | null | undefined, what: string, id: string): T {
  if (row === null || row === undefined) throw new Error(`${what} ${id} not found`);
  return row;
}
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);

/** A contract validation error becomes INVALID_INPUT with its problems; anything else is rethrown. */
export function invalidInput(e: unknown): never {
  if (e instanceof Error && e.name === 'InputValidationError') {
    throw new DomainError('INVALID_INPUT', e.message, { problems: (e as unknown as { problems: [] }).problems });
  }
  throw e;
}
