import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

const seededOnly = { object: 'Math', property: 'random', message: 'use the seeded generator: demo data must be deterministic' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'bench-results/', 'test-results/'] },
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    // Components and rune modules: the Svelte parser, with TypeScript for their scripts. Types
    // are svelte-check's job (npm run typecheck); lint needs no type information.
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', seededOnly],
    },
  },
  {
    // Only the config module reads the environment (scripts and tests set it up for children).
    files: ['core/**', 'client/**', 'server/**'],
    ignores: ['server/config.ts'],
    rules: {
      'no-restricted-properties': ['error', seededOnly, { object: 'process', property: 'env', message: 'read configuration through server/config.ts' }],
    },
  },
);
