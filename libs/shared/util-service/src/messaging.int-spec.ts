import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Inject, Module, Post } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent, defineRequest } from '@cdp/shared/contracts';
import {
  captureLogs,
  canConnectToNats,
  deleteJetStreamConsumers,
  createTestDatabase,
  type TestDatabase,
  waitFor,
} from '@cdp/shared/testing';
import { serviceEnvShape } from '@cdp/shared/util-config';
import { currentCorrelationId, type Logger } from '@cdp/shared/util-logging';
import {
  BUS,
  BusError,
  MessagingClient,
  OnEvent,
  OnRequest,
  type Bus,
  type DeliveredMessage,
} from '@cdp/shared/util-messaging';
import { defineService } from './service-definition.js';
import { startService, type RunningService } from './start-service.js';
import { LOGGER } from './tokens.js';

// Subjects of their own per run: on JetStream they share the platform's CDP_EVENTS stream.
const token = randomBytes(3).toString('hex');
const THING_HAPPENED = defineEvent(
  `cdp.probe-${token}.evt.thing.happened.v1`,
  z.object({ id: z.number().int() }),
);
const THING_GET = defineRequest(
  `cdp.probe-${token}.cmd.thing.get.v1`,
  z.object({ id: z.number().int() }),
  z.object({ id: z.number().int(), name: z.string() }),
);

const NOBODY_GET = defineRequest(
  `cdp.nobody-${token}.cmd.thing.get.v1`,
  z.object({ id: z.number().int() }),
  z.object({ id: z.number().int() }),
);

const handled: Array<{ id: number; correlationId?: string; deliveryCount: number }> = [];

@Controller('things')
class ThingsController {
  constructor(
    private readonly messaging: MessagingClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The HTTP edge: publishing carries the request's correlation id on. */
  @Post()
  async create(): Promise<{ ok: true }> {
    await this.messaging.publish(THING_HAPPENED, { id: 1 }, { msgId: `thing-1-${token}` });
    return { ok: true };
  }

  /** Asks a service nobody runs: the caller gets 503 with the code, not a hang or a 500. */
  @Post('lookup')
  async lookup(): Promise<unknown> {
    return this.messaging.request(NOBODY_GET, { id: 1 }, 500);
  }

  @OnEvent(THING_HAPPENED, { maxDeliver: 2, backoffMs: [50] })
  async onThing(@Payload() event: { id: number }, @Ctx() message: DeliveredMessage): Promise<void> {
    this.logger.info({ id: event.id }, 'thing handled');
    handled.push({
      id: event.id,
      correlationId: currentCorrelationId(),
      deliveryCount: message.deliveryCount,
    });
  }

  @OnRequest(THING_GET)
  async get(@Payload() request: { id: number }): Promise<{ id: number; name: string }> {
    if (request.id === 404) throw new BusError('NOT_FOUND', `no thing ${request.id}`);
    return { id: request.id, name: `thing ${request.id}` };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
// CI has NATS (.ci/run starts it); elsewhere the JetStream half runs when a server answers.
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));
const transports = [
  { name: 'embedded', env: {} as Record<string, string> },
  { name: 'jetstream', env: { NATS_URL: natsUrl } },
];

describe.each(transports)('Nest handlers over the $name transport', ({ name, env }) => {
  let database: TestDatabase;
  let running: RunningService | undefined;
  const logs = captureLogs();
  const skip = name === 'jetstream' && natsMissing;

  beforeAll(async () => {
    if (skip) return;
    handled.length = 0;
    database = await createTestDatabase(`messaging_${name}`);
    const migrations = mkdtempSync(join(tmpdir(), 'no-migrations-'));
    const definition = defineService({
      name: 'identity',
      envSchema: z.object(serviceEnvShape(0)),
      migrations: { folder: migrations, schema: 'probe_service' },
      module: () => ThingsModule,
    });
    running = await startService(
      definition,
      { DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'info', ...env },
      { logDestination: logs.stream },
    );
    rmSync(migrations, { recursive: true, force: true });
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await database?.drop();
    if (name === 'jetstream' && !skip) await deleteJetStreamConsumers(natsUrl, 'CDP_EVENTS', token);
  }, 60_000);

  it.skipIf(skip)('reports the bus in /health/ready', async () => {
    const ready = await fetch(`${running?.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      checks: { bus: { status: 'up' }, database: { status: 'up' } },
    });
  });

  it.skipIf(skip)(
    'carries the HTTP correlation id through the bus into the handler and its logs',
    async () => {
      const response = await fetch(`${running?.url}/things`, {
        method: 'POST',
        headers: { 'x-correlation-id': `corr-${name}` },
      });
      expect(response.status).toBe(201);
      await waitFor(() => handled.length === 1);
      expect(handled[0]).toEqual({ id: 1, correlationId: `corr-${name}`, deliveryCount: 1 });
      const line = logs.lines().find((l) => l['msg'] === 'thing handled');
      expect(line).toMatchObject({ service: 'identity', correlationId: `corr-${name}`, id: 1 });
    },
  );

  it.skipIf(skip)('dead-letters an invalid payload without calling the handler', async () => {
    const bus = running?.app.get<Bus>(BUS);
    if (!bus) throw new Error('no bus');
    const before = handled.length;
    await bus.publish(THING_HAPPENED.subject, { id: 'one' }, { msgId: `bad-${token}-${name}` });
    await waitFor(async () =>
      (await bus.deadLetters.list(1000)).some((d) => d.subject === THING_HAPPENED.subject),
    );
    const [letter] = (await bus.deadLetters.list(1000)).filter((d) => d.subject === THING_HAPPENED.subject);
    expect(letter).toMatchObject({ consumer: 'identity', deliveryCount: 1, data: { id: 'one' } });
    expect(handled.length).toBe(before);
    await bus.deadLetters.replayAll().catch(() => undefined);
  });

  it.skipIf(skip)('answers requests, and a handler error reaches the caller as its code', async () => {
    const client = running?.app.get(MessagingClient);
    if (!client) throw new Error('no client');
    expect(await client.request(THING_GET, { id: 7 })).toEqual({ id: 7, name: 'thing 7' });
    await expect(client.request(THING_GET, { id: 404 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.request(THING_GET, { id: 1.5 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it.skipIf(skip)('answers an HTTP call whose request found no responder with 503 and the code', async () => {
    const response = await fetch(`${running?.url}/things/lookup`, { method: 'POST' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toMatchObject({ code: 'NO_RESPONDERS' });
  });
});
