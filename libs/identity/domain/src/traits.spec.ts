import { describe, expect, it } from 'vitest';
import { combineProfilesTraits, mergeTraits, type ProfileTraits } from './traits.js';

const empty: ProfileTraits = { traits: {}, updatedAt: {} };

describe('mergeTraits', () => {
  it('keeps, per key, the value of the latest event, whatever order events arrive in', () => {
    const newer = mergeTraits(empty, {
      traits: { plan: 'pro', name: 'Ann' },
      timestamp: '2024-05-02T00:00:00.000Z',
    });
    const late = mergeTraits(newer, {
      traits: { plan: 'free', city: 'Oslo' },
      timestamp: '2024-05-01T00:00:00.000Z',
    });
    expect(late).toEqual({
      traits: { plan: 'pro', name: 'Ann', city: 'Oslo' },
      updatedAt: {
        plan: '2024-05-02T00:00:00.000Z',
        name: '2024-05-02T00:00:00.000Z',
        city: '2024-05-01T00:00:00.000Z',
      },
    });
  });

  it('compares timestamps as instants, and lets the incoming event win a tie', () => {
    const current = mergeTraits(empty, { traits: { plan: 'pro' }, timestamp: '2024-05-01T12:00:00.000Z' });
    expect(
      mergeTraits(current, { traits: { plan: 'team' }, timestamp: '2024-05-01T13:00:00+02:00' }).traits,
    ).toEqual({
      plan: 'pro',
    });
    expect(
      mergeTraits(current, { traits: { plan: 'team' }, timestamp: '2024-05-01T14:00:00+02:00' }).traits,
    ).toEqual({
      plan: 'team',
    });
  });

  it('keeps null, which clears a trait and is not undone by an older event', () => {
    const set = mergeTraits(empty, { traits: { phone: '+14155550100' }, timestamp: '2024-05-01T00:00:00Z' });
    const cleared = mergeTraits(set, { traits: { phone: null }, timestamp: '2024-05-03T00:00:00Z' });
    expect(cleared.traits).toEqual({ phone: null });
    const late = mergeTraits(cleared, {
      traits: { phone: '+14155550100' },
      timestamp: '2024-05-02T00:00:00Z',
    });
    expect(late.traits).toEqual({ phone: null });
  });

  it('replaces nested objects whole and leaves its inputs alone', () => {
    const current = mergeTraits(empty, {
      traits: { address: { city: 'Oslo', zip: '0150' } },
      timestamp: '2024-05-01T00:00:00Z',
    });
    const next = mergeTraits(current, {
      traits: { address: { city: 'Bergen' } },
      timestamp: '2024-05-02T00:00:00Z',
    });
    expect(next.traits).toEqual({ address: { city: 'Bergen' } });
    expect(current.traits).toEqual({ address: { city: 'Oslo', zip: '0150' } });
  });

  it('treats a trait named __proto__ as a plain key', () => {
    const merged = mergeTraits(empty, {
      traits: JSON.parse('{"__proto__": {"admin": true}}'),
      timestamp: '2024-05-01T00:00:00Z',
    });
    expect(Object.keys(merged.traits)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('refuses an unreadable timestamp', () => {
    expect(() => mergeTraits(empty, { traits: { a: 1 }, timestamp: 'yesterday' })).toThrow(
      'invalid trait timestamp "yesterday"',
    );
  });
});

describe('combineProfilesTraits', () => {
  it('keeps the later value per key, and the winner’s on a tie', () => {
    const winner: ProfileTraits = {
      traits: { plan: 'pro', name: 'Ann', city: 'Oslo' },
      updatedAt: { plan: '2024-05-03T00:00:00Z', name: '2024-05-01T00:00:00Z', city: '2024-05-02T00:00:00Z' },
    };
    const loser: ProfileTraits = {
      traits: { plan: 'free', name: 'Ann Lee', city: 'Bergen', age: 41 },
      updatedAt: {
        plan: '2024-05-01T00:00:00Z',
        name: '2024-05-02T00:00:00Z',
        city: '2024-05-02T00:00:00Z',
        age: '2024-04-01T00:00:00Z',
      },
    };
    expect(combineProfilesTraits(winner, loser)).toEqual({
      traits: { plan: 'pro', name: 'Ann Lee', city: 'Oslo', age: 41 },
      updatedAt: {
        plan: '2024-05-03T00:00:00Z',
        name: '2024-05-02T00:00:00Z',
        city: '2024-05-02T00:00:00Z',
        age: '2024-04-01T00:00:00Z',
      },
    });
  });
});
