import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthRegistry, type ReadinessReport } from './health-registry.js';

@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(private readonly registry: HealthRegistry) {}

  /** The process is up and serving HTTP; checks nothing else, so a slow database never restarts it. */
  @Get('live')
  live(): { status: 'ok'; uptime_s: number } {
    return { status: 'ok', uptime_s: Math.round((Date.now() - this.startedAt) / 1000) };
  }

  /** 200 when every registered dependency answers, 503 with the failing ones otherwise. */
  @Get('ready')
  async ready(): Promise<ReadinessReport> {
    const report = await this.registry.readiness();
    if (report.status !== 'ready') throw new ServiceUnavailableException(report);
    return report;
  }
}
