// Stripe's wire format: application/x-www-form-urlencoded with nested keys, `a[b][0]=x`.
// stripe-node and Stripe.js both send it; the emulator parses it back into plain objects.

export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

/** Encodes nested params the way stripe-node does: objects as `a[b]`, arrays as `a[0]`; null/undefined are skipped. */
export function encodeForm(params: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(`${prefix}[${i}]`, item));
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(prefix ? `${prefix}[${k}]` : k, v);
    } else {
      pairs.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(String(value))}`);
    }
  };
  walk('', params);
  return pairs.join('&');
}

/** Deepest key accepted: `a[b][c]` nests 2 levels. Stripe's deepest params nest 5 (`line_items[0][price_data][product_data][metadata][k]`). */
export const MAX_FORM_DEPTH = 10;

/**
 * Parses `a[b][0]=x&a[c]=y` into `{ a: { b: ['x'], c: 'y' } }`, in time and memory linear in the body.
 * Like Stripe, `[n]` keys build an integer-keyed hash: it becomes an array when its keys are exactly 0..n-1, and
 * otherwise stays a hash (`x[4294967294]=1` is `{ x: { '4294967294': '1' } }`, never a sparse array), for
 * `Params.list` to read or refuse. `a[]=x` appends. Throws a `FormError` naming the key for a malformed name, a key
 * nested deeper than MAX_FORM_DEPTH, or one key used both as a value and as a container.
 */
export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  if (!body) return root;
  const nextIndex = new Map<FormObject, number>();
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1));
    assign(root, splitKey(key), value, key, nextIndex);
  }
  return densify(root);
}

export class FormError extends Error {
  constructor(readonly param: string, message: string) {
    super(message);
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new FormError(text, `Invalid URL encoding in parameter: ${text}`);
  }
}

/** `a[b][]` → ['a', 'b', '']; one pass, and it stops at the first segment past MAX_FORM_DEPTH. */
function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  const name = open === -1 ? key : key.slice(0, open);
  if (!name || name.includes(']')) throw new FormError(key, `Invalid parameter name: ${key}`);
  const path = [name];
  let at = open;
  while (at !== -1 && at < key.length) {
    const close = key.indexOf(']', at);
    const nextOpen = key.indexOf('[', at + 1);
    if (key[at] !== '[' || close === -1 || (nextOpen !== -1 && nextOpen < close)) throw new FormError(key, `Invalid parameter name: ${key}`);
    if (path.length > MAX_FORM_DEPTH) {
      throw new FormError(key, `Invalid parameter name: ${name} is nested more than ${MAX_FORM_DEPTH} levels deep (${name}[a][b]... takes at most ${MAX_FORM_DEPTH} brackets).`);
    }
    path.push(key.slice(at + 1, close));
    at = close + 1;
  }
  // Plain objects hold the result: a key like `__proto__[x]` must not reach Object.prototype.
  if (path.includes('__proto__')) throw new FormError(key, `Invalid parameter name: ${key}`);
  return path;
}

const INDEX = /^(?:0|[1-9]\d{0,14})$/;

function assign(root: FormObject, path: string[], value: string, key: string, nextIndex: Map<FormObject, number>): void {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    let segment = path[i]!;
    if (segment === '' && i > 0) segment = String(nextIndex.get(node) ?? 0);
    if (i > 0 && INDEX.test(segment)) nextIndex.set(node, Math.max(nextIndex.get(node) ?? 0, Number(segment) + 1));
    const existing = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (i === path.length - 1) {
      if (typeof existing === 'object') throw new FormError(key, `Parameter ${key} was given both as a value and as an object`);
      node[segment] = value;
      return;
    }
    if (typeof existing === 'string') throw new FormError(key, `Parameter ${key} was given both as a value and as an object`);
    node = (existing as FormObject | undefined) ?? (node[segment] = {});
  }
}

/** Turns each hash whose keys are exactly 0..n-1 into an array, bottom up; one visit per key. */
function densify(node: FormObject): FormObject {
  for (const key of Object.keys(node)) {
    const child = node[key]!;
    if (typeof child !== 'object') continue;
    const inner = densify(child as FormObject);
    const keys = Object.keys(inner);
    // Integer keys iterate in ascending order, so 0..n-1 shows as keys[i] === String(i).
    node[key] = keys.length > 0 && keys.every((k, i) => k === String(i)) ? keys.map((k) => inner[k]!) : inner;
  }
  return node;
}
