import { Field, type FieldMiddleware, type FieldOptions, type ReturnTypeFunc } from '@nestjs/graphql';
import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import type { DataCategory } from '@kim/contracts';

/** What a type that carries category-tagged fields must tell about the caller's view. */
export interface CategoryView {
  visibleCategories: readonly DataCategory[];
}

/**
 * The refusal of one field on one request: an agency's read hides several fields on every
 * request, and their errors were most of what enforcing consent cost. Made with the field's path
 * and nodes already (GraphQL then takes it as it is instead of wrapping it in a second error whose
 * constructor reads the first one's stack) and without a stack trace (nobody reads it: this is an
 * answer, not a fault).
 */
function notCovered(info: GraphQLResolveInfo | null | undefined, category: DataCategory): GraphQLError {
  const field = info?.fieldName ?? 'this field';
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(`not covered by consent: ${field} is ${category} data`, {
      ...(info && { nodes: info.fieldNodes, path: responsePathAsArray(info.path) }),
      extensions: { code: 'CONSENT_REQUIRED', category },
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
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
    if (!view.visibleCategories.includes(category)) throw notCovered(ctx.info, category);
    return (await next()) as unknown;
  };
  return Field(type, {
    ...options,
    nullable: true,
    description: `${options.description ? `${options.description}. ` : ''}Data category: ${category}`,
    middleware: [guard],
  });
}
