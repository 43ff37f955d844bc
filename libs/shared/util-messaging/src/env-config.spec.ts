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
