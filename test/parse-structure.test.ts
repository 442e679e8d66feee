import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The parser's shape, as issue 8 set it: parse/ depends only on model/ and itself, its modules
// form no import loop, and no function is longer than a reader can hold in view.

const SRC = resolve(import.meta.dirname, '../src');
const MAX_FUNCTION_LINES = 120;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function parseSource(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** The modules a file imports or re-exports (type-only ones too), as resolved paths or package names. */
function importsOf(file: string): string[] {
  const out: string[] = [];
  for (const node of parseSource(file).statements) {
    const spec = (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec)) continue;
    const name = spec.text;
    out.push(name.startsWith('.') ? resolve(dirname(file), name.replace(/\.js$/, '.ts')) : name);
  }
  return out;
}

const parseFiles = sources(join(SRC, 'parse'));
const modelFiles = sources(join(SRC, 'model'));

describe('parse/ structure', () => {
  it('imports only model/ and its own modules', () => {
    const outside = parseFiles.flatMap((f) =>
      importsOf(f)
        .filter((m) => !m.startsWith(join(SRC, 'parse') + '/') && !m.startsWith(join(SRC, 'model') + '/'))
        .map((m) => `${relative(SRC, f)} → ${m.startsWith('/') ? relative(SRC, m) : m}`),
    );
    expect(outside).toEqual([]);
  });

  it('has no import loop (parse/ and model/)', () => {
    const graph = new Map([...parseFiles, ...modelFiles].map((f) => [f, importsOf(f).filter((m) => m.startsWith('/'))]));
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
    expect(loops).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long: string[] = [];
    for (const file of parseFiles) {
      const sf = parseSource(file);
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
          const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
          if (end - start + 1 > MAX_FUNCTION_LINES) long.push(`${relative(SRC, file)}:${start + 1} (${end - start + 1} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(long).toEqual([]);
  });
});
