// Lint rules for the whole repository (TypeScript, strict but quiet).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // ARCH2: addin/ and sync-server/ meet over HTTP and WebSocket only; scripts/ never borrows from test/.
  {
    files: ['addin/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/sync-server', '**/sync-server/**'],
              message: 'ARCH2: addin/ never imports sync-server/ (they meet over HTTP and WebSocket).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/addin', '**/addin/**'],
              message: 'ARCH2: sync-server/ never imports addin/ (it serves the built add-in by path).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/test', '**/test/**'],
              message: 'ARCH2: scripts/ never imports test/; share code through shared/ or scripts/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'sqlite3', 'hono', '@hono/*', 'ws'],
              message: 'shared/ is pure: no I/O.',
            },
            { group: ['**/addin/**', '**/sync-server/**'], message: 'shared/ depends on nothing in the repo.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'shared/ never reads the clock: pass now in.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'shared/ never reads the clock: pass now in.',
        },
      ],
    },
  },
);
