// Lint enforces the layering from ARCHITECTURE.md: shared/ is pure, the renderer never
// reaches into Electron or Node, and only electron/main + electron/preload import 'electron'.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'shared/ and renderer/ run in every runtime: no Node built-ins.' };
const noElectron = { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'test-artifacts/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, { name: 'better-sqlite3', message: 'shared/ is storage-agnostic: use the LedgerStore port.' },
          { name: 'react', message: 'shared/ has no UI.' }],
        patterns: [nodeBuiltins, { group: ['../../electron/*', '../electron/*', '**/renderer/*', 'react-dom', 'react-dom/*'], message: 'shared/ imports nothing outside shared/.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, { name: 'better-sqlite3', message: 'The renderer talks to storage only through the API.' }],
        patterns: [nodeBuiltins, { group: ['**/electron/*', '**/electron'], message: 'The renderer never imports electron/ code: use renderer/src/api.' }],
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
