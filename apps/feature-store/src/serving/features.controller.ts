import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FEATURES_GET, FEATURES_LIST } from '@cdp/feature-store/contracts';
import { OnRequest } from '@cdp/shared/util-messaging';
import type { z } from 'zod';
import { CATALOG, type Catalog } from '../feature-store.providers.js';
import { FeaturesService } from './features.service.js';

/** Feature vectors and the catalog over request/reply (the CLI's `features` commands, the gateway). */
@Controller()
export class FeaturesController {
  constructor(
    private readonly features: FeaturesService,
    @Inject(CATALOG) private readonly catalog: Catalog,
  ) {}

  @OnRequest(FEATURES_GET)
  async get(
    @Payload() request: z.infer<typeof FEATURES_GET.request>,
  ): Promise<z.infer<typeof FEATURES_GET.response>> {
    const profiles = request.asOf
      ? await this.features.pointInTime(request.profileIds, request.asOf, request.names)
      : await this.features.online(request.profileIds, request.names);
    return { profiles };
  }

  @OnRequest(FEATURES_LIST)
  list(): z.infer<typeof FEATURES_LIST.response> {
    return {
      features: this.catalog.map(({ name, description, group, type, window, version }) => ({
        name,
        description,
        group,
        type,
        window,
        version,
      })),
    };
  }
}
