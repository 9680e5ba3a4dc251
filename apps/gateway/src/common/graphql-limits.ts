import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError } from 'graphql';

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
  return {
    plugins: [
      ...((plugins as ArmorPlugin[]).map(clientErrorsAs400) as NonNullable<ApolloDriverConfig['plugins']>),
      // Apollo's HTTP cache hints would wrap every field's resolver; nothing here is cacheable
      // by a shared cache (every answer depends on the caller and their consent).
      ApolloServerPluginCacheControlDisabled(),
    ],
    validationRules,
    allowBatchedHttpRequests: false,
  };
}

type Hooks = Record<string, unknown> & { parsingDidStart?: (ctx: unknown) => Promise<unknown> };
type ArmorPlugin = Record<string, unknown> & {
  requestDidStart?: (ctx: unknown) => Promise<Hooks | void>;
  unexpectedErrorProcessingRequest?: (arg: { error: Error }) => Promise<void>;
};

const isGraphQLErrorLike = (e: unknown): e is GraphQLError => e instanceof Error && 'extensions' in e;
const as400 = (e: GraphQLError) =>
  new GraphQLError(e.message, { extensions: { ...e.extensions, http: { status: 400 } }, originalError: e });

/**
 * The token limit parses the document in a plugin hook, where Apollo takes any error, a
 * client's syntax error included, for a server fault (HTTP 500, logged as an error); and the
 * armour's own handler of such errors rethrows them without a status. The GraphQL-over-HTTP
 * spec wants a request error there: the same error, marked HTTP 400. Other unexpected errors
 * keep their 500.
 */
function clientErrorsAs400(plugin: ArmorPlugin): ArmorPlugin {
  const start = plugin.requestDidStart;
  const unexpected = plugin.unexpectedErrorProcessingRequest;
  return {
    ...plugin,
    ...(unexpected && {
      async unexpectedErrorProcessingRequest(arg: { error: Error }) {
        try {
          await unexpected.call(plugin, arg);
        } catch (e) {
          const fromParsing = isGraphQLErrorLike(arg.error) && arg.error.extensions.http !== undefined;
          throw fromParsing && isGraphQLErrorLike(e) ? as400(e) : e;
        }
      },
    }),
    ...(start && {
      async requestDidStart(ctx: unknown) {
        const hooks = await start.call(plugin, ctx);
        const parsing = hooks?.parsingDidStart;
        if (!hooks || !parsing) return hooks;
        return {
          ...hooks,
          async parsingDidStart(rc: unknown) {
            try {
              return await parsing.call(hooks, rc);
            } catch (e) {
              // Duck-typed: the armour may load another copy of graphql (CJS next to ESM).
              throw isGraphQLErrorLike(e) ? as400(e) : e;
            }
          },
        };
      },
    }),
  };
}
