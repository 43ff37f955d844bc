import { describe, expect, it } from 'vitest';
import { Ledger } from './ledger.js';

describe('Ledger', () => {
  it('finds acknowledged ids stored zero times, ids stored twice and ids it never sent', () => {
    const ledger = new Ledger('run1');
    const [a, b, c, d] = [ledger.next(), ledger.next(), ledger.next(), ledger.next()];
    for (const id of [a, b, c]) ledger.acknowledge(id as string);
    const stored = new Map([
      [a as string, 1],
      [b as string, 2],
      [d as string, 1],
      ['run1-99999999', 1],
      ['other-00000000', 1],
    ]);
    expect(ledger.reconcile(stored)).toEqual({
      sent: 4,
      acknowledged: 3,
      unacknowledged: 1,
      stored: 4,
      lost: [c],
      duplicated: [b],
      unexpected: ['run1-99999999'],
    });
  });

  it('refuses an acknowledgement of an id it never handed out', () => {
    expect(() => new Ledger('run2').acknowledge('run2-00000000')).toThrow(/never handed out/);
  });
});
