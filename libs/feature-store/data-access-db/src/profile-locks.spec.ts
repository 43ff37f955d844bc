import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROFILE_LOCK_STRIPES, profileStripe } from './profile-locks.js';

describe('profileStripe', () => {
  it('gives a profile one stripe whatever the case of its id', () => {
    const id = '9E68FCB9-95F5-42E9-9A0E-F04D6F52E811';
    expect(profileStripe(id)).toBe(profileStripe(id.toLowerCase()));
  });

  it('spreads random ids over every stripe, none much fuller than the rest', () => {
    const counts = new Array<number>(PROFILE_LOCK_STRIPES).fill(0);
    const n = 200 * PROFILE_LOCK_STRIPES;
    for (let i = 0; i < n; i++) counts[profileStripe(randomUUID())]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(130);
    expect(Math.max(...counts)).toBeLessThan(280);
  });
});
