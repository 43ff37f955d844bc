import { Module } from '@nestjs/common';
import { activationProviders } from './activation.providers.js';
import { AudiencesController } from './audiences/audiences.controller.js';
import { AudiencesService } from './audiences/audiences.service.js';
import { Catalog } from './audiences/catalog.service.js';
import { MembershipService } from './audiences/membership.service.js';
import { SweepService } from './audiences/sweep.service.js';
import { CampaignsController } from './campaigns/campaigns.controller.js';
import { CampaignsService } from './campaigns/campaigns.service.js';
import { DeliveryEngine } from './delivery/delivery-engine.service.js';
import { DeliveryWakeups } from './delivery/wakeups.js';
import { CallbacksController } from './http/callbacks.controller.js';
import { LinksController } from './http/links.controller.js';
import { PushSubscriptionsController } from './http/push-subscriptions.controller.js';
import { InboundController } from './profiles/inbound.controller.js';

/**
 * Activation: audiences kept current from every other service's events, campaigns that send to
 * them on email, SMS, push, webhooks and Segment, and the delivery engine that sends each message
 * once, within consent, caps and quiet hours.
 */
@Module({
  controllers: [
    InboundController,
    AudiencesController,
    CampaignsController,
    LinksController,
    CallbacksController,
    PushSubscriptionsController,
  ],
  providers: [
    ...activationProviders,
    Catalog,
    DeliveryWakeups,
    MembershipService,
    AudiencesService,
    SweepService,
    CampaignsService,
    DeliveryEngine,
  ],
})
export class AppModule {}
