// Package entry: registers <stripe-save-card> on import and re-exports the class and its types.
import './define.js';

export { StripeSaveCard } from './element/stripe-save-card.js';
export { registerTranslation } from './element/language.js';
export type * from './element/stripe-save-card.js';
