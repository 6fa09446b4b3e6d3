// Stripe API versions: which ones the emulator answers, and the behaviour that changed between them.
// Stripe refuses a version it never released (400 "Invalid Stripe API version"); the emulator also refuses,
// with its own message, real versions older than the ones it emulates, rather than answer them in a newer shape.
import { invalidRequest } from './errors.js';

/** stripe-node 23's pinned version: what a request without a Stripe-Version header gets. */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

/** Every version from 2022-11-15 (the first stripe-node pinned) to the newest stripe-node 23 knows. */
export const EMULATED_API_VERSIONS: readonly string[] = [
  '2022-11-15', '2023-08-16', '2023-10-16', '2024-04-10', '2024-06-20',
  '2024-09-30.acacia', '2024-10-28.acacia', '2024-11-20.acacia', '2024-12-18.acacia', '2025-01-27.acacia', '2025-02-24.acacia',
  '2025-03-31.basil', '2025-04-30.basil', '2025-05-28.basil', '2025-06-30.basil', '2025-07-30.basil', '2025-08-27.basil',
  '2025-09-30.clover', '2025-10-29.clover', '2025-11-17.clover', '2025-12-15.clover', '2026-01-28.clover', '2026-02-25.clover',
  '2026-03-25.dahlia', '2026-04-22.dahlia', '2026-05-27.dahlia', '2026-06-24.dahlia', '2026-07-29.dahlia', '2026-08-26.dahlia',
  '2026-09-30.endive', '2026-10-28.endive',
];

// Stripe's dated versions before 2022-11-15 (its changelog lists them): real, but not emulated.
const OLDER_VERSIONS = new Set(`2022-08-01 2020-08-27 2020-03-02 2019-12-03 2019-11-05 2019-10-17 2019-10-08 2019-09-09 2019-08-14
2019-05-16 2019-03-14 2019-02-19 2019-02-11 2018-11-08 2018-10-31 2018-09-24 2018-09-06 2018-08-23 2018-07-27 2018-05-21
2018-02-28 2018-02-06 2018-02-05 2018-01-23 2017-12-14 2017-08-15 2017-06-05 2017-05-25 2017-04-06 2017-02-14 2017-01-27
2016-10-19 2016-07-06 2016-06-15 2016-03-07 2016-02-29 2016-02-23 2016-02-22 2016-02-19 2016-02-03 2015-10-16 2015-10-12
2015-10-01 2015-09-23 2015-09-08 2015-09-03 2015-08-19 2015-08-07 2015-07-28 2015-07-13 2015-07-07 2015-06-15 2015-04-07
2015-03-24 2015-02-18 2015-02-16 2015-02-10 2015-01-26 2015-01-11 2014-12-22 2014-12-17 2014-12-08 2014-11-20 2014-11-05
2014-10-07 2014-09-08 2014-08-20 2014-08-04 2014-07-26 2014-07-22 2014-06-17 2014-06-13 2014-05-19 2014-03-28 2014-03-13
2014-01-31 2013-12-03 2013-10-29 2013-08-13 2013-08-12 2013-07-05 2013-02-13 2013-02-11 2012-11-07 2012-10-26 2012-09-24
2012-07-09 2012-06-18 2012-03-25 2012-02-23 2011-09-15 2011-08-01 2011-06-28 2011-06-21`.split(/\s+/));

const EMULATED = new Set(EMULATED_API_VERSIONS);

/**
 * The version a request asks for (default when it names none), or Stripe's 400. Beta flags after a `;`
 * (`2026-10-28.endive; custom_checkout_beta=v1`) are allowed and ignored.
 */
export function checkApiVersion(header: string | undefined): string {
  if (!header) return DEFAULT_API_VERSION;
  const version = header.split(';')[0]!.trim();
  if (EMULATED.has(version)) return version;
  const shown = header.slice(0, 100);
  if (OLDER_VERSIONS.has(version)) {
    throw invalidRequest(`Stripe-Version ${shown} is a real Stripe API version, but the emulator answers only ${EMULATED_API_VERSIONS[0]} and later (newest: ${DEFAULT_API_VERSION}). Send a newer Stripe-Version.`);
  }
  throw invalidRequest(`Invalid Stripe API version: ${shown}`);
}

/** The version's release date, for comparing with the dates behaviour changed on. */
const releaseDate = (version: string) => version.slice(0, 10);

/** What the requested version changes in the emulated behaviour. */
export function versionRules(version: string) {
  const date = releaseDate(version);
  return {
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
