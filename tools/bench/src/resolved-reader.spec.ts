import { describe, expect, it } from 'vitest';
import { scanResolved } from './resolved-reader.js';

describe('scanResolved', () => {
  it('finds each resolved event of an envelope, as JSON.stringify writes it', () => {
    const envelope = {
      events: [
        {
          profileId: 'p-1',
          sourceId: 's',
          event: { type: 'track', context: { page: { path: '/a' } }, messageId: 'm-1', properties: { x: 1 } },
        },
        { profileId: 'p-2', sourceId: 's', event: { messageId: 'm-2', type: 'page' } },
      ],
    };
    const pairs: string[] = [];
    expect(scanResolved(JSON.stringify(envelope), (m, p) => pairs.push(`${m}→${p}`))).toBe(2);
    expect(pairs).toEqual(['m-1→p-1', 'm-2→p-2']);
  });

  it('refuses an envelope whose event has no messageId, or with no events', () => {
    const broken = JSON.stringify({ events: [{ profileId: 'p-1', event: {} }, { profileId: 'p-2' }] });
    expect(() => scanResolved(broken, () => undefined)).toThrow(/without messageId/);
    expect(() => scanResolved('{"events":[]}', () => undefined)).toThrow(/without events/);
  });
});
