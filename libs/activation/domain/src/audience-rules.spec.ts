import { describe, expect, it } from 'vitest';
import {
  type AudienceRule,
  type ProfileFacts,
  audienceRuleSchema,
  describeAudienceRule,
  evaluateAudienceRule,
  eventCountFrom,
  needsEvents,
  parseAudienceRule,
  ruleDependencies,
} from './audience-rules.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12);

const profile: ProfileFacts = {
  traits: {
    plan: 'Pro',
    age: 42,
    ageText: '42',
    visits: ' 7 ',
    code: 'abc',
    hex: '0x10',
    verified: true,
    nothing: null,
    email: 'Ada@Example.com',
    tags: ['VIP-Gold', 'newsletter', 3],
    address: { city: 'Berlin', zip: '10115' },
  },
  features: { 'intent.clicks_30d': 12, 'profile.country': 'DE', 'intent.empty': null },
  segments: { features: 'seg_ab12cd34' },
  scores: { churn_risk: 0.6, churn_risk_band: 'medium', engagement_score: 0.2 },
};

function rule(input: unknown): AudienceRule {
  const result = parseAudienceRule(input);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.rule;
}

const matches = (input: unknown, facts: ProfileFacts = profile): boolean =>
  evaluateAudienceRule(rule(input), facts, NOW);

function errorsOf(input: unknown): Array<{ path: string; message: string }> {
  const result = parseAudienceRule(input);
  if (result.ok) throw new Error('expected the rule to be rejected');
  return result.errors;
}

const leaf = { field: 'traits.plan', op: 'exists' };

describe('evaluateAudienceRule: comparisons', () => {
  it('eq/neq on strings are case-sensitive', () => {
    expect(matches({ field: 'traits.plan', op: 'eq', value: 'Pro' })).toBe(true);
    expect(matches({ field: 'traits.plan', op: 'eq', value: 'pro' })).toBe(false);
    expect(matches({ field: 'traits.plan', op: 'neq', value: 'pro' })).toBe(true);
    expect(matches({ field: 'traits.plan', op: 'neq', value: 'Pro' })).toBe(false);
  });

  it('eq on booleans matches only that boolean', () => {
    expect(matches({ field: 'traits.verified', op: 'eq', value: true })).toBe(true);
    expect(matches({ field: 'traits.verified', op: 'eq', value: false })).toBe(false);
    expect(matches({ field: 'traits.plan', op: 'eq', value: true })).toBe(false);
  });

  it('gt/gte/lt/lte at and around the boundary', () => {
    const at = (op: string, value: number): boolean => matches({ field: 'scores.churn_risk', op, value });
    expect([at('gt', 0.59), at('gt', 0.6), at('gt', 0.61)]).toEqual([true, false, false]);
    expect([at('gte', 0.59), at('gte', 0.6), at('gte', 0.61)]).toEqual([true, true, false]);
    expect([at('lt', 0.59), at('lt', 0.6), at('lt', 0.61)]).toEqual([false, false, true]);
    expect([at('lte', 0.59), at('lte', 0.6), at('lte', 0.61)]).toEqual([false, true, true]);
  });

  it('in/not_in match any listed value', () => {
    expect(matches({ field: 'scores.churn_risk_band', op: 'in', values: ['medium', 'high'] })).toBe(true);
    expect(matches({ field: 'scores.churn_risk_band', op: 'in', values: ['low', 'high'] })).toBe(false);
    expect(matches({ field: 'scores.churn_risk_band', op: 'not_in', values: ['low', 'high'] })).toBe(true);
    expect(matches({ field: 'scores.churn_risk_band', op: 'not_in', values: ['medium'] })).toBe(false);
    expect(matches({ field: 'traits.age', op: 'in', values: ['x', 41, 42] })).toBe(true);
  });

  it('exists is true for any non-null value, false for null and absent fields', () => {
    expect(matches({ field: 'traits.verified', op: 'exists' })).toBe(true);
    expect(matches({ field: 'traits.tags', op: 'exists' })).toBe(true);
    expect(matches({ field: 'traits.nothing', op: 'exists' })).toBe(false);
    expect(matches({ field: 'traits.absent', op: 'exists' })).toBe(false);
    expect(matches({ field: 'features.intent.empty', op: 'exists' })).toBe(false);
    expect(matches({ field: 'scores.intent_score', op: 'exists' })).toBe(false);
  });

  it('contains is a case-insensitive substring test on strings', () => {
    expect(matches({ field: 'traits.email', op: 'contains', value: 'example.COM' })).toBe(true);
    expect(matches({ field: 'traits.email', op: 'contains', value: 'gmail' })).toBe(false);
    expect(matches({ field: 'traits.age', op: 'contains', value: '4' })).toBe(false);
  });

  it('contains on a list trait is true when any string element contains the value', () => {
    expect(matches({ field: 'traits.tags', op: 'contains', value: 'vip' })).toBe(true);
    expect(matches({ field: 'traits.tags', op: 'contains', value: 'NEWS' })).toBe(true);
    expect(matches({ field: 'traits.tags', op: 'contains', value: 'platinum' })).toBe(false);
    expect(matches({ field: 'traits.tags', op: 'contains', value: '3' })).toBe(false);
  });

  it('reads nested traits, features with dotted names, segments and scores', () => {
    expect(matches({ field: 'traits.address.city', op: 'eq', value: 'Berlin' })).toBe(true);
    expect(matches({ field: 'traits.address.city.name', op: 'exists' })).toBe(false);
    expect(matches({ field: 'features.intent.clicks_30d', op: 'gte', value: 12 })).toBe(true);
    expect(matches({ field: 'features.profile.country', op: 'eq', value: 'DE' })).toBe(true);
    expect(matches({ field: 'segments.features', op: 'eq', value: 'seg_ab12cd34' })).toBe(true);
    expect(matches({ field: 'segments.behaviour', op: 'exists' })).toBe(false);
  });

  it('does not read inherited properties as traits', () => {
    expect(matches({ field: 'traits.toString', op: 'exists' })).toBe(false);
    expect(matches({ field: 'features.constructor', op: 'exists' })).toBe(false);
  });
});

