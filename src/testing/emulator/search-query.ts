// Stripe's search query language (docs.stripe.com/search): clauses `field:value`, `field~"sub"`, `field>=n`,
// `metadata["key"]:"value"`, `-clause` negation, `null` for absence, joined by spaces / AND, or by OR (not
// both), at most 10. Parsing is separate from matching so each resource declares only its field table.
import { invalidRequest, type ApiError } from './errors.js';

export type FieldType = 'token' | 'string' | 'numeric';
type Operator = ':' | '~' | '>' | '<' | '>=' | '<=';
type Scalar = string | number | boolean | null | undefined;

export interface SearchSchema<T> {
  /** As Stripe names it in its messages: `customers`, `payment_intents`, `charges`. */
  resource: string;
  fields: Record<string, { type: FieldType; value(object: T): Scalar }>;
  metadata(object: T): Record<string, string>;
}

interface Clause {
  negated: boolean;
  field: string;
  metadataKey?: string;
  operator: Operator;
  /** null: the `null` token (field absent or empty). */
  value: string | null;
}

export interface Query {
  clauses: Clause[];
  combinator: 'AND' | 'OR';
}

const MAX_CLAUSES = 10;
const PARSE_ERROR = 'We were unable to parse your search query. Try using the format `metadata["key"]:"value"` to query for metadata or key:"value" to query for other fields.';

function unparsable(reason?: string): ApiError {
  return invalidRequest(reason ? `${PARSE_ERROR} ${reason}` : PARSE_ERROR, 'query');
}

/** Reads a quoted string starting at `text[at]` (a ' or "), with backslash escapes; returns it and where it ends. */
function readQuoted(text: string, at: number): { value: string; end: number } {
  const quote = text[at];
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length) {
      value += text[++i];
    } else if (char === quote) {
      return { value, end: i + 1 };
    } else {
      value += char;
    }
  }
  throw unparsable(`A quoted value starting at position ${at} is not closed.`);
}

export function parseQuery(text: string): Query {
  const clauses: Clause[] = [];
  let combinator: Query['combinator'] | undefined;
  let i = 0;
  const skipSpaces = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  skipSpaces();
  if (i >= text.length) throw unparsable('The query is empty.');
  while (i < text.length) {
    if (clauses.length > 0) {
      const keyword = /^(and|or)(?=\s)/i.exec(text.slice(i))?.[1]?.toUpperCase() as Query['combinator'] | undefined;
      const joiner = keyword ?? 'AND';
      if (keyword) {
        i += keyword.length;
        skipSpaces();
      }
      if (combinator && combinator !== joiner) throw unparsable("AND and OR can't be combined in one query.");
      combinator = joiner;
    }
    const clause = /^(-?)([A-Za-z_][A-Za-z0-9_.]*)/.exec(text.slice(i));
    if (!clause) throw unparsable(`Expected a field name at position ${i}.`);
    i += clause[0].length;
    let metadataKey: string | undefined;
    if (clause[2] === 'metadata') {
      if (text[i] !== '[' || (text[i + 1] !== '"' && text[i + 1] !== "'")) throw unparsable('Metadata clauses are written metadata["key"]:"value".');
      const key = readQuoted(text, i + 1);
      if (text[key.end] !== ']') throw unparsable('Metadata clauses are written metadata["key"]:"value".');
      metadataKey = key.value;
      i = key.end + 1;
    }
    const operator = /^(>=|<=|:|~|>|<)/.exec(text.slice(i))?.[1] as Operator | undefined;
    if (!operator) throw unparsable(`Expected an operator (: ~ > < >= <=) after ${clause[2]}.`);
    i += operator.length;
    let value: string | null;
    if (text[i] === '"' || text[i] === "'") {
      const quoted = readQuoted(text, i);
      value = quoted.value;
      i = quoted.end;
    } else {
      const bare = /^[^\s]+/.exec(text.slice(i))?.[0] ?? '';
      // Quotes are optional only for numbers (and the null token).
      if (/^null$/i.test(bare)) value = null;
      else if (/^-?\d+(\.\d+)?$/.test(bare)) value = bare;
      else throw unparsable(bare ? `String values must be quoted: ${clause[2]}:"${bare}".` : `Expected a value after ${clause[2]}${operator}.`);
      i += bare.length;
    }
    clauses.push({ negated: clause[1] === '-', field: clause[2]!, metadataKey, operator, value });
    if (clauses.length > MAX_CLAUSES) throw unparsable(`A query can have at most ${MAX_CLAUSES} clauses.`);
    if (i < text.length && !/\s/.test(text[i]!)) throw unparsable(`Unexpected character at position ${i}.`);
    skipSpaces();
  }
  return { clauses, combinator: combinator ?? 'AND' };
}

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** `name:"one two"` matches "One two three": all the query's words, in order, next to each other. */
function containsWords(haystack: string, needle: string): boolean {
  const [h, n] = [words(haystack), words(needle)];
  if (n.length === 0) return haystack.trim() === '';
  for (let start = 0; start + n.length <= h.length; start++) if (n.every((word, k) => h[start + k] === word)) return true;
  return false;
}

