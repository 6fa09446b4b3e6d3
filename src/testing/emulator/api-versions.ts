// Stripe API versions: every one Stripe released is answered, newer well-formed ones get the newest behaviour the
// emulator knows, and anything else is Stripe's 400 "Invalid Stripe API version". Also the behaviour that changed
// between versions (versionRules).
import { invalidRequest } from './errors.js';

// Every version Stripe lists (its changelog's dated versions, and stripe-node 23.2's WebhookEndpoint `api_version`
// enum, which names the same ones plus 2011-01-01, 2011-11-17 and 2012-06-28). From 2024-09-30 each carries its
// release train's name (acacia, basil, ...); `2025-03-01.dashboard` is one Stripe's Dashboard pins.
const RELEASED = `2011-01-01 2011-06-21 2011-06-28 2011-08-01 2011-09-15 2011-11-17 2012-02-23 2012-03-25 2012-06-18 2012-06-28
2012-07-09 2012-09-24 2012-10-26 2012-11-07 2013-02-11 2013-02-13 2013-07-05 2013-08-12 2013-08-13 2013-10-29 2013-12-03 2014-01-31
2014-03-13 2014-03-28 2014-05-19 2014-06-13 2014-06-17 2014-07-22 2014-07-26 2014-08-04 2014-08-20 2014-09-08 2014-10-07 2014-11-05
2014-11-20 2014-12-08 2014-12-17 2014-12-22 2015-01-11 2015-01-26 2015-02-10 2015-02-16 2015-02-18 2015-03-24 2015-04-07 2015-06-15
2015-07-07 2015-07-13 2015-07-28 2015-08-07 2015-08-19 2015-09-03 2015-09-08 2015-09-23 2015-10-01 2015-10-12 2015-10-16 2016-02-03
2016-02-19 2016-02-22 2016-02-23 2016-02-29 2016-03-07 2016-06-15 2016-07-06 2016-10-19 2017-01-27 2017-02-14 2017-04-06 2017-05-25
2017-06-05 2017-08-15 2017-12-14 2018-01-23 2018-02-05 2018-02-06 2018-02-28 2018-05-21 2018-07-27 2018-08-23 2018-09-06 2018-09-24
2018-10-31 2018-11-08 2019-02-11 2019-02-19 2019-03-14 2019-05-16 2019-08-14 2019-09-09 2019-10-08 2019-10-17 2019-11-05 2019-12-03
2020-03-02 2020-08-27 2022-08-01 2022-11-15 2023-08-16 2023-10-16 2024-04-10 2024-06-20
2024-09-30.acacia 2024-10-28.acacia 2024-11-20.acacia 2024-12-18.acacia 2025-01-27.acacia 2025-02-24.acacia 2025-03-01.dashboard
2025-03-31.basil 2025-04-30.basil 2025-05-28.basil 2025-06-30.basil 2025-07-30.basil 2025-08-27.basil
2025-09-30.clover 2025-10-29.clover 2025-11-17.clover 2025-12-15.clover 2026-01-28.clover 2026-02-25.clover
2026-03-25.dahlia 2026-04-22.dahlia 2026-05-27.dahlia 2026-06-24.dahlia 2026-07-29.dahlia 2026-08-26.dahlia
2026-09-30.endive 2026-10-28.endive 2026-11-18.endive`;

/** Every API version Stripe has released, oldest first, as Stripe spells them. */
export const API_VERSIONS: readonly string[] = Object.freeze(RELEASED.split(/\s+/));

/** The newest version the emulator knows (stripe-node 23.2's pinned one): the account's default, and what newer versions get. */
export const NEWEST_API_VERSION = API_VERSIONS.at(-1)!;

/** The account's version when none is configured. */
export const DEFAULT_API_VERSION = NEWEST_API_VERSION;

/** Response header naming the known version whose behaviour answered a version newer than the emulator knows. */
export const VERSION_SERVED_HEADER = 'stripe-emulator-version-served';

/** Release date → the name Stripe spells it with (`2024-09-30` → `2024-09-30.acacia`). */
const BY_DATE = new Map(API_VERSIONS.map((version) => [version.slice(0, 10), version]));
const NEWEST_DATE = NEWEST_API_VERSION.slice(0, 10);

