/**
 * Collects every regular expression written in the server's source: regex literals and
 * `RegExp(...)` / `new RegExp(...)` calls whose arguments can be worked out statically (string
 * literals, templates, String.raw, `+`, and constants of the same file or imported from another
 * server file). Read with the TypeScript parser, so a `/` that divides is never taken for a pattern.
 * A RegExp built from something this cannot evaluate is reported as such, never skipped silently:
 * a pattern nobody can check is a pattern nobody checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export type FoundPattern = { file: string; line: number; source: string; flags: string };
export type Unreadable = { file: string; line: number; text: string };

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const parsed = new Map<string, ts.SourceFile>();
function parse(path: string): ts.SourceFile {
  let file = parsed.get(path);
  if (!file) {
    file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    parsed.set(path, file);
  }
  return file;
}

/** The initializer of a top-level `const name = …` in the file, or of what the file imports as `name`. */
function constantOf(file: ts.SourceFile, name: string, depth: number): string | number | undefined {
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === name && decl.initializer) return evaluate(decl.initializer, file, depth + 1);
      }
    } else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const spec = statement.moduleSpecifier.text;
      const named = statement.importClause?.namedBindings;
      if (!spec.startsWith('.') || !named || !ts.isNamedImports(named)) continue;
      const element = named.elements.find((e) => e.name.text === name);
      if (!element) continue;
      const target = resolve(dirname(file.fileName), spec.replace(/\.js$/, '.ts'));
      return constantOf(parse(target), (element.propertyName ?? element.name).text, depth + 1);
    }
  }
  return undefined;
}

/** A constant string or number expression, or undefined when it is not one. */
function evaluate(node: ts.Node, file: ts.SourceFile, depth = 0): string | number | undefined {
  if (depth > 20) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))
    return evaluate(node.expression, file, depth);
  if (ts.isIdentifier(node)) return constantOf(file, node.text, depth);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = evaluate(node.left, file, depth);
    const right = evaluate(node.right, file, depth);
    if (left === undefined || right === undefined) return undefined;
    return typeof left === 'number' && typeof right === 'number' ? left + right : String(left) + String(right);
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.MinusToken) {
    const left = evaluate(node.left, file, depth);
    const right = evaluate(node.right, file, depth);
    return typeof left === 'number' && typeof right === 'number' ? left - right : undefined;
  }
  const raw = ts.isTaggedTemplateExpression(node) && node.tag.getText(file) === 'String.raw';
  const template = ts.isTaggedTemplateExpression(node) ? node.template : node;
  if (ts.isTaggedTemplateExpression(node) && !raw) return undefined;
  if (ts.isNoSubstitutionTemplateLiteral(template)) return raw ? template.rawText : template.text;
  if (ts.isTemplateExpression(template)) {
    let out = raw ? template.head.rawText : template.head.text;
    for (const span of template.templateSpans) {
      const value = evaluate(span.expression, file, depth);
      if (value === undefined) return undefined;
      out += String(value) + (raw ? span.literal.rawText : span.literal.text);
    }
    return out;
  }
  return undefined;
}

/** Every pattern under `dir` (relative to the project root), with what could not be read. */
export function collectPatterns(dir = 'server'): { patterns: FoundPattern[]; unreadable: Unreadable[] } {
  const patterns: FoundPattern[] = [];
  const unreadable: Unreadable[] = [];
  for (const path of sourceFiles(join(ROOT, dir))) {
    const file = parse(path);
    const where = (node: ts.Node) => ({
      file: relative(ROOT, path),
      line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
    });
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(file);
        const end = text.lastIndexOf('/');
        patterns.push({ ...where(node), source: text.slice(1, end), flags: text.slice(end + 1) });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [sourceArg, flagsArg] = node.arguments ?? [];
        const source = sourceArg && evaluate(sourceArg, file);
        const flags = flagsArg ? evaluate(flagsArg, file) : '';
        if (typeof source === 'string' && typeof flags === 'string') patterns.push({ ...where(node), source, flags });
        else unreadable.push({ ...where(node), text: node.getText(file) });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { patterns, unreadable };
}
