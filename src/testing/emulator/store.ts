// A bounded, indexed home for one kind of object (customers, PaymentIntents, events, ...). Routes use it like a Map
// (get / set / delete / values). What it adds keeps a long test run flat: a cap with eviction (finished records
// first, least recently finished first, then the oldest pending ones) and per-field indexes kept in creation order,
// so a list reads one page of the records it names instead of every record.

export interface StoreOptions<T> {
  /** Most records kept. Past it, `settle()` evicts. */
  limit: number;
  /** A finished record (a succeeded intent, a spent card) is evicted before any pending one. Default: none is. */
  finished?: (record: T) => boolean;
  /** Index name → the key a record is listed under (undefined or null: not listed), e.g. `customer`. */
  indexes?: Record<string, (record: T) => string | null | undefined>;
  /** Called for each evicted record (not for `delete`), to drop what only made sense with it. */
  onEvict?: (id: string, record: T) => void;
}

/** Records of one listing (all, or one index bucket), read-only, as list.ts pages through them. */
export interface Listing<T> {
  /** Newest first, after the record `after` when given; undefined when `after` is not in this listing. */
  newestFirst(after?: string): Iterable<T> | undefined;
  /** Oldest first, after the record `after`; undefined when `after` is not in this listing. */
  oldestFirst(after: string): Iterable<T> | undefined;
}

interface Entry<T> {
  readonly id: string;
  record: T;
  /** Creation order within the store: listings are sorted by it. */
  readonly seq: number;
  finished: boolean;
  /** The key this entry is filed under in each index, by index position. */
  keys: Array<string | undefined>;
  /** Links in its eviction queue. */
  prev?: Entry<T>;
  next?: Entry<T>;
}

export class Store<T> {
  readonly limit: number;
  /** Pending records this says are still needed are never evicted (finished ones are, as usual). */
  keep: ((id: string) => boolean) | undefined;
  readonly #isFinished: (record: T) => boolean;
  readonly #indexers: Array<(record: T) => string | null | undefined> = [];
  readonly #indexPositions = new Map<string, number>();
  readonly #onEvict: ((id: string, record: T) => void) | undefined;
  readonly #entries = new Map<string, Entry<T>>();
  /** Every entry, oldest first. */
  readonly #order = new SeqList<Entry<T>>((entry) => this.#entries.get(entry.id) === entry);
  /** Eviction queues: finished entries in the order they finished, then pending ones oldest first. */
  readonly #finishedQueue = new Queue<Entry<T>>();
  readonly #pendingQueue = new Queue<Entry<T>>();
  /** Per index: key → entries filed under it, oldest first. */
  readonly #buckets: Array<Map<string, SeqList<Entry<T>>>> = [];
  /** Entries handed out since the last settle: a route may have changed their status or indexed fields. */
  readonly #touched = new Set<Entry<T>>();
  #nextSeq = 0;

  constructor(options: StoreOptions<T>) {
    this.limit = options.limit;
    this.#isFinished = options.finished ?? (() => false);
    for (const [name, keyOf] of Object.entries(options.indexes ?? {})) {
      this.#indexPositions.set(name, this.#indexers.length);
      this.#indexers.push(keyOf);
      this.#buckets.push(new Map());
    }
    this.#onEvict = options.onEvict;
  }

  get size(): number {
    return this.#entries.size;
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  get(id: string): T | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    this.#touched.add(entry);
    return entry.record;
  }

