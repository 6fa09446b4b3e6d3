// `stripe.paymentRequest(options)`: the browser-wallet button's data object. The fake has no wallet, so
// canMakePayment() resolves null, exactly what Stripe.js answers in a browser without Apple Pay, Google Pay or Link:
// pages then hide their wallet button and keep the card form.
import { ElementEvents } from './element-events.js';
import { IntegrationError } from './errors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's options, checked field by field
type Options = Record<string, any>;

function checkOptions(options: unknown, method: string, full: boolean): Options {
  if (typeof options !== 'object' || options === null) throw new IntegrationError(`Invalid value for ${method}: options should be an object. You specified: ${String(options)}.`);
  const given = options as Options;
  const required = full ? ['country', 'currency', 'total'] : [];
  for (const key of required) {
    if (given[key] === undefined) throw new IntegrationError(`Missing value for ${method}: ${key} should be provided.`);
  }
  if (given.total !== undefined && (typeof given.total !== 'object' || typeof given.total?.amount !== 'number' || typeof given.total?.label !== 'string')) {
    throw new IntegrationError(`Invalid value for ${method}: total should be an object with a numeric amount and a label string. You specified: ${JSON.stringify(given.total)}.`);
  }
  return given;
}

export class FakePaymentRequest extends ElementEvents {
  private options: Options;

  constructor(options: unknown) {
    super();
    this.options = checkOptions(options, 'paymentRequest()', true);
  }

  /** The options as given and updated (country, currency, total, ...). */
  get currentOptions(): Options {
    return this.options;
  }

  /** No wallet here: null, as Stripe.js answers when none is available. */
  canMakePayment(): Promise<null> {
    return Promise.resolve(null);
  }

  update(options: unknown): void {
    this.options = { ...this.options, ...checkOptions(options, 'paymentRequest.update()', false) };
  }

  isShowing(): boolean {
    return false;
  }

  show(): never {
    throw new IntegrationError('paymentRequest.show(): no wallet is available in the fake Stripe.js (canMakePayment() resolved null); show your card form instead.');
  }

  abort(): void {}
}
