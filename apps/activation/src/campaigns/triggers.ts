import type { NewDelivery, RecordedMembershipChange } from '@cdp/activation/data-access-db';
import { deliveryKey, inHoldout } from '@cdp/activation/domain';
import type { LiveCampaign } from '../audiences/catalog.service.js';

/**
 * The deliveries a campaign owes one profile for one trigger: held out (the control group) or
 * pending. Segment syncs membership rather than messaging people, so it has no holdout.
 */
export function deliveryFor(campaign: LiveCampaign, profileId: string, trigger: string): NewDelivery {
  const heldOut =
    campaign.channel !== 'segment' && inHoldout(campaign.id, profileId, campaign.policy.holdoutShare);
  return {
    key: deliveryKey({ campaignId: campaign.id, profileId, trigger }),
    campaignId: campaign.id,
    destinationId: campaign.destinationId,
    channel: campaign.channel,
    profileId,
    trigger,
    status: heldOut ? 'held_out' : 'pending',
  };
}

/**
 * Entry-triggered campaigns send on each entry (`entry:<seq>`: one per stay in the audience, so a
 * redelivered message, which records no second entry, sends nothing). Segment destinations also
 * hear about exits.
 */
export function deliveriesForChanges(
  changes: readonly RecordedMembershipChange[],
  campaigns: readonly LiveCampaign[],
): NewDelivery[] {
  const byAudience = new Map<string, LiveCampaign[]>();
  for (const c of campaigns) {
    if (c.status !== 'active' || c.trigger.type !== 'entry') continue;
    byAudience.set(c.audienceId, [...(byAudience.get(c.audienceId) ?? []), c]);
  }
  const rows: NewDelivery[] = [];
  for (const change of changes) {
    for (const campaign of byAudience.get(change.audienceId) ?? []) {
      if (change.change === 'exited' && campaign.channel !== 'segment') continue;
      const trigger = `${change.change === 'entered' ? 'entry' : 'exit'}:${change.seq}`;
      rows.push(deliveryFor(campaign, change.profileId, trigger));
    }
  }
  return rows;
}
