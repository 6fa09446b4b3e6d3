// POST /gallery/hold: never answers (until the browser gives up or leaves), so the gallery's "processing" tile
// stays in that state for designers to look at. It touches no Stripe object and no order.
import type { RequestContext } from '../http.js';
import type { AppContext } from '../context.js';

const MAX_HOLD_MS = 10 * 60_000;

export function holdRequest(_app: AppContext, ctx: RequestContext): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ctx.res.writeHead(503, { 'Content-Type': 'application/json' });
      ctx.res.end(JSON.stringify({ error: { message: 'The gallery hold ended.', code: 'gallery_hold' } }));
      resolve();
    }, MAX_HOLD_MS);
    ctx.req.socket.once('close', () => { clearTimeout(timer); resolve(); });
  });
}
