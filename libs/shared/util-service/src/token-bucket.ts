/**
 * A token bucket: `ratePerSecond` on average, bursts of up to `burst` (default: one second's
 * worth). `tryTake` never waits: it takes a token, or says how long until one is there.
 */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();
  private readonly burst: number;

  constructor(
    private readonly ratePerSecond: number,
    burst = ratePerSecond,
  ) {
    this.burst = Math.max(1, burst);
    this.tokens = this.burst;
  }

  /** 0 when a token was taken, else the milliseconds until one is free. */
  tryTake(): number {
    const wait = this.peek();
    if (wait === 0) this.tokens -= 1;
    return wait;
  }

  /** 0 when a token is there (without taking it), else the milliseconds until one is. */
  peek(): number {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }
}
