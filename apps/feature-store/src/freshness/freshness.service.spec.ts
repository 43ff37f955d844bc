import { describe, expect, it } from 'vitest';
import { FreshnessService } from './freshness.service.js';

describe('FreshnessService', () => {
  it('reports the p50 and p99 lag from receipt to commit, and none before the first event', () => {
    const freshness = new FreshnessService();
    expect(freshness.snapshot()).toEqual({ count: 0, p50: null, p99: null });
    const committed = Date.parse('2026-11-22T10:00:00.000Z');
    // 100 events received 1..100 seconds before the commit.
    const received = Array.from({ length: 100 }, (_, i) =>
      new Date(committed - (i + 1) * 1000).toISOString(),
    );
    freshness.record(received, committed);
    expect(freshness.snapshot()).toEqual({ count: 100, p50: 50, p99: 99 });
    expect(freshness.prometheus()).toContain('cdp_feature_freshness_seconds{quantile="0.99"} 99');
  });
});
