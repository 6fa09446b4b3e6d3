// GET /v1/mandates/:id: the SEPA Debit mandates confirms create (see local-methods.ts).
import type { Route } from '../router.js';
import { resourceMissing } from '../errors.js';

export const mandateRoutes: Route[] = [
  {
    method: 'GET', pattern: '/v1/mandates/:id', access: 'secret', expand: ['payment_method'],
    handle: ({ ctx, params, path }) => {
      params.done();
      const mandate = ctx.state.mandates.get(path.id!);
      if (!mandate) throw resourceMissing('mandate', path.id!);
      return mandate;
    },
  },
];
