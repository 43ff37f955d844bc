import { Injectable } from '@nestjs/common';

/** One dependency readiness depends on: the database now, the bus later. */
export type HealthCheck = () => Promise<void>;

export interface CheckResult {
  status: 'up' | 'down';
  latency_ms: number;
  error?: string;
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready' | 'shutting_down';
  service: string;
  checks: Record<string, CheckResult>;
}

@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private shuttingDown = false;
  private service = 'unknown';

  setService(name: string): void {
    this.service = name;
  }

  /** Adds a check that `/health/ready` runs; a name registered twice keeps the last check. */
  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** From now on readiness fails, so a load balancer stops sending work before the server closes. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(timeoutMs = 2_000): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const),
    );
    const checks = Object.fromEntries(entries);
    const allUp = entries.every(([, result]) => result.status === 'up');
    const status = this.shuttingDown ? 'shutting_down' : allUp ? 'ready' : 'not_ready';
    return { status, service: this.service, checks };
  }
}

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'down',
      latency_ms: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
