import type { z } from 'zod';

/** One problem with an input, named by its path so a caller can fix it. */
export interface InputProblem {
  path: string;
  message: string;
}

export class InputValidationError extends Error {
  constructor(
    readonly what: string,
    readonly problems: InputProblem[],
  ) {
    super(`invalid ${what}: ${problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`);
    this.name = 'InputValidationError';
  }
}

export function toProblems(error: z.ZodError): InputProblem[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Parse at a boundary: returns the typed value or throws an error that lists every problem. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InputValidationError(what, toProblems(result.error));
  return result.data;
}
