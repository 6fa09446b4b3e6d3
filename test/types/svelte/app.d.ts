// What a Svelte app writes once to type its templates: the package's Svelte declarations.
import type {} from '../../../src/types/svelte.js';
