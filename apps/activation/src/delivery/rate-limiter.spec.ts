import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

async function timeTakes(limiter: RateLimiter, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await limiter.take();
  return performance.now() - start;
}

// Bounds are loose on purpose: they tell a limiter that waits from one that does not (or waits far
// too long) without depending on how busy the machine is.
describe('RateLimiter', () => {
  it('lets a one-second burst through at once', async () => {
    expect(await timeTakes(new RateLimiter(100), 100)).toBeLessThan(400);
  });

  it('spaces takes beyond the burst at the rate', async () => {
    // 100 in the burst, then 50 more at 100/s: about half a second.
    const elapsed = await timeTakes(new RateLimiter(100), 150);
    expect(elapsed).toBeGreaterThanOrEqual(400);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('refills while idle, up to the burst only', async () => {
    const limiter = new RateLimiter(20);
    await timeTakes(limiter, 20);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    // The bucket holds at most 20 however long it waited, so 30 takes still need ~0.5 s.
    const elapsed = await timeTakes(limiter, 30);
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(3_000);
  });
});
