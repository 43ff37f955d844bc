import { describe, expect, it } from 'vitest';
import {
  consumerName,
  fnv1a32,
  originalSubject,
  partitionConsumerName,
  partitionOf,
  partitionsFilter,
  partitionSubject,
  subjectToken,
} from './codec.js';

// JetStream refuses consumer names with `.`, `*`, `>`, blanks or path separators.
const VALID_NAME = /^[A-Za-z0-9_-]{1,200}$/;

describe('consumerName', () => {
  it('reads as the durable and its subject, so an operator can tell consumers apart', () => {
    expect(consumerName('feature-store', 'cdp.ingestion.evt.event.received.v1')).toBe(
      'feature-store__cdp_ingestion_evt_event_received_v1',
    );
  });

  it('gives valid, distinct names for wildcards and look-alike subjects', () => {
    const names = [
      consumerName('svc', 'cdp.*.evt.>'),
      consumerName('svc', 'cdp.a.evt.>'),
      consumerName('svc', 'cdp_a.evt.b'),
      consumerName('svc', 'cdp.a_evt.b'),
      consumerName('svc.x', 'cdp.a'),
      consumerName('svc', 'x.cdp.a'),
      consumerName('svc', `cdp.${'long-token.'.repeat(40)}v1`),
    ];
    for (const name of names) expect(name).toMatch(VALID_NAME);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('subjectToken', () => {
  it('makes one subject token of a durable name', () => {
    expect(subjectToken('identity.merge >')).toBe('identity_merge__');
  });
});

describe('partitions', () => {
  it('hashes with FNV-1a 32', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // UTF-8 bytes beyond ASCII: 'é' is 0xc3 0xa9.
    expect(fnv1a32('é')).toBe(Math.imul(Math.imul(0x811c9dc5 ^ 0xc3, 0x01000193) ^ 0xa9, 0x01000193) >>> 0);
  });

  it('puts a key, else a msgId, always in the same partition', () => {
    expect(partitionOf('profile-1', 'a', 16)).toBe(fnv1a32('profile-1') % 16);
    expect(partitionOf('profile-1', 'b', 16)).toBe(partitionOf('profile-1', 'c', 16));
    expect(partitionOf(undefined, 'msg-1', 16)).toBe(fnv1a32('msg-1') % 16);
    const random = partitionOf(undefined, undefined, 4);
    expect(random).toBeGreaterThanOrEqual(0);
    expect(random).toBeLessThan(4);
  });

  it('maps subjects to partitions and back', () => {
    expect(partitionSubject('cdp.a.evt.x.v1', 3)).toBe('cdp.a.evt.x.v1.p3');
    expect(originalSubject('cdp.a.evt.x.v1.p3')).toBe('cdp.a.evt.x.v1');
    expect(originalSubject('cdp.a.evt.x.v1')).toBe('cdp.a.evt.x.v1');
    expect(partitionsFilter('cdp.a.evt.x.v1')).toBe('cdp.a.evt.x.v1.>');
    expect(partitionsFilter('cdp.*.evt.>')).toBe('cdp.*.evt.>');
  });

  it('names partition consumers validly and distinctly', () => {
    expect(partitionConsumerName('svc', 'cdp.a', 5)).toBe('svc__cdp_a__p5');
    const long = `cdp.${'long-token.'.repeat(40)}v1`;
    const names = [0, 1, 15].map((i) => partitionConsumerName('svc', long, i));
    for (const name of names) expect(name).toMatch(VALID_NAME);
    expect(new Set(names).size).toBe(3);
  });
});
