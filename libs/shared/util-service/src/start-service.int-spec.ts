import { Writable } from 'node:stream';
import { Controller, Get, Inject, Module } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@cdp/shared/testing';
import { serviceEnvShape } from '@cdp/shared/util-config';
import type { Database } from '@cdp/shared/util-db';
import { defineService } from './service-definition.js';
import { startService, type RunningService } from './start-service.js';
import { DATABASE } from './tokens.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

@Controller('probe')
class ProbeController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  async probe(): Promise<{ answer: number }> {
    const result = await this.db.execute<{ answer: number }>(sql`SELECT 42 AS answer`);
    return { answer: Number(result.rows[0]?.answer) };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const definition = defineService({
  name: 'ingestion',
  envSchema: z.object(serviceEnvShape(0)),
  migrations: { folder: mkdtempSync(join(tmpdir(), 'no-migrations-')), schema: 'probe_service' },
  module: () => ProbeModule,
});

function captureLogs(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('startService', () => {
  const database = useTestDatabase('start_service');
  let running: RunningService | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('serves health, injects the database and tags every log line with the correlation id', async () => {
    const logs = captureLogs();
    running = await startService(
      definition,
      { DATABASE_URL: database.url, PORT: '0' },
      { logDestination: logs.stream },
    );

    const live = await fetch(`${running.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${running.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: { status: 'up' } } });

    const probe = await fetch(`${running.url}/probe`, { headers: { 'x-correlation-id': 'corr-123' } });
    expect(await probe.json()).toEqual({ answer: 42 });
    expect(probe.headers.get('x-correlation-id')).toBe('corr-123');
    const requestLine = logs.lines().find((l) => l['url'] === '/probe');
    expect(requestLine).toMatchObject({ service: 'ingestion', correlationId: 'corr-123', status: 200 });
  });
});
