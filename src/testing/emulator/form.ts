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

/**
 * Parses `a[b][0]=x&a[c]=y` into `{ a: { b: ['x'], c: 'y' } }`. Numeric and empty (`a[]`) segments build arrays.
 * Throws a `FormError` naming the key when one key is used both as a value and as a container.
 */
export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  if (!body) return root;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) throw new FormError(key, `Invalid parameter name: ${key}`);
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    // Plain objects hold the result: a key like `__proto__[x]` must not reach Object.prototype.
    if (path.some((segment) => segment === '__proto__')) throw new FormError(key, `Invalid parameter name: ${key}`);
    assign(root, path, value, key);
  }
  return root;
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

function assign(root: FormObject, path: string[], value: string, key: string): void {
  let node: FormObject | FormValue[] = root;
  for (let i = 0; i < path.length; i++) {
    const last = i === path.length - 1;
    let segment: string = path[i]!;
    if (Array.isArray(node) && segment === '') segment = String(node.length);
    const nextIsArray = !last && (path[i + 1] === '' || /^\d+$/.test(path[i + 1]!));
    const container = node as Record<string, FormValue>;
    if (last) {
      if (Object.hasOwn(container, segment) && typeof container[segment] === 'object') throw new FormError(key, `Parameter ${key} was given both as a value and as an object`);
      container[segment] = value;
      return;
    }
    let child = Object.hasOwn(container, segment) ? container[segment] : undefined;
    if (child === undefined) {
      child = nextIsArray ? [] : {};
      container[segment] = child;
    } else if (typeof child === 'string') {
      throw new FormError(key, `Parameter ${key} was given both as a value and as an object`);
    }
    node = child as FormObject | FormValue[];
  }
}
