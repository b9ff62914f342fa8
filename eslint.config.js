// Lint from day one: typescript-eslint strict-type-checked, Vue recommended, no console, no default exports.
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';
import prettier from 'eslint-config-prettier/flat';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      '.tmp/',
      'test-results/',
      'bench/.out/',
      'bin/',
      'scripts/*.js',
      'src/kernel/worker-entry.js',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.vue'] },
    },
    rules: {
      'no-console': 'error',
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Fastify plugins are async by contract even when a module registers routes synchronously.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use the injected Clock (src/shared/clock.ts).',
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected Clock (src/shared/clock.ts).' },
      ],
    },
  },
  {
    files: ['src/shared/clock.ts', 'test/**', 'bench/**', 'src/**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }] },
  },
  {
    // The web apps follow the server's clock (YIZHAN_CLOCK, a phone set hours off): "now" comes from
    // src/web/shared/server-clock.ts, the one file that reads the device's clock.
    files: ['src/web/**/*.ts', 'src/web/**/*.vue'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        ...[
          "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          "NewExpression[callee.name='Date'][arguments.length=0]",
          "CallExpression[callee.name='Date']",
        ].map((selector) => ({
          selector,
          message: 'Use serverNow() / serverToday() from src/web/shared/server-clock.ts: the web follows the server’s clock.',
        })),
      ],
    },
  },
  {
    files: ['src/web/shared/server-clock.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }] },
  },
  {
    files: ['test/support/global-setup.ts', '*.config.ts', 'src/web/vite.config.ts', 'src/web/env.d.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/**/*.test.ts', 'test/**/*.ts'],
    rules: { 'max-lines': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...pluginVue.configs['flat/recommended'].map((config) => ({ ...config, files: ['src/web/**/*.vue'] })),
  {
    files: ['src/web/**/*.vue'],
    rules: {
      // Layout of templates is left to the author; these rules only reflow markup.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/html-indent': 'off',
    },
  },
  {
    files: ['src/web/**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, projectService: true, extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['src/web/**/*.{ts,vue}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        navigator: 'readonly',
        fetch: 'readonly',
        crypto: 'readonly',
      },
    },
  },
  // Layout is Prettier's (npm run format): the stylistic rules that would fight it are off.
  prettier,
);