function unsupportedField<T>(schema: SearchSchema<T>, field: string): ApiError {
  return invalidRequest(
    `Field \`${field}\` is an unsupported search field for resource \`${schema.resource}\`. See http://stripe.com/docs/search#query-fields-for-${schema.resource.replace(/_/g, '-')} for a list of supported fields.`,
    'query',
  );
}

function clauseMatcher<T>(schema: SearchSchema<T>, clause: Clause): (object: T) => boolean {
  const { operator, value } = clause;
  if (clause.field === 'metadata') {
    if (operator !== ':') throw unparsable(`Metadata supports only the : operator, not ${operator}.`);
    return (object) => {
      const actual = schema.metadata(object)[clause.metadataKey!];
      return value === null ? actual === undefined : actual !== undefined && actual.toLowerCase() === value.toLowerCase();
    };
  }
  const field = schema.fields[clause.field];
  if (!field) throw unsupportedField(schema, clause.field);
  const absent = (actual: Scalar) => actual === null || actual === undefined || actual === '';
  if (value === null) {
    if (operator !== ':') throw unparsable(`null can only be used with the : operator (${clause.field}${operator}null).`);
    return (object) => absent(field.value(object));
  }
  if (field.type === 'numeric') {
    if (operator === '~') throw unparsable(`The ~ operator works on string fields; ${clause.field} is numeric.`);
    const wanted = Number(value);
    if (!Number.isFinite(wanted)) throw unparsable(`${clause.field} is numeric; "${value}" is not a number.`);
    return (object) => {
      const actual = Number(field.value(object));
      if (absent(field.value(object)) || !Number.isFinite(actual)) return false;
      return operator === ':' ? actual === wanted : operator === '>' ? actual > wanted : operator === '<' ? actual < wanted : operator === '>=' ? actual >= wanted : actual <= wanted;
    };
  }
  if (operator !== ':' && operator !== '~') throw unparsable(`The ${operator} operator works on numeric fields; ${clause.field} is a ${field.type} field.`);
  if (operator === '~') {
    if (field.type !== 'string') throw unparsable(`The ~ operator works on string fields; ${clause.field} is a token field.`);
    if (value.length < 3) throw unparsable('Substring matches (~) need at least 3 characters.');
    return (object) => String(field.value(object) ?? '').toLowerCase().includes(value.toLowerCase());
  }
  if (field.type === 'string') return (object) => !absent(field.value(object)) && containsWords(String(field.value(object)), value);
  return (object) => !absent(field.value(object)) && String(field.value(object)).toLowerCase() === value.toLowerCase();
}

/** A predicate for the query, or Stripe's 400 for a field or operator the resource does not support. */
export function compileQuery<T>(query: Query, schema: SearchSchema<T>): (object: T) => boolean {
  const matchers = query.clauses.map((clause) => {
    const match = clauseMatcher(schema, clause);
    return clause.negated ? (object: T) => !match(object) : match;
  });
  return query.combinator === 'AND' ? (object) => matchers.every((m) => m(object)) : (object) => matchers.some((m) => m(object));
}
