// Route table: method + path pattern (`/v1/payment_intents/:id/confirm`) → handler, with who may call it.
import type { Context } from './context.js';
import type { Params } from './params.js';

/**
 * `secret`: server routes (sk only). `either`: Stripe.js routes (sk, or pk — with the intent's client secret
 * where the route reads one). `action`: the emulator's own pages' actions (pk or sk). `open`: read-only summaries
 * for pages an adapter renders (any valid key, or none).
 */
export type Access = 'secret' | 'either' | 'action' | 'open';

export interface RouteRequest {
  ctx: Context;
  params: Params;
  /** Path parameters, already URL-decoded. */
  path: Record<string, string>;
  /** The `expand[]` paths asked for (already checked against the route's list). */
  expand: readonly string[];
}

export interface RouteReply {
  status?: number;
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: string;
  access: Access;
  /** Paths `expand[]` may name on this route. */
  expand?: readonly string[];
  handle(request: RouteRequest): RouteReply | unknown;
}

interface CompiledRoute extends Route {
  segments: string[];
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(...routes: Route[]): this {
    for (const route of routes) this.routes.push({ ...route, segments: route.pattern.split('/').filter(Boolean) });
    return this;
  }

  /** The route for `method` + decoded path segments, or why none matched. */
  match(method: string, segments: string[]): { route: CompiledRoute; path: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const path: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const want = route.segments[i]!;
        if (want.startsWith(':')) path[want.slice(1)] = segments[i]!;
        else ok = want === segments[i];
      }
      if (ok) return { route, path };
    }
    return undefined;
  }
}
