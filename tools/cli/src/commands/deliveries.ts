import {
  channelSchema,
  type CONSENT_SET,
  DELIVERY_STATUSES,
  deliveryStatusSchema,
  type ConsentView,
  type DELIVERIES_LIST,
  type DeliveryStatus,
  type DestinationView,
} from '@cdp/activation/contracts';
import type { RequestContract } from '@cdp/shared/contracts';
import { parseWhole, truncate } from './audiences.js';
import { parseProfileId } from './models.js';
import { formatTable } from './table.js';
import { minute } from './format.js';

export type DeliveriesListRequest =
  typeof DELIVERIES_LIST extends RequestContract<infer Request, unknown> ? Request : never;

export type DeliveriesListReply =
  typeof DELIVERIES_LIST extends RequestContract<unknown, infer Reply> ? Reply : never;

export type ConsentSetRequest =
  typeof CONSENT_SET extends RequestContract<infer Request, unknown> ? Request : never;

/**
 * Deliveries by status as `sent 120, dead 2`: in the order of a delivery's life (unknown statuses
 * last), zeros left out; `none` when there are none.
 */
export function formatCounts(counts: Readonly<Record<string, number>>): string {
  const order = (status: string): number => {
    const i = (DELIVERY_STATUSES as readonly string[]).indexOf(status);
    return i === -1 ? DELIVERY_STATUSES.length : i;
  };
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([status, n]) => `${status} ${n}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

// ---------------------------------------------------------------------------------------------------------
// Destinations

export function formatDestinations(destinations: readonly DestinationView[]): string {
  if (destinations.length === 0)
    return 'no destinations yet (create one with `cdp destinations create <name> --config <json>`)';
  return formatTable(
    ['name', 'kind', 'enabled', 'disabled reason', 'queue'],
    destinations.map((d) => [
      d.name,
      d.kind,
      d.enabled ? 'yes' : 'NO',
      d.disabledReason ?? '',
      formatCounts(d.queue),
    ]),
  );
}

/** After `destinations create` and `enable`: the configuration as the service keeps it (secrets `***`). */
export function formatDestination(destination: DestinationView): string {
  return [
    `destination "${destination.name}" (${destination.kind}), id ${destination.id}`,
    destination.enabled
      ? 'enabled'
      : `disabled${destination.disabledReason ? `: ${destination.disabledReason}` : ''}`,
    `config: ${JSON.stringify(destination.config)}`,
    `queue: ${formatCounts(destination.queue)}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Deliveries

export interface DeliveriesListFlags {
  campaign?: string;
  destination?: string;
  status?: string;
  profile?: string;
  limit?: string;
}

/** `--status`: one of the delivery statuses, or an error listing them. */
export function parseStatus(text: string): DeliveryStatus {
  const checked = deliveryStatusSchema.safeParse(text);
  if (!checked.success)
    throw new Error(`--status must be one of ${DELIVERY_STATUSES.join(', ')}, not "${text}"`);
  return checked.data;
}

/** `deliveries list` filters as a DELIVERIES_LIST request: only the given ones, checked first. */
export function parseDeliveriesList(flags: DeliveriesListFlags): DeliveriesListRequest {
  return {
    ...(flags.campaign !== undefined ? { campaign: flags.campaign } : {}),
    ...(flags.destination !== undefined ? { destination: flags.destination } : {}),
    ...(flags.status !== undefined ? { status: parseStatus(flags.status) } : {}),
    ...(flags.profile !== undefined ? { profileId: parseProfileId(flags.profile) } : {}),
    limit: flags.limit === undefined ? 50 : parseWhole('--limit', flags.limit, 1, 1000),
  };
}

/** Newest first as the service sends them; ids whole, so they can be pasted into other commands. */
export function formatDeliveries(reply: DeliveriesListReply): string {
  const table =
    reply.deliveries.length === 0
      ? 'no deliveries match'
      : formatTable(
          ['id', 'status', 'attempts', 'profile', 'campaign', 'trigger', 'updated', 'last error'],
          reply.deliveries.map((d) => [
            d.id,
            d.status,
            String(d.attempts),
            d.profileId,
            d.campaignId,
            d.trigger,
            minute(d.updatedAt),
            d.lastError === null ? '' : truncate(d.lastError.replace(/\s+/g, ' '), 60),
          ]),
        );
  return `${table}\nby status: ${formatCounts(reply.counts)}`;
}

export function formatReplay(replayed: number): string {
  return `replayed ${replayed} ${replayed === 1 ? 'delivery' : 'deliveries'}`;
}

// ---------------------------------------------------------------------------------------------------------
// Consent

export const CONSENT_ACTIONS = ['opt_in', 'opt_out', 'unsubscribe', 'suppress', 'unsuppress'] as const;
export const CHANNELS = channelSchema.options;

/** `consent set <profileId> <action> [--channel c]`, checked before anything is sent. */
export function parseConsentSet(
  profileId: string,
  action: string,
  channel: string | undefined,
): ConsentSetRequest {
  const id = parseProfileId(profileId);
  if (!(CONSENT_ACTIONS as readonly string[]).includes(action))
    throw new Error(`the action must be one of ${CONSENT_ACTIONS.join(', ')}, not "${action}"`);
  if (channel !== undefined && !channelSchema.safeParse(channel).success)
    throw new Error(`--channel must be one of ${CHANNELS.join(', ')}, not "${channel}"`);
  const global = action === 'suppress' || action === 'unsuppress';
  if (!global && channel === undefined) throw new Error(`${action} needs --channel (${CHANNELS.join(', ')})`);
  if (global && channel !== undefined)
    throw new Error(`${action} applies to every channel: leave out --channel`);
  return {
    profileId: id,
    action: action as ConsentSetRequest['action'],
    ...(channel !== undefined ? { channel: channel as ConsentSetRequest['channel'] } : {}),
  };
}

export function formatConsent(consent: ConsentView): string {
  return [
    `profile ${consent.profileId}: ${consent.globallySuppressed ? 'SUPPRESSED on every channel' : 'not suppressed'}`,
    formatTable(
      ['channel', 'opted in', 'unsubscribed'],
      CHANNELS.map((channel) => {
        const optIn = consent.optIns[channel];
        const unsubscribed = consent.unsubscribed[channel];
        return [
          channel,
          optIn === undefined ? '—' : optIn ? 'yes' : 'no',
          unsubscribed === undefined ? '' : minute(unsubscribed),
        ];
      }),
    ),
  ].join('\n');
}
