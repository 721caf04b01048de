// ESLint (flat config) with typescript-eslint: `npm run lint`, part of `npm test`, zero warnings.
// Formatting is Prettier's job (eslint-config-prettier switches off the rules it owns).
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '**/*.d.ts'] },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { NextPageToken: _token, ...rest } = input` drops a field on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests walk synthesized CloudFormation templates, which are untyped JSON (aws-cdk-lib's
    // Template.findResources returns `{ [key: string]: any }`): `any` is the honest type there.
    // Source code stays free of it.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The CommonJS configuration files of the tools (jest.config.js).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  prettier,
);
