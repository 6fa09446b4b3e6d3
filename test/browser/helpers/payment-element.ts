// Drives the fake Payment Element and the test bank page like a person: real mouse clicks on tabs, fields and
// buttons inside the iframes, real key presses.
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';

/** The Payment Element's iframe inside `container`, once its fields are rendered. */
export async function paymentFrame(container: ParentNode = document, timeoutMs = 8000): Promise<HTMLIFrameElement> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = container.querySelector<HTMLIFrameElement>('iframe[title="Secure payment input frame"]');
    const doc = frame?.contentDocument;
    if (doc?.readyState === 'complete' && doc.querySelector('.p-Fields')) return frame!;
    if (Date.now() > deadline) throw new Error('The Payment Element did not render its fields in time.');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function clickInFrame(frame: HTMLIFrameElement, target: Element): Promise<void> {
  frame.scrollIntoView({ block: 'center' });
  const outer = frame.getBoundingClientRect();
  const inner = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(outer.left + inner.left + inner.width / 2), Math.round(outer.top + inner.top + inner.height / 2)] });
  await resetMouse();
}

/** A real click on the first element matching `selector` inside the Payment Element's frame. */
export async function clickInPaymentFrame(frame: HTMLIFrameElement, selector: string): Promise<void> {
  const target = frame.contentDocument!.querySelector(selector);
  if (!target) throw new Error(`The Payment Element shows nothing matching ${selector}.`);
  await clickInFrame(frame, target);
}

/** Picks a payment method type: its tab (tabs layout) or its accordion radio. */
export async function chooseType(frame: HTMLIFrameElement, type: string): Promise<void> {
  const doc = frame.contentDocument!;
  const control = doc.querySelector(`[data-value="${type}"]`);
  if (!control) throw new Error(`The Payment Element offers no ${type}: ${[...doc.querySelectorAll('[data-value]')].map((e) => e.getAttribute('data-value')).join(', ')}`);
  await clickInFrame(frame, control);
  const deadline = Date.now() + 3000;
  while (frame.contentDocument!.querySelector('.p-Fields')?.getAttribute('data-type') !== type) {
    if (Date.now() > deadline) throw new Error(`Choosing ${type} did not show its fields.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Clicks the field named `name` (Stripe's input names) and types `text`. */
export async function typeField(frame: HTMLIFrameElement, name: string, text: string): Promise<void> {
  const input = frame.contentDocument!.querySelector(`[name="${name}"]`);
  if (!input) throw new Error(`The Payment Element shows no field named ${name}.`);
  await clickInFrame(frame, input);
  await sendKeys({ type: text });
}

/** Card details as a customer in the United States types them (the postal code the US form asks for). */
export async function typeCardDetails(frame: HTMLIFrameElement, number: string): Promise<void> {
  await typeField(frame, 'number', number);
  await typeField(frame, 'expiry', '12 / 34');
  await typeField(frame, 'cvc', '123');
  await typeField(frame, 'postalCode', '94107');
}

/** The test bank page overlay, once its buttons are wired; then a real click on Authorize or Fail. */
export async function answerBankPage(outcome: 'authorize' | 'fail', timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let frame: HTMLIFrameElement | null;
  for (;;) {
    frame = document.querySelector<HTMLIFrameElement>('iframe[name="stripe-redirect-frame"]');
    if (frame?.contentDocument?.readyState === 'complete' && frame.contentDocument.getElementById('authorize-test-payment')) break;
    if (Date.now() > deadline) throw new Error('No test bank page appeared.');
    await new Promise((r) => setTimeout(r, 10));
  }
  await clickInFrame(frame, frame.contentDocument!.getElementById(`${outcome}-test-payment`)!);
}

/** Resolves with the URL the fake navigated to (installFakeStripe's `navigate`), or throws after `timeoutMs`. */
export async function navigation(navigated: string[], timeoutMs = 8000): Promise<URL> {
  const deadline = Date.now() + timeoutMs;
  while (navigated.length === 0) {
    if (Date.now() > deadline) throw new Error('The page was not sent anywhere.');
    await new Promise((r) => setTimeout(r, 10));
  }
  return new URL(navigated[0]!);
}
