import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import { AudiencesRepository } from '@cdp/activation/data-access-db';
import { z } from 'zod';

const subscriptionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('webpush'),
    profileId: z.string().uuid(),
    /** The browser's PushSubscription JSON (`subscription.toJSON()`). */
    subscription: z.object({
      endpoint: z.url({ protocol: /^https?$/ }),
      keys: z.object({ p256dh: z.string().min(1), auth: z.string().min(1) }),
    }),
  }),
  z.object({ kind: z.literal('fcm'), profileId: z.string().uuid(), token: z.string().min(1).max(4096) }),
]);

/** Where apps register a profile's push subscriptions (a browser's Web Push, an app's FCM token). */
@Controller('v1/push')
export class PushSubscriptionsController {
  constructor(private readonly audiences: AudiencesRepository) {}

  @Post('subscriptions')
  @HttpCode(201)
  async subscribe(@Body() body: unknown): Promise<{ id: string }> {
    const parsed = subscriptionSchema.safeParse(body);
    if (!parsed.success) {
      throw new BadRequestException(
        parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
      );
    }
    const s = parsed.data;
    const saved = await this.audiences.addPushSubscription(
      s.kind === 'webpush'
        ? {
            profileId: s.profileId,
            kind: 'webpush',
            address: s.subscription.endpoint,
            keys: s.subscription.keys,
          }
        : { profileId: s.profileId, kind: 'fcm', address: s.token, keys: null },
    );
    return { id: saved.id };
  }
}
