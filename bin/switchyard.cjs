#!/usr/bin/env node
// The `switchyard` command: runs the bundled CLI (built into out/ by `npm install` / `npm run build`).
const path = require('node:path');
const fs = require('node:fs');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(`switchyard needs Node 22.19 or newer (this is ${process.version}); run it through npm (npx switchyard …), which uses the project's own Node.`);
  process.exit(2);
}
const cli = path.join(__dirname, '..', 'out', 'main', 'cli.cjs');
if (!fs.existsSync(cli)) {
  console.error('switchyard is not built yet: run `npm run build` in ' + path.join(__dirname, '..'));
  process.exit(2);
}
// V8's compile cache (in the OS temp dir) spares re-compiling the 11 MB bundle on every command: ~60 ms of ~300.
require('node:module').enableCompileCache?.();
require(cli);
