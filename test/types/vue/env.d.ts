// What a Vue app writes once to type its templates: the package's Vue declarations.
import type {} from '../../../src/types/vue.js';
