// GET /v1/events and /v1/events/:id.
import type Stripe from 'stripe';
import { resourceMissing } from '../errors.js';
import { page } from '../list.js';
import type { Route } from '../router.js';
import { renderEvent } from '../version-shapes.js';
import { versionRules } from '../api-versions.js';

// An event keeps the shape of the version it was created at (its api_version), whatever version reads it.
const asCreated = (event: Stripe.Event) => (event.api_version && versionRules(event.api_version).chargesListed ? renderEvent(event, event.api_version!) : event);

export const eventRoutes: Route[] = [
  {
    method: 'GET', pattern: '/v1/events', access: 'secret',
    handle: ({ ctx, params }) => {
      const type = params.str('type');
      const types = params.list('types');
      params.ignore('created', 'delivery_success');
      const matches = (eventType: string) => {
        const wanted = types ?? (type ? [type] : undefined);
        // `payment_intent.*` style wildcards, as Stripe accepts in `type`.
        return !wanted || wanted.some((w) => (w.endsWith('.*') ? eventType.startsWith(w.slice(0, -1)) : w === eventType));
      };
      // One exact type reads its index; wildcards and `types` filter the newest events until a page is full.
      const exact = !types && type && !type.endsWith('.*') ? type : undefined;
      const listing = exact ? ctx.state.events.listing('type', exact) : ctx.state.events.listing();
      const list = page(listing, params, '/v1/events', (event) => (matches(event.type) ? asCreated(event) : undefined));
      params.done();
      return list;
    },
  },
  {
    method: 'GET', pattern: '/v1/events/:id', access: 'secret',
    handle: ({ ctx, params, path }) => {
      params.done();
      const event = ctx.state.events.get(path.id!);
      if (!event) throw resourceMissing('event', path.id!);
      return asCreated(event);
    },
  },
];
