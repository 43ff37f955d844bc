import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { AUDIENCE_CREATE, CAMPAIGN_CREATE, DESTINATION_CREATE } from '@cdp/activation/contracts';
import { startSmtpReceiver, type SmtpReceiver } from '@cdp/activation/testing';
import type { ResolvedEvent } from '@cdp/identity/contracts';
import {
  canConnectToNats,
  createTestDatabase,
  deleteBusNamespace,
  waitFor,
  type TestDatabase,
} from '@cdp/shared/testing';
import { busConfigFor, createBus, sendRequest, type Bus } from '@cdp/shared/util-messaging';
import { freePort } from '@cdp/shared/util-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishResolved, resolvedEvent } from './stack.js';
import { startAlone, waitReady } from './support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

const PEOPLE = 600;
const CONCURRENCY = 4;

let database: TestDatabase;
let smtp: SmtpReceiver;
let bus: Bus;
let pool: pg.Pool;
let env: Record<string, string>;
let namespace: string;
let service: ReturnType<typeof startAlone> | undefined;

async function start(): Promise<void> {
  const port = await freePort();
  service = startAlone('activation', { ...env, PORT: String(port) });
  await waitReady(`http://127.0.0.1:${port}`, service.exited);
}

/**
 * The delivery engine's promise under a crash: the service is killed with SIGKILL in the middle of
 * an email campaign and started again; at the SMTP server every recipient has their message, and
 * nobody has two different ones.
 */
describe.skipIf(natsMissing)('activation: killed mid-campaign and restarted', () => {
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    database = await createTestDatabase('e2e_activation_crash');
    namespace = `e2e-crash-${randomBytes(3).toString('hex')}`;
    env = {
      DATABASE_URL: database.url,
      NATS_URL: natsUrl,
      NATS_NAMESPACE: namespace,
      LOG_LEVEL: 'warn',
      ACTIVATION_POLL_MS: '50',
      // A claim left by the killed process is taken over after this long.
      ACTIVATION_LEASE_MS: '2000',
    };
    await start();
    bus = await createBus(busConfigFor('crash-e2e', { ...env, DATABASE_URL: database.url }));
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
  }, 90_000);

  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
    await bus?.close();
    await pool?.end();
    await smtp?.close();
    await database?.drop();
    await deleteBusNamespace(natsUrl, namespace);
  });

  it('sends nobody twice and nobody zero times', async () => {
    await sendRequest(bus, DESTINATION_CREATE, {
      name: 'mail',
      config: {
        kind: 'email',
        smtp: { host: '127.0.0.1', port: smtp.port },
        from: 'Acme <news@acme.test>',
        ratePerSecond: 150,
        concurrency: CONCURRENCY,
      },
    });
    await sendRequest(bus, AUDIENCE_CREATE, {
      name: 'Everyone in the test',
      rule: { field: 'traits.group', op: 'eq', value: 'crash' },
    });
    await sendRequest(bus, CAMPAIGN_CREATE, {
      name: 'welcome',
      audience: 'Everyone in the test',
      destination: 'mail',
      template: { subject: 'Welcome {{traits.first_name}}', text: 'Hello' },
      trigger: { type: 'entry' },
      policy: {},
    });

    const people = Array.from({ length: PEOPLE }, (_, n) => ({
      profileId: randomUUID(),
      email: `crash${n}@example.test`,
      n,
    }));
    const events: ResolvedEvent[] = people.map((p) =>
      resolvedEvent(p.profileId, {
        type: 'identify',
        userId: `crash-${p.n}`,
        traits: { email: p.email, first_name: `P${p.n}`, group: 'crash', consent: { email: true } },
      }),
    );
    await publishResolved(bus, events);

    // Mid-campaign: some sent, most not.
    await waitFor(async () => smtp.messages.length >= 150, 30_000, '150 emails before the kill');
    service?.child.kill('SIGKILL');
    await service?.exited;
    const atKill = smtp.messages.length;
    expect(atKill).toBeLessThan(PEOPLE);

    await start();
    const expected = new Set(people.map((p) => p.email));
    const recipients = () => new Set(smtp.messages.flatMap((m) => m.envelopeTo));
    await waitFor(async () => [...expected].every((e) => recipients().has(e)), 60_000, 'every recipient');
    await waitFor(
      async () =>
        Number(
          (await pool.query(`SELECT count(*) AS n FROM activation.deliveries WHERE status <> 'sent'`)).rows[0]
            .n,
        ) === 0,
      20_000,
      'every delivery recorded sent',
    );

    const byRecipient = new Map<string, string[]>();
    for (const m of smtp.messages) {
      for (const to of m.envelopeTo) byRecipient.set(to, [...(byRecipient.get(to) ?? []), m.messageId ?? '']);
    }
    const missing = [...expected].filter((e) => !byRecipient.has(e));
    const twoDifferent = [...byRecipient].filter(([, ids]) => new Set(ids).size > 1);
    const copies = smtp.messages.length - byRecipient.size;
    // Only a send in flight at the kill can arrive twice (its outcome was never recorded), and then
    // as the same message: the same Message-ID, which mail stores keep once.
    process.stderr.write(
      `activation crash e2e: ${atKill} emails before SIGKILL, ${smtp.messages.length} in all for ${PEOPLE} people; ` +
        `missing ${missing.length}, people with two different messages ${twoDifferent.length}, ` +
        `resent copies of an in-flight message ${copies}\n`,
    );
    expect(missing).toEqual([]);
    expect(twoDifferent).toEqual([]);
    expect(copies).toBeLessThanOrEqual(CONCURRENCY);
    expect(byRecipient.size).toBe(PEOPLE);
  }, 120_000);
});
