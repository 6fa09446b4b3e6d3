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
//
// The node is a <form>: Stripe.js answers Enter in the card by submitting the form that contains the mount node.
// Ours is the nearest one, inside a merchant's form too, so the element hears Enter (`onEnter`) in every placement.
// Being in the page's light DOM, it would also take the page's `form { ... }` rules: in case 1 an inline `all:unset`
// wins over them (short of !important); the portal of case 2 keeps its own inline layout.
//
// Server rendering: a framework that hydrates server HTML (React, Vue, Svelte) rejects a child it did not render,
// so a `<form slot="ssc-card">` already among the host's children (rendered by `stripe-save-card/react`, or written
// by hand) is adopted instead of a new one being appended. React checks no children of a <form>, so the card
// iframe Stripe adds inside it passes hydration too. See docs/element.md, "Server rendering".

const SLOT_NAME = 'ssc-card';
const UNSTYLED = 'all:unset;display:block';

export class CardMount {
  static readonly slotName = SLOT_NAME;
  private _node: HTMLFormElement | undefined;
  private _area: HTMLElement | null | undefined;
  /** Set while the node is a portal (case 2): it watches the area's size. */
  private _observer: ResizeObserver | undefined;
  private readonly _sync = () => this._position();

  constructor(private readonly _host: HTMLElement, private readonly _onEnter: (event: Event) => void) {}

  /**
   * The node Stripe mounts into: the server-rendered one among the host's children, or a new one. Chosen on first
   * use (not in the constructor: a framework appends the children after creating the host) and kept across reconnects.
   */
  get _mountNode(): HTMLFormElement {
    if (!this._node) {
      const node = this._node = this._host.querySelector<HTMLFormElement>(`:scope > form[slot=${SLOT_NAME}]`) ?? document.createElement('form');
      node.className = 'ssc-card-mount';
      node.onsubmit = this._onEnter;
    }
    return this._node;
  }

  /**
   * Puts the node where Stripe accepts it. Call on connect (and again after a move). Before the first render (the
   * card mounts alongside it) the host's shadow root has no mount area yet: refresh() then finishes the job.
   */
  _attach(): void {
    const { _mountNode: node, _host: host } = this;
    this._area = host.shadowRoot?.querySelector<HTMLElement>('.mount-area');
    // The shadow host that lives in the document's light DOM and (transitively) contains ours.
    let outer = host;
    for (let root; (root = outer.getRootNode()) instanceof ShadowRoot;) outer = root.host as HTMLElement;
    if (outer == host) {
      this._detach();
      // A server-rendered node is left as it came (hydration compares its attributes with the server's).
      if (node.parentNode != host) {
        node.style.cssText = UNSTYLED;
        node.slot = SLOT_NAME;
        host.append(node);
      } else if (!node.hasAttribute('style')) node.style.cssText = UNSTYLED;
      return;
    }
    node.removeAttribute('slot');
    node.style.cssText = 'position:absolute;left:0;top:0;z-index:1;box-sizing:border-box';
    if (outer.nextSibling != node) outer.after(node);
    if (!this._area) return; // placed; positioned once refresh() brings the rendered area
    if (!this._observer) {
      (this._observer = new ResizeObserver(this._sync)).observe(this._area);
      this._observer.observe(node);
      addEventListener('resize', this._sync);
      document.addEventListener('scroll', this._sync, true);
    }
    this._position();
  }

  /** Takes the node out of a foreign place (case 2); a light-DOM child simply travels with the host. */
  _detach(): void {
    if (!this._observer) return;
    this._observer.disconnect();
    this._observer = undefined;
    removeEventListener('resize', this._sync);
    document.removeEventListener('scroll', this._sync, true);
    this._mountNode.remove();
  }

  /** Re-checks placement after a render (the host may have been re-parented by a framework). */
  _refresh(): void {
    if (this._observer) this._position();
    else if (this._mountNode.parentNode != this._host || !this._area) this._attach();
  }

  /** Moves the node over the area by the measured difference, so any containing block works. */
  private _position(): void {
    const { _mountNode: node, _area: area } = this;
    const style = node.style;
    const target = area!.getBoundingClientRect();
    style.display = target.width && area!.isConnected ? '' : 'none';
    if (style.display) return;
    style.width = `${target.width}px`;
    // The area reserves the iframe's height in our layout.
    if (node.offsetHeight) area!.style.minHeight = `${node.offsetHeight}px`;
    const current = node.getBoundingClientRect();
    style.left = `${parseFloat(style.left) + target.left - current.left}px`;
    style.top = `${parseFloat(style.top) + target.top - current.top}px`;
  }
}
