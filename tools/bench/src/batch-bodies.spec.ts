import { describe, expect, it } from 'vitest';
import { BatchBodies, type EventLike } from './batch-bodies.js';

const pool: EventLike[] = Array.from({ length: 250 }, (_, i) => ({
  type: 'track',
  event: 'Article Viewed',
  messageId: `original-${i}`,
  anonymousId: `anon-${i % 17}`,
  properties: { articleId: `a-${i}`, title: 'Quotes " and \\ backslashes' },
  timestamp: '2026-10-01T10:00:00.000Z',
}));

describe('BatchBodies', () => {
  it('makes /v1/batch bodies of 100 pool events whose messageIds are never repeated', () => {
    const bodies = new BatchBodies(pool, 'run1');
    expect(bodies.distinct).toBe(2); // the last 50 events make no whole batch
    const seen = new Set<string>();
    for (let n = 0; n < 5; n++) {
      const { batch } = JSON.parse(bodies.next()) as { batch: EventLike[] };
      expect(batch).toHaveLength(100);
      batch.forEach((event, j) => {
        const { messageId, ...rest } = event;
        expect(seen.has(messageId ?? '')).toBe(false);
        seen.add(messageId ?? '');
        const { messageId: _original, ...source } = pool[(n % 2) * 100 + j] as EventLike;
        expect(rest).toEqual(source);
      });
    }
    expect(seen.size).toBe(500);
    expect(bodies.count).toBe(5);
  });

  it('keeps the ids of two runs apart and reports the bytes an event takes', () => {
    const a = JSON.parse(new BatchBodies(pool, 'a').next()) as { batch: EventLike[] };
    const b = JSON.parse(new BatchBodies(pool, 'b').next()) as { batch: EventLike[] };
    const ids = new Set([...a.batch, ...b.batch].map((e) => e.messageId));
    expect(ids.size).toBe(200);
    const bodies = new BatchBodies(pool, 'a');
    expect(bodies.bytesPerEvent).toBeCloseTo(JSON.stringify(a.batch[0]).length, -1);
  });
});
