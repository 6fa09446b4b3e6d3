// Reads request params the way Stripe validates them: each read names the param, marks it as known, and
// rejects a wrong type with a 400 that says which param, what was expected and what came. `done()` then
// rejects whatever was sent but never read ("Received unknown parameter: x").
import { invalidRequest, missingParam, unknownParam } from './errors.js';
import type { FormObject, FormValue } from './form.js';

export class Params {
  private readonly read = new Set<string>();
  private readonly children: Params[] = [];

  constructor(
    private readonly data: FormObject,
    private readonly prefix = '',
  ) {}

  /** The full param name as Stripe reports it: `card[number]`. */
  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  private value(key: string): FormValue | undefined {
    this.read.add(key);
    return Object.hasOwn(this.data, key) ? this.data[key] : undefined;
  }

  /** True when the param was sent with a non-empty value. Does not mark it as read. */
  has(key: string): boolean {
    const value = Object.hasOwn(this.data, key) ? this.data[key] : undefined;
    return value !== undefined && value !== '';
  }

  /** True when the param was sent with an empty value (Stripe's way to unset). */
  sentEmpty(key: string): boolean {
    return Object.hasOwn(this.data, key) && this.data[key] === '';
  }

  /** Marks params as accepted and ignored (Stripe.js sends telemetry fields along with real ones). */
  ignore(...keys: string[]): void {
    for (const key of keys) this.read.add(key);
  }

