import { Module } from '@nestjs/common';
import { ApiController } from './api/api.controller.js';
import { AuthService } from './auth/auth.service.js';
import { ConsoleController } from './console/console.controller.js';
import { gatewayProviders } from './gateway.providers.js';
import { OverviewService } from './overview/overview.service.js';

/**
 * The admin API (REST under /api/v1, OpenAPI at /api/docs) and the ops console. The gateway owns
 * only users, API keys and the audit log: everything else it asks the owning service over the bus.
 */
@Module({
  controllers: [ApiController, ConsoleController],
  providers: [...gatewayProviders, AuthService, OverviewService],
})
export class AppModule {}
