import { unsafeCSS } from 'lit';

// A tag named `css` so the build collapses the whitespace inside; unsafeCSS takes the finished string (it is ours,
// not user input) and spares the bundle Lit's css`` checks.
const css = String.raw;

// Defaults for every custom property live on :host so merchants override them from outside (outer styles on the
// host win over :host rules) and so the card's iframe style, read from the computed values, matches our parts.
// Written tersely on purpose (unquoted attribute values, shared rules): it ships in a size-capped script bundle.
// No prefers-color-scheme block: the element follows the page, not the OS (README "Dark pages" has the variables).
export const styles = unsafeCSS(css`
  :host {
    --ssc-color: #1a1f36;
    --ssc-font-family: system-ui, sans-serif;
    --ssc-font-size: 16px;
    --ssc-placeholder-color: #6b7280;
    --ssc-invalid-color: #b42318;
    --ssc-icon-color: #4b5563;
    --ssc-background: #fff;
    --ssc-field-background: #fff;
    --ssc-border-color: #6b7280;
    --ssc-radius: 6px;
    --ssc-spacing: 12px;
    --ssc-focus-ring: 0 0 0 3px #2563eb;
    --ssc-accent: #1d4ed8;
    --ssc-accent-text: #fff;
    display: block;
    color: var(--ssc-color);
    font-family: var(--ssc-font-family);
    font-size: var(--ssc-font-size);
  }
  :host([hidden]) { display: none; }
  /* Our labels are flex boxes, which would beat the UA's [hidden] rule. */
  [hidden] { display: none !important; }
  form {
    display: grid;
    gap: var(--ssc-spacing);
    padding: var(--ssc-spacing);
    background: var(--ssc-background);
    border-radius: var(--ssc-radius);
  }
  form, p, input { margin: 0; }
  fieldset { border: 0; margin: 0; padding: 0; display: grid; gap: calc(var(--ssc-spacing) / 2); }
  legend { font-weight: 600; padding: 0; margin-bottom: calc(var(--ssc-spacing) / 2); }
  label { display: flex; align-items: center; gap: .5em; cursor: pointer; }
  input { accent-color: var(--ssc-accent); width: 1.1em; height: 1.1em; }
  input:focus-visible, button:focus-visible, p:focus { outline: none; box-shadow: var(--ssc-focus-ring); }
  [part=card], button {
    padding: calc(var(--ssc-spacing) * .8) var(--ssc-spacing);
    border-radius: var(--ssc-radius);
  }
  [part=card] {
    background: var(--ssc-field-background);
    border: 1px solid var(--ssc-border-color);
    min-height: 1.2em;
  }
  .focused { box-shadow: var(--ssc-focus-ring); }
  .invalid { border-color: var(--ssc-invalid-color); }
  [part=disclosure] { font-size: .85em; }
  button {
    font: inherit;
    font-weight: 600;
    border: 0;
    background: var(--ssc-accent);
    color: var(--ssc-accent-text);
    cursor: pointer;
  }
  button:disabled, [aria-disabled=true] { opacity: .6; cursor: not-allowed; }
  [part=try-another] { background: none; color: var(--ssc-accent); border: 1px solid; }
  /* Loading: the field and the button as placeholders; they pulse unless the shopper asked for less motion. */
  .skeleton { background: var(--ssc-border-color); color: transparent; opacity: .3; }
  @media (prefers-reduced-motion: no-preference) { .skeleton { animation: ssc-pulse 1s infinite alternate; } }
  @keyframes ssc-pulse { to { opacity: .15; } }
  [part=error] { color: var(--ssc-invalid-color); }
`);
