import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

export const channelSchema = z.enum(['email', 'sms', 'push', 'webhook', 'segment']);

export const consentViewSchema = z.object({
  profileId: z.string().uuid(),
  optIns: z.record(z.string(), z.boolean()),
  /** Channel → when the profile unsubscribed. */
  unsubscribed: z.record(z.string(), z.iso.datetime({ offset: true })),
  globallySuppressed: z.boolean(),
});

export type ConsentView = z.infer<typeof consentViewSchema>;

/**
 * Records consent: `opt_in` (clears an earlier unsubscribe on the channel), `opt_out`, `unsubscribe`,
 * or `suppress` / `unsuppress` for every channel. Identify traits `consent.<channel>: true|false` do
 * the same for opt-ins.
 */
export const CONSENT_SET = defineRequest(
  'cdp.activation.cmd.consent.set.v1',
  z
    .object({
      profileId: z.string().uuid(),
      action: z.enum(['opt_in', 'opt_out', 'unsubscribe', 'suppress', 'unsuppress']),
      channel: channelSchema.optional(),
    })
    .strict()
    .refine((r) => r.action === 'suppress' || r.action === 'unsuppress' || r.channel !== undefined, {
      message: 'opt_in, opt_out and unsubscribe need a channel',
      path: ['channel'],
    }),
  consentViewSchema,
);

export const CONSENT_GET = defineRequest(
  'cdp.activation.cmd.consent.get.v1',
  z.object({ profileId: z.string().uuid() }).strict(),
  consentViewSchema,
);
