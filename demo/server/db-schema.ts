// The database's shape: row types, the schema and its migrations, and the row → Order mapping.
import type Database from 'better-sqlite3';

export type OrderKind = 'payment' | 'setup' | 'off_session';
export type OrderStatus =
  | 'pending' | 'requires_action' | 'requires_customer_action' | 'failed'
  // `authorized`: the intent is requires_capture (money held, not taken); only `succeeded` makes an order `paid`.
  | 'authorized' | 'paid' | 'saved'
  // After payment: Stripe refunded all or part of the charge, or the cardholder disputed it.
  | 'refunded' | 'partially_refunded' | 'disputed';

export interface Order {
  id: string;
  kind: OrderKind;
  status: OrderStatus;
  amount: number;
  currency: string;
  items: { sku: string; quantity: number }[];
  customerId: string;
  intentId: string | null;
  paymentMethodId: string | null;
  save: boolean;
  failureCode: string | null;
  declineCode: string | null;
  failureMessage: string | null;
  createdAt: number;
  updatedAt: number;
  /** When reconciliation last read its intent back from Stripe, if ever. */
  checkedAt: number | null;
  /** The element's checkout id this order answers (retries of the checkout find it), if it sent one. */
  checkoutId: string | null;
}

export interface OrderHistoryEntry {
  status: OrderStatus;
  /**
   * Who moved the order: `server` (our own call to Stripe answered), `webhook` (a verified event), `reconcile` (the
   * intent read back from Stripe), `success_page`. An entry whose status did not change is a note, e.g. a mismatch.
   */
  source: string;
  note: string | null;
  at: number;
}

export interface OrderRow {
  id: string;
  kind: OrderKind;
  status: OrderStatus;
  amount: number;
  currency: string;
  items: string;
  customer_id: string;
  intent_id: string | null;
  payment_method_id: string | null;
  save: number;
  failure_code: string | null;
  decline_code: string | null;
  failure_message: string | null;
  created_at: number;
  updated_at: number;
  checked_at: number | null;
  checkout_id?: string | null;
}

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,               -- a shopper's session id (the signed cookie's value before the dot)
  customer_id TEXT NOT NULL,         -- the Stripe customer bound to it, made on the shopper's first need
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS customers (
  account TEXT PRIMARY KEY,          -- 'emulator' or 'stripe:<key suffix>': one demo customer per Stripe account
  stripe_customer_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  items TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  intent_id TEXT,
  payment_method_id TEXT,
  save INTEGER NOT NULL DEFAULT 0,
  failure_code TEXT,
  decline_code TEXT,
  failure_message TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_intent ON orders(intent_id);
CREATE TABLE IF NOT EXISTS order_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id TEXT NOT NULL REFERENCES orders(id),
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  note TEXT,
  at INTEGER NOT NULL,
  attempt TEXT                       -- a failure's attempt (Failure.attempt), so each failed attempt is recorded once
);
CREATE TABLE IF NOT EXISTS webhook_events (
  id TEXT PRIMARY KEY,               -- Stripe's event id: a retried delivery carries the same id
  type TEXT NOT NULL,
  object_id TEXT,
  outcome TEXT NOT NULL,
  processed_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT,
  type TEXT,
  result TEXT NOT NULL,              -- processed | duplicate | fault | bad_signature | error
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS card_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  payment_method_id TEXT NOT NULL,
  type TEXT NOT NULL,
  brand TEXT,
  last4 TEXT,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS checkout_sessions (
  id TEXT PRIMARY KEY,
  setup_intent_id TEXT,
  payment_method_id TEXT,
  completed_by TEXT NOT NULL,        -- success_page | webhook: whichever got there first
  at INTEGER NOT NULL
);
`;

export function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    items: JSON.parse(row.items) as Order['items'],
    customerId: row.customer_id,
    intentId: row.intent_id,
    paymentMethodId: row.payment_method_id,
    save: row.save === 1,
    failureCode: row.failure_code,
    declineCode: row.decline_code,
    failureMessage: row.failure_message,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    checkedAt: row.checked_at ?? null,
    checkoutId: row.checkout_id ?? null,
  };
}

export interface NewOrder {
  kind: OrderKind;
  amount: number;
  currency: string;
  items: Order['items'];
  customerId: string;
  save: boolean;
  paymentMethodId?: string | null;
  checkoutId?: string | null;
}

export interface Failure {
  code: string | null;
  declineCode: string | null;
  message: string | null;
  /**
   * Which attempt failed (the failed charge's id, else the PaymentMethod and code): a second decline on the same
   * intent is a new entry, while the same failure reported again (its webhook after our own confirm's answer, a
   * retried event, a read-back) is recorded once. Null when Stripe gave nothing to tell attempts apart.
   */
  attempt?: string | null;
}

/** Creates the tables, and adds what later releases added to databases created before them. */
export function migrate(db: Database.Database): void {
  db.exec(SCHEMA);
  const hasColumn = (table: string, name: string) => db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().some((column) => column.name === name);
  if (!hasColumn('orders', 'checked_at')) db.exec('ALTER TABLE orders ADD COLUMN checked_at INTEGER');
  if (!hasColumn('order_history', 'attempt')) db.exec('ALTER TABLE order_history ADD COLUMN attempt TEXT');
  // The element's checkout id: a retried request of the same checkout finds its order instead of making another.
  if (!hasColumn('orders', 'checkout_id')) db.exec('ALTER TABLE orders ADD COLUMN checkout_id TEXT');
  db.exec('CREATE UNIQUE INDEX IF NOT EXISTS orders_checkout ON orders(customer_id, kind, checkout_id) WHERE checkout_id IS NOT NULL');
  db.exec('CREATE INDEX IF NOT EXISTS order_history_order ON order_history(order_id)');
}
