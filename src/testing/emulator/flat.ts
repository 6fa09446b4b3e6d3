// Strings built by `+`, template literals or JSON.stringify may be ropes (a tree of pieces, ~32 bytes a node).
// For strings the emulator keeps for a long time (stored answers, map keys), one flat copy is about half the memory.

/** Makes the engine lay a rope string out flat in place: reading it as a number walks it once, and it stays flat. */
export function flat(text: string): string {
  void Number(text);
  return text;
}
