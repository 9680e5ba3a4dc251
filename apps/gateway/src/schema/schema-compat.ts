import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

export interface SchemaChange {
  /** Schema coordinate the change touches, e.g. `Query.cases` or `Case.reference`. */
  path: string;
  message: string;
  reason?: string;
}

export interface SchemaCompatibility {
  /** Would break a client of the released schema, and CHANGELOG.md does not record it as intended. */
  unrecorded: SchemaChange[];
  /** Breaking, but listed under `### Breaking` in the changelog's [Unreleased] section. */
  recorded: SchemaChange[];
  /** May change what existing clients see (a new enum value, a new optional argument with a default …). */
  dangerous: SchemaChange[];
  safe: SchemaChange[];
}

function toChange(c: Change): SchemaChange {
  return {
    path: c.path ?? c.message,
    message: c.message,
    ...(c.criticality.reason ? { reason: c.criticality.reason } : {}),
  };
}

/**
 * The schema coordinates written in backticks under `### Breaking` in the `[Unreleased]` section
 * of a Keep-a-Changelog file: the breaking changes the next (major) release intends.
 */
export function intendedBreakingChanges(changelog: string): Set<string> {
  const unreleased = /^## \[Unreleased\][^\n]*\n([\s\S]*?)(?=^## \[|(?![\s\S]))/m.exec(changelog)?.[1] ?? '';
  const breaking = /^### Breaking[^\n]*\n([\s\S]*?)(?=^#{2,3} |(?![\s\S]))/m.exec(unreleased)?.[1] ?? '';
  return new Set([...breaking.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!));
}

/**
 * Compare the schema served now with the last released one (GraphQL Inspector's rules).
 * A breaking change counts as recorded when the changelog names its coordinate, or a coordinate
 * it lies under (`Query.cases` covers `Query.cases.filter`).
 */
export async function schemaCompatibility(
  releasedSdl: string,
  currentSdl: string,
  changelog: string,
): Promise<SchemaCompatibility> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  const intended = intendedBreakingChanges(changelog);
  const isIntended = (path: string) => {
    const parts = path.split('.');
    return parts.some((_, i) => intended.has(parts.slice(0, i + 1).join('.')));
  };
  const result: SchemaCompatibility = { unrecorded: [], recorded: [], dangerous: [], safe: [] };
  for (const c of changes) {
    const change = toChange(c);
    if (c.criticality.level === CriticalityLevel.Breaking) {
      (isIntended(change.path) ? result.recorded : result.unrecorded).push(change);
    } else if (c.criticality.level === CriticalityLevel.Dangerous) result.dangerous.push(change);
    else result.safe.push(change);
  }
  return result;
}

/** Released schema files (`schema-<version>.graphql`), newest version last. */
export function sortReleases(files: string[]): { file: string; version: string }[] {
  const parse = (v: string) => v.split('.').map(Number);
  return files
    .map((file) => ({ file, version: /^schema-(\d+\.\d+\.\d+)\.graphql$/.exec(file)?.[1] }))
    .filter((r): r is { file: string; version: string } => r.version !== undefined)
    .sort((a, b) => {
      const [x, y] = [parse(a.version), parse(b.version)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    });
}
