// Mounting <stripe-save-card> in tests: wait for ssc-ready, record every ssc-* event, fill the card like a person.
import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/define.js';
import type { StripeSaveCard } from '../../../src/element/stripe-save-card.js';
import { cardFrame, cardInput, clickField, frameReady, press, typeCard, type CardInput } from './card.js';
import { sendKeys } from '@web/test-runner-commands';
import { until } from './until.js';

export const EVENT_NAMES = [
  'ssc-ready', 'ssc-change', 'ssc-submit', 'ssc-action-required', 'ssc-authenticated',
  'ssc-authentication-failed', 'ssc-declined', 'ssc-error', 'ssc-succeeded',
] as const;

export interface Recorded {
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields it expects
  detail: any;
}

export class EventLog {
  readonly events: Recorded[] = [];
  private waiters: Array<{ type: string; resolve: (r: Recorded) => void }> = [];

  constructor(target: EventTarget) {
    for (const type of EVENT_NAMES) {
      target.addEventListener(type, (event) => {
        const record = { type, detail: (event as CustomEvent).detail };
        this.events.push(record);
        this.waiters = this.waiters.filter((w) => (w.type === type ? (w.resolve(record), false) : true));
      });
    }
  }

  types(): string[] {
    return this.events.map((e) => e.type);
  }

  /** Resolves with the next `type` event, or the last one already recorded after `since`. */
  next(type: string, timeoutMs = 8000): Promise<Recorded> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms; saw ${this.types().join(', ')}`)), timeoutMs);
      this.waiters.push({ type, resolve: (r) => { clearTimeout(timer); resolve(r); } });
    });
  }

  /** The first recorded `type` event, waiting for it if none came yet. */
  async first(type: string, timeoutMs = 8000): Promise<Recorded> {
    return this.events.find((e) => e.type === type) ?? this.next(type, timeoutMs);
  }

  of(type: string): Recorded[] {
    return this.events.filter((e) => e.type === type);
  }
}

/** Renders `template` (containing one <stripe-save-card>) with an event log attached before it connects. */
export async function mount(template: TemplateResult, waitReady = true): Promise<{ el: StripeSaveCard; log: EventLog; wrapper: HTMLElement }> {
  const wrapper = document.createElement('div');
  const log = new EventLog(wrapper);
  const host = await fixture<HTMLElement>(html`<div></div>`);
  host.append(wrapper);
  const { render } = await import('lit');
  render(template, wrapper);
  const el = wrapper.querySelector('stripe-save-card') as StripeSaveCard;
  if (waitReady) await log.first('ssc-ready');
  return { el, log, wrapper };
}

export const VISA = '4242 4242 4242 4242';

/** Types a full card (future expiry, CVC, postal code) into the element's iframe with real key presses. */
export async function fillCard(number: string, extra: Partial<CardInput> = {}, container: ParentNode = document): Promise<void> {
  const frame = cardFrame(container);
  await cardEnabled(frame);
  await typeCard(frame, { number, exp: '12 / 34', cvc: '123', postal: '42424', ...extra });
}

/** Waits until the card field takes input (it is disabled while paying and after success, until reset()). */
async function cardEnabled(frame: HTMLIFrameElement): Promise<void> {
  await frameReady(frame);
  await until(() => !cardInput(frame, 'number').disabled, 'card enabled');
}

/** Like a person after a decline: click the card number, erase it, type another (the rest of the card stays). */
export async function retypeNumber(number: string, container: ParentNode = document): Promise<void> {
  const frame = cardFrame(container);
  await cardEnabled(frame);
  await clickField(frame, 'number');
  await press('End');
  for (let i = 0; i < 20; i++) await press('Backspace');
  await sendKeys({ type: number });
}

/** The element's own shadow parts, by name. */
export function part(el: StripeSaveCard, name: string): HTMLElement {
  const node = el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!node) throw new Error(`no part ${name}`);
  return node;
}

/** Clicks the element's submit button (a real click through the shadow root). */
export function clickPay(el: StripeSaveCard): void {
  part(el, 'button').click();
}

export { until };
