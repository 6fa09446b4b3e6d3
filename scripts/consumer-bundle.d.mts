/**
 * The consumer's bundle of `source` (default: the main entry), as esbuild writes it (run `npm run build` first: the
 * package resolves to dist/).
 */
export function bundleLikeAConsumer(source?: string): Promise<Uint8Array>;