describe('evaluateAudienceRule: numeric strings', () => {
  it('a decimal string compares as a number when the rule value is a number', () => {
    expect(matches({ field: 'traits.ageText', op: 'eq', value: 42 })).toBe(true);
    expect(matches({ field: 'traits.ageText', op: 'gt', value: 41.5 })).toBe(true);
    expect(matches({ field: 'traits.ageText', op: 'neq', value: 42 })).toBe(false);
    expect(matches({ field: 'traits.ageText', op: 'not_in', values: [42] })).toBe(false);
    expect(matches({ field: 'traits.ageText', op: 'neq', value: 41 })).toBe(true);
    expect(matches({ field: 'traits.ageText', op: 'lt', value: 42 })).toBe(false);
    expect(matches({ field: 'traits.visits', op: 'eq', value: 7 })).toBe(true);
    expect(matches({ field: 'traits.address.zip', op: 'in', values: [10115] })).toBe(true);
  });

  it('a string rule value compares as a string, so the number 42 is not "42"', () => {
    expect(matches({ field: 'traits.ageText', op: 'eq', value: '42' })).toBe(true);
    expect(matches({ field: 'traits.age', op: 'eq', value: '42' })).toBe(false);
    expect(matches({ field: 'traits.age', op: 'in', values: ['42'] })).toBe(false);
  });

  it('non-decimal strings are not numbers', () => {
    expect(matches({ field: 'traits.code', op: 'gt', value: 0 })).toBe(false);
    expect(matches({ field: 'traits.code', op: 'lte', value: 0 })).toBe(false);
    expect(matches({ field: 'traits.hex', op: 'eq', value: 16 })).toBe(false);
    expect(matches({ field: 'traits.verified', op: 'eq', value: 1 })).toBe(false);
  });
});

