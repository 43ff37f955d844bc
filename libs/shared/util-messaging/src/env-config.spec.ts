import { describe, expect, it } from 'vitest';
import { PLATFORM_STREAMS } from './create-bus.js';
import { busConfigFor, busStreamNames } from './env-config.js';

const DATABASE_URL = 'postgres://cdp@127.0.0.1:5432/cdp';
const NATS_URL = 'nats://127.0.0.1:4222';

describe('busConfigFor', () => {
  it("passes NATS_NAMESPACE on to JetStream with the platform's streams", () => {
    expect(busConfigFor('ingestion', { NATS_URL, NATS_NAMESPACE: 'suite-1', DATABASE_URL })).toEqual({
      kind: 'jetstream',
      servers: NATS_URL,
      name: 'ingestion',
      ...PLATFORM_STREAMS,
      namespace: 'suite-1',
    });
  });

  it.each([undefined, '', '   '])(
    'leaves JetStream without a namespace when NATS_NAMESPACE is %j',
    (value) => {
      const config = busConfigFor('ingestion', { NATS_URL, NATS_NAMESPACE: value, DATABASE_URL });
      expect(config).toEqual({
        kind: 'jetstream',
        servers: NATS_URL,
        name: 'ingestion',
        ...PLATFORM_STREAMS,
      });
      expect(config).not.toHaveProperty('namespace');
    },
  );

  it('passes the stream replicas, the ack wait and a fault on to JetStream', () => {
    expect(
      busConfigFor('identity', {
        NATS_URL,
        DATABASE_URL,
        NATS_STREAM_REPLICAS: 3,
        NATS_ACK_WAIT_MS: 5_000,
        FAULT_KILL_BEFORE_ACK: { durable: 'identity', after: 4 },
      }),
    ).toEqual({
      kind: 'jetstream',
      servers: NATS_URL,
      name: 'identity',
      ...PLATFORM_STREAMS,
      stream: { ...PLATFORM_STREAMS.stream, replicas: 3 },
      ackWaitMs: 5_000,
      faults: { killBeforeAck: { durable: 'identity', after: 4 } },
    });
  });

  it('ignores NATS_NAMESPACE for the embedded transport', () => {
    expect(busConfigFor('ingestion', { NATS_NAMESPACE: 'suite-1', DATABASE_URL })).toEqual({
      kind: 'embedded',
      databaseUrl: DATABASE_URL,
      name: 'ingestion',
    });
  });
});

describe('busStreamNames', () => {
  it('names the namespace streams as the bus creates them', () => {
    expect(busStreamNames('e2e-7')).toEqual(['CDP_EVENTS_E2E-7', 'CDP_DLQ_E2E-7']);
  });
});
