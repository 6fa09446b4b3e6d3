'use client';
// `stripe-save-card/react` in the browser: the component, and the element registered. On a server the package
// resolves this entry to ./component.js alone (export condition `node`), so rendering loads no element code.
import '../define.js';

export { StripeSaveCard } from './component.js';
export type { StripeSaveCardProps, StripeSaveCardHandlers } from './component.js';
