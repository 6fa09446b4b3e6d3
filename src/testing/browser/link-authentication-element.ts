// A minimal fake Link Authentication Element: one iframe with Stripe's `email` input, `ready` and `change`
// (`{ elementType: 'linkAuthentication', complete, empty, value: { email } }`). Its email is what the Payment
// Element of the same group uses for billing_details.email (Stripe then hides the Payment Element's own email field).
import type { AnyObject } from './card-params.js';
import { FramedElement } from './framed-element.js';

const CSS = `
html, body { margin: 0; padding: 0; background: transparent; }
body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; font-size: 15px; color: #30313d; }
label { display: block; font-size: 14px; margin: 0 0 4px; }
input { box-sizing: border-box; width: 100%; font: inherit; padding: 10px 12px; border: 1px solid #e6e6e6; border-radius: 5px; }
.error { color: #df1b41; font-size: 13px; }
`;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class FakeLinkAuthenticationElement extends FramedElement {
  readonly elementType = 'linkAuthentication' as const;
  private email: string;

  constructor(options: AnyObject | undefined, private readonly changed: () => void, onDestroy: () => void) {
    super(onDestroy);
    this.email = String(options?.defaultValues?.email ?? '');
  }

  /** The email typed, or a validation error when it is missing or malformed (elements.submit() checks it). */
  read(): { email: string } | { error: { type: 'validation_error'; code: string; message: string } } {
    const email = this.email.trim();
    const error = !email ? { code: 'incomplete_email', message: 'Your email is incomplete.' } : !EMAIL.test(email) ? { code: 'invalid_email', message: 'Your email address is invalid.' } : undefined;
    const slot = this.doc?.getElementById('email-error');
    if (slot) slot.textContent = error?.message ?? '';
    this.fitHeight();
    return error ? { error: { type: 'validation_error', ...error } } : { email };
  }

  update(_options: AnyObject): this {
    return this;
  }

  focus(): void {
    this.doc?.querySelector('input')?.focus();
  }

  blur(): void {
    this.doc?.querySelector('input')?.blur();
  }

  clear(): void {
    this.email = '';
    const input = this.doc?.querySelector('input');
    if (input) input.value = '';
    this.emitChange();
  }

  protected frameTitle(): string {
    return 'Secure email input frame';
  }

  protected frameHtml(): string {
    return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Secure email input frame</title></head><body>' +
      '<label for="email">Email</label><input type="email" id="email" name="email" autocomplete="email" aria-describedby="email-error">' +
      '<div class="error" id="email-error" role="alert"></div></body></html>';
  }

  protected frameCss(): string {
    return CSS;
  }

  protected wire(doc: Document): void {
    const input = doc.querySelector('input')!;
    input.value = this.email;
    input.addEventListener('input', () => {
      this.email = input.value;
      this.changed();
      this.emitChange();
    });
    input.addEventListener('focus', () => this.fire('focus', { elementType: 'linkAuthentication' }));
    input.addEventListener('blur', () => this.fire('blur', { elementType: 'linkAuthentication' }));
    this.fire('ready', { elementType: 'linkAuthentication' });
    if (this.email) this.emitChange();
  }

  private emitChange(): void {
    const email = this.email.trim();
    this.fire('change', { elementType: 'linkAuthentication', empty: email === '', complete: EMAIL.test(email), value: { email } });
  }
}
