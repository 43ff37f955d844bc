import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Periodic } from './periodic.js';
import { TokenBucket } from './token-bucket.js';

describe('Periodic', () => {
  it('never runs the task twice at once, and stop waits for the run in flight', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let finished = false;
    const periodic = new Periodic(
      5,
      async () => {
        active += 1;
        most = Math.max(most, active);
        runs += 1;
        await sleep(30);
        active -= 1;
        finished = true;
      },
      () => undefined,
    );
    periodic.start();
    await sleep(80);
    await periodic.stop();
    expect(most).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(finished).toBe(true);
    const after = runs;
    await sleep(30);
    expect(runs).toBe(after);
  });

  it('joins the run in flight, and hands errors to onError without stopping', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const periodic = new Periodic(
      1_000,
      async () => {
        calls += 1;
        await sleep(10);
        throw new Error(`run ${calls}`);
      },
      (error) => errors.push(error),
    );
    await Promise.all([periodic.run(), periodic.run()]);
    await periodic.run();
    expect(calls).toBe(2);
    expect(errors.map((e) => (e as Error).message)).toEqual(['run 1', 'run 2']);
  });
});

describe('TokenBucket', () => {
  it('gives a second of burst at once, then says how long until the next token', () => {
    const bucket = new TokenBucket(10);
    const waits = Array.from({ length: 11 }, () => bucket.tryTake());
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits[10]).toBeGreaterThan(0);
    expect(waits[10]).toBeLessThanOrEqual(100);
  });

  it('takes a burst of its own, and peeks without taking', () => {
    const bucket = new TokenBucket(1, 3);
    expect(bucket.peek()).toBe(0);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([0, 0, 0]);
    const wait = bucket.peek();
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThanOrEqual(1000);
    // Peeking took nothing: the wait is still about the same.
    expect(bucket.tryTake()).toBeGreaterThan(900);
  });
});
