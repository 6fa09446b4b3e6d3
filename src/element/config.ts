// Checks the attributes a merchant typed by hand. Each problem names the attribute, what was expected and what came,
// so a typo in `mode="setpu"` shows up as a readable console error and an ssc-error event instead of silence.
import { expected } from './backend.js';

export type Mode = 'payment' | 'setup';
export type ConfirmFlow = 'client' | 'server';
export type SaveUsage = 'off_session' | 'on_session';

export interface ConfigProblem {
  attribute: string;
  message: string;
}

const problem = (attribute: string, wanted: string, got: string): ConfigProblem =>
  ({ attribute, message: `<stripe-save-card> ${expected(attribute, wanted, got)}` });

/** Allowed values of the enumerated properties. */
const ENUMS: Record<string, string[]> = { mode: ['payment', 'setup'], confirm: ['client', 'server'], saveUsage: ['off_session', 'on_session'] };

/** The enumerated attributes; with `changed`, only those that just changed (checked on every change). */
export function checkEnums(values: object, changed?: ReadonlyMap<PropertyKey, unknown>): ConfigProblem[] {
  return Object.entries(ENUMS).flatMap(([property, allowed]) => {
    const value = (values as Record<string, unknown>)[property] as string | undefined;
    return value == null || allowed.includes(value) || (changed && !changed.has(property)) ? []
      : [problem(property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), allowed.map((a) => `"${a}"`).join(' or '), `"${value}"`)];
  });
}

/** The publishable key, unless a ready `stripe` instance was given. */
export function checkPublishableKey(key: string | undefined, protocol: string): ConfigProblem | undefined {
  const wanted = '"pk_test_..." or "pk_live_..."';
  const bad = (want: string, got: string) => problem('publishable-key', want, got);
  if (!key) return bad(`${wanted} (or the stripe property)`, 'nothing');
  if (/^[sr]k_/.test(key)) return bad('a publishable key', `a secret key "${key.slice(0, 8)}..." (roll it: it is public now)`);
  if (!/^pk_(test|live)_\w+$/.test(key)) return bad(wanted, `"${key.length > 12 ? `${key.slice(0, 12)}...` : key}"`);
  // Stripe.js refuses live keys over plain HTTP.
  if (key.startsWith('pk_live_') && protocol == 'http:') return bad('an https: page for a live key', 'an http: page');
}

/** What submit() needs to reach a client secret, per flow (`server`: the backend confirms). */
export function checkSubmitSetup(server: boolean, { intentUrl, clientSecret, confirmUrl }: { intentUrl?: string; clientSecret?: string; confirmUrl?: string }): ConfigProblem | undefined {
  if (server) return confirmUrl ? undefined : problem('confirm-url', 'a URL (confirm="server")', 'nothing');
  if (!intentUrl && !clientSecret) return problem('intent-url', 'a URL (or client-secret)', 'neither');
}