describe('evaluateAudienceRule: missing fields (SQL-like)', () => {
  const ops: unknown[] = [
    { op: 'eq', value: 'x' },
    { op: 'neq', value: 'x' },
    { op: 'gt', value: 0 },
    { op: 'gte', value: 0 },
    { op: 'lt', value: 0 },
    { op: 'lte', value: 0 },
    { op: 'in', values: ['x'] },
    { op: 'not_in', values: ['x'] },
    { op: 'exists' },
    { op: 'contains', value: 'x' },
  ];

  it('every comparison on an absent or null field is false, neq and not_in included', () => {
    for (const field of ['traits.absent', 'traits.nothing', 'features.intent.empty', 'segments.behaviour']) {
      for (const op of ops) {
        expect(matches({ field, ...(op as object) }), `${field} ${JSON.stringify(op)}`).toBe(false);
      }
    }
  });

  it('so not of a comparison on a missing field is true', () => {
    expect(matches({ not: { field: 'traits.absent', op: 'eq', value: 'x' } })).toBe(true);
    expect(matches({ not: { field: 'traits.absent', op: 'neq', value: 'x' } })).toBe(true);
  });

  it('neq and not_in are true for a present value of another type', () => {
    expect(matches({ field: 'traits.age', op: 'neq', value: 'x' })).toBe(true);
    expect(matches({ field: 'traits.tags', op: 'not_in', values: ['x'] })).toBe(true);
  });
});

describe('evaluateAudienceRule: and/or/not', () => {
  const yes = { field: 'traits.plan', op: 'eq', value: 'Pro' };
  const no = { field: 'traits.plan', op: 'eq', value: 'Free' };

  it('combines children', () => {
    expect(matches({ and: [yes, yes] })).toBe(true);
    expect(matches({ and: [yes, no] })).toBe(false);
    expect(matches({ or: [no, yes] })).toBe(true);
    expect(matches({ or: [no, no] })).toBe(false);
    expect(matches({ not: no })).toBe(true);
    expect(matches({ not: yes })).toBe(false);
  });

  it('nests', () => {
    expect(matches({ and: [yes, { or: [no, { not: no }] }] })).toBe(true);
    expect(matches({ and: [yes, { or: [no, { not: yes }] }] })).toBe(false);
    expect(matches({ not: { and: [yes, { not: { or: [no] } }] } })).toBe(false);
  });
});

describe('evaluateAudienceRule: events', () => {
  const history = eventCountFrom([
    { event: 'Order Completed', timestamp: NOW - 30 * DAY },
    { event: 'Order Completed', timestamp: NOW - 2 * DAY },
    { event: 'Order Completed', timestamp: NOW - 31 * DAY },
    { event: 'Signed Up', timestamp: NOW - 100 * DAY },
  ]);
  const facts = { ...profile, eventCount: history };

  it('asks eventCount for the window start now - withinDays days', () => {
    const calls: Array<[string, number]> = [];
    const eventCount = (event: string, sinceMs: number): number => {
      calls.push([event, sinceMs]);
      return 3;
    };
    expect(
      matches({ event: 'Order Completed', atLeast: 3, withinDays: 30 }, { ...profile, eventCount }),
    ).toBe(true);
    expect(
      matches({ event: 'Order Completed', atLeast: 4, withinDays: 30 }, { ...profile, eventCount }),
    ).toBe(false);
    expect(calls).toEqual([
      ['Order Completed', NOW - 30 * DAY],
      ['Order Completed', NOW - 30 * DAY],
    ]);
  });

  it('an event exactly at the window start counts; one a millisecond earlier does not', () => {
    expect(matches({ event: 'Order Completed', atLeast: 2, withinDays: 30 }, facts)).toBe(true);
    expect(matches({ event: 'Order Completed', atLeast: 3, withinDays: 30 }, facts)).toBe(false);
    expect(matches({ event: 'Order Completed', atLeast: 3, withinDays: 31 }, facts)).toBe(true);
    const edge = eventCountFrom([{ event: 'Signed Up', timestamp: NOW - DAY - 1 }]);
    expect(matches({ event: 'Signed Up', atLeast: 1, withinDays: 1 }, { ...profile, eventCount: edge })).toBe(
      false,
    );
  });

  it('counts only the named event', () => {
    expect(matches({ event: 'Signed Up', atLeast: 1, withinDays: 30 }, facts)).toBe(false);
    expect(matches({ event: 'Signed Up', atLeast: 1, withinDays: 100 }, facts)).toBe(true);
  });

  it('throws naming the event when eventCount is absent, even where and/or would short-circuit', () => {
    const withEvent = rule({
      or: [
        { field: 'traits.plan', op: 'eq', value: 'Pro' },
        { event: 'Order Completed', atLeast: 2, withinDays: 30 },
      ],
    });
    expect(() => evaluateAudienceRule(withEvent, profile, NOW)).toThrow(
      /event history \("Order Completed" in the last 30 days\).*eventCount/,
    );
  });
});

