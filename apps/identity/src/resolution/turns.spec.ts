import { describe, expect, it } from 'vitest';
import { Turns } from './turns.js';

describe('Turns', () => {
  it('runs turns one at a time in the order they were taken, whatever order their work ends in', async () => {
    const turns = new Turns();
    const log: string[] = [];
    const work = async (name: string, ms: number): Promise<void> => {
      const release = await turns.take();
      log.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name} end`);
      release();
    };
    await Promise.all([work('a', 30), work('b', 1), work('c', 10)]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets the next turn go once a turn is released, even if its holder failed', async () => {
    const turns = new Turns();
    const first = await turns.take();
    const second = turns.take();
    let granted = false;
    void second.then(() => (granted = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(granted).toBe(false);
    first();
    await second;
    expect(granted).toBe(true);
  });
});
