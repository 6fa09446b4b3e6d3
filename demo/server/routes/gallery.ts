// The state gallery's own backend. Tiles show the element's states to designers; they must never create, change or
// read the merchant's records: no order, no demo customer, no saved card of the shop. Intents here have no customer
// and no order (their webhooks find no order and change nothing), and the "saved cards" are Stripe's test
// PaymentMethods, which every test-mode account (and the emulator) accepts.
import type Stripe from 'stripe';
import { ApiError, invalid } from '../errors.js';
import { bodyObject, sendJson, type RequestContext } from '../http.js';
import { optionalEnum, stripeFailure, type AppContext } from '../context.js';

const MAX_HOLD_MS = 10 * 60_000;
const GALLERY_AMOUNT = 1999;

/** Cards the "saved cards" tile lists: Stripe test PaymentMethods, never a customer's. */
export function gallerySavedCards(now = new Date()) {
  const expYear = now.getUTCFullYear() + 3;
  return [
    { id: 'pm_card_visa', brand: 'visa', last4: '4242', expMonth: 12, expYear },
    { id: 'pm_card_mastercard', brand: 'mastercard', last4: '4444', expMonth: 8, expYear },
  ];
}

/** GET /gallery/saved-cards */
export function listGallerySavedCards(_app: AppContext, ctx: RequestContext): void {
  sendJson(ctx.res, 200, { cards: gallerySavedCards() });
}

/**
 * POST /gallery/intent: what the element posts to its intent-url (`{ mode, save, paymentMethodId?, currency? }`). A
 * PaymentIntent (or, in setup mode, a SetupIntent) with no customer and no order; `save` is ignored, so nothing is
 * ever saved. `currency: "eur"` is for the <stripe-save-payment> tiles: the account's methods (iDEAL, SEPA Debit, ...)
 * charge in euros, and the intent takes whichever the shopper picked (automatic payment methods), like the checkout's.
 */
export async function createGalleryIntent(app: AppContext, ctx: RequestContext): Promise<void> {
  const body = bodyObject(ctx);
  const mode = optionalEnum(body, 'mode', ['payment', 'setup'] as const, 'payment');
  const currency = optionalEnum(body, 'currency', ['usd', 'eur'] as const, 'usd');
  const paymentMethod = body.paymentMethodId;
  if (paymentMethod !== undefined && (typeof paymentMethod !== 'string' || !/^pm_card_[A-Za-z]+$/.test(paymentMethod))) {
    throw invalid('paymentMethodId', 'one of the gallery\'s test cards (pm_card_...)', paymentMethod);
  }
  const metadata = { demo: 'gallery' };
  let intent: Stripe.PaymentIntent | Stripe.SetupIntent;
  try {
    intent = mode === 'setup'
      ? await app.stripe.setupIntents.create({ metadata })
      : await app.stripe.paymentIntents.create({
        amount: GALLERY_AMOUNT, currency, metadata,
        ...(currency === 'eur' ? { automatic_payment_methods: { enabled: true } } : {}),
        ...(paymentMethod ? { payment_method: paymentMethod } : {}),
      });
  } catch (error) {
    throw stripeFailure(error);
  }
  sendJson(ctx.res, 200, { clientSecret: intent.client_secret, intentId: intent.id });
}

/**
 * POST /gallery/hold: never answers (until the browser gives up or leaves), so the "processing" tile stays in that
 * state for designers to look at.
 */
export function holdRequest(_app: AppContext, ctx: RequestContext): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ctx.res.writeHead(503, { 'Content-Type': 'application/json' });
      ctx.res.end(JSON.stringify({ error: { message: 'The gallery hold ended.', code: 'gallery_hold' } }));
      resolve();
    }, MAX_HOLD_MS);
    ctx.req.socket.once('close', () => { clearTimeout(timer); resolve(); });
  });
}

/** POST /gallery/broken: the "backend error" tile's intent-url, a backend that fails (as a crashed one answers). */
export function brokenBackend(): never {
  throw new ApiError(503, { message: 'The gallery\'s broken backend: this tile shows what a shopper sees when the intent-url fails.', code: 'gallery_broken' });
}
