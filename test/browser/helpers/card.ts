// Drives the fake Card Element like a person: real mouse clicks into the iframe's inputs and real key presses
// (Web Test Runner's sendMouse/sendKeys go through the browser's input pipeline, not synthetic DOM events).
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import './dom-safe-errors.js';

export interface CardInput {
  number?: string;
  /** As a person types it, e.g. `12 / 34`, `1234` or `12/34`. */
  exp?: string;
  cvc?: string;
  postal?: string;
}

const FIELD_NAMES = { number: 'cardnumber', exp: 'exp-date', cvc: 'cvc', postal: 'postal' } as const;

/** The card iframe mounted in `container` (or the first one on the page). */
export function cardFrame(container: ParentNode = document): HTMLIFrameElement {
  const frame = container.querySelector<HTMLIFrameElement>('iframe[name^="__privateStripeFrame"]');
  if (!frame) throw new Error('No card iframe (iframe[name^="__privateStripeFrame"]) is mounted.');
  return frame;
}

/**
 * Resolves once the frame's document has its card input(s) and has finished loading: the fake wires and lays out the
 * inputs on the frame's load event, and a click before that can land where the input is not yet (seen in Firefox).
 */
export async function frameReady(frame: HTMLIFrameElement, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const loaded = (): boolean => {
    const doc = frame.contentDocument;
    return doc?.readyState === 'complete' && doc.querySelector('input[name="cardnumber"], input[name="exp-date"], input[name="cvc"]') !== null;
  };
  while (!loaded()) {
    if (Date.now() > deadline) throw new Error('The card iframe did not load its inputs in time.');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function cardInput(frame: HTMLIFrameElement, field: keyof typeof FIELD_NAMES): HTMLInputElement {
  const input = frame.contentDocument?.querySelector<HTMLInputElement>(`input[name="${FIELD_NAMES[field]}"]`);
  if (!input) throw new Error(`The card iframe has no input named ${FIELD_NAMES[field]}.`);
  return input;
}

/** Clicks the middle of one of the frame's inputs with the real mouse. */
export async function clickField(frame: HTMLIFrameElement, field: keyof typeof FIELD_NAMES): Promise<void> {
  await frameReady(frame);
  frame.scrollIntoView({ block: 'center' });
  const outer = frame.getBoundingClientRect();
  const inner = cardInput(frame, field).getBoundingClientRect();
  // Near the right edge, past the text, so the caret lands at the end as when a person clicks into a field; in a
  // narrow card the number is wider than the frame, so its visible right edge.
  const x = Math.round(outer.left + Math.min(inner.left + inner.width, frame.clientWidth) - 3);
  const y = Math.round(outer.top + inner.top + inner.height / 2);
  await sendMouse({ type: 'click', position: [x, y] });
  await resetMouse();
}

/** Clicks each given field and types its text with real key presses, in the order number, exp, cvc, postal. */
export async function typeCard(frame: HTMLIFrameElement, card: CardInput): Promise<void> {
  for (const field of ['number', 'exp', 'cvc', 'postal'] as const) {
    const text = card[field];
    if (text === undefined) continue;
    // A person whose cursor was carried here (a finished field moves it on) just keeps typing.
    if (frame.contentDocument?.activeElement !== cardInput(frame, field) || !document.hasFocus()) await clickField(frame, field);
    await sendKeys({ type: text });
  }
}

/** Presses keys (e.g. `Tab`, `Backspace`, `Escape`) in whatever has focus. */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
}
