import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The source tree as modules and imports, for the tests that keep its structure (which module may import which, no loops, short functions). */

export const SRC = resolve(import.meta.dirname, '../../src');

/** The .ts files below `dir`. */
export function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function parseSource(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** The modules a file imports or re-exports (type-only and dynamic imports too), as resolved paths or package names. */
export function importsOf(file: string): string[] {
  const out: string[] = [];
  const add = (name: string): void => {
    out.push(name.startsWith('.') ? resolve(dirname(file), name.replace(/\.js$/, '.ts')) : name);
  };
  const visit = (node: ts.Node): void => {
    const spec = (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier;
    if (spec && ts.isStringLiteral(spec)) add(spec.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) add(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(parseSource(file));
  return out;
}

/** Each import loop among `files`, as "a → b → a" with paths relative to src/. */
export function importLoops(files: readonly string[]): string[] {
  const graph = new Map(files.map((f) => [f, importsOf(f).filter((m) => m.startsWith('/'))]));
  const loops: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (f: string, path: string[]): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      loops.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' → '));
      return;
    }
    state.set(f, 'open');
    for (const m of graph.get(f) ?? []) visit(m, [...path, f]);
    state.set(f, 'done');
  };
  for (const f of graph.keys()) visit(f, []);
  return loops;
}

/** Functions in `files` longer than `max` lines, as "file:line (n lines)". */
export function longFunctions(files: readonly string[], max: number): string[] {
  const long: string[] = [];
  for (const file of files) {
    const sf = parseSource(file);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (end - start + 1 > max) long.push(`${relative(SRC, file)}:${start + 1} (${end - start + 1} lines)`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return long;
}

/** Imports of `files` (packages included) from outside the given folders of src/, as "file → module". */
export function importsOutside(files: readonly string[], folders: readonly string[]): string[] {
  const inside = (m: string): boolean => folders.some((dir) => m.startsWith(join(SRC, dir) + '/'));
  return files.flatMap((f) =>
    importsOf(f)
      .filter((m) => !inside(m))
      .map((m) => `${relative(SRC, f)} → ${m.startsWith('/') ? relative(SRC, m) : m}`),
  );
}
