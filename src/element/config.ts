// Checks the attributes a merchant typed by hand. Each problem names the attribute, what was expected and what came,
// so a typo in `mode="setpu"` shows up as a readable console error and an ssc-error event instead of silence.

export type Mode = 'payment' | 'setup';
export type ConfirmFlow = 'client' | 'server';
export type SaveUsage = 'off_session' | 'on_session';

export const MODES: readonly Mode[] = ['payment', 'setup'];
export const CONFIRM_FLOWS: readonly ConfirmFlow[] = ['client', 'server'];
export const SAVE_USAGES: readonly SaveUsage[] = ['off_session', 'on_session'];

export interface ConfigProblem {
  attribute: string;
  message: string;
}

function oneOf(attribute: string, value: string | undefined, allowed: readonly string[]): ConfigProblem | undefined {
  if (value === undefined || value === null || allowed.includes(value)) return undefined;
  return {
    attribute,
    message: `<stripe-save-card> ${attribute}: expected ${allowed.map((a) => `"${a}"`).join(' or ')}, got "${value}"`,
  };
}

/** The enumerated attributes, by property; with `changed`, only those that just changed (checked on every change). */
export function checkEnums(values: { mode?: string; confirm?: string; saveUsage?: string }, changed?: ReadonlyMap<PropertyKey, unknown>): ConfigProblem[] {
  const checks = [
    ['mode', 'mode', values.mode, MODES],
    ['confirm', 'confirm', values.confirm, CONFIRM_FLOWS],
    ['saveUsage', 'save-usage', values.saveUsage, SAVE_USAGES],
  ] as const;
  return checks
    .filter(([property]) => !changed || changed.has(property))
    .map(([, attribute, value, allowed]) => oneOf(attribute, value, allowed))
    .filter((p): p is ConfigProblem => p !== undefined);
}

const PUBLISHABLE_KEY = /^pk_(test|live)_[A-Za-z0-9_]+$/;

/** The publishable key, unless a ready `stripe` instance was given. */
export function checkPublishableKey(key: string | undefined, protocol: string): ConfigProblem | undefined {
  const attribute = 'publishable-key';
  if (!key) return { attribute, message: `<stripe-save-card> ${attribute}: expected a Stripe publishable key "pk_test_..." or "pk_live_..." (or set the stripe property), got nothing` };
  if (/^(sk|rk)_/.test(key)) {
    return { attribute, message: `<stripe-save-card> ${attribute}: expected a publishable key "pk_...", got a secret key "${key.slice(0, 8)}..." — never put a secret key in a web page; roll it in the Stripe dashboard` };
  }
  if (!PUBLISHABLE_KEY.test(key)) {
    return { attribute, message: `<stripe-save-card> ${attribute}: expected "pk_test_..." or "pk_live_...", got "${key.length > 12 ? `${key.slice(0, 12)}...` : key}"` };
  }
  if (key.startsWith('pk_live_') && protocol === 'http:') {
    return { attribute, message: `<stripe-save-card> ${attribute}: a live key "pk_live_..." needs an https: page, got an http: page (Stripe.js refuses live keys over plain HTTP)` };
  }
  return undefined;
}

/** What submit() needs to reach a client secret, per flow. */
export function checkSubmitSetup(values: {
  mode: Mode; confirm: ConfirmFlow; intentUrl?: string; clientSecret?: string; confirmUrl?: string;
}): ConfigProblem | undefined {
  if (values.confirm === 'server' && values.mode === 'payment' && !values.clientSecret) {
    if (!values.confirmUrl) return { attribute: 'confirm-url', message: '<stripe-save-card> confirm-url: expected the backend URL that confirms the payment (confirm="server"), got nothing' };
    return undefined;
  }
  if (!values.intentUrl && !values.clientSecret) {
    return { attribute: 'intent-url', message: '<stripe-save-card> intent-url: expected the backend URL that creates the intent (or a client-secret attribute), got neither' };
  }
  return undefined;
}
