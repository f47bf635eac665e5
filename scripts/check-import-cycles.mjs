// Fails when modules of src/, main/ or renderer/ import each other in a cycle, or when a lower layer
// imports a higher one (`layerRules`; run by `npm run lint`).
// Cycles make load order matter and hide layering mistakes. Type-only imports count too: erased at
// run time, they still tie two modules together (the fix is the same: a shared module both import).
// Uses the TypeScript compiler's parser, already a dependency.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const roots = ['src', 'main', 'renderer'];
const extensions = ['.ts', '.tsx'];

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path);
    return extensions.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  // ESM-style `./x.js` names the compiled file of `./x.ts`.
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  const candidates = [
    base,
    ...extensions.map((ext) => base + ext),
    ...extensions.map((ext) => join(base, `index${ext}`)),
  ];
  return candidates.find(
    (path) => existsSync(path) && statSync(path).isFile() && extensions.some((ext) => path.endsWith(ext)),
  );
}

/**
 * Module specifiers of one file's static `import … from` and `export … from` declarations; with
 * `dynamic`, also `import('…')` calls with a literal name (a lazy import is still a dependency).
 */
export function importsOf(path, text, { dynamic = false } = {}) {
  const source = ts.createSourceFile(
    path,
    text,
    ts.ScriptTarget.Latest,
    false,
    path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const specifiers = [];
  for (const statement of source.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier)
      specifiers.push(statement.moduleSpecifier.text);
  }
  if (dynamic) {
    const visit = (node) => {
      if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteralLike(node.arguments[0])
      )
        specifiers.push(node.arguments[0].text);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return specifiers;
}

/**
 * Folders that must not import others, tests included. src/aws keeps clients, credentials and
 * errors; composing features with it (inventory, key pairs, the practice sandbox) is src/app's job.
 */
export const layerRules = [
  {
    from: 'src/aws/',
    forbidden: ['src/app/', 'src/sandbox/', 'src/inventory/', 'src/keypairs/'],
    why: 'src/aws keeps AWS clients, credentials and errors; compose features with it in src/app',
  },
];

/** Every import that breaks a layer rule, as `{ file, target, why }`. */
export function layerViolations(graph, rules = layerRules) {
  const violations = [];
  for (const [file, targets] of graph) {
    for (const rule of rules) {
      if (!file.startsWith(rule.from)) continue;
      for (const target of targets)
        if (rule.forbidden.some((folder) => target.startsWith(folder)))
          violations.push({ file, target, why: rule.why });
    }
  }
  return violations;
}

/** Strongly connected components with more than one module (or a module importing itself). */
export function findCycles(graph) {
  let index = 0;
  const indices = new Map();
  const lowLinks = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (node) => {
    indices.set(node, index);
    lowLinks.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowLinks.set(node, Math.min(lowLinks.get(node), lowLinks.get(next)));
      } else if (onStack.has(next)) {
        lowLinks.set(node, Math.min(lowLinks.get(node), indices.get(next)));
      }
    }
    if (lowLinks.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}

export function importGraph(rootDir, { dynamic = false } = {}) {
  const graph = new Map();
  for (const root of roots) {
    const dir = join(rootDir, root);
    if (!existsSync(dir)) continue;
    for (const file of filesUnder(dir)) {
      const targets = new Set();
      for (const specifier of importsOf(file, readFileSync(file, 'utf8'), { dynamic })) {
        const target = resolveSpecifier(file, specifier);
        if (target) targets.add(relative(rootDir, target));
      }
      graph.set(relative(rootDir, file), targets);
    }
  }
  return graph;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cycles = findCycles(importGraph(process.cwd()));
  if (cycles.length > 0) {
    console.error(
      `Import cycles (${cycles.length}); break each, e.g. by moving the shared part into its own module:`,
    );
    for (const cycle of cycles) console.error(`  ${cycle.join('\n    ')}`);
  }
  // Lazy `import()` counts for layers (it still runs the higher layer's code), not for cycles.
  const violations = layerViolations(importGraph(process.cwd(), { dynamic: true }));
  for (const { file, target, why } of violations)
    console.error(`Layer rule broken: ${file} imports ${target} (${why}).`);
  if (cycles.length > 0 || violations.length > 0) process.exit(1);
  console.log('No import cycles or layer violations in src/, main/, renderer/.');
}
