import { Module } from '@nestjs/common';
import { adFeedsProviders } from './ad-feeds.providers.js';
import { FeedsController } from './feeds/feeds.controller.js';
import { PartnerAccess } from './partners/partner-access.service.js';
import { PartnersController } from './partners/partners.controller.js';
import { PartnersService } from './partners/partners.service.js';
import { IabTaxonomy } from './rtb/iab-taxonomy.service.js';
import { RtbController } from './rtb/rtb.controller.js';
import { SegmentIndexService } from './rtb/segment-index.service.js';
import { AudienceNames } from './sync/audience-names.service.js';
import { CatchUpService } from './sync/catch-up.service.js';
import { SyncController } from './sync/sync.controller.js';

/**
 * Ad-platform partners: bulk feeds of the audiences shared with each (snapshot and delta, hashed by
 * the platform's rules) and real-time OpenRTB segment lookups from an in-memory index. Its own
 * service because lookups scale with bid traffic, replica by replica, each holding the whole index,
 * and must not share an event loop with activation's database-heavy membership and sending.
 */
@Module({
  controllers: [SyncController, PartnersController, RtbController, FeedsController],
  providers: [
    ...adFeedsProviders,
    IabTaxonomy,
    PartnerAccess,
    AudienceNames,
    SegmentIndexService,
    CatchUpService,
    PartnersService,
  ],
})
export class AppModule {}
