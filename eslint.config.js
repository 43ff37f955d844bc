import { readdirSync } from 'node:fs';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const DB_PACKAGES = ['drizzle-orm', 'drizzle-orm/*', 'pg', 'drizzle-kit'];
const NEST_PACKAGES = ['@nestjs/*', 'fastify'];
// Every folder of libs/ but shared is a service's scope, so a generated service is fenced in at once.
const SERVICE_SCOPES = readdirSync(new URL('./libs', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);

/**
 * Options of @nx/enforce-module-boundaries. Only specs may use the testing libs. The shared
 * testing lib builds on util-db, and util-db's own integration specs use it: a cycle that exists
 * only through spec files, so it is the one cycle allowed.
 */
function boundaries({ specs }) {
  const testing = specs ? ['type:testing'] : [];
  const depConstraints = [
    // Layers: what a project of each type may import.
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: [
        'type:contracts',
        'type:data-access',
        'type:domain',
        'type:util',
        ...testing,
      ],
      bannedExternalImports: DB_PACKAGES,
    },
    {
      sourceTag: 'type:e2e',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:util', 'type:testing'],
    },
    {
      sourceTag: 'type:contracts',
      onlyDependOnLibsWithTags: ['type:contracts'],
      bannedExternalImports: [...DB_PACKAGES, ...NEST_PACKAGES],
    },
    {
      sourceTag: 'type:domain',
      onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
      bannedExternalImports: [...DB_PACKAGES, ...NEST_PACKAGES],
    },
    {
      sourceTag: 'type:data-access',
      onlyDependOnLibsWithTags: [
        'type:data-access',
        'type:domain',
        'type:contracts',
        'type:util',
        ...testing,
      ],
    },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', ...testing] },
    {
      sourceTag: 'type:testing',
      onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:domain', 'type:testing'],
      bannedExternalImports: DB_PACKAGES,
    },
    {
      sourceTag: 'type:tool',
      // Tools are front-ends like apps: the CLI's import validates rows with ingestion's domain rules.
      onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:domain', 'type:testing'],
    },
    // Scopes: a service sees its own libs, shared ones, and other services' contracts only.
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:shared', 'type:contracts'] },
    // The console is a browser app: it only reads other scopes' contract types.
    { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['type:contracts'] },
    {
      sourceTag: 'scope:tools',
      // Benchmarks run a service's own utils too (the XGBoost binding), as its app would, and the
      // protocol peers of its testing lib (an SMTP server) as the receiving end.
      onlyDependOnLibsWithTags: [
        'scope:shared',
        'type:contracts',
        'type:domain',
        'type:util',
        'type:testing',
      ],
    },
    {
      sourceTag: 'scope:e2e',
      // A service's testing lib holds the protocol peers its e2e talks to; its domain states what
      // to expect (who is in a holdout) independently of the service under test.
      onlyDependOnLibsWithTags: ['scope:shared', 'type:contracts', 'type:domain', 'type:testing'],
    },
    // A service sees its own libs, shared ones, and other services' contracts only.
    ...SERVICE_SCOPES.map((scope) => ({
      sourceTag: `scope:${scope}`,
      onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared', 'type:contracts'],
    })),
  ];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    ignoredCircularDependencies: [['shared-util-db', 'shared-testing']],
    depConstraints,
  };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.nx/**',
      '.cdp/**',
      'coverage/**',
      'tools/generators/**/files/**',
      'libs/*/data-access-db/migrations/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', boundaries({ specs: false })],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/__tests__/**', '**/__fixtures__/**'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ specs: true })] },
  },
  {
    // Service code logs through pino; the CLI, bench and build tools print to the terminal.
    files: ['apps/**/src/**/*.ts', 'apps/**/src/**/*.tsx', 'libs/**/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['libs/*/contracts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  prettier,
);
