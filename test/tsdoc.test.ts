// Every export of every entry point carries a TSDoc comment: what editors show on hover and what
// the API docs are checked against. New exports without one fail here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');

/** The source file behind each package export (the `types` of package.json's `exports`, mapped back to src/). */
function entryPoints(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const files = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.endsWith('.js') && v.startsWith('./dist/')) files.add(join(ROOT, v.replace('./dist/', 'src/').replace(/\.js$/, '.ts')));
    } else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(pkg.exports);
  return [...files].sort();
}

test('every exported name of every entry point has a TSDoc comment', () => {
  const entries = entryPoints();
  assert.ok(entries.length >= 8, entries.join(', '));
  const program = ts.createProgram(entries, {
    allowImportingTsExtensions: true, noEmit: true, module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const missing: string[] = [];
  let count = 0;
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    assert.ok(source, entry);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    assert.ok(moduleSymbol, entry);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decl = symbol.declarations?.[0];
      if (!decl) continue;
      count++;
      const node = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
      if (symbol.getDocumentationComment(checker).length === 0 && ts.getJSDocCommentsAndTags(node).length === 0) {
        missing.push(`${exported.getName()} (${relative(ROOT, decl.getSourceFile().fileName)}, from ${relative(ROOT, entry)})`);
      }
    }
  }
  assert.ok(count > 300, `${count} exports`);
  assert.deepEqual(missing, [], 'exports without TSDoc');
});
