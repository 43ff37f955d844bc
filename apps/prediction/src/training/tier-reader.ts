import { SEGMENT_ENTRIES, SEGMENT_ENTRIES_MAX_SUBJECTS } from '@cdp/clustering/contracts';
import type { TierReader } from '@cdp/prediction/domain';
import { BusError, type MessagingClient } from '@cdp/shared/util-messaging';
import type { TierChange } from '@cdp/prediction/domain';

/**
 * Tier entries for the engagement label, from the clustering service's assignment history. When
 * clustering does not answer (not deployed, down), the label falls back to conversions alone and
 * `unavailable` says so, for the model's record.
 */
export class ClusteringTiers {
  unavailable: string | undefined;

  constructor(
    private readonly messaging: MessagingClient,
    private readonly tier: string,
  ) {}

  readonly read: TierReader = async (profileIds, from, to) => {
    const changes = new Map<string, TierChange[]>();
    if (this.unavailable) return changes;
    for (let at = 0; at < profileIds.length; at += SEGMENT_ENTRIES_MAX_SUBJECTS) {
      try {
        const reply = await this.messaging.request(
          SEGMENT_ENTRIES,
          {
            segmentName: this.tier,
            subjectIds: profileIds.slice(at, at + SEGMENT_ENTRIES_MAX_SUBJECTS),
            from: new Date(from).toISOString(),
            to: new Date(to).toISOString(),
          },
          30_000,
        );
        for (const entry of reply.entries) {
          const list = changes.get(entry.subjectId) ?? [];
          list.push({ at: Date.parse(entry.at), tier: this.tier });
          changes.set(entry.subjectId, list);
        }
      } catch (error) {
        if (error instanceof BusError && (error.code === 'NO_RESPONDERS' || error.code === 'TIMEOUT')) {
          this.unavailable = `the clustering service did not answer (${error.code}): engagement labels count conversions only`;
          return changes;
        }
        throw error;
      }
    }
    return changes;
  };
}
