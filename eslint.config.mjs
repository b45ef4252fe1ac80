import tseslint from 'typescript-eslint';
import rooms from './daemon/rooms.json' with { type: 'json' };

/**
 * The rooms of the house and what each may import (daemon/rooms.json, explained in
 * docs/architecture.md): an import of any other room is a lint error.
 */
const boundaries = Object.entries(rooms).map(([room, allowed]) => {
  const forbidden = Object.keys(rooms).filter((other) => other !== room && !allowed.includes(other));
  return {
    files: [room === 'extension' ? 'extension/src/**/*.ts' : `daemon/src/${room}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidden.map((other) => ({
            regex:
              other === 'extension'
                ? String.raw`(^|/)extension/src(/|$)`
                : String.raw`^\.\.?/(.*/)?${other}(/|$)`,
            message: `the ${room} room may not import ${other} (see docs/architecture.md)`,
          })),
        },
      ],
    },
  };
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'scripts/**',
      'eslint.config.mjs',
      'test/fixtures/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./daemon/tsconfig.json', './extension/tsconfig.json', './test/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['test', 'describe', 'it', 'suite'], package: 'node:test' },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
    },
  },
  ...boundaries,
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
