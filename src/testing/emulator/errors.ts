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

/** Builds an error body without `undefined` members, so JSON and key-set comparisons stay clean. */
export function errorBody(fields: StripeErrorBody): StripeErrorBody {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) body[key] = value;
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
