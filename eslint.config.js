import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'bench-results/', 'test-results/', '**/*.svelte'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'use the seeded generator: demo data must be deterministic' }],
    },
  },
  {
    // Only the config module reads the environment (scripts and tests set it up for children).
    files: ['core/**', 'client/**', 'server/**'],
    ignores: ['server/config.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'use the seeded generator: demo data must be deterministic' },
        { object: 'process', property: 'env', message: 'read configuration through server/config.ts' }],
    },
  },
);
