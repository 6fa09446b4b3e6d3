// Mounts a fresh fake Card Element in the light DOM and waits until it can be typed into.
import type { Stripe, StripeCardElement, StripeCardElementOptions } from '@stripe/stripe-js';
import { cardFrame } from './card.js';

export interface MountedCard {
  card: StripeCardElement;
  frame: HTMLIFrameElement;
  container: HTMLElement;
  /** Destroys the element and removes its container. */
  remove(): void;
}

export async function mountCard(stripe: Stripe, options: StripeCardElementOptions = {}): Promise<MountedCard> {
  const container = document.createElement('div');
  container.style.width = '480px';
  document.body.append(container);
  const card = stripe.elements().create('card', options);
  const ready = new Promise<void>((resolve) => card.once('ready', () => resolve()));
  card.mount(container);
  await ready;
  return {
    card, container, frame: cardFrame(container),
    remove() {
      card.destroy();
      container.remove();
    },
  };
}
