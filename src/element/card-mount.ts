// Where the Card Element's iframe goes.
//
// Stripe.js refuses to mount into any node whose root is a ShadowRoot ("Elements cannot be mounted in a
// ShadowRoot"), so the mount node can never live in our own shadow root. Two cases:
//
// 1. The host sits in the document's light DOM (the usual case): the mount node is a light-DOM child of the host,
//    carrying `slot="ssc-card"`, and our shadow root projects it into the `card` part. Layout, tab order and
//    focus behave exactly like native content.
// 2. The host sits inside another component's shadow root: a light-DOM child of the host is then itself inside
//    that ShadowRoot, and we can't make the outer component slot it through each level (we don't own its
//    template). So the mount node is placed in the document's light DOM, right after the outermost shadow
//    host (keeping tab order close to where the field appears), and is positioned absolutely over the `card`
//    part's mount area, which reserves the node's height. It follows the placeholder on resize, scroll and re-render.
//    Known limit: scrolling inside a scrollable container *within* another shadow root is not observed (scroll
//    events are not composed); the position is corrected on the next resize, window scroll or re-render.

const SLOT_NAME = 'ssc-card';

export class CardMount {
  /** The node Stripe mounts into. One per element instance, kept across reconnects. */
  readonly node: HTMLDivElement;
  private _placeholder: HTMLElement | undefined;
  private _portal = false;
  private _resizeObserver: ResizeObserver | undefined;
  private readonly _sync = () => this._position();

  constructor(private readonly _host: HTMLElement) {
    this.node = document.createElement('div');
    this.node.className = 'ssc-card-mount';
  }

  static readonly slotName = SLOT_NAME;

  /** Whether the mount node had to leave the host (case 2 above). */
  get isPortal(): boolean {
    return this._portal;
  }

  /** Puts the node where Stripe accepts it. Call on connect (and again after a move). */
  attach(placeholder: HTMLElement): void {
    this._placeholder = placeholder;
    const outermost = outermostHost(this._host);
    if (outermost === this._host) {
      this._stopTracking();
      this._portal = false;
      this.node.removeAttribute('style');
      this.node.slot = SLOT_NAME;
      if (this.node.parentNode !== this._host) this._host.appendChild(this.node);
      return;
    }
    this._portal = true;
    this.node.removeAttribute('slot');
    Object.assign(this.node.style, { position: 'absolute', left: '0px', top: '0px', zIndex: '1', boxSizing: 'border-box' });
    if (outermost.nextSibling !== this.node) outermost.after(this.node);
    this._startTracking();
    this._position();
  }

  /** Takes the node out of a foreign place (case 2); a light-DOM child simply travels with the host. */
  detach(): void {
    this._stopTracking();
    if (this._portal) this.node.remove();
  }

  /** Re-checks placement after a render (the host may have been re-parented by a framework). */
  refresh(): void {
    if (this._portal) this._position();
    else if (this.node.parentNode !== this._host && this._placeholder) this.attach(this._placeholder);
  }

  private _startTracking(): void {
    if (this._resizeObserver) return;
    this._resizeObserver = new ResizeObserver(this._sync);
    if (this._placeholder) this._resizeObserver.observe(this._placeholder);
    this._resizeObserver.observe(this.node);
    window.addEventListener('resize', this._sync);
    document.addEventListener('scroll', this._sync, true);
  }

  private _stopTracking(): void {
    this._resizeObserver?.disconnect();
    this._resizeObserver = undefined;
    window.removeEventListener('resize', this._sync);
    document.removeEventListener('scroll', this._sync, true);
  }

  /** Moves the node over the placeholder by the measured difference, so any containing block works. */
  private _position(): void {
    const placeholder = this._placeholder;
    if (!placeholder || !this._portal) return;
    const target = placeholder.getBoundingClientRect();
    const visible = target.width > 0 && placeholder.isConnected;
    this.node.style.display = visible ? '' : 'none';
    if (!visible) return;
    this.node.style.width = `${target.width}px`;
    // The placeholder reserves the iframe's height in our layout.
    const height = this.node.offsetHeight;
    if (height > 0 && placeholder.style.minHeight !== `${height}px`) placeholder.style.minHeight = `${height}px`;
    const current = this.node.getBoundingClientRect();
    const left = parseFloat(this.node.style.left) || 0;
    const top = parseFloat(this.node.style.top) || 0;
    this.node.style.left = `${left + target.left - current.left}px`;
    this.node.style.top = `${top + target.top - current.top}px`;
  }
}

/** The shadow host that lives in the document's light DOM and (transitively) contains `element`. */
function outermostHost(element: HTMLElement): HTMLElement {
  let current: HTMLElement = element;
  for (;;) {
    const root = current.getRootNode();
    if (root instanceof ShadowRoot && root.host instanceof HTMLElement) current = root.host;
    else return current;
  }
}
