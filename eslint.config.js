import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The core must run anywhere: no Electron, React or DOM in src/.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom'],
          patterns: ['../../main/*', '../../renderer/*', '**/renderer/**', '**/main/**'],
        },
      ],
    },
  },
  {
    // The renderer talks to main only over IPC: no Node, no Electron, no main/, and of src/ only
    // the IPC contract and client (which are pure). Tests and test-support may run a real core.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}', 'renderer/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...builtinModules],
          patterns: [
            { regex: '^node:', message: 'The renderer has no Node: ask the main process over IPC.' },
            { group: ['**/main/**'], message: 'The renderer reaches main only over IPC.' },
            {
              regex: '^(\\.\\./)+src/(?!ipc/)',
              message: 'The renderer may import only src/ipc (the contract and client) from the core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
