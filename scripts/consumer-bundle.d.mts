/** The consumer's bundle, as esbuild writes it (run `npm run build` first: the package resolves to dist/). */
export function bundleLikeAConsumer(): Promise<Uint8Array>;
