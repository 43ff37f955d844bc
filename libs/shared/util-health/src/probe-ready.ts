export interface ReadyProbe {
  ready: boolean;
  /** Why it is not ready: the failing checks, or that nothing answered. */
  problem?: string;
}

/** Asks a service's `/health/ready` and says why it is not ready (the CLI's status, the console's overview). */
export async function probeReady(url: string, timeoutMs: number): Promise<ReadyProbe> {
  try {
    const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    if (response.ok) return { ready: true };
    const body = (await response.json().catch(() => ({}))) as {
      status?: string;
      checks?: Record<string, { status: string; error?: string }>;
    };
    const down = Object.entries(body.checks ?? {})
      .filter(([, c]) => c.status !== 'up')
      .map(([name, c]) => `${name}: ${c.error ?? c.status}`);
    return { ready: false, problem: down.join('; ') || body.status || `HTTP ${response.status}` };
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : 'not reachable';
    return { ready: false, problem: reason };
  }
}
