// Builds everything into out/: main, preload, launcher and CLI bundles (esbuild) and the renderer (Vite).
// --if-stale skips the build when out/ is newer than every source file.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = ['app', 'adapters', 'main', 'renderer', 'sandbox', 'bench', 'test/support', 'package.json', 'scripts/build.mjs'];
const stamp = join(root, 'out', '.built');

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  if (sources.every((s) => newest(join(root, s)) <= built)) process.exit(0);
}

const started = Date.now();
const node = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // ws probes for these optional native helpers and works without them.
  external: ['electron', 'bufferutil', 'utf-8-validate'],
  // The sandbox Kubernetes API server's protobuf schema (sandbox/emulators/kubernetes/proto/*.proto) is bundled as text.
  loader: { '.proto': 'text' },
  absWorkingDir: root,
  // package.json says "type": "module"; these bundles are CommonJS.
  outExtension: { '.js': '.cjs' },
};

/**
 * node:http is required, not imported: an ES import of it builds its ES facade, whose getters (WebSocket …) load
 * Node's fetch implementation (undici), ~40 ms on every command that never fetches. (Only it: each module made this
 * way is a file of its own to load.)
 */
const httpRequired = {
  name: 'http-required',
  setup(build) {
    build.onResolve({ filter: /^(node:)?http$/ }, (args) => (args.kind === 'import-statement' || args.kind === 'dynamic-import' ? { path: 'http', namespace: 'required' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'required' }, () => ({ contents: "module.exports = require('node:http');", loader: 'js' }));
  },
};

// The `switchyard` command and the browser-mode launcher are ES modules split into chunks, each command and platform
// loading only what it needs (dynamic import() at those boundaries); out/main/cli.cjs and out/main/launcher.cjs start
// them (see starter).
const cli = {
  ...node,
  format: 'esm',
  splitting: true,
  entryPoints: { switchyard: 'main/cli/bin.ts', launcher: 'main/launcher.ts' },
  outdir: 'out/main/cli',
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // Half the bytes to read, hash and deserialize from the compile cache on every command (~30 ms of status); names
  // stay as they are, and the source maps map back.
  minifyWhitespace: true,
  minifySyntax: true,
  // A package's ES build where it has one (the AWS SDK): only the commands used are bundled, not every ECS operation.
  mainFields: ['module', 'main'],
  plugins: [httpRequired],
  // Bundled CommonJS packages require() node's modules, and a few read __dirname: both as in CommonJS, per chunk.
  banner: {
    js: [
      "import { createRequire as __syRequire } from 'node:module';",
      "import { fileURLToPath as __syPath } from 'node:url';",
      "import { dirname as __syDir } from 'node:path';",
      'const require = __syRequire(import.meta.url);',
      'const __filename = __syPath(import.meta.url);',
      'const __dirname = __syDir(__filename);',
    ].join('\n'),
  },
};

/** out/main/<name>.cjs: turns on V8's compile cache (in the OS temp dir: no re-compiling on every start), then runs the entry. */
const starter = (name, what) => `// Built by scripts/build.mjs: starts ${what} (out/main/cli/${name}.mjs and its chunks).
require('node:module').enableCompileCache?.();
import(require('node:url').pathToFileURL(require('node:path').join(__dirname, 'cli', '${name}.mjs')).href);
`;

rmSync(join(root, 'out', 'main', 'cli'), { recursive: true, force: true });
await Promise.all([
  esbuild({ ...node, entryPoints: { electron: 'main/electron/main.ts' }, outdir: 'out/main' }),
  esbuild(cli).then(() => {
    writeFileSync(join(root, 'out', 'main', 'cli.cjs'), starter('switchyard', 'the `switchyard` command'));
    writeFileSync(join(root, 'out', 'main', 'launcher.cjs'), starter('launcher', 'the control room (npm start)'));
  }),
  // A sandboxed preload may only require('electron'): one CommonJS file, nothing else external.
  esbuild({ ...node, platform: 'browser', entryPoints: { preload: 'main/electron/preload.ts' }, outdir: 'out/main', external: ['electron'] }),
  existsSync(join(root, 'bench/actions.ts'))
    ? esbuild({
        ...node,
        entryPoints: { actions: 'bench/actions.ts', haproxy: 'bench/haproxy.ts', 'haproxy-demo': 'bench/haproxy-demo.ts', analysis: 'bench/analysis.ts', flags: 'bench/flags.ts', scale: 'bench/scale.ts', 'scale-world': 'bench/scale/world.ts' },
        outdir: 'out/bench',
        // Playwright drives Chromium from node_modules as it is; bundling it would copy its driver.
        external: [...node.external, 'playwright-core'],
      })
    : Promise.resolve(),
]);
await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

writeFileSync(stamp, new Date().toISOString());
console.log(`built out/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
