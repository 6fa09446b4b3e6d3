// Checks a JSON object against the interface stripe-node declares for it, read from the SDK's own .d.ts files
// with the TypeScript parser: every key the type requires is there, every key sent is declared, and values
// have a kind (string, number, boolean, null, object, array) the declared type allows. Nested objects are
// checked against the nested interfaces the SDK names (Charge.PaymentMethodDetails.Card, ApiList<Refund>...).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);
// The SDK's package.json is not exported; its esm entry's folder holds lib.d.ts and resources/.
const SDK_DIR = join(dirname(require.resolve('stripe')), '..', 'esm');

interface Source {
  file: string;
  statements: ts.NodeArray<ts.Statement>;
  /** Imported name → the file it comes from. */
  imports: Map<string, string>;
}

interface Found {
  source: Source;
  /** Namespace path of the scope the interface sits in (for resolving the names its members use). */
  scope: string[];
  node: ts.InterfaceDeclaration;
  /** For a generic interface (ApiList<T>): T's type node and where it was written. */
  generic?: { arg: ts.TypeNode; from: Found };
}

const sources = new Map<string, Source>();

function load(file: string): Source {
  let source = sources.get(file);
  if (source) return source;
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const imports = new Map<string, string>();
  for (const statement of sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = join(dirname(file), statement.moduleSpecifier.text.replace(/\.js$/, '.d.ts'));
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) imports.set(element.name.text, target);
  }
  source = { file, statements: sf.statements, imports };
  sources.set(file, source);
  return source;
}

function findIn(statements: ts.NodeArray<ts.Statement>, path: string[]): ts.InterfaceDeclaration | undefined {
  const [head, ...rest] = path;
  for (const statement of statements) {
    if (rest.length === 0 && ts.isInterfaceDeclaration(statement) && statement.name.text === head) return statement;
    if (rest.length > 0 && ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name) && statement.name.text === head
      && statement.body && ts.isModuleBlock(statement.body)) {
      const found = findIn(statement.body.statements, rest);
      if (found) return found;
    }
  }
  return undefined;
}

/** Resolves a (possibly qualified) name the way TypeScript scopes it: innermost namespace first, then imports. */
function resolve(source: Source, scope: string[], name: string[]): Found | undefined {
  for (let depth = scope.length; depth >= 0; depth--) {
    const path = [...scope.slice(0, depth), ...name];
    const node = findIn(source.statements, path);
    if (node) return { source, scope: path.slice(0, -1), node };
  }
  const imported = source.imports.get(name[0]!);
  return imported ? resolve(load(imported), [], name) : undefined;
}

function qualifiedName(name: ts.EntityName): string[] {
  return ts.isIdentifier(name) ? [name.text] : [...qualifiedName(name.left), name.right.text];
}

/** The interface stripe-node declares as `name` in resources/<file>.d.ts (or lib.d.ts), e.g. ('Charges', 'Charge'). */
export function sdkInterface(file: string, name: string): Found {
  const path = file === 'lib' ? join(SDK_DIR, 'lib.d.ts') : join(SDK_DIR, 'resources', `${file}.d.ts`);
  const found = resolve(load(path), [], name.split('.'));
  if (!found) throw new Error(`stripe-node declares no interface ${name} in ${path}`);
  return found;
}

type Kind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
const kindOf = (value: unknown): Kind => (value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as Kind));

/** What a type node allows: kinds, the interfaces behind object members, the element type of arrays; `any` when unknown. */
function allowed(found: Found, type: ts.TypeNode): { kinds: Set<Kind>; interfaces: Found[]; elements: ts.TypeNode[]; unknown: boolean } {
  const out = { kinds: new Set<Kind>(), interfaces: [] as Found[], elements: [] as ts.TypeNode[], unknown: false };
  const visit = (node: ts.TypeNode): void => {
    if (ts.isUnionTypeNode(node)) return node.types.forEach(visit);
    if (ts.isParenthesizedTypeNode(node)) return visit(node.type);
    if (ts.isLiteralTypeNode(node)) {
      if (node.literal.kind === ts.SyntaxKind.NullKeyword) out.kinds.add('null');
      else if (ts.isStringLiteral(node.literal)) out.kinds.add('string');
      else if (ts.isNumericLiteral(node.literal)) out.kinds.add('number');
      else out.kinds.add('boolean');
      return;
    }
    if (node.kind === ts.SyntaxKind.StringKeyword) return void out.kinds.add('string');
    if (node.kind === ts.SyntaxKind.NumberKeyword) return void out.kinds.add('number');
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return void out.kinds.add('boolean');
    if (ts.isArrayTypeNode(node)) {
      out.kinds.add('array');
      out.elements.push(node.elementType);
      return;
    }
    if (ts.isTypeLiteralNode(node)) return void out.kinds.add('object');
    if (ts.isTypeReferenceNode(node)) {
      const name = qualifiedName(node.typeName);
      const last = name[name.length - 1];
      if (last === 'Array' && node.typeArguments?.[0]) {
        out.kinds.add('array');
        out.elements.push(node.typeArguments[0]);
        return;
      }
      if (last === 'OtherString') return void out.kinds.add('string');
      if (last === 'Metadata') return void out.kinds.add('object');
      const target = resolve(found.source, found.scope, name);
      if (target) {
        out.kinds.add('object');
        out.interfaces.push({ ...target, generic: node.typeArguments?.[0] ? { arg: node.typeArguments[0], from: found } : undefined });
        return;
      }
      // Enum-like aliases (Charge.Status = 'failed' | ...) and other aliases: a string is the usual shape.
      out.unknown = true;
      return;
    }
    out.unknown = true;
  };
  visit(type);
  return out;
}

