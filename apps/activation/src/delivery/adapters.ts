import type { DestinationConfig } from '@cdp/activation/contracts';
import type { DestinationAdapter } from '../destinations/destination.js';
import { createEmailAdapter } from '../destinations/email.adapter.js';
import { createPushAdapter } from '../destinations/push.adapter.js';
import { createSegmentAdapter } from '../destinations/segment.adapter.js';
import { createSmsAdapter } from '../destinations/sms.adapter.js';
import { createWebhookAdapter } from '../destinations/webhook.adapter.js';

export interface SendingLimits {
  ratePerSecond: number;
  concurrency: number;
  maxAttempts: number;
}

/**
 * Defaults per kind when a destination sets none: about what each provider allows a new account
 * (SES and SendGrid start near 100 emails/s, a Twilio long code sends ~1 SMS/s but a messaging
 * service or short code far more).
 */
const DEFAULT_LIMITS: Record<DestinationConfig['kind'], SendingLimits> = {
  email: { ratePerSecond: 100, concurrency: 5, maxAttempts: 8 },
  sms: { ratePerSecond: 10, concurrency: 5, maxAttempts: 8 },
  push: { ratePerSecond: 500, concurrency: 20, maxAttempts: 8 },
  webhook: { ratePerSecond: 50, concurrency: 10, maxAttempts: 10 },
  segment: { ratePerSecond: 500, concurrency: 50, maxAttempts: 8 },
};

export function limitsOf(config: DestinationConfig): SendingLimits {
  const defaults = DEFAULT_LIMITS[config.kind];
  return {
    ratePerSecond: config.ratePerSecond ?? defaults.ratePerSecond,
    concurrency: config.concurrency ?? defaults.concurrency,
    maxAttempts: config.maxAttempts ?? defaults.maxAttempts,
  };
}

export function createAdapter(config: DestinationConfig): DestinationAdapter {
  switch (config.kind) {
    case 'email':
      return createEmailAdapter(config, { concurrency: limitsOf(config).concurrency });
    case 'sms':
      return createSmsAdapter(config);
    case 'push':
      return createPushAdapter(config);
    case 'webhook':
      return createWebhookAdapter(config);
    case 'segment':
      return createSegmentAdapter(config);
  }
}
