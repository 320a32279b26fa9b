/** Thrown by route handlers; the server turns it into GitHub's error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const DOCS = 'https://docs.github.com/rest';

export function notFound(message = 'Not Found'): HttpError {
  return new HttpError(404, message);
}

/** GitHub's 422 for a field-level problem: {"message":"Validation Failed","errors":[...]}. */
export function validationFailed(errors: Record<string, unknown>[]): HttpError {
  return new HttpError(422, 'Validation Failed', { errors });
}

export function errorBody(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { message, ...extra, documentation_url: DOCS, status: String(status) };
}