  str(key: string, options: { required?: boolean; max?: number } = {}): string | undefined {
    const value = this.value(key);
    if (value === undefined || value === '') {
      if (options.required) throw missingParam(this.name(key));
      return undefined;
    }
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${this.name(key)} must be a string, got an object or list.`, this.name(key));
    const max = options.max ?? 5000;
    if (value.length > max) throw invalidRequest(`Invalid string: ${this.name(key)} is ${value.length} characters long; it must be at most ${max}.`, this.name(key));
    return value;
  }

  int(key: string, options: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    const text = this.str(key, { required: options.required, max: 40 });
    if (text === undefined) return undefined;
    if (!/^-?\d{1,15}$/.test(text)) throw invalidRequest(`Invalid integer: ${text}`, this.name(key), 'parameter_invalid_integer');
    const number = Number(text);
    if (options.min !== undefined && number < options.min) throw invalidRequest(`Invalid ${this.name(key)}: must be at least ${options.min}, got ${number}.`, this.name(key));
    if (options.max !== undefined && number > options.max) throw invalidRequest(`Invalid ${this.name(key)}: must be at most ${options.max}, got ${number}.`, this.name(key));
    return number;
  }

  bool(key: string): boolean | undefined {
    const text = this.str(key, { max: 10 });
    if (text === undefined) return undefined;
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw invalidRequest(`Invalid boolean: ${text}; ${this.name(key)} must be true or false.`, this.name(key));
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], options: { required?: boolean } = {}): T | undefined {
    const text = this.str(key, { required: options.required, max: 100 });
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      throw invalidRequest(`Invalid ${this.name(key)}: must be one of ${allowed.join(', ')}; got '${text}'.`, this.name(key));
    }
    return text as T;
  }

  /** A nested hash param; its own unknown keys are reported as `outer[inner]`. */
  obj(key: string, options: { required?: boolean } = {}): Params | undefined {
    const value = this.value(key);
    if (value === undefined || value === '') {
      if (options.required) throw missingParam(this.name(key));
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest(`Invalid object: ${this.name(key)} must be a hash (${this.name(key)}[key]=value).`, this.name(key));
    const child = new Params(value, this.name(key));
    this.children.push(child);
    return child;
  }

  /** A list of strings; `a[0]=x`, `a[]=x` and a lone `a=x` are all accepted. */
  list(key: string, options: { max?: number } = {}): string[] | undefined {
    const value = this.value(key);
    if (value === undefined || value === '') return undefined;
    return this.items(key, value, options.max ?? 100).map((item, i) => {
      if (typeof item !== 'string') throw invalidRequest(`Invalid array: ${this.name(key)}[${i}] must be a string.`, `${this.name(key)}[${i}]`);
      if (item.length > 5000) throw invalidRequest(`Invalid string: ${this.name(key)}[${i}] is too long.`, `${this.name(key)}[${i}]`);
      return item;
    });
  }

  /** A list of hashes (`line_items[0][quantity]=1`). */
  objList(key: string, options: { max?: number } = {}): Params[] | undefined {
    const value = this.value(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'object') throw invalidRequest(`Invalid array: ${this.name(key)} must be a list of hashes.`, this.name(key));
    return this.items(key, value, options.max ?? 100).map((item, i) => {
      if (typeof item !== 'object' || Array.isArray(item)) throw invalidRequest(`Invalid array: ${this.name(key)}[${i}] must be a hash.`, `${this.name(key)}[${i}]`);
      const child = new Params(item, `${this.name(key)}[${i}]`);
      this.children.push(child);
      return child;
    });
  }

  /**
   * The items of a list param. Like Stripe, a list may arrive as an integer-keyed hash with gaps (`a[1]=x` alone):
   * its items are taken in index order. An index at or past the list's maximum length, or a key that is no index,
   * is "Invalid array" naming the param, checked before anything is built from it.
   */
  private items(key: string, value: FormValue, max: number): FormValue[] {
    const name = this.name(key);
    if (typeof value === 'string') return [value];
    if (!Array.isArray(value)) {
      for (const index of Object.keys(value)) {
        if (!/^(?:0|[1-9]\d*)$/.test(index)) {
          throw invalidRequest(`Invalid array: ${name} must be a list (${name}[0]=..., ${name}[1]=...); got the key '${index.slice(0, 100)}'.`, name);
        }
        if (index.length > 15 || Number(index) >= max) {
          throw invalidRequest(`Invalid array: ${name}[${index.slice(0, 100)}] is past the end of ${name}, which takes at most ${max} items (indexes 0 to ${max - 1}).`, name);
        }
      }
    }
    // Integer keys (all checked small above) iterate in ascending order, so a hash with gaps keeps index order.
    const items = Array.isArray(value) ? value : Object.values(value);
    if (items.length > max) throw invalidRequest(`Invalid array: ${name} has ${items.length} items; at most ${max} are allowed.`, name);
    return items;
  }

  /**
   * Stripe metadata: up to 50 string keys (40 chars) with string values (500 chars). An empty value unsets a key,
   * so the result maps a key to `null` for "remove". `metadata=` (empty) means "clear all": returns `{}` with `cleared`.
   */
  metadata(key: string): { values: Record<string, string | null>; cleared: boolean } | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    if (value === '') return { values: {}, cleared: true };
    if (typeof value !== 'object') throw invalidRequest(`Invalid object: ${this.name(key)} must be a hash of strings (${this.name(key)}[key]=value).`, this.name(key));
    // Keys 0..n-1 (`metadata[0]=a`) arrive as an array; they are still metadata keys.
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length > 50) throw invalidRequest(`Invalid ${this.name(key)}: at most 50 keys are allowed, got ${entries.length}.`, this.name(key));
    const values: Record<string, string | null> = {};
    for (const [k, v] of entries) {
      const param = `${this.name(key)}[${k}]`;
      if (typeof v !== 'string') throw invalidRequest(`Invalid ${param}: metadata values must be strings.`, param);
      if (k.length > 40) throw invalidRequest(`Invalid ${this.name(key)}: keys can be at most 40 characters, got ${k.length}.`, param.slice(0, 200));
      if (v.length > 500) throw invalidRequest(`Invalid ${param}: values can be at most 500 characters, got ${v.length}.`, param);
      values[k] = v === '' ? null : v;
    }
    return { values, cleared: false };
  }

  /** Throws for the first param that no handler read. */
  done(): void {
    for (const key of Object.keys(this.data)) if (!this.read.has(key)) throw unknownParam(this.name(key));
    for (const child of this.children) child.done();
  }
}

/** Applies a metadata update to the current metadata (Stripe merges; empty values remove keys). */
export function mergeMetadata(current: Record<string, string>, update: ReturnType<Params['metadata']>): Record<string, string> {
  if (!update) return current;
  const next: Record<string, string> = update.cleared ? {} : { ...current };
  for (const [k, v] of Object.entries(update.values)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  // Stripe's 50 keys hold for the object, not only for one request.
  const count = Object.keys(next).length;
  if (count > 50) throw invalidRequest(`Invalid metadata: an object holds at most 50 keys; this update would leave ${count}.`, 'metadata');
  return next;
}
