// One lint config for the whole workspace. Formatting is Prettier's job (eslint-config-prettier
// switches off every rule that would fight it); the rules here catch mistakes, not style.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Generated or built output: its source is linted instead.
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'dashboard/src/gql/generated.ts',
      'server/src/migrations/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    // .vue files hold TypeScript in <script setup lang="ts">.
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      // type-graphql and MikroORM read decorator metadata: a class used only in a decorated signature is a
      // value import, and consistent-type-imports must know that.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    rules: {
      // Chinese text uses the ideographic space (U+3000) on purpose, in strings and templates alike.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
      // Unused code misleads a reader; a leading underscore marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // `import type` keeps type-only imports out of the emitted JavaScript (and out of import cycles at run time).
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // A rejected promise nobody awaits is a crash or a silent loss; `void` marks the deliberate ones.
      'no-void': 'off',
      // Named exports are the rule (style.md); config files and .vue components export a default by convention.
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use a named export (config files excepted).' },
      ],
      // `==` hides type coercions; `== null` is the one idiom that reads better than its strict spelling.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Decorated classes (type-graphql, MikroORM) legitimately declare empty argument classes.
      '@typescript-eslint/no-extraneous-class': 'off',
      // Declaration merging is how type-graphql and vue-router augment types.
      '@typescript-eslint/no-namespace': 'off',
      // Single-word page names (App, Login) are fine inside a feature folder that names them.
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['**/*.config.ts', '**/*.config.js', '**/codegen.ts', '**/*.vue', '**/*.d.ts'],
    // Tools (vite, vitest, eslint, codegen), Vue single-file components and module shims expect a default export.
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/testing/**', 'tests/**', '**/bench/**'],
    // Tests reach into responses whose shape the test itself asserts.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
