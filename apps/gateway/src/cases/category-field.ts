import { Field, type FieldMiddleware, type FieldOptions, type ReturnTypeFunc } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { DataCategory } from '@kim/contracts';

/** What a type that carries category-tagged fields must tell about the caller's view. */
export interface CategoryView {
  visibleCategories: readonly DataCategory[];
}

const refusals = new Map<string, GraphQLError>();

/**
 * The refusal of one field, made once and thrown again: an agency's read hides several fields
 * on every request, and a new error each time (with its stack trace, which nobody reads: this is
 * an answer, not a fault) was most of what enforcing consent cost. GraphQL wraps the thrown
 * error with the request's path, so the shared one is never changed.
 */
function notCovered(field: string, category: DataCategory): GraphQLError {
  const key = `${field}|${category}`;
  let error = refusals.get(key);
  if (!error) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      error = new GraphQLError(`not covered by consent: ${field} is ${category} data`, {
        extensions: { code: 'CONSENT_REQUIRED', category },
      });
    } finally {
      Error.stackTraceLimit = limit;
    }
    refusals.set(key, error);
  }
  return error;
}

/**
 * A field of personal data, tagged with its data category. For a caller whose consent does
 * not cover the category, the field resolves to null with an error that says why; the
 * value is not even loaded into the object (see Person.view).
 */
export function CategoryField(
  category: DataCategory,
  type: ReturnTypeFunc,
  options: FieldOptions = {},
): PropertyDecorator {
  const guard: FieldMiddleware = async (ctx, next) => {
    const view = ctx.source as CategoryView;
    if (!view.visibleCategories.includes(category)) throw notCovered(ctx.info?.fieldName ?? 'this field', category);
    return (await next()) as unknown;
  };
  return Field(type, {
    ...options,
    nullable: true,
    description: `${options.description ? `${options.description}. ` : ''}Data category: ${category}`,
    middleware: [guard],
  });
}
