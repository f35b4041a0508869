// An error that carries the API error code it should be reported with.
import type { ApiErrorBody } from '../contract/index';

export type ApiErrorCode = ApiErrorBody['error']['code'];

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function toErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof ApiError) return { error: { code: err.code, message: err.message } };
  return { error: { code: 'internal', message: (err as Error)?.message ?? String(err) } };
}

export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unavailable: 503,
  internal: 500,
};
