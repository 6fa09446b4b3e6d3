// Stripe's error envelope `{ error: { type, code?, decline_code?, message, param?, ... } }` and the handful of
// errors every route needs. Handlers throw `ApiError`; the dispatcher turns it into the HTTP answer.

export type StripeErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error'
  | 'rate_limit_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  code?: string;
  decline_code?: string;
  message: string;
  param?: string;
  /** Stripe's page for `code`, for the codes Stripe documents. */
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  setup_intent?: unknown;
  payment_method?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

// Codes with a page under docs.stripe.com/error-codes (the emulator's own codes, such as
// checkout_session_not_open, have none and get no doc_url).
const DOCUMENTED_CODES = new Set([
  'amount_too_large', 'amount_too_small', 'authentication_required', 'card_declined', 'charge_already_captured',
  'charge_already_refunded', 'email_invalid', 'expired_card', 'idempotency_key_in_use', 'incorrect_cvc', 'incorrect_number',
  'invalid_cvc', 'invalid_expiry_month', 'invalid_expiry_year', 'invalid_number', 'parameter_invalid_integer',
  'parameter_missing', 'parameter_unknown', 'parameters_exclusive', 'payment_intent_authentication_failure',
  'payment_intent_unexpected_state', 'processing_error', 'resource_missing', 'setup_intent_authentication_failure',
  'setup_intent_unexpected_state', 'url_invalid',
]);

/** `https://docs.stripe.com/error-codes/resource-missing`: the form Stripe's error bodies link to. */
export function docUrl(code: string | undefined): string | undefined {
  return code && DOCUMENTED_CODES.has(code) ? `https://docs.stripe.com/error-codes/${code.replace(/_/g, '-')}` : undefined;
}

/** Builds an error body without `undefined` members (with Stripe's doc_url for its code), so JSON and key-set comparisons stay clean. */
export function errorBody(fields: StripeErrorBody): StripeErrorBody {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...fields, doc_url: fields.doc_url ?? docUrl(fields.code) })) if (value !== undefined) body[key] = value;
  return body as unknown as StripeErrorBody;
}

export function invalidRequest(message: string, param?: string, code?: string, status = 400): ApiError {
  return new ApiError(status, errorBody({ type: 'invalid_request_error', message, param, code }));
}

export function missingParam(param: string): ApiError {
  return invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
}

export function unknownParam(param: string): ApiError {
  return invalidRequest(`Received unknown parameter: ${param}`, param, 'parameter_unknown');
}

export function resourceMissing(kind: string, id: string, param = 'id'): ApiError {
  return new ApiError(404, errorBody({ type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param }));
}

export function unauthorized(message: string): ApiError {
  return new ApiError(401, { type: 'invalid_request_error', message });
}

export function apiError(message: string): ApiError {
  return new ApiError(500, { type: 'api_error', message });
}
