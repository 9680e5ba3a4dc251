import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { HubRequestError } from './status.js';

type Fetch = typeof fetch;

export interface GraphQLClientOptions {
  /** The hub's base URL (the client posts to `<hubUrl>/graphql`). */
  hubUrl: string;
  /** Your agency's API key. */
  apiKey: string;
  fetch?: Fetch;
  /** Sent with every request, e.g. an `x-request-id` to find your calls in the hub's logs. */
  headers?: Record<string, string>;
}

/** One GraphQL error as the hub reports it. `extensions.code` is stable, e.g. CONSENT_REQUIRED. */
export interface HubGraphQLError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; category?: string; [key: string]: unknown };
}

/** A typed document (generated into `generated/graphql.ts`): its text, and its result and variable types. */
export type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

/** The request failed as a whole (no data): unauthenticated, forbidden, invalid. */
export class GraphQLRequestError extends HubRequestError {
  override readonly name: string = 'GraphQLRequestError';
  constructor(
    message: string,
    status: number,
    readonly errors: readonly HubGraphQLError[],
  ) {
    super(message, status, { errors });
  }
}

export interface GraphQLResult<TResult> {
  data: TResult;
  /**
   * Field errors beside the data. The hub returns fields of data categories your consent
   * does not cover as null, with a CONSENT_REQUIRED error here naming the category.
   */
  errors: readonly HubGraphQLError[];
}

type VariablesArg<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/** A small GraphQL-over-HTTP client for the typed documents; fetch is all it needs. */
export interface GraphQLClient {
  request<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    ...variables: VariablesArg<TVariables>
  ): Promise<GraphQLResult<TResult>>;
}

export function createGraphQLClient(options: GraphQLClientOptions): GraphQLClient {
  const url = `${options.hubUrl.replace(/\/+$/, '')}/graphql`;
  const doFetch = options.fetch ?? fetch;
  return {
    async request<TResult, TVariables>(
      document: TypedDocument<TResult, TVariables>,
      ...[variables]: VariablesArg<TVariables>
    ) {
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            authorization: `Bearer ${options.apiKey}`,
            ...options.headers,
          },
          body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
        });
      } catch (e) {
        throw new GraphQLRequestError(`could not reach the hub: ${(e as Error).message}`, 0, []);
      }
      let body: { data?: TResult | null; errors?: HubGraphQLError[] };
      try {
        body = (await res.json()) as typeof body;
      } catch {
        throw new GraphQLRequestError(`hub answered HTTP ${res.status} without a GraphQL response`, res.status, []);
      }
      const errors = body.errors ?? [];
      if (body.data === undefined || body.data === null) {
        const first = errors[0];
        const code = first?.extensions?.code;
        throw new GraphQLRequestError(
          first ? `${code ? `${code}: ` : ''}${first.message}` : `hub answered HTTP ${res.status} without data`,
          res.status,
          errors,
        );
      }
      return { data: body.data, errors };
    },
  };
}
