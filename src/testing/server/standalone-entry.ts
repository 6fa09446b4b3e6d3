// Entry of the /v3/ script: installs the fake Stripe.js with its API host derived from the script's own URL, like
// real Stripe.js: served for Stripe's script host (a test intercepting Stripe's hosts), it calls Stripe's API host;
// served by the emulator, it calls the emulator. `document.currentScript` is the <script src> tag while the
// IIFE runs; the server also prepends `__stripeSaveCardEmulatorUrl` for scripts evaluated without a tag.
import { apiBaseForScript, installFakeStripe } from '../browser/index.js';

const tag = document.currentScript as HTMLScriptElement | null;
const fallback = (globalThis as { __stripeSaveCardEmulatorUrl?: string }).__stripeSaveCardEmulatorUrl;
const scriptUrl = tag?.src || fallback;
if (!scriptUrl) throw new Error('stripe-save-card emulator: cannot tell where the fake Stripe.js was loaded from (no document.currentScript).');
installFakeStripe({ apiBase: apiBaseForScript(scriptUrl) });
