import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const folders = ['common', 'db', 'main', 'preload', 'renderer', 'hub', 'test'];
/** The "may import" column of ARCHITECTURE.md, as the folders each one may NOT import. */
const mayImport = {
  common: [],
  db: ['common'],
  main: ['common', 'db'],
  preload: ['common'],
  renderer: ['common'],
  hub: ['common'],
};
const zones = Object.entries(mayImport).map(([target, allowed]) => ({
  target: `./${target}`,
  from: folders.filter((f) => f !== target && !allowed.includes(f)).map((f) => `./${f}`),
  message: `ARCHITECTURE.md: ${target}/ may import only ${allowed.length ? allowed.join(', ') + '/' : 'npm libraries'}.`,
}));

const nodeOnly = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'better-sqlite3', 'electron', 'electron-store'], message: 'This folder runs without Node and Electron.' };

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', '.tsbuild', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })] },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [nodeOnly, { group: ['react', 'react-dom'], message: 'common/ is UI-free.' }] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // the classic two rules; the React Compiler rules assume a compiler this app does not use
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [nodeOnly, { group: ['**/common/rules/commonPasswords'], message: 'The 50k-word list stays out of the renderer bundle.' }] }],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['../common/**'], allowTypeImports: true, message: 'preload takes only types from common/.' }] }] },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/index.ts', 'main/security.ts', 'main/ipc.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only index.ts, security.ts and ipc.ts touch Electron; the rest runs in the browser host too.', allowTypeImports: true }] }] },
  },
  {
    files: ['scripts/**/*.{js,mjs}'],
    rules: { 'no-console': 'off' },
  },
);
