'use client';
// <StripeSaveCard> for React 19, server rendering included (Next.js App Router, Remix, renderToString + hydrateRoot).
//
// Why a wrapper rather than the bare tag: React 19 applies a custom element's object properties and `on*` listeners
// when it creates the element, but not when it hydrates server HTML, so with the bare tag a server-rendered page never
// hears `ssc-succeeded`. This component renders the string and boolean settings as attributes (the server HTML is
// complete and the element starts from it), then sets the object properties and adds the listeners in a layout
// effect, which runs on hydration too, before the browser paints. It also renders the card's mount node
// (`<form slot="ssc-card">`), which the element adopts instead of appending one that hydration would reject.
//
// This module imports no element code: it runs on the server as is. The package's browser entry for
// `stripe-save-card/react` (index.ts) adds the registration.
import { createElement, useCallback, useLayoutEffect, useRef, type CSSProperties, type ReactNode, type Ref } from 'react';
import type { StripeSaveCard as StripeSaveCardElement } from '../element/stripe-save-card.js';
import type { StripeSaveCardEventMap } from '../element/events.js';

/** Settings sent as attributes (rendered on the server too), by property name → attribute name. */
const ATTRIBUTES = {
  publishableKey: 'publishable-key', intentUrl: 'intent-url', clientSecret: 'client-secret', mode: 'mode',
  confirm: 'confirm', confirmUrl: 'confirm-url', savedCardsUrl: 'saved-cards-url', save: 'save', hideSave: 'hide-save',
  saveUsage: 'save-usage', amount: 'amount', currency: 'currency', paymentMethod: 'payment-method', locale: 'locale',
  disabled: 'disabled', name: 'name',
} as const satisfies { [K in keyof StripeSaveCardElement]?: string };

/** Settings that are objects: properties only, set once the element exists in the browser. */
const PROPERTIES = ['stripe', 'intentBody', 'cardOptions'] as const satisfies ReadonlyArray<keyof StripeSaveCardElement>;

type AttributeName = keyof typeof ATTRIBUTES;
type PropertyName = (typeof PROPERTIES)[number];
type SscEventName = keyof StripeSaveCardEventMap;

/** `ssc-succeeded` → `onSscSucceeded`. */
type HandlerName<E extends string> = E extends `ssc-${infer Rest}` ? `onSsc${PascalCase<Rest>}` : never;
type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

export type StripeSaveCardHandlers = { [E in SscEventName as HandlerName<E>]?: (event: StripeSaveCardEventMap[E]) => void };

export type StripeSaveCardProps = Partial<Pick<StripeSaveCardElement, AttributeName | PropertyName>> & StripeSaveCardHandlers & {
  /** Slotted content: `<span slot="submit-label">`, `save-label`, `disclosure`. */
  children?: ReactNode;
  id?: string;
  className?: string;
  style?: CSSProperties;
  ref?: Ref<StripeSaveCardElement>;
};

const EVENTS: Record<string, SscEventName> = Object.fromEntries(
  (['ready', 'change', 'submit', 'action-required', 'authenticated', 'authentication-failed', 'declined', 'error', 'succeeded'] as const)
    .map((name) => [`onSsc${name.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase())}`, `ssc-${name}` as SscEventName]),
);

/**
 * Events an element sent before this component hydrated it (it starts at upgrade, when the browser bundle defines
 * it, and hydration comes later: `ssc-ready` can come first on a fast page). They are held here, per element, and
 * handed to the handlers when the component takes the element over, in order. Events bubble to the document, so
 * one listener per type, installed when this module loads in a browser, sees them; the server has no document.
 */
const early = new WeakMap<EventTarget, Event[]>();
const claimed = new WeakSet<EventTarget>();
if (typeof document != 'undefined') {
  for (const type of Object.values(EVENTS)) {
    document.addEventListener(type, (event) => {
      const host = event.composedPath()[0]!;
      if (claimed.has(host)) return;
      const held = early.get(host) ?? [];
      early.set(host, [...held, event]);
    }, true);
  }
}

/** The mount node as the element would style it (see src/element/card-mount.ts), so hydration finds it unchanged. */
const MOUNT_NODE = { slot: 'ssc-card', className: 'ssc-card-mount', style: { all: 'unset', display: 'block' } } as const;

export function StripeSaveCard(props: StripeSaveCardProps): ReactNode {
  const { children, ref, id, className, style } = props;
  const element = useRef<StripeSaveCardElement | null>(null);
  // The handlers of the latest render; the listeners added once call through this.
  const handlers = useRef(props);
  handlers.current = props;

  const attributes: Record<string, unknown> = { id, className, style };
  for (const [property, attribute] of Object.entries(ATTRIBUTES)) {
    const value = props[property as AttributeName];
    // Booleans are present or absent, as in HTML; React would write `save="true"` for a custom element.
    attributes[attribute] = typeof value == 'boolean' ? (value ? '' : undefined) : value;
  }

  useLayoutEffect(() => {
    const host = element.current!;
    const call = (event: Event) => {
      const handler = Object.keys(EVENTS).find((name) => EVENTS[name] == event.type) as keyof StripeSaveCardHandlers;
      (handlers.current[handler] as ((event: Event) => void) | undefined)?.(event);
    };
    const types = Object.values(EVENTS);
    for (const type of types) host.addEventListener(type, call);
    claimed.add(host);
    for (const event of early.get(host) ?? []) call(event);
    early.delete(host);
    return () => {
      claimed.delete(host);
      for (const type of types) host.removeEventListener(type, call);
    };
  }, []);

  const objects = PROPERTIES.map((name) => props[name]);
  useLayoutEffect(() => {
    const host = element.current! as unknown as Record<PropertyName, unknown>;
    PROPERTIES.forEach((name, i) => {
      // Unset stays the element's default ({} for the options), as with the bare tag.
      if (objects[i] !== undefined) host[name] = objects[i];
    });
  }, objects); // the values themselves are the dependencies

  const setRef = useCallback((node: StripeSaveCardElement | null) => {
    element.current = node;
    if (typeof ref == 'function') return ref(node);
    if (ref) (ref as { current: StripeSaveCardElement | null }).current = node;
  }, [ref]);

  return createElement('stripe-save-card', { ...attributes, ref: setRef }, createElement('form', MOUNT_NODE), children);
}
