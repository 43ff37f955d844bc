import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A token bucket: `ratePerSecond` sends a second on average, bursts of up to one second's worth.
 * `take` waits for a token, so a fast queue never exceeds its provider's limit.
 */
export class RateLimiter {
  private tokens: number;
  private last = performance.now();
  private readonly burst: number;

  constructor(private readonly ratePerSecond: number) {
    this.burst = Math.max(1, ratePerSecond);
    this.tokens = this.burst;
  }

  async take(): Promise<void> {
    for (;;) {
      const now = performance.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
    }
  }
}
