import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

const name = z.string().trim().min(1).max(100);
const httpUrl = z.url({ protocol: /^https?$/ });

/** Sending limits every destination has; defaults per kind are applied by the service. */
const limitsShape = {
  /** Sends per second to this provider (token bucket); the provider's own limit, not ours. */
  ratePerSecond: z.number().positive().max(100_000).optional(),
  /** Sends in flight at once. */
  concurrency: z.number().int().min(1).max(256).optional(),
  /** Attempts before a send goes to the dead letters. */
  maxAttempts: z.number().int().min(1).max(50).optional(),
};

export const emailDestinationSchema = z.object({
  kind: z.literal('email'),
  smtp: z.object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535),
    /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    user: z.string().optional(),
    pass: z.string().optional(),
  }),
  /** `"Acme <news@acme.test>"`. */
  from: z.string().min(3),
  replyTo: z.string().optional(),
  ...limitsShape,
});

export const smsDestinationSchema = z.object({
  kind: z.literal('sms'),
  /** Twilio's REST base URL, or a compatible provider's. */
  baseUrl: httpUrl.default('https://api.twilio.com'),
  accountSid: z.string().min(1),
  authToken: z.string().min(1),
  /** Sender number (E.164) or a Messaging Service SID (`MG…`). */
  from: z.string().min(1),
  ...limitsShape,
});

export const pushDestinationSchema = z
  .object({
    kind: z.literal('push'),
    webPush: z
      .object({
        /** VAPID keys (URL-safe base64), e.g. from `web-push generate-vapid-keys`. */
        vapidPublicKey: z.string().min(1),
        vapidPrivateKey: z.string().min(1),
        /** `mailto:` or `https:` contact for the push service. */
        subject: z.string().regex(/^(mailto:|https?:)/, 'must start with mailto: or https:'),
        ttlSeconds: z.number().int().min(0).max(2_419_200).default(86_400),
      })
      .optional(),
    fcm: z
      .object({
        baseUrl: httpUrl.default('https://fcm.googleapis.com'),
        projectId: z.string().min(1),
        /** The service account's `client_email` and `private_key` (PEM). */
        clientEmail: z.string().min(1),
        privateKey: z.string().min(1),
        tokenUri: httpUrl.default('https://oauth2.googleapis.com/token'),
      })
      .optional(),
    ...limitsShape,
  })
  .refine((d) => d.webPush !== undefined || d.fcm !== undefined, {
    message: 'a push destination needs webPush, fcm or both',
  });

export const webhookDestinationSchema = z.object({
  kind: z.literal('webhook'),
  url: httpUrl,
  /** Shared secret for the `X-CDP-Signature` HMAC-SHA256. */
  secret: z.string().min(16, 'must be at least 16 characters'),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  /** Consecutive failed deliveries (retries exhausted) after which the destination is disabled. */
  disableAfterFailures: z.number().int().min(1).max(10_000).default(20),
  ...limitsShape,
});

export const segmentDestinationSchema = z.object({
  kind: z.literal('segment'),
  writeKey: z.string().min(1),
  host: httpUrl.default('https://api.segment.io'),
  ...limitsShape,
});

export const destinationConfigSchema = z.discriminatedUnion('kind', [
  emailDestinationSchema,
  smsDestinationSchema,
  pushDestinationSchema,
  webhookDestinationSchema,
  segmentDestinationSchema,
]);

export type DestinationConfig = z.infer<typeof destinationConfigSchema>;
export type EmailDestination = z.infer<typeof emailDestinationSchema>;
export type SmsDestination = z.infer<typeof smsDestinationSchema>;
export type PushDestination = z.infer<typeof pushDestinationSchema>;
export type WebhookDestination = z.infer<typeof webhookDestinationSchema>;
export type SegmentDestination = z.infer<typeof segmentDestinationSchema>;
export type DestinationKind = DestinationConfig['kind'];

export const destinationViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(['email', 'sms', 'push', 'webhook', 'segment']),
  /** The configuration with secrets (passwords, tokens, keys) replaced by `"***"`. */
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  /** Why it was disabled (a webhook's 410 or persistent failure). */
  disabledReason: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /** Deliveries by status. */
  queue: z.record(z.string(), z.number().int()),
});

export type DestinationView = z.infer<typeof destinationViewSchema>;

export const DESTINATION_CREATE = defineRequest(
  'cdp.activation.cmd.destination.create.v1',
  z.object({ name, config: z.unknown() }).strict(),
  destinationViewSchema,
);

export const DESTINATIONS_LIST = defineRequest(
  'cdp.activation.cmd.destinations.list.v1',
  z.object({}).strict(),
  z.object({ destinations: z.array(destinationViewSchema) }),
);

/** Turns a disabled destination back on (after the endpoint was fixed). */
export const DESTINATION_ENABLE = defineRequest(
  'cdp.activation.cmd.destination.enable.v1',
  z.object({ destination: z.string().min(1) }).strict(),
  destinationViewSchema,
);
