import type { OutboundMessage, Recipient } from '../destination.js';

/** Fields to replace; `recipient` and `links` are merged field by field, the rest replaced whole. */
export interface OutboundMessageOverrides extends Partial<Omit<OutboundMessage, 'recipient' | 'links'>> {
  recipient?: Partial<Recipient>;
  links?: Partial<OutboundMessage['links']>;
}

/**
 * An `OutboundMessage` for adapter specs: a default send, with each layer of overrides applied in
 * order (a spec's own defaults first, then a test's changes). Every call returns a fresh copy.
 */
export function outboundMessage(...layers: OutboundMessageOverrides[]): OutboundMessage {
  const message = layers.reduce<OutboundMessage>(
    (merged, { recipient, links, ...rest }) => ({
      ...merged,
      ...rest,
      recipient: { ...merged.recipient, ...recipient },
      links: { ...merged.links, ...links },
    }),
    {
      key: 'a'.repeat(64),
      deliveryId: 'dlv_1',
      campaign: { id: 'cmp_1', name: 'Spring sale' },
      audience: { id: 'aud_1', name: 'Recent buyers', key: 'recent-buyers' },
      trigger: 'entry:2026-11-22T10:00:00.000Z',
      recipient: { profileId: 'prf_1', userId: 'user-42', traits: {}, features: {}, scores: {} },
      template: {},
      links: {
        unsubscribe: 'http://activation.test/u',
        openPixel: 'http://activation.test/o.gif',
        click: 'http://activation.test/c',
        statusCallback: 'http://activation.test/s',
      },
    },
  );
  // Layers share their nested objects between calls; a send must not see another's changes.
  return structuredClone(message);
}
