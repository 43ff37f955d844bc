import { describe, expect, it } from 'vitest';
import type { GraphProfile } from '@cdp/identity/data-access-db';
import { GraphCache } from './graph-cache.js';

const profile = (profileId: string, values: string[]): GraphProfile => ({
  profileId,
  createdAt: '2026-11-01T00:00:00.000Z',
  identifiers: values.map((value) => ({ type: 'anonymous_id', value })),
  traits: {},
  traitTimes: {},
  firstSeen: null,
  lastSeen: null,
});

describe('GraphCache', () => {
  it('answers from what a committed batch stored while the graph token is its own', () => {
    const cache = new GraphCache();
    cache.validate(null);
    cache.store('t1', new Map([['anonymous_id:a', 'p1']]), [profile('p1', ['a'])], []);
    cache.validate('t1');
    expect(cache.owner('anonymous_id:a')).toBe('p1');
    expect(cache.profile('p1')?.identifiers).toEqual([{ type: 'anonymous_id', value: 'a' }]);
  });

  it('empties when someone else changed the graph (another replica, an unmerge, an erasure)', () => {
    const cache = new GraphCache();
    cache.store('t1', new Map([['anonymous_id:a', 'p1']]), [profile('p1', ['a'])], []);
    cache.validate('t2');
    expect(cache.owner('anonymous_id:a')).toBeUndefined();
    expect(cache.profile('p1')).toBeUndefined();
  });

  it('hands out copies, so a batch that fails cannot leave its changes behind', () => {
    const cache = new GraphCache();
    cache.store('t1', new Map(), [profile('p1', ['a'])], []);
    cache.profile('p1')?.identifiers.push({ type: 'anonymous_id', value: 'b' });
    expect(cache.profile('p1')?.identifiers).toHaveLength(1);
  });

  it('forgets profiles merged away and starts over past its size limit', () => {
    const cache = new GraphCache(2);
    cache.store(
      't1',
      new Map([['anonymous_id:a', 'p1']]),
      [profile('p1', ['a']), profile('p2', ['b'])],
      ['p2'],
    );
    expect(cache.profile('p2')).toBeUndefined();
    cache.store(
      't2',
      new Map([
        ['anonymous_id:b', 'p1'],
        ['anonymous_id:c', 'p1'],
      ]),
      [],
      [],
    );
    expect(cache.size).toBe(0);
  });
});
