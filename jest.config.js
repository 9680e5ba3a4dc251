// One suffix per tier: unit `*.spec.ts` (next to the code, no I/O), integration `*.int-spec.ts`
// (real PostgreSQL and Redis), faults `*.fault.ts`, soak `*.soak.ts`, e2e `*.e2e.ts`.
// Packages are mapped to their sources so tests need no build.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    // The shared test support has one module per concern (db, hub, fixtures, ...).
    '^@kim/test-support/([a-z-]+)$': '<rootDir>/packages/test-support/src/$1.ts',
    '^@kim/([a-z-]+)$': ['<rootDir>/packages/$1/src/index.ts', '<rootDir>/apps/$1/src/index.ts'],
    // Secondary entry points (e.g. @kim/linkage/dev) map to the file of that name.
    '^@kim/([a-z-]+)/([a-z-]+)$': '<rootDir>/packages/$1/src/$2.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  // A global option (jest ignores it inside projects): integration suites boot apps and databases.
  testTimeout: 60000,
  // Two workers even on two cores. Jest's default there (cores - 1) is one, and one means in
  // band: every suite in the main process one after the other, though an integration suite
  // mostly waits for PostgreSQL, Redis, a worker or a poll (the whole tier used a quarter of a
  // core). Suites are made to run side by side (a database, queue prefix and tenant each).
  // `-w 1` / `--runInBand` still work for one file.
  maxWorkers: 2,
  // Each suite loads the gateway's module graph into a fresh context and a worker's heap only
  // grows (an in-band run reached 2.7 GB): a worker past this size is replaced between suites
  // instead of spending ever more time in garbage collection.
  workerIdleMemoryLimit: '1500MB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/packages/**/src/**/*.spec.ts',
        '<rootDir>/apps/**/src/**/*.spec.ts',
        '<rootDir>/tests/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/packages/**/src/**/*.int-spec.ts',
        '<rootDir>/apps/**/src/**/*.int-spec.ts',
        '<rootDir>/tests/**/*.int-spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/tests/faults/**/*.fault.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/faults/timeout.setup.ts'],
    },
    // The soak (npm run soak) takes minutes: only there, never in npm test.
    ...(process.env.KIM_SOAK === '1'
      ? [{ ...common, displayName: 'soak', testMatch: ['<rootDir>/tests/soak/**/*.soak.ts'] }]
      : []),
    {
      // The console in headless Chromium against a real hub (tests/e2e; builds the console first).
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
      // Built once before the suites, which run side by side (see the file).
      globalSetup: '<rootDir>/tests/e2e/build-console.mjs',
    },
  ],
};
