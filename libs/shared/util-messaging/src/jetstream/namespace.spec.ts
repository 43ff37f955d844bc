import { describe, expect, it } from 'vitest';
import { PLATFORM_STREAMS, type JetStreamBusConfig } from '../create-bus.js';
import { BusError } from '../errors.js';
import { originalSubject, partitionSubject } from './codec.js';
import { createJetStreamBus } from './jetstream-bus.js';
import { applyNamespace, namespacedStreamName, subjectSpace } from './namespace.js';

const platform = (namespace?: string): JetStreamBusConfig => ({
  kind: 'jetstream',
  // Nothing listens here: a bad namespace must be refused before any connection attempt.
  servers: 'nats://127.0.0.1:1',
  name: 'ingestion',
  ...PLATFORM_STREAMS,
  ...(namespace === undefined ? {} : { namespace }),
});

describe('bus namespace', () => {
  it('puts the platform streams under the namespace, leaving PLATFORM_STREAMS as it was', () => {
    const config = applyNamespace(platform('e2e-7'));
    expect(config.stream).toMatchObject({ name: 'CDP_EVENTS_E2E-7', subjects: ['e2e-7.cdp.*.evt.>'] });
    expect(config.stream.partitions).toBe(16);
    expect(config.deadLetter).toEqual({ stream: 'CDP_DLQ_E2E-7', subjectPrefix: 'e2e-7.cdp-dlq' });
    expect(PLATFORM_STREAMS.stream.name).toBe('CDP_EVENTS');
    expect(PLATFORM_STREAMS.stream.subjects).toEqual(['cdp.*.evt.>']);
    expect(PLATFORM_STREAMS.deadLetter).toEqual({ stream: 'CDP_DLQ', subjectPrefix: 'cdp-dlq' });
  });

  it('changes nothing without a namespace', () => {
    const config = platform();
    expect(applyNamespace(config)).toBe(config);
    const plain = subjectSpace(undefined);
    expect(plain.toNats('cdp.identity.evt.profile.merged.v1')).toBe('cdp.identity.evt.profile.merged.v1');
  });

  it('gives back the plain subject of a stored partition subject', () => {
    const space = subjectSpace('suite_1');
    const stored = partitionSubject(space.toNats('cdp.identity.evt.profile.merged.v1'), 3);
    expect(stored).toBe('suite_1.cdp.identity.evt.profile.merged.v1.p3');
    expect(space.fromNats(originalSubject(stored))).toBe('cdp.identity.evt.profile.merged.v1');
  });

  it('uppercases the namespace in stream names and replaces what a name cannot hold', () => {
    expect(namespacedStreamName('CDP_EVENTS', 'ci_42-x')).toBe('CDP_EVENTS_CI_42-X');
    expect(namespacedStreamName('CDP_DLQ', 'a.b c')).toBe('CDP_DLQ_A_B_C');
  });

  it.each([
    ['Upper', 'must be 1 to 32 of a-z'],
    ['has.dot', 'must be 1 to 32 of a-z'],
    ['-leading', 'must be 1 to 32 of a-z'],
    ['', 'must be 1 to 32 of a-z'],
    ['x'.repeat(33), 'must be 1 to 32 of a-z'],
    ['cdp', 'the platform'],
    ['cdp-dlq', 'the platform'],
  ])('refuses namespace "%s" before connecting, naming NATS_NAMESPACE', async (namespace, problem) => {
    const attempt = createJetStreamBus(platform(namespace));
    await expect(attempt).rejects.toBeInstanceOf(BusError);
    await expect(attempt).rejects.toThrow(/^NATS_NAMESPACE /);
    await expect(attempt).rejects.toThrow(problem);
    await expect(attempt).rejects.toThrow(`(got "${namespace}")`);
  });
});
