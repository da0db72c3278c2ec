// One linter for the whole tree (npm run lint; run by .ci/run). Layout is prettier's job
// (npm run format), so the only stylistic rule here is line length, for what prettier cannot wrap.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

const node = Object.fromEntries(['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout'].map((g) => [g, 'readonly']));
const browser = Object.fromEntries(['window', 'document', 'console', 'fetch', 'URL'].map((g) => [g, 'readonly']));

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'dist/', 'coverage/', 'bench/.out/', 'data/', 'backups/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  regexp.configs['flat/recommended'],
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // After the ReDoS findings of issue 15: a pattern that can backtrack super-linearly (nested or
      // adjacent quantifiers over the same characters) is an error wherever it is written, web/ and tests
      // included; tests/security/regex-lint.unit.test.ts also proves every server/ pattern linear with recheck.
      'regexp/no-super-linear-backtracking': 'error',
      // Readability preferences of the plugin that would churn working patterns for no safety gain.
      'regexp/use-ignore-case': 'off',
      'regexp/prefer-w': 'off',
      'regexp/prefer-range': 'off',
      // `_name` marks a value taken only to be left out (rest destructuring, Express's 4-argument error handler).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Prettier wraps code at 140; what it cannot wrap (long comments) must stay readable.
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  // Tests match answers with patterns written to be read next to the text they expect; groups there are for reading.
  { files: ['tests/**/*.ts'], rules: { 'regexp/no-unused-capturing-group': 'off', 'regexp/prefer-character-class': 'off' } },
  { files: ['scripts/**/*.mjs', '*.js'], languageOptions: { globals: node } },
  { files: ['server/docs/assets/**/*.js'], languageOptions: { globals: browser } },
);
