import { parseAudienceRule, ruleDependencies, type RuleDependencies } from '@cdp/activation/domain';
import { describe, expect, it } from 'vitest';
import { affects } from './catalog.service.js';

function depsOf(rule: unknown): RuleDependencies {
  const parsed = parseAudienceRule(rule);
  if (!parsed.ok) throw new Error(`test rule does not parse: ${JSON.stringify(parsed.errors)}`);
  return ruleDependencies(parsed.rule);
}

const byTrait = depsOf({ field: 'traits.plan', op: 'eq', value: 'pro' });
const byFeature = depsOf({ field: 'features.orders_30d', op: 'gte', value: 3 });
const byScore = depsOf({ field: 'scores.churn_risk', op: 'gt', value: 0.7 });
const bySegment = depsOf({ field: 'segments.rfm', op: 'eq', value: 'champions' });
const byEvent = depsOf({ event: 'Order Completed', atLeast: 2, withinDays: 30 });

describe('affects', () => {
  it('re-evaluates an audience only when a namespace it reads changed', () => {
    expect(affects(byTrait, { traits: true })).toBe(true);
    expect(affects(byTrait, { features: true, scores: true })).toBe(false);
    expect(affects(byFeature, { features: true })).toBe(true);
    expect(affects(byFeature, { traits: true })).toBe(false);
    expect(affects(byScore, { scores: true })).toBe(true);
    expect(affects(byScore, { features: true })).toBe(false);
  });

  it('matches segments by source', () => {
    expect(affects(bySegment, { segments: ['rfm'] })).toBe(true);
    expect(affects(bySegment, { segments: ['lifecycle'] })).toBe(false);
    expect(affects(bySegment, { segments: [] })).toBe(false);
    expect(affects(bySegment, { traits: true })).toBe(false);
  });

  it('matches events by name', () => {
    expect(affects(byEvent, { events: ['Page Viewed', 'Order Completed'] })).toBe(true);
    expect(affects(byEvent, { events: ['Page Viewed'] })).toBe(false);
    expect(affects(byEvent, { traits: true })).toBe(false);
  });

  it('sees any dependency of a combined rule', () => {
    const combined = depsOf({
      and: [
        { field: 'traits.plan', op: 'eq', value: 'pro' },
        { not: { event: 'Order Completed', atLeast: 1, withinDays: 7 } },
      ],
    });
    expect(affects(combined, { events: ['Order Completed'] })).toBe(true);
    expect(affects(combined, { traits: true })).toBe(true);
    expect(affects(combined, { scores: true, segments: ['rfm'] })).toBe(false);
  });

  it('re-evaluates everything on a recompute', () => {
    for (const deps of [byTrait, byFeature, byScore, bySegment, byEvent]) {
      expect(affects(deps, { all: true })).toBe(true);
    }
  });

  it('re-evaluates nothing when nothing changed', () => {
    for (const deps of [byTrait, byFeature, byScore, bySegment, byEvent]) {
      expect(affects(deps, {})).toBe(false);
    }
  });
});
