import { describe, expect, it } from 'vitest';
import { consumerName, subjectToken } from './codec.js';

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
