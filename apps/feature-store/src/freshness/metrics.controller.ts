import { Controller, Get, Header } from '@nestjs/common';
import { FreshnessService } from './freshness.service.js';

/** `GET /metrics`: Prometheus text, feature freshness p50/p99. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly freshness: FreshnessService) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): string {
    return this.freshness.prometheus();
  }
}