/** Differences between `value` and the interface: `missing x`, `undeclared x`, `x: got number, declared string`. */
export function typeDifferences(value: unknown, found: Found, path = ''): string[] {
  const out: string[] = [];
  if (kindOf(value) !== 'object') return [`${path || '(root)'}: got ${kindOf(value)}, declared an object`];
  const object = value as Record<string, unknown>;
  const members = new Map<string, { member: ts.PropertySignature; owner: Found }>();
  for (const owner of withBases(found)) {
    for (const member of owner.node.members) {
      if (!ts.isPropertySignature(member) || !member.type || !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) continue;
      if (!members.has(member.name.text)) members.set(member.name.text, { member, owner });
    }
  }
  for (const [name, { member }] of members) if (!member.questionToken && !(name in object)) out.push(`missing ${path}${name}`);
  for (const [key, child] of Object.entries(object)) {
    const declared = members.get(key);
    if (!declared) {
      out.push(`undeclared ${path}${key}`);
      continue;
    }
    const { member, owner } = declared;
    const type = member.type!;
    const generic = owner.generic;
    // ApiList<T>.data: Array<T> — T is the list's type argument.
    if (generic && ts.isTypeReferenceNode(type) && qualifiedName(type.typeName)[0] === 'Array'
      && type.typeArguments?.[0] && ts.isTypeReferenceNode(type.typeArguments[0]) && qualifiedName(type.typeArguments[0].typeName)[0] === 'T') {
      for (const [i, item] of (Array.isArray(child) ? child : []).entries()) out.push(...checkAgainst(item, generic.from, generic.arg, `${path}${key}[${i}].`));
      continue;
    }
    out.push(...checkAgainst(child, owner, type, `${path}${key}`));
  }
  return out;
}

/** The interface and the ones it extends (ChargeRefundedEvent extends EventBase), nearest first. */
function withBases(found: Found): Found[] {
  const out = [found];
  for (const clause of found.node.heritageClauses ?? []) {
    for (const base of clause.types) {
      const name = ts.isIdentifier(base.expression) ? [base.expression.text]
        : ts.isPropertyAccessExpression(base.expression) && ts.isIdentifier(base.expression.expression) ? [base.expression.expression.text, base.expression.name.text] : undefined;
      const resolved = name && resolve(found.source, found.scope, name);
      if (resolved) out.push(...withBases(resolved));
    }
  }
  return out;
}

function checkAgainst(value: unknown, found: Found, type: ts.TypeNode, label: string): string[] {
  const allow = allowed(found, type);
  const kind = kindOf(value);
  const name = label.endsWith('.') ? label.slice(0, -1) : label;
  if (!allow.unknown && !allow.kinds.has(kind) && !(kind === 'object' && allow.kinds.has('object'))) {
    return [`${name}: got ${kind}, declared ${[...allow.kinds].join(' | ')}`];
  }
  if (kind === 'object' && allow.interfaces.length === 1) return typeDifferences(value, allow.interfaces[0]!, `${name}.`);
  if (kind === 'object' && allow.interfaces.length > 1) {
    // string | Customer | DeletedCustomer: the expanded object's own `deleted`/`object` decides.
    const record = value as Record<string, unknown>;
    const match = allow.interfaces.find((candidate) => candidate.node.name.text.startsWith('Deleted') === (record.deleted === true));
    return match ? typeDifferences(value, match, `${name}.`) : [];
  }
  if (kind === 'array' && allow.elements.length === 1) {
    return (value as unknown[]).flatMap((item, i) => checkAgainst(item, found, allow.elements[0]!, `${name}[${i}]`));
  }
  return [];
}
