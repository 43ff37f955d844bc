// The contract between the delivery engine and each channel's adapter. The engine owns queueing,
// idempotency, retries, rate limits, consent, caps and quiet hours; an adapter only turns one
// message into one provider call and says how it went, in the terms the engine acts on.

import type { CampaignChannel } from '@cdp/activation/domain';

/** One profile as the adapters see it: who to reach and the fields templates may use. */
export interface Recipient {
  profileId: string;
  /** The profile's latest `userId` from identify/track calls (Segment's `userId`), if any. */
  userId: string | null;
  /** `traits.email`, `traits.phone`, ... as identify calls set them. */
  traits: Record<string, unknown>;
  /** Feature-store values, scores and segments, for templates (`{{features.intent.clicks_7d}}`). */
  features: Record<string, unknown>;
  scores: Record<string, unknown>;
}

/** A push subscription held for a profile (registered through the activation HTTP API). */
export type PushSubscription =
  | { id: string; kind: 'webpush'; endpoint: string; keys: { p256dh: string; auth: string } }
  | { id: string; kind: 'fcm'; token: string };

/** Everything an adapter needs for one send. */
export interface OutboundMessage {
  /** The delivery's idempotency key (sha256 hex): carried to the provider wherever it has a slot. */
  key: string;
  deliveryId: string;
  campaign: { id: string; name: string };
  audience: { id: string; name: string; key: string };
  /** What caused this send: `entry:<iso>`, `exit:<iso>` (Segment only) or `schedule:<slot>`. */
  trigger: string;
  recipient: Recipient;
  /** The campaign's template for its channel (see the template schemas per kind). */
  template: Record<string, unknown>;
  /** Push only: the profile's live subscriptions. */
  subscriptions?: PushSubscription[];
  /** Links the adapter puts into the message (absolute URLs on the activation service). */
  links: {
    /** RFC 8058 one-click unsubscribe (POST) and its confirmation page (GET). */
    unsubscribe: string;
    /** 1×1 GIF that records an open. */
    openPixel: string;
    /** Click redirect: append `?url=<encoded target>`. */
    click: string;
    /** Where the provider posts delivery status (Twilio StatusCallback). */
    statusCallback: string;
  };
}

/** How one send went, in the engine's terms. */
export type SendOutcome =
  /** The provider accepted it; `providerId` is its id for the message (for callbacks). */
  | { kind: 'sent'; providerId?: string; detail?: string; goneSubscriptionIds?: string[] }
  /** Try again later: 429, 5xx, a network error or a timeout. `retryAfterMs` from Retry-After. */
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  /** Never retry: any other 4xx, a rejected recipient, a template that does not render. */
  | { kind: 'failed'; error: string; bounced?: boolean }
  /**
   * The address no longer exists: push 404/410/UNREGISTERED (`subscriptionIds` to remove) or a
   * webhook's 410 (`disableDestination`).
   */
  | { kind: 'gone'; error: string; subscriptionIds?: string[]; disableDestination?: boolean }
  /** Nothing to send to (no email trait, no push subscription): recorded, not retried. */
  | { kind: 'skipped'; reason: string };

/** One configured destination's sender; built once per destination and reused. */
export interface DestinationAdapter {
  readonly channel: CampaignChannel;
  send(message: OutboundMessage): Promise<SendOutcome>;
  /** Releases connections (SMTP pool, Segment client flush). */
  close(): Promise<void>;
}
