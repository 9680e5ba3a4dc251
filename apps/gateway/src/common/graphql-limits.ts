import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloDriverConfig } from '@nestjs/apollo';

/**
 * Limits against abusive queries (OWASP GraphQL cheat sheet): depth, aliases, directives,
 * tokens and a static cost; field suggestions never reveal the schema; one operation per
 * request. The bounds leave room for every query the console and agencies need (the
 * linked-case query has depth 4).
 */
export const GRAPHQL_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
  // The armour's static cost grows steeply with depth: a case page with people and their aliases costs ~5,300.
  maxCost: 50000,
} as const;

export function graphqlProtection() {
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    maxTokens: { n: GRAPHQL_LIMITS.maxTokens },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost },
    blockFieldSuggestion: { enabled: true },
  });
  const { plugins, validationRules } = armor.protect();
  // The armour's types come from its own copy of @apollo/server's typings; the plugins are the same shape.
  return { plugins: plugins as ApolloDriverConfig['plugins'], validationRules, allowBatchedHttpRequests: false };
}
