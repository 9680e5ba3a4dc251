import { HttpException, ParseUUIDPipe } from '@nestjs/common';
import { scalarProblem } from './input-bounds.js';

/** A 400 in the shape GraphQL answers bad input with: the code, and what is wrong where. */
export function invalidInput(path: string, message: string): HttpException {
  return new HttpException(
    { error: 'INVALID_INPUT', message: `${path}: ${message}`, problems: [{ path, message }] },
    400,
  );
}

/** A path parameter that must be a UUID, checked before any SQL; the refusal names it. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => invalidInput(name, 'not an id: expected a UUID') });
}

/**
 * An optional query parameter as one bounded text: `?a=1&a=2` and `?a[x]=1` (which Express
 * turns into arrays and objects) are refused, as are over-long values and control characters.
 */
export function queryText(name: string, value: unknown, max = 100): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidInput(name, 'give it once, as plain text');
  if (value.length > max) throw invalidInput(name, `too long: at most ${max} characters, got ${value.length}`);
  const problem = scalarProblem('String', value);
  if (problem) throw invalidInput(name, problem);
  return value;
}
