// Turns a failed tRPC call into one sentence a person can act on. The server already words its
// domain errors for people (e.g. CONFLICT "A user with the email … already exists."), so those
// pass through; input validation issues are joined; transport failures get a plain explanation.
type MaybeTrpcError = { message?: unknown; data?: { issues?: { message?: unknown }[] | null } | null };

export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const { message, data } = error as MaybeTrpcError;
    const issues = (data?.issues ?? []).map((i) => i.message).filter((m): m is string => typeof m === 'string');
    if (issues.length > 0) return issues.join(' ');
    if (typeof message === 'string' && message) {
      if (/failed to fetch|networkerror|load failed/i.test(message)) {
        return 'Could not reach Modelgate. Check your connection and try again.';
      }
      return message;
    }
  }
  return 'Something went wrong. Try again.';
}

/**
 * The server said SERVICE_UNAVAILABLE (its database is restarting or out of reach): a state to wait
 * out ("reconnecting"), retried by queries, never an error page.
 */
export function isReconnecting(error: unknown): boolean {
  const data = error && typeof error === 'object' ? (error as { data?: { code?: unknown } | null }).data : null;
  return data?.code === 'SERVICE_UNAVAILABLE';
}
