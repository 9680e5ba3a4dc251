// ESLint flat config for the whole monorepo. Each workspace runs `eslint src` from its own
// folder; ESLint finds this file by walking up, and the project service gives every file the
// nearest tsconfig.json (each workspace has one that includes its src).
import jest from 'eslint-plugin-jest';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import noSqlOutsidePersistence from './scripts/eslint/no-sql-outside-persistence.js';

const SPEC_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', 'tests/**/*.ts', 'packages/test-support/**/*.ts'];

/**
 * Packages are used through their public entry point (`@kim/x`) only. Reaching into another
 * workspace's src/ or dist/, by package name or by a relative path that climbs out of the
 * own package, couples to internals and, for src/, compiles a second copy of them.
 * The shared test helpers are a package too: '@kim/test-support/<module>'.
 */
const boundaryImports = {
  patterns: [
    {
      group: ['@kim/*/src', '@kim/*/src/**', '@kim/*/dist', '@kim/*/dist/**'],
      message: "Import the package's public entry point ('@kim/<name>'), not its src/ or dist/.",
    },
    {
      // ../../contracts/src/x.js (sibling package) or ../../../packages/core/src/x.js (from anywhere).
      regex: String.raw`^(?:\.\./)+(?:(?:packages|apps)/)?[^./][^/]*/(?:src|dist)(?:/|$)`,
      message:
        "Relative import into another workspace's src/ or dist/: depend on '@kim/<name>' and import its entry point.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.turbo/**', 'apps/console/src/gql/**'],
  },

  // TypeScript, type-aware (the console's React components are .tsx).
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      'no-restricted-imports': ['error', boundaryImports],
      // TypeScript's noUnusedLocals/noUnusedParameters already check this; keep the lint
      // rule for what tsc does not see, and allow the `_name` convention for discards.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // No SQL outside packages/persistence: apps call core, core calls repositories. Specs seed
  // and inspect the real database directly and are not checked.
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['packages/persistence/**', ...SPEC_FILES],
    plugins: { kim: { rules: { 'no-sql-outside-persistence': noSqlOutsidePersistence } } },
    rules: { 'kim/no-sql-outside-persistence': 'error' },
  },

  // The console: the rules of hooks (and the React Compiler's checks that come with them).
  {
    files: ['apps/console/**/*.tsx', 'apps/console/**/*.ts'],
    extends: [reactHooks.configs.flat['recommended-latest']],
  },

  // Specs: jest's recommended rules; jest's unbound-method understands expect(obj.method).
  {
    files: SPEC_FILES,
    extends: [jest.configs['flat/recommended']],
    rules: {
      'jest/valid-expect': 'error',
      // @types/jest types the asymmetric matchers (expect.any, expect.objectContaining, ...)
      // as `any`, so every `{ field: expect.any(String) }` would be reported; specs only.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // Integration specs read untyped JSON answers of the API; their assertions are the types.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'jest/unbound-method': 'error',
    },
  },

  // Plain JavaScript (this file, jest.config.js, scripts/*.mjs): no type information.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
