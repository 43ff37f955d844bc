import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  AUDIENCE_CREATE,
  AUDIENCE_MEMBERSHIP_CHANGED,
  CAMPAIGN_CREATE,
  DESTINATION_CREATE,
} from '@cdp/activation/contracts';
import { startSmtpReceiver, type SmtpReceiver } from '@cdp/activation/testing';
import type { ProfileFeatures } from '@cdp/feature-store/contracts';
import { EVENTS_RESOLVED, type ResolvedEvent } from '@cdp/identity/contracts';
import { profileGroupKey } from '@cdp/shared/contracts';
import {
  busConfigFor,
  consumeEvents,
  createBus,
  publishEvent,
  sendRequest,
  type Bus,
} from '@cdp/shared/util-messaging';
import { benchDatabase } from './bench-database.js';
import { publishFeatureUpdates, withinTimeout, type FeatureEnvelope } from './feature-updates.js';
import { benchTransport, startServiceChild, type ServiceProcess } from './service-child.js';

/** Identify events per EVENTS_RESOLVED envelope. */
const IDENTIFY_ENVELOPE = 250;
/** Profiles per `features.updated` envelope (the feature store publishes up to 2,500). */
const FEATURES_ENVELOPE = 500;
/** Envelopes published before waiting for their acks. */
const PUBLISH_WINDOW = 8;
const FEATURE = 'intent.clicks_7d';
const THRESHOLD = 3;
/** Everything after the last expected email that still arrives within this is counted (duplicates). */
const SETTLE_MS = 2_000;

export interface ActivationTimeouts {
  /** Identify events stored (not timed). */
  profilesMs: number;
  /** Every profile's `entered` received. */
  membershipMs: number;
  /** Every recipient's email at the receiver. */
  emailsMs: number;
}

export interface ActivationRun {
  profiles: number;
  /** Seconds until the service had stored every profile's identify traits (not timed in the figures). */
  profilesSeconds: number;
  /** First `features.updated` publish to the last expected `entered` received (null: timed out). */
  membershipSeconds: number | null;
  /** Distinct expected profiles whose `entered` was received. */
  entered: number;
  /** `entered` changes received more than once for one profile. */
  membershipDuplicates: number;
  /** First `entered` received to the receiver holding every recipient's email (null: timed out). */
  emailsSeconds: number | null;
  /** Expected recipients the receiver got at least one message for. */
  recipients: number;
  /** Messages the receiver got, in all. */
  messages: number;
  /** Messages beyond the first per recipient (raw: not deduplicated by Message-ID). */
  duplicates: number;
  /** Expected recipients that never got a message. */
  missing: number;
  /** Distinct Message-IDs among the messages. */
  messageIds: number;
  /** Messages to addresses the bench did not expect. */
  unexpected: number;
  /** `activation.deliveries` rows by status at the end. */
  deliveries: Record<string, number>;
  /** What went wrong on the way (a phase that timed out), if anything. */
  failures: string[];
  problems: { count: number; last: string | undefined };
  transport: string;
}

/**
 * The activation service as its own process on a bench database, the bus and a real SMTP server on
 * loopback. The bench stands in for identity (identify events with an email and an email opt-in)
 * and the feature store (`features.updated` putting every profile over an audience's threshold),
 * and counts what comes out: `audience.membership.changed` entries on its own durable consumer and
 * the emails the entry-triggered campaign sends, per recipient, at the SMTP server.
 */
