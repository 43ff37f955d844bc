import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  IDENTITY_STATS,
  PROFILE_DELETE,
  PROFILE_GET,
  PROFILE_UNMERGE,
  type IdentityStats,
  type ProfileView,
} from '@cdp/identity/contracts';
import { OnRequest } from '@cdp/shared/util-messaging';
import type { z } from 'zod';
import { ProfilesService } from './profiles.service.js';

/**
 * Profile lookup, unmerge and erasure over request/reply (the CLI's `profiles` commands, the
 * gateway), and the graph's counts (the ops console).
 */
@Controller()
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @OnRequest(IDENTITY_STATS)
  stats(): Promise<IdentityStats> {
    return this.profiles.stats();
  }

  @OnRequest(PROFILE_GET)
  get(@Payload() request: { identifier: string }): Promise<ProfileView> {
    return this.profiles.get(request.identifier);
  }

  @OnRequest(PROFILE_UNMERGE)
  async unmerge(
    @Payload() request: { profileId: string; mergeId: string },
  ): Promise<z.infer<typeof PROFILE_UNMERGE.response>> {
    return { profiles: await this.profiles.unmerge(request.profileId, request.mergeId) };
  }

  @OnRequest(PROFILE_DELETE)
  delete(
    @Payload() request: z.infer<typeof PROFILE_DELETE.request>,
  ): Promise<z.infer<typeof PROFILE_DELETE.response>> {
    return this.profiles.delete(request.identifier, request.actor, request.reason);
  }
}
