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
// It turns on V8's compile cache, then loads the command's ES modules (out/main/cli/): only those the command needs.
require(cli);
