/**
 * The import rule of docs/architecture.md, checked on every .ts file of server/, seed/, migrations/
 * and web/src/:
 * each import (static `import … from`, `export … from`, dynamic `import('…')`, read from the
 * TypeScript syntax tree, so comments and strings do not count) must point where its folder may point.
 * Layers only point down: lib ← config ← db ← http ← domains ← ingest ← wiring (app, main, cluster,
 * cli), with migrations/ (the schema) beside lib under db. A violation is printed as
 * `file:line imports X (rule)`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Where a repository path sits in the layering. */
type Place =
  | { layer: 'lib' | 'config' | 'db' | 'http' | 'ingest' | 'wiring' | 'stray' }
  | { layer: 'domain'; folder: string; routes: boolean }
  | { layer: 'outside'; top: string };

const isRoutesFile = (file: string) => /(?:^|-)routes\.ts$/.test(path.posix.basename(file));

function placeOf(file: string): Place {
  const parts = file.split('/');
  if (parts[0] !== 'server')
    return {
      layer: 'outside',
      top: parts[0] === 'web' && parts[1] === 'src' ? 'web/src' : parts.slice(0, file.startsWith('clients/typescript/') ? 2 : 1).join('/'),
    };
  if (parts.length === 2) {
    if (file === 'server/config.ts') return { layer: 'config' };
    return ['server/app.ts', 'server/main.ts', 'server/cluster.ts'].includes(file) ? { layer: 'wiring' } : { layer: 'stray' };
  }
  const folder = parts[1]!;
  if (folder === 'lib' || folder === 'db' || folder === 'http' || folder === 'ingest') return { layer: folder };
  if (folder === 'cli') return { layer: 'wiring' };
  return { layer: 'domain', folder, routes: isRoutesFile(file) };
}

/**
 * Inside web/src: the shared modules (common/, map/, i18n/) know no screen; the household app is its
 * shell (app.ts, main.ts, shell/) over feature folders (features/<name>/); the console (console/) is a
 * second app on the shared modules and never reaches into the household's features or shell.
 */
function webPart(file: string): 'shared' | 'household' | 'console' {
  const first = file.split('/')[2] ?? '';
  // styles.css is the one stylesheet both apps start from
  if (first === 'common' || first === 'map' || first === 'i18n' || first === 'styles.css') return 'shared';
  return first === 'console' ? 'console' : 'household';
}

function webBreach(from: string, to: string): string | null {
  const a = webPart(from);
  const b = webPart(to);
  if (a === 'shared' && b !== 'shared') return 'web/src/common, map and i18n import only each other (no screen, no feature)';
  if (a === 'console' && b === 'household') return 'the console imports only console/ and the shared modules, never a household feature';
  if (a === 'household' && b === 'console') return 'the household app never imports the console';
  return null;
}

/**
 * Why `from` may not import `to` (both repository paths), or null when it may. `typeOnly`: the
 * import is `import type` / `export type` (or a type's `import('…')`), which the build erases.
 */
