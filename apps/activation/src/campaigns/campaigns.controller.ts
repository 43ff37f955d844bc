import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CAMPAIGN_CREATE,
  CAMPAIGN_REPORT,
  CAMPAIGN_RUN,
  CAMPAIGN_SET_STATUS,
  CAMPAIGNS_LIST,
  CONSENT_GET,
  CONSENT_SET,
  DELIVERIES_LIST,
  DELIVERIES_REPLAY,
  DESTINATION_CREATE,
  DESTINATION_ENABLE,
  DESTINATIONS_LIST,
  type DeliveryView,
} from '@cdp/activation/contracts';
import {
  AudiencesRepository,
  DeliveriesRepository,
  type StoredDelivery,
} from '@cdp/activation/data-access-db';
import { OnRequest } from '@cdp/shared/util-messaging';
import type { RequestOf as Req } from '@cdp/shared/contracts';
import { DeliveryWakeups } from '../delivery/wakeups.js';
import { CampaignsService } from './campaigns.service.js';

/** Destinations, campaigns, deliveries and consent over request/reply. */
@Controller()
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly deliveries: DeliveriesRepository,
    private readonly audiences: AudiencesRepository,
    private readonly wakeups: DeliveryWakeups,
  ) {}

  @OnRequest(DESTINATION_CREATE)
  createDestination(@Payload() request: Req<typeof DESTINATION_CREATE>) {
    return this.campaigns.createDestination(request.name, request.config);
  }

  @OnRequest(DESTINATIONS_LIST)
  async listDestinations() {
    return { destinations: await this.campaigns.listDestinations() };
  }

  @OnRequest(DESTINATION_ENABLE)
  enableDestination(@Payload() request: Req<typeof DESTINATION_ENABLE>) {
    return this.campaigns.enableDestination(request.destination);
  }

  @OnRequest(CAMPAIGN_CREATE)
  createCampaign(@Payload() request: Req<typeof CAMPAIGN_CREATE>) {
    return this.campaigns.createCampaign(request);
  }

  @OnRequest(CAMPAIGNS_LIST)
  async listCampaigns() {
    return { campaigns: await this.campaigns.listCampaigns() };
  }

  @OnRequest(CAMPAIGN_RUN)
  run(@Payload() request: Req<typeof CAMPAIGN_RUN>) {
    return this.campaigns.run(request.campaign);
  }

  @OnRequest(CAMPAIGN_SET_STATUS)
  setStatus(@Payload() request: Req<typeof CAMPAIGN_SET_STATUS>) {
    return this.campaigns.setStatus(request.campaign, request.status);
  }

  @OnRequest(CAMPAIGN_REPORT)
  report(@Payload() request: Req<typeof CAMPAIGN_REPORT>) {
    return this.campaigns.report(request.campaign, request.confidence);
  }

  @OnRequest(DELIVERIES_LIST)
  async listDeliveries(@Payload() request: Req<typeof DELIVERIES_LIST>) {
    const campaignId = request.campaign ? (await this.campaigns.campaign(request.campaign)).id : undefined;
    const destinationId = request.destination
      ? (await this.campaigns.destination(request.destination)).id
      : undefined;
    const [rows, counts] = await Promise.all([
      this.deliveries.list({
        campaignId,
        destinationId,
        profileId: request.profileId,
        status: request.status,
        limit: request.limit,
      }),
      this.deliveries.counts({ campaignId, destinationId }),
    ]);
    return { deliveries: rows.map(deliveryView), counts };
  }

  @OnRequest(DELIVERIES_REPLAY)
  async replay(@Payload() request: Req<typeof DELIVERIES_REPLAY>) {
    const campaign = request.campaign ? await this.campaigns.campaign(request.campaign) : undefined;
    const destinationId = request.destination
      ? (await this.campaigns.destination(request.destination)).id
      : undefined;
    const replayed = await this.deliveries.replay({
      campaignId: campaign?.id,
      destinationId,
      includeFailed: request.includeFailed,
    });
    const destinations = new Set(
      destinationId ? [destinationId] : await this.deliveries.destinationsWithWork(),
    );
    this.wakeups.wake(destinations);
    return { replayed };
  }

  @OnRequest(CONSENT_SET)
  setConsent(@Payload() request: Req<typeof CONSENT_SET>) {
    return this.audiences.setConsent(request.profileId, request.action, request.channel);
  }

  @OnRequest(CONSENT_GET)
  getConsent(@Payload() request: Req<typeof CONSENT_GET>) {
    return this.audiences.consent(request.profileId);
  }
}

function deliveryView(d: StoredDelivery): DeliveryView {
  return {
    id: String(d.id),
    key: d.key,
    campaignId: d.campaignId,
    destinationId: d.destinationId,
    profileId: d.profileId,
    trigger: d.trigger,
    status: d.status as DeliveryView['status'],
    attempts: d.attempts,
    lastError: d.lastError,
    providerId: d.providerId,
    createdAt: d.createdAt.toISOString(),
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    sentAt: d.sentAt?.toISOString() ?? null,
    updatedAt: d.updatedAt.toISOString(),
  };
}
