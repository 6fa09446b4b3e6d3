// Registers <stripe-save-card>. Import this (or the package root) for the side effect; import
// `stripe-save-card/element` for the class alone.
import { StripeSaveCard } from './element/stripe-save-card.js';

StripeSaveCard.define();
