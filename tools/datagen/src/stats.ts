import type { SegmentEvent } from './generate.js';

/** Counts for the end-of-run summary: events by type (track by event name), purchasers, CTR. */
export class RunStats {
  users = 0;
  events = 0;
  purchasers = 0;
  readonly byType = new Map<string, number>();
  private userPurchased = false;

  add(event: SegmentEvent): void {
    this.events++;
    const key = event.type === 'track' ? `track:${event.event ?? ''}` : event.type;
    this.byType.set(key, (this.byType.get(key) ?? 0) + 1);
    if (event.event === 'Order Completed') this.userPurchased = true;
  }

  /** Call after each user's last event. */
  endUser(): void {
    this.users++;
    if (this.userPurchased) this.purchasers++;
    this.userPurchased = false;
  }

  count(key: string): number {
    return this.byType.get(key) ?? 0;
  }

  get ctr(): number {
    const impressions = this.count('track:Ad Impression');
    return impressions === 0 ? 0 : this.count('track:Ad Clicked') / impressions;
  }

  summary(seconds: number): string {
    const lines = [
      `users: ${this.users}`,
      `events: ${this.events} in ${seconds.toFixed(1)} s (${Math.round(this.events / Math.max(seconds, 1e-3))} events/s)`,
      'events by type:',
      ...[...this.byType.entries()].sort((a, b) => b[1] - a[1]).map(([key, n]) => `  ${key.padEnd(28)} ${n}`),
      `purchasers: ${this.purchasers} (${((100 * this.purchasers) / Math.max(this.users, 1)).toFixed(1)}% of users)`,
      `ad impressions: ${this.count('track:Ad Impression')}, clicks: ${this.count('track:Ad Clicked')}, CTR ${(100 * this.ctr).toFixed(2)}%`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
