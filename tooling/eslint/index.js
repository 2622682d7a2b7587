// Shared lint rules for every package: recommended JS and TypeScript rules, plus
// a ban on focused tests (a stray `.only` silently drops the rest of a suite).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-constant-condition': ['error', { checkLoops: false }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'Focused tests drop the rest of the suite.' },
        { object: 'describe', property: 'only', message: 'Focused tests drop the rest of the suite.' },
        { object: 'test', property: 'only', message: 'Focused tests drop the rest of the suite.' },
      ],
    },
  },
);
