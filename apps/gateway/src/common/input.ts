/** GraphQL hands explicit nulls for omitted optionals; the contracts treat absent as absent. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out as T;
  }
  return value;
}

/** Largest page a list returns; larger requests are refused, not silently cut. */
export const MAX_PAGE = 100;