export async function measureActivation(
  root: string,
  profiles: number,
  timeouts: ActivationTimeouts,
  progress: (line: string) => void,
): Promise<ActivationRun> {
  const transport = await benchTransport('activation');
  const database = await benchDatabase();
  let receiver: SmtpReceiver | undefined;
  let service: ServiceProcess | undefined;
  let bus: Bus | undefined;
  let pool: pg.Pool | undefined;
  const failures: string[] = [];
  try {
    receiver = await startSmtpReceiver();
    const env = { DATABASE_URL: database.url, ...transport.env };
    service = await startServiceChild(root, 'activation', {
      ...env,
      ACTIVATION_POLL_MS: '50',
      // Nothing scheduled or swept runs while the bench measures.
      ACTIVATION_SCHEDULER_MS: '3600000',
      ACTIVATION_SWEEP_MINUTES: '10080',
    });
    bus = await createBus(busConfigFor('bench', env));
    pool = new pg.Pool({ connectionString: database.url, max: 2 });

    const destination = await sendRequest(
      bus,
      DESTINATION_CREATE,
      {
        name: 'bench-email',
        config: {
          kind: 'email',
          smtp: { host: receiver.host, port: receiver.port, secure: false },
          from: 'Bench <bench@cdp.test>',
          ratePerSecond: 100_000,
          concurrency: 16,
        },
      },
      30_000,
    );
    const audience = await sendRequest(
      bus,
      AUDIENCE_CREATE,
      { name: 'bench engaged', rule: { field: `features.${FEATURE}`, op: 'gte', value: THRESHOLD } },
      30_000,
    );
    await sendRequest(
      bus,
      CAMPAIGN_CREATE,
      {
        name: 'bench welcome',
        audience: audience.id,
        destination: destination.id,
        template: {
          subject: 'Hi {{traits.first_name}}',
          text: 'Hello {{traits.first_name}}, you clicked {{features.intent.clicks_7d}} times this week.',
        },
        trigger: { type: 'entry' },
        policy: {},
      },
      30_000,
    );

    // 1. Identify events: an email, a first name and an email opt-in per profile (not timed).
    const run = randomBytes(3).toString('hex');
    const ids: string[] = Array.from({ length: profiles }, () => randomUUID());
    const emailOf = new Map(ids.map((id, i) => [id, `p${i}-${run}@bench.cdp.test`]));
    progress(`identify events for ${profiles} profiles`);
    const storing = performance.now();
    await publishIdentifies(bus, ids, emailOf);
    const stored = async (): Promise<number> => {
      const result = await (pool as pg.Pool).query<{ n: string }>(
        "SELECT count(*) AS n FROM activation.profiles WHERE traits ? 'email'",
      );
      return Number(result.rows[0]?.n);
    };
    let storedNow = 0;
    const deadline = Date.now() + timeouts.profilesMs;
    while ((storedNow = await stored()) < profiles && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const profilesSeconds = (performance.now() - storing) / 1000;
    if (storedNow < profiles)
      throw new Error(
        `the service stored the email of only ${storedNow} of ${profiles} profiles after ${timeouts.profilesMs} ms`,
      );

    // 2. Membership: features.updated putting every profile over the threshold.
    const expected = new Set(ids);
    const entered = new Set<string>();
    let membershipDuplicates = 0;
    let firstEntry: number | undefined;
    let lastEntry: number | undefined;
    let allEntered: () => void = () => undefined;
    const everyoneEntered = new Promise<void>((resolve) => (allEntered = resolve));
    await consumeEvents(
      bus,
      AUDIENCE_MEMBERSHIP_CHANGED,
      { durable: 'bench-membership', batchSize: 256, maxAckPending: 4_096 },
      async (message) => {
        for (const change of message.data.events) {
          if (change.change !== 'entered' || change.audienceId !== audience.id) continue;
          if (!expected.has(change.profileId)) continue;
          if (entered.has(change.profileId)) {
            membershipDuplicates++;
            continue;
          }
          entered.add(change.profileId);
          lastEntry = performance.now();
          firstEntry ??= lastEntry;
        }
        if (entered.size === expected.size) allEntered();
      },
    );
    const envelopes = featureEnvelopes(ids);
    progress(
      `features.updated for ${profiles} profiles (${FEATURE} = 5, the audience's threshold ${THRESHOLD})`,
    );
    const started = performance.now();
    await publishFeatureUpdates(bus, envelopes);
    let membershipSeconds: number | null = null;
    try {
      await withinTimeout(
        everyoneEntered,
        timeouts.membershipMs,
        () => `only ${entered.size} of ${profiles} profiles entered the audience`,
      );
      membershipSeconds = ((lastEntry as number) - started) / 1000;
    } catch (error) {
      failures.push((error as Error).message);
    }

    // 3. Emails: every recipient's message at the receiver.
    const recipients = new Map<string, number>([...emailOf.values()].map((email) => [email, 0]));
    let counted = 0;
    let received = 0;
    let lastEmail: number | undefined;
    let unexpected = 0;
    const messages = receiver.messages;
    const count = (): void => {
      for (; counted < messages.length; counted++) {
        for (const to of messages[counted]?.envelopeTo ?? []) {
          const address = to.toLowerCase();
          const seen = recipients.get(address);
          if (seen === undefined) {
            unexpected++;
            continue;
          }
          if (seen === 0) {
            received++;
            lastEmail = performance.now();
          }
          recipients.set(address, seen + 1);
        }
      }
    };
    progress(`waiting for ${profiles} emails at the SMTP receiver`);
    const emailDeadline = Date.now() + timeouts.emailsMs;
    for (count(); received < profiles && Date.now() < emailDeadline; count())
      await new Promise((r) => setTimeout(r, 50));
    let emailsSeconds: number | null = null;
    if (received < profiles)
      failures.push(`only ${received} of ${profiles} recipients got an email after ${timeouts.emailsMs} ms`);
    else if (firstEntry !== undefined) emailsSeconds = ((lastEmail as number) - firstEntry) / 1000;
    // Late copies (a resend after a lease ran out) arrive after the last first copy.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    count();

    let duplicates = 0;
    for (const n of recipients.values()) duplicates += Math.max(0, n - 1);
    const statuses = await pool.query<{ status: string; n: string }>(
      'SELECT status, count(*) AS n FROM activation.deliveries GROUP BY 1 ORDER BY 1',
    );
    return {
      profiles,
      profilesSeconds,
      membershipSeconds,
      entered: entered.size,
      membershipDuplicates,
      emailsSeconds,
      recipients: received,
      messages: messages.length,
      duplicates,
      missing: profiles - received,
      messageIds: new Set(messages.map((m) => m.messageId)).size,
      unexpected,
      deliveries: Object.fromEntries(statuses.rows.map((r) => [r.status, Number(r.n)])),
      failures,
      problems: service.problems(),
      transport: transport.description,
    };
  } finally {
    await bus?.close();
    await service?.stop();
    await receiver?.close();
    await pool?.end();
    await database.release();
    await transport.release();
  }
}

/** Identify events as identity publishes them, one per profile, IDENTIFY_ENVELOPE to an envelope. */
async function publishIdentifies(
  bus: Bus,
  ids: readonly string[],
  emailOf: Map<string, string>,
): Promise<void> {
  const now = new Date().toISOString();
  const envelopes: ResolvedEvent[][] = [];
  for (let i = 0; i < ids.length; i += IDENTIFY_ENVELOPE)
    envelopes.push(
      ids.slice(i, i + IDENTIFY_ENVELOPE).map((profileId, j) => ({
        profileId,
        sourceId: 'bench',
        event: {
          messageId: `bench-identify-${profileId}`,
          type: 'identify' as const,
          userId: `bench-user-${i + j}`,
          traits: {
            email: emailOf.get(profileId) ?? '',
            first_name: `Person${i + j}`,
            consent: { email: true },
          },
          context: {},
          integrations: {},
          timestamp: now,
          receivedAt: now,
        },
      })),
    );
  for (let e = 0; e < envelopes.length; e += PUBLISH_WINDOW)
    await Promise.all(
      envelopes
        .slice(e, e + PUBLISH_WINDOW)
        .map((events) =>
          publishEvent(
            bus,
            EVENTS_RESOLVED,
            { events },
            { key: profileGroupKey(events[0]?.profileId ?? '') },
          ),
        ),
    );
}

/** `features.updated` envelopes putting each profile over the threshold, keyed as the feature store does. */
function featureEnvelopes(ids: readonly string[]): FeatureEnvelope[] {
  const asOf = new Date().toISOString();
  const envelopes: FeatureEnvelope[] = [];
  for (let i = 0; i < ids.length; i += FEATURES_ENVELOPE) {
    const events: ProfileFeatures[] = ids
      .slice(i, i + FEATURES_ENVELOPE)
      .map((profileId) => ({ profileId, asOf, features: { [FEATURE]: 5 } }));
    envelopes.push({ key: profileGroupKey(events[0]?.profileId ?? ''), events });
  }
  return envelopes;
}
