import { setTimeout as sleep } from 'node:timers/promises';
import { TokenBucket } from '@cdp/shared/util-service';

/** A destination's send rate: `take` waits for a token, so a fast queue never exceeds its provider's limit. */
export class RateLimiter {
  private readonly bucket: TokenBucket;

  constructor(ratePerSecond: number) {
    this.bucket = new TokenBucket(ratePerSecond);
  }

  async take(): Promise<void> {
    for (let wait = this.bucket.tryTake(); wait > 0; wait = this.bucket.tryTake()) await sleep(wait);
  }
}
