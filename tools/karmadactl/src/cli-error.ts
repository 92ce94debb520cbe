/** A failure the user can act on: printed as `error: <message>` without a stack trace, exit code 1 (2 for usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

export function usageError(message: string, usage: string): CliError {
  return new CliError(`${message}\n\n${usage}`, 2);
}

/** The Kubernetes Status message inside a client-node ApiException, or the error's own message. */
export function describeApiError(error: unknown): string {
  const apiError = error as { code?: number; body?: unknown; message?: string };
  if (typeof apiError.body === 'string') {
    try {
      const status = JSON.parse(apiError.body) as { message?: string; reason?: string };
      if (status.message) return status.reason ? `${status.message} (${status.reason})` : status.message;
    } catch {
      // Not a Status body: fall through to the error's own message.
    }
  }
  return apiError.message ?? String(error);
}

export function apiStatusCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}
