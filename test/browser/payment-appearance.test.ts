// <stripe-save-payment>'s theme inside Stripe's frame: the --ssc-* custom properties become the Payment Element's
// appearance variables at mount, the `appearance` property goes over them, and both follow later changes (the
// property set again, the system switching to dark mode under a page's prefers-color-scheme rules) in the same
// frame, through elements.update(), without a new Payment Element.
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/payment/define.js';
import type { StripeSavePayment } from '../../src/payment/stripe-save-payment.js';
import { setupEmulator, type EmulatorSetup } from './helpers/emulator.js';
import { paymentFrame } from './helpers/payment-element.js';
import { until } from './helpers/until.js';
import { itExcept } from './helpers/engine.js';

describe('<stripe-save-payment> appearance', function () {
  this.timeout(30000);
  let env: EmulatorSetup;
  let element: StripeSavePayment;
  let style: HTMLStyleElement;

  beforeEach(async () => {
    env = await setupEmulator({
      handlers: [http.post('/shop/intent', () => HttpResponse.json({ clientSecret: env.createPaymentIntent({ amount: 1999, currency: 'eur' }).client_secret }))],
    });
    style = document.createElement('style');
    style.textContent = `stripe-save-payment { --ssc-color: rgb(10, 20, 30); --ssc-accent: rgb(40, 50, 60); }
      @media (prefers-color-scheme: dark) { stripe-save-payment { --ssc-color: rgb(240, 241, 242); } }`;
    document.head.append(style);
  });

  afterEach(() => {
    element?.remove();
    style.remove();
    env.teardown();
  });

  async function create(): Promise<HTMLIFrameElement> {
    element = document.createElement('stripe-save-payment');
    for (const [name, value] of Object.entries({ 'publishable-key': env.publishableKey, 'intent-url': '/shop/intent', amount: '1999', currency: 'eur' })) element.setAttribute(name, value);
    let ready = false;
    element.addEventListener('ssc-ready', () => (ready = true));
    document.body.append(element);
    const frame = await paymentFrame(element);
    await until(() => ready, 'ssc-ready');
    return frame;
  }

  /** An appearance variable as Stripe's frame applies it (the fake: a custom property on the frame's root). */
  const variable = (frame: HTMLIFrameElement, name: string) => getComputedStyle(frame.contentDocument!.documentElement).getPropertyValue(`--${name}`).trim();
  /** The text colour the shopper sees in the frame. */
  const textColor = (frame: HTMLIFrameElement) => getComputedStyle(frame.contentDocument!.body).color;

  it('the --ssc-* theme at mount, the appearance property over it, and a new value restyles the same frame', async () => {
    const frame = await create();
    expect(textColor(frame)).to.equal('rgb(10, 20, 30)');
    expect(variable(frame, 'colorPrimary')).to.equal('rgb(40, 50, 60)');

    element.appearance = { variables: { colorText: 'rgb(200, 0, 0)' } };
    await until(() => textColor(frame) == 'rgb(200, 0, 0)', 'the property\'s colorText in the frame');
    // Only colorText was overridden: the accent still comes from the CSS.
    expect(variable(frame, 'colorPrimary')).to.equal('rgb(40, 50, 60)');
    expect(element.querySelector('iframe')).to.equal(frame); // restyled, not mounted again

    element.appearance = undefined;
    await until(() => textColor(frame) == 'rgb(10, 20, 30)', 'the CSS colour back');
  });

  // Firefox's and WebKit's drivers here have no media emulation (emulateMedia needs the DevTools protocol).
  const noMediaEmulation = 'no prefers-color-scheme emulation in this driver';
  itExcept({ firefox: noMediaEmulation, webkit: noMediaEmulation }, 'the system switching to dark mode: the page\'s prefers-color-scheme colours reach the frame', async () => {
    const frame = await create();
    expect(textColor(frame)).to.equal('rgb(10, 20, 30)');
    try {
      await emulateMedia({ colorScheme: 'dark' });
      await until(() => textColor(frame) == 'rgb(240, 241, 242)', 'the dark colour in the frame');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
    await until(() => textColor(frame) == 'rgb(10, 20, 30)', 'the light colour back');
    expect(element.querySelector('iframe')).to.equal(frame);
  });
});