  set(id: string, record: T): this {
    const existing = this.#entries.get(id);
    if (existing) {
      existing.record = record;
      this.#refresh(existing);
      this.#touched.add(existing);
      return this;
    }
    const entry: Entry<T> = { id, record, seq: this.#nextSeq++, finished: false, keys: [] };
    this.#entries.set(id, entry);
    this.#order.add(entry);
    this.#pendingQueue.push(entry);
    this.#refresh(entry);
    this.#touched.add(entry);
    return this;
  }

  delete(id: string): boolean {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    this.#remove(entry);
    return true;
  }

  /** Every record, oldest first. Routes may change what they iterate, so each is re-checked at settle. */
  *values(): IterableIterator<T> {
    for (const entry of this.#order.snapshot()) {
      this.#touched.add(entry);
      yield entry.record;
    }
  }

  /** All records, or those filed under `key` in `index`. Reading a listing touches nothing. */
  listing(index?: string, key?: string): Listing<T> {
    let list: SeqList<Entry<T>> | undefined = this.#order;
    if (index !== undefined) {
      const position = this.#indexPositions.get(index);
      if (position === undefined) throw new Error(`Store has no index named ${index}`);
      list = key === undefined ? undefined : this.#buckets[position]!.get(key);
    }
    const find = (id: string) => {
      const entry = this.#entries.get(id);
      return entry && list ? list.position(entry) : -1;
    };
    return {
      newestFirst: (after) => {
        if (!list) return after === undefined ? [] : undefined;
        const from = after === undefined ? list.length : find(after);
        return from === -1 ? undefined : mapRecords(list.walk(from, -1));
      },
      oldestFirst: (after) => {
        const from = find(after);
        return from === -1 ? undefined : mapRecords(list!.walk(from, +1));
      },
    };
  }

  /**
   * After a request: re-reads the status and indexed fields of every record handed out since the last settle,
   * then evicts down to the limit. Called by the dispatcher, so a route never sees a record vanish mid-request.
   */
  settle(): void {
    for (const entry of this.#touched) if (this.#entries.get(entry.id) === entry) this.#refresh(entry);
    this.#touched.clear();
    let firstKept: Entry<T> | undefined;
    while (this.#entries.size > this.limit) {
      const victim = this.#finishedQueue.first() ?? this.#pendingQueue.first();
      if (!victim || victim === firstKept) break;
      // A pending record someone still needs (an open intent a shop's checkout references) goes to the back instead:
      // when every pending record is kept, the store stays over its cap rather than losing one.
      if (!victim.finished && this.keep?.(victim.id)) {
        firstKept ??= victim;
        this.#pendingQueue.remove(victim);
        this.#pendingQueue.push(victim);
        continue;
      }
      const { id, record } = victim;
      this.#remove(victim);
      this.#onEvict?.(id, record);
    }
  }

  #refresh(entry: Entry<T>): void {
    const finished = this.#isFinished(entry.record);
    if (finished !== entry.finished) {
      (entry.finished ? this.#finishedQueue : this.#pendingQueue).remove(entry);
      entry.finished = finished;
      (finished ? this.#finishedQueue : this.#pendingQueue).push(entry);
    }
    this.#indexers.forEach((keyOf, i) => {
      const raw = keyOf(entry.record);
      const key = typeof raw === 'string' ? raw : undefined;
      const old = entry.keys[i];
      if (key === old) return;
      entry.keys[i] = key;
      if (old !== undefined) this.#unfile(i, old);
      if (key !== undefined) this.#file(i, key, entry);
    });
  }

  #file(index: number, key: string, entry: Entry<T>): void {
    const buckets = this.#buckets[index]!;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = new SeqList<Entry<T>>((e) => this.#entries.get(e.id) === e && e.keys[index] === key);
      buckets.set(key, bucket);
    }
    bucket.add(entry);
  }

  /** Called once the entry no longer belongs under `key` (its keys already say so). */
  #unfile(index: number, key: string): void {
    const buckets = this.#buckets[index]!;
    const bucket = buckets.get(key);
    if (bucket && bucket.dropped() === 0) buckets.delete(key);
  }

  #remove(entry: Entry<T>): void {
    this.#entries.delete(entry.id);
    this.#touched.delete(entry);
    (entry.finished ? this.#finishedQueue : this.#pendingQueue).remove(entry);
    this.#order.dropped();
    entry.keys.forEach((key, i) => {
      if (key !== undefined) this.#unfile(i, key);
    });
    // A tombstone may linger in a listing until the next sweep: it must not keep the record alive.
    entry.record = undefined as T;
  }
}

function* mapRecords<T>(entries: Iterable<Entry<T>>): Iterable<T> {
  for (const entry of entries) yield entry.record;
}

/**
 * Entries sorted by seq. A dropped entry stays as a tombstone that reads skip (`holds` says whether an entry still
 * belongs); tombstones are swept once they outnumber the live entries, so drops cost O(1) amortized.
 */
class SeqList<E extends { seq: number }> {
  #items: E[] = [];
  #live = 0;

  constructor(private readonly holds: (entry: E) => boolean) {}

  /** Raw length including tombstones: walk positions run below it. */
  get length(): number {
    return this.#items.length;
  }

  add(entry: E): void {
    const items = this.#items;
    if (items.length === 0 || items[items.length - 1]!.seq < entry.seq) items.push(entry);
    else {
      const at = lowerBound(items, entry.seq);
      // The same entry may come back under a key it left (a card detached, then attached again).
      if (items[at] !== entry) items.splice(at, 0, entry);
    }
    this.#live++;
  }

  /** One entry stopped belonging (the caller already changed what `holds` reads); returns the live count. */
  dropped(): number {
    this.#live--;
    if (this.#items.length > 32 && this.#live * 2 < this.#items.length) this.#items = this.#items.filter(this.holds);
    return this.#live;
  }

  /** Raw position of a live entry, or -1. */
  position(entry: E): number {
    const at = lowerBound(this.#items, entry.seq);
    return this.#items[at] === entry && this.holds(entry) ? at : -1;
  }

  /** Live entries from (not including) raw position `from`, going down (-1) or up (+1). */
  *walk(from: number, step: 1 | -1): Iterable<E> {
    const items = this.#items;
    for (let i = from + step; i >= 0 && i < items.length; i += step) {
      const entry = items[i]!;
      if (this.holds(entry)) yield entry;
    }
  }

  snapshot(): E[] {
    return this.#items.filter(this.holds);
  }
}

/** A FIFO of entries linked through their own prev/next, so removing any entry is O(1). */
class Queue<E extends { prev?: E; next?: E }> {
  #head: E | undefined;
  #tail: E | undefined;

  first(): E | undefined {
    return this.#head;
  }

  push(entry: E): void {
    entry.prev = this.#tail;
    entry.next = undefined;
    if (this.#tail) this.#tail.next = entry;
    else this.#head = entry;
    this.#tail = entry;
  }

  remove(entry: E): void {
    if (entry.prev) entry.prev.next = entry.next;
    else if (this.#head === entry) this.#head = entry.next;
    else return;
    if (entry.next) entry.next.prev = entry.prev;
    else this.#tail = entry.prev;
    entry.prev = entry.next = undefined;
  }
}

/** First position whose seq is >= `seq` (items are sorted by seq). */
function lowerBound(items: ReadonlyArray<{ seq: number }>, seq: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid]!.seq < seq) low = mid + 1;
    else high = mid;
  }
  return low;
}
