import { readFileSync, readdirSync } from 'node:fs';
import { intendedBreakingChanges, schemaCompatibility, sortReleases } from './schema-compat.js';

const ROOT = new URL('../../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

const RELEASED = /* GraphQL */ `
  enum Status {
    OPEN
    DONE
  }
  type Case {
    id: ID!
    reference: String!
    status: Status!
  }
  type Query {
    case(id: ID!): Case!
    cases(first: Int! = 20): [Case!]!
  }
`;
const CHANGELOG = (breaking = '') => `# Changelog

## [Unreleased]

### Added

- \`Case.reference\` is mentioned here, but under Added it records nothing.
${breaking}
## [0.1.0] - 2026-01-01

### Breaking

- \`Query.cases\` (an old release's note does not count for the next one)
`;

describe('breaking-change check of the GraphQL schema', () => {
  it('finds no unrecorded breaking change between the last release and schema.graphql', async () => {
    const releases = sortReleases(readdirSync(new URL('contracts/released/', ROOT)));
    expect(releases.length).toBeGreaterThan(0);
    const last = releases.at(-1)!;
    const result = await schemaCompatibility(
      read(`contracts/released/${last.file}`),
      read('schema.graphql'),
      read('CHANGELOG.md'),
    );
    // Fix: restore compatibility, or record the change under "### Breaking" in [Unreleased] (npm run schema:check).
    expect(result.unrecorded).toEqual([]);
  });

  it('fails on a removed field or a new required argument, until the changelog records it', async () => {
    const current = RELEASED.replace('reference: String!', '').replace(
      'cases(first: Int! = 20)',
      'cases(first: Int!, area: ID!)',
    );
    const unrecorded = await schemaCompatibility(RELEASED, current, CHANGELOG());
    expect(unrecorded.unrecorded.map((c) => c.path).sort()).toEqual(['Case.reference', 'Query.cases.area']);
    const recorded = await schemaCompatibility(
      RELEASED,
      current,
      CHANGELOG('\n### Breaking\n\n- `Case.reference` removed: use `Case.id`.\n- `Query.cases`: `area` is required.\n'),
    );
    expect(recorded.unrecorded).toEqual([]);
    expect(recorded.recorded.map((c) => c.path).sort()).toEqual(['Case.reference', 'Query.cases.area']);
  });

  it('reports dangerous changes apart from safe ones', async () => {
    const current = RELEASED.replace('DONE', 'DONE\n    ON_HOLD').replace(
      'status: Status!',
      'status: Status!\n    note: String',
    );
    const result = await schemaCompatibility(RELEASED, current, CHANGELOG());
    expect(result.unrecorded).toEqual([]);
    expect(result.dangerous.map((c) => c.path)).toEqual(['Status.ON_HOLD']);
    expect(result.safe.map((c) => c.path)).toEqual(['Case.note']);
  });

  it('reads intended changes only from [Unreleased] → ### Breaking', () => {
    expect([...intendedBreakingChanges(CHANGELOG('\n### Breaking\n\n- `Case.status` narrowed\n'))]).toEqual([
      'Case.status',
    ]);
    expect([...intendedBreakingChanges(CHANGELOG())]).toEqual([]);
  });

  it('orders released schemas by version, not by name', () => {
    expect(
      sortReleases(['schema-0.10.0.graphql', 'schema-0.9.1.graphql', 'README.md', 'schema-1.0.0.graphql']).map(
        (r) => r.version,
      ),
    ).toEqual(['0.9.1', '0.10.0', '1.0.0']);
  });
});
