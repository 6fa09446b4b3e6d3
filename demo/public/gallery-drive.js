// What both tags' tile drivers do to Stripe's (fake) iframe: type the way the frame receives it from a person, one
// field at a time (value, then an input event), and wait for one of the element's events.

/** Types `value` into the field named `name` (Stripe's input names) in `doc`, the iframe's document. */
export function typeInto(doc, name, value) {
  const input = doc.querySelector(`[name="${name}"]`);
  if (!input) throw new Error(`The tile's Stripe field ${name} is not there.`);
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
}

export const once = (element, name) => new Promise((resolve) => element.addEventListener(name, resolve, { once: true }));
