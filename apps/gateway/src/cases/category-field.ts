import { Field, type FieldMiddleware, type FieldOptions, type ReturnTypeFunc } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { DataCategory } from '@kim/contracts';

/** What a type that carries category-tagged fields must tell about the caller's view. */
export interface CategoryView {
  visibleCategories: readonly DataCategory[];
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
    if (!view.visibleCategories.includes(category)) {
      throw new GraphQLError(`not covered by consent: ${ctx.info?.fieldName ?? 'this field'} is ${category} data`, {
        extensions: { code: 'CONSENT_REQUIRED', category },
      });
    }
    return (await next()) as unknown;
  };
  return Field(type, {
    ...options,
    nullable: true,
    description: `${options.description ? `${options.description}. ` : ''}Data category: ${category}`,
    middleware: [guard],
  });
}
