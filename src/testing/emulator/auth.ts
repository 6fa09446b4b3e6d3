// API keys, as Stripe checks them: `Authorization: Bearer <key>` (or Basic with the key as user name), or for
// Stripe.js a `key` param. Secret keys open every route; publishable keys only Stripe.js's.
import type { Caller } from './context.js';
import { unauthorized } from './errors.js';
import type { FormObject } from './form.js';
import type { Access } from './router.js';

export interface Keys {
  secretKey: string;
  publishableKey: string;
}

/** `sk_test_abc...wxyz` → `sk_test_*********wxyz`, the way Stripe echoes a bad key. */
export function maskKey(key: string): string {
  const prefix = /^(?:sk|pk|rk)_(?:test|live)_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  if (rest.length <= 4) return prefix + '*'.repeat(rest.length);
  return prefix + '*'.repeat(Math.min(rest.length - 4, 40)) + rest.slice(-4);
}

/** The key a request presents, or undefined. */
export function presentedKey(authorization: string | undefined, params: FormObject): string | undefined {
  if (authorization) {
    const match = /^\s*(Bearer|Basic)\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return authorization.trim() || undefined;
    if (match[1]!.toLowerCase() === 'bearer') return match[2];
    try {
      return atob(match[2]!).split(':')[0];
    } catch {
      return match[2];
    }
  }
  const key = Object.hasOwn(params, 'key') ? params.key : undefined;
  return typeof key === 'string' && key ? key : undefined;
}

/** Who is calling, or a 401 in Stripe's words. */
export function authenticate(keys: Keys, key: string | undefined, access: Access): Caller {
  if (key === undefined) {
    if (access === 'open') return 'anonymous';
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (key.length > 500 || (key !== keys.secretKey && key !== keys.publishableKey)) {
    throw unauthorized(`Invalid API Key provided: ${maskKey(key.slice(0, 200))}`);
  }
  if (key === keys.secretKey) return 'secret';
  if (access === 'secret') {
    throw unauthorized('This API call cannot be made with a publishable API key. Please use a secret API key.');
  }
  return 'publishable';
}
