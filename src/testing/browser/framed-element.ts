// What the fake Payment and Link Authentication Elements share: a light-DOM wrapper holding a same-origin srcdoc
// iframe (Stripe's wrapper class and frame attributes), mount/unmount/destroy with Stripe.js's integration errors,
// `on`/`once`/`off`, and the frame's height following its content. The subclass fills the frame's document.
import { ElementEvents } from './element-events.js';
import { IntegrationError } from './errors.js';
import { resolveMountTarget } from './field-element.js';
import { adoptStyles, stripeElementFrame } from './frame-styles.js';

export abstract class FramedElement extends ElementEvents {
  abstract readonly elementType: string;
  protected container: HTMLElement | undefined;
  protected frame: HTMLIFrameElement | undefined;
  protected doc: Document | undefined;
  protected destroyed = false;
  private wrapper: HTMLDivElement | undefined;

  constructor(private readonly onDestroy: () => void) {
    super();
  }

  protected abstract frameTitle(): string;
  protected abstract frameHtml(): string;
  protected abstract frameCss(): string;
  /** The frame's document loaded (again: moving the node reloads it): wire inputs and render. */
  protected abstract wire(doc: Document): void;

  get mounted(): boolean {
    return this.container !== undefined && !this.destroyed;
  }

  mount(target: string | HTMLElement): void {
    if (this.destroyed) throw new IntegrationError('This Element has already been destroyed. Please create a new one.');
    if (this.container) throw new IntegrationError('This Element is already mounted. Use `unmount()` to unmount the Element before re-mounting.');
    const container = resolveMountTarget(target);
    this.container = container;
    const { wrapper, frame } = stripeElementFrame(this.frameTitle());
    frame.addEventListener('load', () => {
      const doc = frame.contentDocument;
      if (!doc || this.frame !== frame) return;
      this.doc = doc;
      adoptStyles(doc, this.frameCss());
      this.wire(doc);
      this.fitHeight();
    });
    frame.srcdoc = this.frameHtml();
    wrapper.append(frame);
    this.wrapper = wrapper;
    this.frame = frame;
    container.classList.add('StripeElement');
    container.append(wrapper);
  }

  /** Stripe.js restyles a mounted element when the group's appearance changes (elements.update): no new frame. */
  restyle(): void {
    if (!this.doc) return;
    adoptStyles(this.doc, this.frameCss());
    this.fitHeight();
  }

  unmount(): void {
    if (!this.container) return;
    this.container.classList.remove('StripeElement');
    this.wrapper?.remove();
    this.container = undefined;
    this.wrapper = undefined;
    this.frame = undefined;
    this.doc = undefined;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.unmount();
    this.destroyed = true;
    this.removeAllHandlers();
    this.onDestroy();
  }

  /** The frame is as tall as what it shows. */
  protected fitHeight(): void {
    const doc = this.doc;
    if (!doc || !this.frame) return;
    this.frame.style.setProperty('height', `${Math.ceil(doc.body.scrollHeight)}px`, 'important');
  }

  /** For subclasses: emit to handlers (ElementEvents keeps `emit` protected). */
  protected fire(type: string, payload: object): void {
    this.emit(type, payload);
  }
}
