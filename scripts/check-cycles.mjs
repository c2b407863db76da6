// Fails when the product code has an import cycle (type-only imports count: they tie modules together too).
// Resolves imports as the compiler does (tsconfig.json), over app, adapters, main, renderer and sandbox.
import ts from 'typescript';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const layers = ['app', 'adapters', 'main', 'renderer', 'sandbox'].map((folder) => join(root, folder) + '/');
const configPath = join(root, 'tsconfig.json');
const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
const files = config.fileNames.filter((file) => layers.some((layer) => file.startsWith(layer)));
const host = ts.createCompilerHost(config.options);

/** file → the product files it imports (static imports, re-exports and `import()` with a literal). */
function importsOf(file) {
  const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, true);
  const specifiers = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const resolved = new Set();
  for (const specifier of specifiers) {
    const target = ts.resolveModuleName(specifier, file, config.options, host).resolvedModule?.resolvedFileName;
    if (target && layers.some((layer) => target.startsWith(layer))) resolved.add(target);
  }
  return [...resolved];
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

// Tarjan's strongly connected components: every component with more than one file (or a self-import) is a cycle.
let index = 0;
const stack = [];
const onStack = new Set();
const indexOf = new Map();
const lowOf = new Map();
const cycles = [];
function connect(file) {
  indexOf.set(file, index);
  lowOf.set(file, index);
  index++;
  stack.push(file);
  onStack.add(file);
  for (const next of graph.get(file) ?? []) {
    if (!indexOf.has(next)) {
      connect(next);
      lowOf.set(file, Math.min(lowOf.get(file), lowOf.get(next)));
    } else if (onStack.has(next)) lowOf.set(file, Math.min(lowOf.get(file), indexOf.get(next)));
  }
  if (lowOf.get(file) !== indexOf.get(file)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== file);
  if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component);
}
for (const file of graph.keys()) if (!indexOf.has(file)) connect(file);

if (cycles.length === 0) {
  console.log(`no import cycles in ${graph.size} files`);
} else {
  console.error(`${cycles.length} import cycle${cycles.length === 1 ? '' : 's'}:`);
  for (const cycle of cycles) console.error(`  ${cycle.map((file) => relative(root, file)).sort().join(' ↔ ')}`);
  process.exitCode = 1;
}
