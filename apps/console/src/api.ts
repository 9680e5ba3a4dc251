/**
 * A tiny GraphQL client: POST /graphql with the bearer token. Answers keep partial data beside
 * their errors, because a field withheld for lack of consent comes back null with an error
 * while the rest of the answer is good.
 */
import type { TypedDocumentString } from './gql/graphql';

export interface GraphQLErrorItem {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; category?: string; [key: string]: unknown };
}

export interface GraphQLAnswer<T> {
  data: T;
  errors: GraphQLErrorItem[];
}

/** A request that produced no usable data; `code` is the first error's code, or NETWORK / HTTP_<status>. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly errors: GraphQLErrorItem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The bearer header for a pasted token (demo, development); none for a session of single sign-on,
 * whose HttpOnly cookie the browser sends to the same origin by itself.
 */
export const authHeaders = (token: string): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

type Unauthorized = () => void;
let onUnauthorized: Unauthorized = () => undefined;

/** The session hears of a token the hub no longer accepts, and signs out. */
export function setUnauthorizedHandler(handler: Unauthorized): void {
  onUnauthorized = handler;
}

/** The variables argument: optional when the operation has none required. */
export type VariablesArg<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/**
 * Post one operation, typed by GraphQL Code Generator from schema.graphql: `document` is a
 * `graphql(\`...\`)` of `./gql`, so the answer's type and the variables' type are the
 * operation's own, and an operation that no longer fits the schema fails the generator's check.
 */
export async function gql<T, V>(
  token: string,
  document: TypedDocumentString<T, V>,
  ...[variables]: VariablesArg<V>
): Promise<GraphQLAnswer<T>> {
  const query = document.toString();
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(token) },
      credentials: 'same-origin',
      body: JSON.stringify({ query, variables }),
    });
  } catch (e) {
    throw new ApiError('NETWORK', e instanceof Error ? e.message : String(e));
  }
  let body: { data?: T | null; errors?: GraphQLErrorItem[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError(`HTTP_${res.status}`, res.statusText);
  }
  const errors = body.errors ?? [];
  if (errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) onUnauthorized();
  if (body.data == null) {
    const first = errors[0];
    throw new ApiError(first?.extensions?.code ?? `HTTP_${res.status}`, first?.message ?? res.statusText, errors);
  }
  return { data: body.data, errors };
}

/** A change a screen posts: its operation, the operation's own variables, and what to say when done. */
export interface ChangeSpec<T, V> {
  query: TypedDocumentString<T, V>;
  /** Typed from the operation only (NoInfer), so a wrong or missing variable fails the typecheck. */
  variables: NoInfer<V>;
  done: string;
}

/** A change ready to post: one shape for changes of every operation, for a hook that runs several. */
export interface PreparedChange {
  send: (token: string) => Promise<unknown>;
  done: string;
}

export function prepareChange<T, V>(c: ChangeSpec<T, V>): PreparedChange {
  return { send: (token) => gql(token, c.query, ...([c.variables] as VariablesArg<V>)), done: c.done };
}

/** The consent error of one field, when the hub withheld it: its data category. */
export function withheldCategory(errors: GraphQLErrorItem[], path: (string | number)[]): string | null {
  const hit = errors.find(
    (e) =>
      e.extensions?.code === 'CONSENT_REQUIRED' &&
      e.path?.length === path.length &&
      e.path.every((part, i) => part === path[i]),
  );
  return hit ? String(hit.extensions?.category ?? '') : null;
}

/** The tenants whose staff sign in with their administration's account (single sign-on). */
export async function signInProviders(): Promise<{ slug: string; name: string; label: string | null }[]> {
  try {
    const res = await fetch('/auth/oidc', { credentials: 'same-origin' });
    if (!res.ok) return [];
    return ((await res.json()) as { tenants: { slug: string; name: string; label: string | null }[] }).tenants;
  } catch {
    return [];
  }
}

/** End the session of single sign-on; the provider's sign-out page, when it offers one. */
export async function endCookieSession(): Promise<string | null> {
  try {
    const res = await fetch('/auth/sign-out', { method: 'POST', credentials: 'same-origin' });
    return ((await res.json()) as { endSessionUrl: string | null }).endSessionUrl;
  } catch {
    return null;
  }
}

/** Fetch a report behind the bearer token and hand it to the browser as a download. */
export async function downloadReport(token: string, url: string, filename: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers: authHeaders(token), credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError('NETWORK', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
    if (res.status === 401) onUnauthorized();
    throw new ApiError(body.error ?? `HTTP_${res.status}`, body.message ?? res.statusText);
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