function breach(from: string, to: string, typeOnly = false): string | null {
  const a = placeOf(from);
  const b = placeOf(to);
  if (a.layer === 'outside') {
    if (a.top === 'web/src') {
      if (b.layer !== 'outside' || (b.top !== 'web/src' && b.top !== 'clients/typescript'))
        return 'web/ imports nothing from server/ (generated client types under clients/typescript are allowed)';
      if (b.top === 'clients/typescript')
        return typeOnly ? null : 'web/ imports the generated client only with `import type` (erased at build: nothing of it ships)';
      return webBreach(from, to);
    }
    if (a.top === 'seed') {
      if (b.layer === 'outside') return b.top === 'seed' ? null : 'seed/ imports only server/';
      if (b.layer === 'domain') return b.routes ? 'seed/ never imports a routes file' : null;
      return ['ingest', 'db', 'lib', 'config'].includes(b.layer)
        ? null
        : 'seed/ imports only server/ingest, db, lib, config and domain modules';
    }
    if (a.top === 'migrations') return b.layer === 'outside' && b.top === 'migrations' ? null : 'migrations/ imports nothing from server/';
    return null; // tests/, bench/, scripts/ are not checked
  }
  if (b.layer === 'outside') {
    // the schema sits under db/: db/knex.ts runs the migrations, health/ checks they are all applied
    if (b.top === 'migrations' && a.layer !== 'lib' && a.layer !== 'config') return null;
    return `server/ imports nothing from ${b.top}/`;
  }
  switch (a.layer) {
    case 'stray':
      return 'a server file lives in a folder (only app.ts, main.ts, cluster.ts and config.ts sit at the top)';
    case 'lib':
      return b.layer === 'lib' ? null : 'server/lib/ imports nothing from server/ but lib/';
    case 'config':
      return b.layer === 'lib' ? null : 'server/config.ts imports only lib/';
    case 'db':
      return b.layer === 'lib' || b.layer === 'db' ? null : 'server/db/ imports only lib/ (and migrations/)';
    case 'http':
      return ['lib', 'config', 'db', 'http'].includes(b.layer) ? null : 'server/http/ imports only db/, lib/, config';
    case 'domain':
      if (b.layer === 'domain') return b.routes ? 'a routes file is imported only by app.ts' : null;
      return ['lib', 'config', 'db', 'http'].includes(b.layer)
        ? null
        : `a domain imports lib/, db/, http/, config and other domains, never ${b.layer === 'wiring' ? 'app/main/cluster/cli' : `${b.layer}/`}`;
    case 'ingest':
      if (b.layer === 'domain') return b.routes ? 'server/ingest/ never imports a routes file' : null;
      return ['lib', 'config', 'db', 'ingest'].includes(b.layer)
        ? null
        : 'server/ingest/ imports domains, db/, lib/, config; never http/, app/main/cli';
    case 'wiring':
      return null;
  }
}

/**
 * Known breaches, each with its reason. Empty now: the last ones (route files imported by services,
 * haversineM taken from the OSM network builder) left with issue 16. The test below fails when an entry
 * no longer occurs, so the list cannot outlive its reason.
 */
const ALLOWED: { from: string; to: string }[] = [];

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) yield* tsFiles(rel);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield rel;
  }
}

type Import = { file: string; line: number; specifier: string; target: string; typeOnly: boolean };

/** The module specifiers of a source text, with whether each import is erased at build (type-only). */
function specifiersOf(text: string): { specifier: ts.StringLiteral; typeOnly: boolean }[] {
  const source = ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, true);
  const found: { specifier: ts.StringLiteral; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier))
      found.push({ specifier: node.moduleSpecifier, typeOnly: node.importClause?.isTypeOnly ?? false });
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      found.push({ specifier: node.moduleSpecifier, typeOnly: node.isTypeOnly });
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      found.push({ specifier: node.argument.literal, typeOnly: true });
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      found.push({ specifier: node.arguments[0], typeOnly: false });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every relative import of a file, resolved to a repository path (`.js` written for `.ts`). */
function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return specifiersOf(text)
    .filter(({ specifier }) => specifier.text.startsWith('.'))
    .map(({ specifier, typeOnly }) => {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier.text)).replace(/\.js$/, '.ts');
      return { file, line: text.slice(0, specifier.getStart()).split('\n').length, specifier: specifier.text, target, typeOnly };
    });
}

