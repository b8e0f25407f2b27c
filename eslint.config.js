// ESLint flat config. Besides the usual checks it enforces the layer arrows of
// ../shared/DESIGN.md ("Layers and the dependency rule"): a file importing across a
// forbidden arrow fails lint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const DEVICE_LIBS = ['node-hid', 'serialport', '@serialport/*', 'node-thermal-printer'];
const DB_LIBS = ['typeorm', 'better-sqlite3'];

/** `../x`, `../../x/**`, ... : the ways a file inside src-main reaches the layer folder src-main/x. */
function upTo(folder) {
  return ['../', '../../', '../../../', '../../../../'].flatMap((up) => [`${up}${folder}`, `${up}${folder}/**`]);
}

/** One layer: which packages and which sibling folders it must not import. */
function layer(files, { packages = [], folders = [], message }) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(packages.length ? [{ group: packages, message }] : []),
            // Layer folders are reached by climbing out of src-main/<layer>/...: match those
            // paths only, so a sibling file (api/contract/devices.ts) or a workflow's pure rules
            // (domain/ledger) are not mistaken for the layer of the same name.
            ...(folders.length ? [{ group: folders.flatMap(upTo), message }] : []),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer talks to main only through window.posBridge: type-only imports of the contract.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**', 'electron', ...DB_LIBS, ...DEVICE_LIBS, 'node:*'],
              allowTypeImports: true,
              message: 'The renderer may only `import type` from src-main; use the bridge client at runtime.',
            },
          ],
        },
      ],
    },
  },
  layer(['src-main/domain/**'], {
    packages: ['electron', ...DB_LIBS, ...DEVICE_LIBS, 'node:fs', 'fs', 'node:net', 'net', 'node:child_process'],
    folders: ['ledger', 'devices', 'services', 'api', 'hosts', 'ops'],
    message: 'domain holds pure rules: no I/O, no other layer.',
  }),
  layer(['src-main/ledger/**'], {
    packages: ['electron', ...DEVICE_LIBS],
    folders: ['devices', 'services', 'api', 'hosts'],
    message: 'ledger may import domain, typeorm and better-sqlite3 only.',
  }),
  layer(['src-main/devices/**'], {
    packages: ['electron', ...DB_LIBS],
    folders: ['ledger', 'services', 'api', 'hosts'],
    message: 'devices may import device libraries and domain only.',
  }),
  layer(['src-main/services/**'], {
    packages: ['electron'],
    folders: ['api', 'hosts'],
    message: 'services may import domain, ledger and devices only.',
  }),
  layer(['src-main/api/**'], {
    packages: ['electron', ...DB_LIBS, ...DEVICE_LIBS],
    folders: ['hosts', 'ledger', 'devices'],
    message: 'api may import services and zod only.',
  }),
  layer(['src-main/hosts/browser/**', 'src-main/cli.ts'], {
    packages: ['electron'],
    message: 'only the Electron host may import electron.',
  }),
  {
    // The central server may import the terminal's pure domain (the ledger chain rule, the sync
    // protocol schemas), fastify and typeorm; never the terminal's ledger, services, api or hosts.
    files: ['src-server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', ...DEVICE_LIBS, '../src-main/*', '!../src-main/domain', '../../src-main/*', '!../../src-main/domain'],
              message: 'src-server may import src-main/domain (and the sync protocol in it) only.',
            },
          ],
        },
      ],
    },
  },
);
