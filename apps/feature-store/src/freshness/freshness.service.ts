import { Injectable } from '@nestjs/common';

/** Lags kept for the quantiles: the most recent ones, in a ring. */
const SAMPLES = 10_000;

export interface FreshnessSnapshot {
  /** Events applied since the service started. */
  count: number;
  /** Seconds from ingestion's receipt of an event to its features being committed; null before any. */
  p50: number | null;
  p99: number | null;
}

/** Feature freshness: how long after ingestion received an event its profile's features include it. */
@Injectable()
export class FreshnessService {
  private readonly lags = new Float64Array(SAMPLES);
  private count = 0;

  /** Records the lag of events received at `receivedAt` (ISO times), committed at `committedAt` (ms). */
  record(receivedAt: readonly string[], committedAt = Date.now()): void {
    for (const at of receivedAt) {
      const lag = (committedAt - Date.parse(at)) / 1000;
      if (!Number.isFinite(lag)) continue;
      this.lags[this.count % SAMPLES] = Math.max(0, lag);
      this.count++;
    }
  }

  snapshot(): FreshnessSnapshot {
    const n = Math.min(this.count, SAMPLES);
    if (n === 0) return { count: 0, p50: null, p99: null };
    const sorted = this.lags.slice(0, n).sort();
    const at = (q: number) => sorted[Math.min(n - 1, Math.ceil(q * n) - 1)] ?? null;
    return { count: this.count, p50: at(0.5), p99: at(0.99) };
  }

  /** The Prometheus text exposition of the snapshot (a summary). */
  prometheus(): string {
    const { count, p50, p99 } = this.snapshot();
    const name = 'cdp_feature_freshness_seconds';
    const lines = [
      `# HELP ${name} Seconds from ingestion receiving an event to its profile's features including it (last ${SAMPLES} events).`,
      `# TYPE ${name} summary`,
    ];
    if (p50 !== null) lines.push(`${name}{quantile="0.5"} ${p50}`);
    if (p99 !== null) lines.push(`${name}{quantile="0.99"} ${p99}`);
    lines.push(`${name}_count ${count}`);
    return `${lines.join('\n')}\n`;
  }
}