describe('parseAudienceRule: errors name the path and the problem', () => {
  it('accepts every rule shape and returns a copy', () => {
    const input = {
      and: [
        { field: 'scores.churn_risk', op: 'gte', value: 0.6 },
        { or: [{ field: 'segments.features', op: 'eq', value: 'seg_x' }, { not: leaf }] },
        { field: 'traits.tags', op: 'in', values: ['a', 1] },
        { field: 'traits.email', op: 'contains', value: 'x' },
        { event: 'Order Completed', atLeast: 1, withinDays: 365 },
      ],
    };
    const result = parseAudienceRule(input);
    expect(result).toEqual({ ok: true, rule: input });
    input.and.pop();
    expect(result.ok && 'and' in result.rule && result.rule.and).toHaveLength(5);
  });

  it.each([
    [
      { and: [leaf, { field: 'traits.a', op: 'like', value: 'x' }] },
      'and[1].op',
      /unknown operator "like"; valid operators: eq, neq, gt, gte, lt, lte, in, not_in, exists, contains/,
    ],
    [{ field: 'traits.a' }, 'op', /"op" is missing; valid operators: eq/],
    [
      { field: 'foo.bar', op: 'exists' },
      'field',
      /unknown namespace "foo" in "foo.bar"; valid namespaces: traits, features, scores, segments/,
    ],
    [{ field: 'plan', op: 'exists' }, 'field', /unknown namespace "plan" in "plan"; valid namespaces/],
    [
      { field: 'traits', op: 'exists' },
      'field',
      /"traits" needs a name after "traits\.", e\.g\. "traits\.plan"/,
    ],
    [{ field: 'traits.a..b', op: 'exists' }, 'field', /"traits\.a\.\.b" has an empty name between dots/],
    [{ op: 'exists' }, 'field', /"field" is missing/],
    [{ field: 7, op: 'exists' }, 'field', /"field" must be a string like "traits.plan"; got the number 7/],
    [
      { or: [{ field: 'scores.churn', op: 'gt', value: 1 }] },
      'or[0].field',
      /unknown score "churn"; valid scores: churn_risk, churn_risk_band, engagement_score, intent_score/,
    ],
    [
      { field: 'traits.age', op: 'gt', value: '40' },
      'value',
      /"gt" compares numbers: "value" must be a number; got the string "40"/,
    ],
    [
      { field: 'traits.age', op: 'lte' },
      'value',
      /"lte" compares numbers: "value" must be a number; got undefined/,
    ],
    [
      { field: 'traits.age', op: 'eq', value: null },
      'value',
      /"eq" needs a "value" that is a number, a string or a boolean; got null/,
    ],
    [{ field: 'traits.age', op: 'eq', value: Number.NaN }, 'value', /"eq" needs a "value"/],
    [
      { field: 'traits.plan', op: 'in', values: [] },
      'values',
      /"in" needs at least one value; got an empty list/,
    ],
    [
      { field: 'traits.plan', op: 'not_in', values: 'pro' },
      'values',
      /"not_in" needs "values", a non-empty list of numbers or strings; got the string "pro"/,
    ],
    [
      { field: 'traits.plan', op: 'in', values: ['a', true] },
      'values[1]',
      /each value of "in" must be a number or a string; got true/,
    ],
    [
      { field: 'traits.plan', op: 'in', value: 'pro', values: ['pro'] },
      'value',
      /"in" takes "values" \(a non-empty list\), not "value"/,
    ],
    [
      { field: 'traits.plan', op: 'eq', values: ['pro'], value: 'pro' },
      'values',
      /"eq" takes a single "value", not "values"/,
    ],
    [{ field: 'traits.plan', op: 'exists', value: 'pro' }, 'value', /"exists" takes no value/],
    [
      { field: 'traits.plan', op: 'eq', value: 'pro', extra: 1 },
      'extra',
      /unknown key "extra"; a comparison with "eq" has "field", "op", "value"/,
    ],
    [
      { field: 'traits.plan', op: 'contains', value: 3 },
      'value',
      /"contains" looks for a substring: "value" must be a non-empty string; got the number 3/,
    ],
    [{ field: 'traits.plan', op: 'contains', value: '' }, 'value', /non-empty string/],
    [
      { field: 'scores.churn_risk_band', op: 'eq', value: 'hgih' },
      'value',
      /unknown churn_risk_band "hgih"; valid bands: low, medium, high/,
    ],
    [
      { field: 'scores.churn_risk_band', op: 'in', values: ['low', 'severe'] },
      'values[1]',
      /unknown churn_risk_band "severe"/,
    ],
    [
      { field: 'scores.churn_risk_band', op: 'gt', value: 1 },
      'op',
      /churn_risk_band is one of low, medium, high: compare it with eq, neq, in or not_in/,
    ],
    [
      { field: 'scores.churn_risk', op: 'eq', value: 'high' },
      'value',
      /churn_risk is a number; got the string "high"/,
    ],
    [
      { field: 'scores.intent_score', op: 'contains', value: '1' },
      'op',
      /intent_score is a number: "contains" does not apply/,
    ],
    [
      { event: 'Order Completed', atLeast: 1, withinDays: 400 },
      'withinDays',
      /"withinDays" must be a whole number of days from 1 to 365; got the number 400/,
    ],
    [
      { event: 'Order Completed', atLeast: 1, withinDays: 0 },
      'withinDays',
      /from 1 to 365; got the number 0/,
    ],
    [{ event: 'Order Completed', atLeast: 1, withinDays: 1.5 }, 'withinDays', /whole number of days/],
    [
      { event: 'Order Completed', atLeast: 1 },
      'withinDays',
      /"withinDays" is missing: the look-back in days \(1 to 365\)/,
    ],
    [
      { event: 'Order Completed', atLeast: 0, withinDays: 7 },
      'atLeast',
      /"atLeast" must be a whole number ≥ 1; got the number 0/,
    ],
    [{ event: 'Order Completed', withinDays: 7 }, 'atLeast', /"atLeast" is missing/],
    [{ event: '', atLeast: 1, withinDays: 7 }, 'event', /"event" must be a non-empty event name/],
    [
      { event: 'X', atLeast: 1, withinDays: 7, times: 2 },
      'times',
      /unknown key "times"; an event rule has "event", "atLeast", "withinDays"/,
    ],
    [{ and: [] }, 'and', /"and" needs at least one rule; got an empty list/],
    [{ or: [] }, 'or', /"or" needs at least one rule/],
    [{ and: leaf }, 'and', /"and" must be a list of rules; got an object/],
    [
      { not: leaf, or: [leaf] },
      '',
      /a rule has exactly one of "and", "or", "not", "field", "event"; this one has "or" and "not"/,
    ],
    [{ and: [leaf], extra: true }, 'extra', /unknown key "extra"; an "and" rule has only "and"/],
    [{ not: null }, 'not', /expected a rule: .*; got null/],
    [{ not: { nope: 1 } }, 'not', /expected a rule: .*; got an object with "nope"/],
    [{}, '', /got an empty object/],
    ['traits.plan', '', /expected a rule: \{ and: \[\.\.\.\] \}.*; got the string "traits.plan"/],
    [[leaf], '', /got a list/],
  ] as Array<[unknown, string, RegExp]>)('%j → %s', (input, path, message) => {
    const errors = errorsOf(input);
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('reports every problem, each at its own path', () => {
    const errors = errorsOf({
      or: [
        { field: 'foo.x', op: 'eq', value: 1 },
        { not: { event: 'X', atLeast: 1, withinDays: 999 } },
        { field: 'traits.a', op: 'in', values: [] },
      ],
    });
    expect(errors.map((error) => error.path)).toEqual([
      'or[0].field',
      'or[1].not.withinDays',
      'or[2].values',
    ]);
  });

  it('quotes keys that are not identifiers', () => {
    expect(errorsOf({ field: 'traits.a', op: 'exists', 'my key': 1 })).toContainEqual({
      path: '["my key"]',
      message: expect.stringMatching(/unknown key "my key"/),
    });
  });
});

describe('parseAudienceRule: limits', () => {
  const nested = (levels: number): unknown => {
    let node: unknown = leaf;
    for (let index = 1; index < levels; index += 1) node = { not: node };
    return node;
  };

  it('accepts depth 10 and rejects depth 11, naming the depth limit where it is exceeded', () => {
    expect(parseAudienceRule(nested(10)).ok).toBe(true);
    expect(errorsOf(nested(11))).toEqual([
      {
        path: 'not.not.not.not.not.not.not.not.not.not',
        message: 'rule is nested too deep: this rule is at level 11 (limit: depth ≤ 10)',
      },
    ]);
  });

  it('accepts 200 nodes and rejects 201, naming the node limit once', () => {
    expect(parseAudienceRule({ or: Array.from({ length: 199 }, () => leaf) }).ok).toBe(true);
    const errors = errorsOf({ or: Array.from({ length: 500 }, () => leaf) });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toEqual({
      path: '',
      message: expect.stringMatching(/more than 200 nodes \(limit: 200 nodes/),
    });
    expect(errorsOf({ and: [{ or: Array.from({ length: 198 }, () => leaf) }, leaf] })[0]?.message).toMatch(
      /limit: 200 nodes/,
    );
  });
});

describe('audienceRuleSchema', () => {
  it('accepts what parseAudienceRule accepts and reports the same paths and messages', () => {
    const good = { and: [leaf, { event: 'X', atLeast: 1, withinDays: 7 }] };
    expect(audienceRuleSchema.safeParse(good)).toEqual({ success: true, data: good });
    const result = audienceRuleSchema.safeParse({ and: [leaf, { field: 'traits.a', op: 'gt', value: 'x' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: ['and', 1, 'value'],
        message: '"gt" compares numbers: "value" must be a number; got the string "x"',
      },
    ]);
  });
});

describe('ruleDependencies and needsEvents', () => {
  const input = rule({
    and: [
      { field: 'traits.plan', op: 'eq', value: 'Pro' },
      { field: 'traits.address.city', op: 'exists' },
      { not: { field: 'traits.plan', op: 'eq', value: 'Free' } },
      { field: 'features.intent.clicks_30d', op: 'gt', value: 1 },
      { field: 'features.profile.country', op: 'eq', value: 'DE' },
      { field: 'scores.intent_score', op: 'gt', value: 0.5 },
      { field: 'scores.churn_risk', op: 'gt', value: 0.5 },
      { or: [{ field: 'segments.features', op: 'eq', value: 'seg_x' }] },
      { event: 'Order Completed', atLeast: 2, withinDays: 30 },
      { event: 'Order Completed', atLeast: 5, withinDays: 30 },
      { event: 'Order Completed', atLeast: 1, withinDays: 7 },
      { not: { event: 'App Opened', atLeast: 1, withinDays: 90 } },
    ],
  });

  it('lists every input the rule reads, sorted and unique, including under not', () => {
    expect(ruleDependencies(input)).toEqual({
      traits: ['address.city', 'plan'],
      features: ['intent.clicks_30d', 'profile.country'],
      segments: ['features'],
      scores: ['churn_risk', 'intent_score'],
      events: [
        { event: 'App Opened', withinDays: 90 },
        { event: 'Order Completed', withinDays: 7 },
        { event: 'Order Completed', withinDays: 30 },
      ],
    });
  });

  it('needsEvents finds event rules at any depth', () => {
    expect(needsEvents(input)).toBe(true);
    expect(needsEvents(rule({ not: { or: [leaf, { event: 'X', atLeast: 1, withinDays: 1 }] } }))).toBe(true);
    expect(needsEvents(rule({ and: [leaf, { not: leaf }] }))).toBe(false);
  });
});

describe('describeAudienceRule', () => {
  it('writes one line, parenthesising nested groups', () => {
    expect(
      describeAudienceRule(
        rule({
          and: [
            { field: 'scores.churn_risk', op: 'gte', value: 0.6 },
            {
              or: [
                { field: 'segments.features', op: 'eq', value: 'seg_x' },
                { event: 'Order Completed', atLeast: 2, withinDays: 30 },
              ],
            },
          ],
        }),
      ),
    ).toBe(
      'churn_risk ≥ 0.6 and (segment of features is seg_x or did "Order Completed" ≥ 2 times in 30 days)',
    );
  });

  it('names each namespace and operator', () => {
    const cases: Array<[unknown, string]> = [
      [{ field: 'traits.plan', op: 'neq', value: 'Free' }, 'trait plan is not "Free"'],
      [{ field: 'traits.verified', op: 'eq', value: true }, 'trait verified is true'],
      [{ field: 'features.intent.clicks_30d', op: 'gt', value: 3 }, 'feature intent.clicks_30d > 3'],
      [{ field: 'scores.engagement_score', op: 'lt', value: 0.2 }, 'engagement_score < 0.2'],
      [{ field: 'scores.intent_score', op: 'lte', value: 1 }, 'intent_score ≤ 1'],
      [{ field: 'traits.plan', op: 'in', values: ['Pro', 'Team'] }, 'trait plan is one of ["Pro", "Team"]'],
      [
        { field: 'segments.rfm', op: 'not_in', values: ['seg_a', 'seg_b'] },
        'segment of rfm is not one of [seg_a, seg_b]',
      ],
      [{ field: 'traits.email', op: 'exists' }, 'trait email is set'],
      [{ field: 'traits.tags', op: 'contains', value: 'vip' }, 'trait tags contains "vip"'],
      [{ event: 'Signed Up', atLeast: 1, withinDays: 1 }, 'did "Signed Up" ≥ 1 time in 1 day'],
      [{ not: { or: [leaf, leaf] } }, 'not (trait plan is set or trait plan is set)'],
      [{ and: [{ not: leaf }] }, 'not (trait plan is set)'],
      [
        { or: [{ and: [leaf, leaf] }, leaf] },
        '(trait plan is set and trait plan is set) or trait plan is set',
      ],
    ];
    for (const [input, text] of cases) expect(describeAudienceRule(rule(input))).toBe(text);
  });
});
