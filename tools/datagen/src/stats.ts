import type { SegmentEvent } from './generate.js';

/**
 * Counts for the end-of-run summary: events by type (track by event name), purchasers, CTR, and
 * what identity resolution has to cope with (shared devices, email-only identifies, emails typed
 * unlike they are stored, junk identifiers).
 */
export class RunStats {
  users = 0;
  events = 0;
  purchasers = 0;
  sharingHouseholds = 0;
  /** identify calls with an email and no real userId (a newsletter form, not a login). */
  emailOnlyIdentifies = 0;
  /** Emails in identify traits that differ from their trimmed, lowercased form. */
  untidyEmails = 0;
  nullUserIds = 0;
  junkAnonymousIds = 0;
  readonly byType = new Map<string, number>();
  /** People of the current household who purchased. */
  private readonly buyers = new Set<number>();

  add(event: SegmentEvent, person: number): void {
    this.events++;
    const key = event.type === 'track' ? `track:${event.event ?? ''}` : event.type;
    this.byType.set(key, (this.byType.get(key) ?? 0) + 1);
    if (event.event === 'Order Completed') this.buyers.add(person);
    if (event.userId === 'null') this.nullUserIds++;
    if (event.anonymousId === '0' || event.anonymousId === 'anonymous') this.junkAnonymousIds++;
    const email = event.type === 'identify' ? event.traits?.['email'] : undefined;
    if (typeof email === 'string') {
      if (email !== email.trim().toLowerCase()) this.untidyEmails++;
      if (event.userId === undefined || event.userId === 'null') this.emailOnlyIdentifies++;
    }
  }

  /** Call after each household's last event. */
  endHousehold(members: number, sharesADevice: boolean): void {
    this.users += members;
    this.purchasers += this.buyers.size;
    this.buyers.clear();
    if (sharesADevice) this.sharingHouseholds++;
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
      `identity: ${this.sharingHouseholds} households sharing a device, ${this.emailOnlyIdentifies} email-only identifies, ` +
        `${this.untidyEmails} emails in another case or with spaces, junk ids on ${this.nullUserIds + this.junkAnonymousIds} events ` +
        `(userId "null": ${this.nullUserIds}, anonymousId "0"/"anonymous": ${this.junkAnonymousIds})`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
