// ESLint (flat config): the recommended JavaScript and typescript-eslint rules over the sources,
// tests, benchmarks and scripts. `npm run lint`; CI runs it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'docs/**', '.scratch/**', 'examples/browser/vendor/**', 'src/simd/assembly/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        console: 'readonly', process: 'readonly', performance: 'readonly', URL: 'readonly', Buffer: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        structuredClone: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', queueMicrotask: 'readonly',
        globalThis: 'readonly', SharedArrayBuffer: 'readonly', Atomics: 'readonly', WebAssembly: 'readonly',
        document: 'readonly', window: 'readonly', self: 'readonly', fetch: 'readonly', createImageBitmap: 'readonly',
        OffscreenCanvas: 'readonly', ImageData: 'readonly', Option: 'readonly', navigator: 'readonly', MessageChannel: 'readonly',
      },
    },
    rules: {
      // Unused names are errors, except deliberate placeholders (_x) and rest siblings.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Hot loops use labelled breaks and constant conditions (for (;;)) on purpose.
      'no-constant-condition': ['error', { checkLoops: false }],
      // `as never` / `as unknown as T` appear in tests that pass deliberately wrong arguments.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // pixelarray/simd functions hand the caller's exact `arguments` to the core (src/simd/dispatch.ts),
    // so that arity errors and argument forms stay the core's; rest parameters would lose that.
    files: ['src/simd/**/*.ts'],
    rules: { 'prefer-rest-params': 'off' },
  },
  {
    // CommonJS examples show the require() form on purpose.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
