// Checkout Sessions (placeholder until the full module lands).
import type { Route } from '../router.js';

export const checkoutRoutes: Route[] = [];
