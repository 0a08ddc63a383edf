import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The allowed arrows between the folders of src/ (docs/architecture.md). Each
// folder may import only the folders listed for it; the entry files
// (emulator.ts, cli.ts, index.ts, commands/) may import anything. Tests are free.
const FOLDERS = ['model', 'core', 'render', 'store', 'rip', 'http', 'auth', 'graph', 'ipp', 'console', 'control', 'commands'];
const ENTRIES = ['emulator', 'cli', 'index'];
const DOOR = ['core', 'model', 'http', 'auth'];
const ARROWS = {
  model: [],
  core: ['model'],
  render: ['model'],
  store: ['model'],
  rip: ['render', 'store', 'model'],
  http: ['auth', 'model'],
  auth: ['model'],
  graph: DOOR,
  ipp: DOOR,
  console: DOOR,
  control: DOOR,
};
/** Packages a folder must not use: the domain and its vocabulary know no HTTP, PDF or SQL. */
const NO_IO_PACKAGES = ['fastify', '@cantoo/pdf-lib', 'better-sqlite3', 'pdfjs-dist'];

function arrowRule(folder, allowed, extra = []) {
  const forbidden = FOLDERS.filter((f) => f !== folder && !allowed.includes(f));
  return {
    files: [`src/${folder}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: folder === 'model' || folder === 'core' ? NO_IO_PACKAGES.map((name) => ({ name, message: `src/${folder} does no I/O; take it through a port (model/ports.ts).` })) : [],
          patterns: [
            {
              regex: `^(\\.\\./)+(${[...forbidden].join('|')})/`,
              message: `src/${folder} may import only ${allowed.length === 0 ? 'nothing from src' : allowed.join(', ')} (docs/architecture.md).`,
            },
            {
              regex: `^(\\.\\./)+(${ENTRIES.join('|')})\\.js$`,
              message: 'Nothing imports an entry file (emulator.ts, cli.ts, index.ts).',
            },
            ...extra,
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.printsim/', 'coverage/', 'test-artifacts/', 'src/console/assets/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  ...Object.entries(ARROWS).map(([folder, allowed]) => arrowRule(folder, allowed)),
  // The IPP codec is pure RFC 8010: nothing from the IPP door around it, only model/.
  arrowRule('ipp/codec', ['model'], [
    { regex: '^\\.\\./(?!\\.\\./model/)', message: 'src/ipp/codec may import only model (docs/architecture.md).' },
  ]),
  // Until objectBody and parsePrinterStatus move from the Graph door to http/,
  // these two files may take exactly those two modules from graph/.
  {
    ...arrowRule('console', [...DOOR, 'graph'], [
      { regex: '^(\\.\\./)+graph/(?!graph-context\\.js$|routes/printers\\.js$)', message: 'src/console may import only core, model, http, auth (docs/architecture.md).' },
    ]),
    files: ['src/console/api-routes.ts'],
  },
  {
    ...arrowRule('control', [...DOOR, 'graph'], [
      { regex: '^(\\.\\./)+graph/(?!graph-context\\.js$|routes/printers\\.js$)', message: 'src/control may import only core, model, http, auth (docs/architecture.md).' },
    ]),
    files: ['src/control/control-routes.ts'],
  },
);