/** How far past its clock a version date may lie and still be taken for a release the emulator hasn't heard of. */
const FUTURE_SLACK_DAYS = 45;

export interface ResolvedVersion {
  /** The version the answer is written in, as Stripe names it (`2024-09-30` is answered as `2024-09-30.acacia`). */
  version: string;
  /** True when the version is newer than any the emulator knows: it gets NEWEST_API_VERSION's behaviour. */
  unknown: boolean;
}

const WELL_FORMED = /^(\d{4})-(\d{2})-(\d{2})(?:\.([a-z]+))?$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Stripe's message, then a short reminder of what exists (the whole list is 130 versions long). */
function invalidVersion(shown: string, hint = ''): never {
  throw invalidRequest(
    `Invalid Stripe API version: ${shown}.${hint} Stripe's versions are dated, from ${API_VERSIONS[0]} to ${NEWEST_API_VERSION} (the newest this emulator knows), e.g. 2020-08-27 or ${NEWEST_API_VERSION}.`,
  );
}

/**
 * Reads a Stripe-Version value (beta flags after a `;`, as in `2026-10-28.endive; custom_checkout_beta=v1`, are
 * allowed and ignored). A released version, with or without its train's name, is itself; a well-formed version dated
 * after the newest known (up to 45 days past `today`) is answered as the newest known; anything else is Stripe's 400.
 */
export function resolveApiVersion(text: string, today: Date = new Date()): ResolvedVersion {
  const shown = text.slice(0, 100);
  const requested = text.split(';')[0]!.trim();
  const match = WELL_FORMED.exec(requested);
  if (!match) invalidVersion(shown);
  const [, year, month, day, train] = match;
  const date = `${year}-${month}-${day}`;
  const known = BY_DATE.get(date);
  if (known) {
    const knownTrain = known.split('.')[1];
    if (train !== undefined && train !== knownTrain) {
      invalidVersion(shown, knownTrain ? ` The version released on ${date} is ${known}.` : ` ${date} has no release name: send ${date}.`);
    }
    return { version: known, unknown: false };
  }
  if (date < NEWEST_DATE) invalidVersion(shown, ` Stripe released no version on ${date}.`);
  const latest = new Date(today.getTime() + FUTURE_SLACK_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (!isCalendarDate(Number(year), Number(month), Number(day)) || date > latest) invalidVersion(shown, ` ${date} is not a release date.`);
  return { version: requested, unknown: true };
}

/** The version a request is answered in: its Stripe-Version header, or the account's when it sends none. */
export function checkApiVersion(header: string | undefined, accountVersion: ResolvedVersion, today?: Date): ResolvedVersion {
  return header ? resolveApiVersion(header, today) : accountVersion;
}

/** What the requested version changes in the emulated behaviour. Versions newer than the emulator knows get the newest rules. */
export function versionRules(version: string) {
  const date = version.slice(0, 10);
  return {
    /** Before 2022-11-15: a PaymentIntent carries `charges` (a list) instead of `latest_charge`, a Charge carries `refunds`. */
    chargesListed: date < '2022-11-15',
    /** 2023-08-16: PaymentIntents and SetupIntents use automatic payment methods unless told otherwise (then confirm wants a return_url). */
    automaticPaymentMethodsByDefault: date >= '2023-08-16',
    /** 2024-04-10: capture_method defaults to automatic_async. */
    defaultCaptureMethod: (date >= '2024-04-10' ? 'automatic_async' : 'automatic') as 'automatic' | 'automatic_async',
    /** 2026-09-30.endive: payment_method_types gave way to allowed_payment_method_types in create/update/confirm params. */
    paymentMethodTypesParam: date < '2026-09-30',
    /** 2026-03-25.dahlia: Checkout's ui_mode values hosted / embedded became hosted_page / embedded_page. */
    checkoutUiModes: (date >= '2026-03-25' ? { hosted: 'hosted_page', embedded: 'embedded_page' } : { hosted: 'hosted', embedded: 'embedded' }) as { hosted: string; embedded: string },
  };
}