describe('the import rule (docs/architecture.md)', () => {
  const files = ['server', 'seed', 'migrations', 'web/src'].flatMap((d) => [...tsFiles(d)]);
  const imports = files.flatMap(importsOf);

  it('tells a type-only import from one that ships', () => {
    const found = specifiersOf(
      [
        "import type { paths } from './a.js';",
        "import { type paths as p, createClient } from './b.js';",
        "export type { X } from './c.js';",
        "export { y } from './d.js';",
        "type T = import('./e.js').T;",
        "const m = await import('./f.js');",
      ].join('\n'),
    );
    expect(found.map((f) => [f.specifier.text, f.typeOnly])).toEqual([
      ['./a.js', true],
      ['./b.js', false],
      ['./c.js', true],
      ['./d.js', false],
      ['./e.js', true],
      ['./f.js', false],
    ]);
  });

  it('reads the import lines of every source file', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(imports.length).toBeGreaterThan(500);
  });

  it('holds: layers only point down, routes files are wired by app.ts alone', () => {
    const violations = imports.flatMap((i) => {
      const rule = breach(i.file, i.target, i.typeOnly);
      if (rule === null || ALLOWED.some((a) => a.from === i.file && a.to === i.target)) return [];
      return [`${i.file}:${i.line} imports ${i.specifier} (${rule})`];
    });
    expect(violations, violations.join('\n')).toEqual([]);
  });

  it('allows no exception that no longer occurs', () => {
    const stale = ALLOWED.filter((a) => !imports.some((i) => i.file === a.from && i.target === a.to));
    expect(stale, 'delete these entries from ALLOWED').toEqual([]);
  });

  it('names the breach of each layer', () => {
    expect(breach('server/db/replicas.ts', 'server/http/problem.ts')).toMatch(/db\/ imports only lib/);
    expect(breach('server/db/knex.ts', 'migrations/index.ts')).toBeNull();
    expect(breach('server/lib/file-time.ts', 'migrations/index.ts')).toMatch(/nothing from migrations/);
    expect(breach('migrations/index.ts', 'server/db/knex.ts')).toMatch(/migrations/);
    expect(breach('server/helpers.ts', 'server/lib/cooperative.ts')).toMatch(/lives in a folder/);
    expect(breach('server/lib/cooperative.ts', 'server/config.ts')).toMatch(/lib/);
    expect(breach('server/http/route.ts', 'server/keys/gate.ts')).toMatch(/http\/ imports only/);
    expect(breach('server/search/service.ts', 'server/codes/service.ts')).toBeNull();
    expect(breach('server/search/service.ts', 'server/codes/routes.ts')).toMatch(/routes file/);
    expect(breach('server/routing/graph.ts', 'server/ingest/osm/network-builder.ts')).toMatch(/never ingest/);
    expect(breach('server/ingest/roads.ts', 'server/routing/profiles.ts')).toBeNull();
    expect(breach('server/ingest/roads.ts', 'server/cli/seed.ts')).toMatch(/ingest/);
    expect(breach('server/app.ts', 'server/codes/routes.ts')).toBeNull();
    expect(breach('server/main.ts', 'seed/roads.ts')).toMatch(/nothing from seed/);
    expect(breach('seed/build-coverage-table.ts', 'server/codes/hilbert.ts')).toBeNull();
    expect(breach('seed/x.ts', 'server/app.ts')).toMatch(/seed/);
    expect(breach('web/src/common/types.ts', 'clients/typescript/src/schema.ts', true)).toBeNull();
    expect(breach('web/src/common/types.ts', 'clients/typescript/src/index.ts')).toMatch(/only with `import type`/);
    expect(breach('web/src/app.ts', 'server/codes/codec.ts')).toMatch(/web/);
    expect(breach('web/src/console/queue/form.ts', 'web/src/common/edit-form.ts')).toBeNull();
    expect(breach('web/src/console/queue/form.ts', 'web/src/features/edit/edit-panel.ts')).toMatch(/console imports only/);
    expect(breach('web/src/common/api.ts', 'web/src/features/api-keys/api-keys.ts')).toMatch(/no feature/);
    expect(breach('web/src/features/batch/controller.ts', 'web/src/console/app.ts')).toMatch(/never imports the console/);
    expect(breach('web/src/features/share/actions.ts', 'web/src/shell/context.ts')).toBeNull();
  });
});
