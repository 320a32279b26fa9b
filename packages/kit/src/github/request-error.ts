/** The HTTP status of an Octokit request error, or undefined for anything else (network errors carry 500). */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const status = (error as { status: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/** The `message` GitHub put in an error response body, if any. */
export function githubMessageOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const data = (error as { response?: { data?: unknown } }).response?.data;
  if (typeof data === 'object' && data !== null && 'message' in data) {
    const message = (data as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** True when a write may or may not have been applied: the server failed or never answered. */
export function isOutcomeUnknown(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === undefined || status >= 500;
}

/** GitHub's validation failure codes (`errors[].code`) from a 422 body, e.g. `already_exists`. */
export function validationCodesOf(error: unknown): string[] {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  if (typeof data !== 'object' || data === null || !('errors' in data)) return [];
  const errors = (data as { errors: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown) =>
    typeof entry === 'object' && entry !== null && typeof (entry as { code?: unknown }).code === 'string'
      ? [(entry as { code: string }).code]
      : [],
  );
}
