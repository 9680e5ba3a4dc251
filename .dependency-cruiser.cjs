// The layers of docs/architecture.md, checked in `npm test` (npm run lint:deps, which also
// keeps the concept folders of packages/core/src free of cycles):
//   apps → packages/core → pure packages (consent, referral-workflow, linkage, messaging) → contracts
// and the concept folders of packages/core/src free of cycles. Workspaces are imported by name
// (@kim/x); tsconfig.depcruise.json maps each name to its sources (as jest.config.js does), so a
// target is a path under packages/<name>/src or apps/<name>/src and no build is needed first.
const PURE = '(consent|referral-workflow|linkage|messaging)';
const TEST_FILES = '(\\.spec\\.ts|\\.int-spec\\.ts)$';

// The concept folders' cycles are checked by scripts/lint-deps.mjs on this cruise's result
// (dependency-cruiser's folder-scope rules cannot take a list of known violations); the known
// ones are listed, with reasons, in .dependency-cruiser-known.cjs.

module.exports = {
  forbidden: [
    {
      name: 'workspaces-resolve',
      comment: 'an @kim/ import that does not resolve (a workspace not built yet) would escape every rule below.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, path: '^@kim/' },
    },
    {
      name: 'pure-packages-stay-pure',
      comment: 'consent, referral-workflow, linkage and messaging import nothing of core, persistence or the apps.',
      severity: 'error',
      from: { path: `^packages/${PURE}/src/`, pathNot: TEST_FILES },
      to: { path: ['^packages/(core|persistence|demo-data|test-support)/', '^apps/'] },
    },
    {
      name: 'contracts-at-the-bottom',
      comment: 'contracts imports no other workspace.',
      severity: 'error',
      from: { path: '^packages/contracts/src/', pathNot: TEST_FILES },
      to: { path: ['^packages/(?!contracts/)', '^apps/'] },
    },
    {
      name: 'persistence-below-core',
      comment: 'persistence never imports core or the apps (core calls repositories, not the other way).',
      severity: 'error',
      from: { path: '^packages/persistence/src/', pathNot: TEST_FILES },
      to: { path: ['^packages/(core|demo-data|test-support)/', '^apps/'] },
    },
    {
      name: 'core-below-apps',
      comment: 'core never imports an app.',
      severity: 'error',
      from: { path: '^packages/core/src/', pathNot: TEST_FILES },
      to: { path: '^apps/' },
    },
    {
      name: 'packages-below-apps',
      comment: 'no package imports an app (only the shared test support, which boots them).',
      severity: 'error',
      from: { path: '^packages/(?!test-support/)', pathNot: TEST_FILES },
      to: { path: '^apps/' },
    },
    {
      name: 'no-test-support-in-production',
      comment: 'production code never imports the test support; the demo data only the CLI (seed-demo) does.',
      severity: 'error',
      from: { path: '^(packages|apps)/(?!test-support/|demo-data/)[^/]+/src/', pathNot: TEST_FILES },
      to: { path: '^packages/test-support/' },
    },
    {
      name: 'no-demo-data-in-production',
      comment: 'the demo seed is not part of production code; the CLI (seed-demo) is the one exception.',
      severity: 'error',
      from: { path: '^(packages|apps)/(?!demo-data/|test-support/|cli/)[^/]+/src/', pathNot: TEST_FILES },
      to: { path: '^packages/demo-data/' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '/dist/'] },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.d.ts'],
    },
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
  },
};
