// Lint, including the layer boundaries of DESIGN.md: a crossed boundary fails the build.
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const layer = (folders, why) => folders.map((f) => ({ group: [`**/${f}`, `**/${f}/**`, `${f}/**`], message: why }));

const sandboxEntry = { regex: '(^|/)sandbox/(?!index$|clock$)', message: 'main/ reaches the sandbox through its public entry, sandbox/index (or sandbox/clock for its clock alone), only' };

const restrict = (patterns, extraPaths = []) => [
  'error',
  {
    paths: [...nodeBuiltins.filter(() => extraPaths.includes('node')).map((name) => ({ name, message: 'no Node built-ins in this layer' })),
      ...extraPaths.filter((p) => p !== 'node').map((name) => ({ name, message: `${name} is not allowed in this layer` }))],
    patterns,
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results/**', 'test-results/**', 'playwright-report/**', 'bin/**', 'scripts/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': restrict(
        [{ group: ['node:*'], message: 'the renderer is browser code: no Node built-ins' },
          ...layer(['adapters', 'main', 'sandbox'], 'the renderer talks to the control-room API only (app/api.ts)')],
        ['node', 'electron', 'ws'],
      ),
    },
  },
  {
    files: ['app/**'],
    rules: {
      'no-restricted-imports': restrict(
        [{ group: ['node:*'], message: 'app/ does no I/O' }, ...layer(['adapters', 'main', 'renderer', 'sandbox'], 'app/ is the core: nothing below it')],
        ['node', 'electron', 'ws'],
      ),
      'no-restricted-globals': ['error',
        ...['fetch', 'XMLHttpRequest', 'WebSocket', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'process', 'require', 'localStorage', 'indexedDB']
          .map((name) => ({ name, message: 'app/ does no I/O: use the ports in app/ports.ts (Clock for time)' }))],
    },
  },
  {
    files: ['adapters/**'],
    rules: { 'no-restricted-imports': restrict(layer(['main', 'renderer', 'sandbox'], 'adapters depend on app/ only'), ['electron']) },
  },
  {
    files: ['sandbox/**'],
    rules: { 'no-restricted-imports': restrict(layer(['main', 'renderer', 'adapters'], 'the sandbox is a world of its own: it shares only app/ types'), ['electron']) },
  },
  {
    // The wire emulators speak HAProxy, Kubernetes and ECS; Switchyard's own types live in the world that composes them.
    files: ['sandbox/emulators/**'],
    rules: {
      'no-restricted-imports': restrict(
        [...layer(['main', 'renderer', 'adapters', 'app'], 'the emulators import nothing of Switchyard: give them their own types (sandbox/world may use app/)'),
          ...layer(['world'], 'the emulators do not know the demo world that composes them')],
        ['electron'],
      ),
    },
  },
  {
    files: ['main/**'],
    rules: {
      'no-restricted-imports': restrict([
        ...layer(['renderer'], 'main/ never imports the renderer; it serves its built files'),
        // The front doors of the lower layers; their other files are internals (tests may reach them).
        { regex: '(^|/)adapters/(?!registry$|[^/]+/index$)', message: 'main/ reaches adapters/ through adapters/registry or adapters/<platform>/index only' },
        sandboxEntry,
      ]),
    },
  },
  {
    // The host holds nothing platform-specific: every platform reaches it through the registry.
    files: ['main/host/**'],
    rules: {
      'no-restricted-imports': restrict([
        ...layer(['renderer'], 'main/ never imports the renderer; it serves its built files'),
        { regex: '(^|/)adapters/(?!registry$)', message: 'main/host names no platform: it reaches adapters/ through adapters/registry only' },
        sandboxEntry,
      ]),
    },
  },
);
