import { Module } from '@nestjs/common';
import { identityProviders } from './identity.providers.js';
import { ProfilesController } from './profiles/profiles.controller.js';
import { ProfilesService } from './profiles/profiles.service.js';
import { RawEventsController } from './resolution/raw-events.controller.js';
import { ResolverService } from './resolution/resolver.service.js';

/**
 * Identity: every raw event resolved to one profile per person (merge protection keeps two people
 * apart), merges published, lookups, unmerge and erasure answered.
 */
@Module({
  controllers: [RawEventsController, ProfilesController],
  providers: [...identityProviders, ResolverService, ProfilesService],
})
export class AppModule {}
