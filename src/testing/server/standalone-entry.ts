// Entry of the /v3/ script: installs the fake Stripe.js pointed at the emulator that served this script.
// `document.currentScript` is the <script src=".../v3/"> tag while the IIFE runs, so its origin is the API base;
// the server also prepends `__stripeSaveCardEmulatorUrl` for scripts evaluated without a tag.
import { installFakeStripe } from '../browser/index.js';

const tag = document.currentScript as HTMLScriptElement | null;
const fallback = (globalThis as { __stripeSaveCardEmulatorUrl?: string }).__stripeSaveCardEmulatorUrl;
const apiBase = tag?.src ? new URL(tag.src).origin : fallback;
if (!apiBase) throw new Error('stripe-save-card emulator: cannot tell which server served /v3/ (no document.currentScript).');
installFakeStripe({ apiBase });
