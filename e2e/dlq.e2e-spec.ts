import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canConnectToNats,
  deleteJetStreamConsumers,
  createTestDatabase,
  type TestDatabase,
  waitFor,
} from '@cdp/shared/testing';
import { busConfigFor, createBus, type Bus, type Subscription } from '@cdp/shared/util-messaging';
import { cli, runCli } from './support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

const cdp = cli;

describe.each([
  { transport: 'embedded', skip: false },
  { transport: 'jetstream', skip: natsMissing },
])('npm run cdp -- dlq on the $transport transport', ({ transport, skip }) => {
  const subject = `cdp.dlq-e2e-${randomBytes(3).toString('hex')}.evt.order.placed.v1`;
  let database: TestDatabase;
  let env: Record<string, string>;
  let bus: Bus;
  let subscription: Subscription;
  let healed = false;
  const received: unknown[] = [];

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(`dlq_${transport}`);
    env = transport === 'embedded' ? { DATABASE_URL: database.url } : { NATS_URL: natsUrl };
    bus = await createBus(
      busConfigFor('orders', {
        DATABASE_URL: database.url,
        ...(transport === 'jetstream' ? { NATS_URL: natsUrl } : {}),
      }),
    );
    subscription = await bus.consume(
      { durable: 'orders', subject, maxDeliver: 2, backoffMs: [50] },
      async (message) => {
        if (!healed) throw new Error('warehouse service unreachable');
        received.push(message.data);
      },
    );
  }, 60_000);

  afterAll(async () => {
    await subscription?.stop();
    await bus?.close();
    await database?.drop();
    if (transport === 'jetstream' && !skip) await deleteJetStreamConsumers(natsUrl, 'CDP_EVENTS', subject);
  });

  it.skipIf(skip)(
    'lists a dead letter with its error, replays it by id, and the consumer then handles it',
    async () => {
      await bus.publish(subject, { orderId: 'o-1' }, { msgId: `${subject}-o-1` });
      const mine = async (): Promise<
        Array<{ id: string; subject: string; error: string; deliveryCount: number; consumer: string }>
      > =>
        (
          JSON.parse(await cdp(['dlq', 'list', '--json', '--limit', '1000'], env)) as {
            deadLetters: Array<{
              id: string;
              subject: string;
              error: string;
              deliveryCount: number;
              consumer: string;
            }>;
          }
        ).deadLetters.filter((d) => d.subject === subject);
      await waitFor(async () => (await mine()).length === 1);
      const [letter] = await mine();
      expect(letter).toMatchObject({ consumer: 'orders', deliveryCount: 2 });
      expect(letter?.error).toContain('warehouse service unreachable');
      expect(await cdp(['dlq', 'list'], env)).toContain('warehouse service unreachable');

      healed = true;
      expect(JSON.parse(await cdp(['dlq', 'replay', letter?.id ?? '', '--json'], env))).toEqual({
        replayed: 1,
      });
      await waitFor(() => received.length === 1);
      expect(received).toEqual([{ orderId: 'o-1' }]);
      expect(await mine()).toEqual([]);
    },
    60_000,
  );

  it.skipIf(skip)(
    'replays everything with --all',
    async () => {
      healed = false;
      await bus.publish(subject, { orderId: 'o-2' }, { msgId: `${subject}-o-2` });
      await bus.publish(subject, { orderId: 'o-3' }, { msgId: `${subject}-o-3` });
      await waitFor(
        async () => (await bus.deadLetters.list(1000)).filter((d) => d.subject === subject).length === 2,
      );
      healed = true;
      const { replayed } = JSON.parse(await cdp(['dlq', 'replay', '--all', '--json'], env)) as {
        replayed: number;
      };
      expect(replayed).toBeGreaterThanOrEqual(2);
      await waitFor(() => received.length === 3);
      expect(received.slice(1)).toEqual(expect.arrayContaining([{ orderId: 'o-2' }, { orderId: 'o-3' }]));
    },
    60_000,
  );

  it('tells the operator how to reach the bus when none is configured', async () => {
    const result = await runCli(['--data-dir', '/nonexistent', 'dlq', 'list'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/NATS_URL.*DATABASE_URL/);
  });
});
