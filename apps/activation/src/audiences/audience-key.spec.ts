import { BusError } from '@cdp/shared/util-messaging';
import { describe, expect, it } from 'vitest';
import { audienceKey, validRule } from './audiences.service.js';

describe('audienceKey', () => {
  it('turns a name into a Segment trait name', () => {
    expect(audienceKey('High churn risk')).toBe('high_churn_risk');
    expect(audienceKey('VIP Customers 2026')).toBe('vip_customers_2026');
  });

  it('drops accents', () => {
    expect(audienceKey('Clientes fiéis de São Paulo')).toBe('clientes_fieis_de_sao_paulo');
    expect(audienceKey('Über-Käufer')).toBe('uber_kaufer');
  });

  it('collapses punctuation and trims it from both ends', () => {
    expect(audienceKey('  -- Cart abandoners (7d)!! --  ')).toBe('cart_abandoners_7d');
    expect(audienceKey('a & b / c')).toBe('a_b_c');
  });

  it('falls back to "audience" when nothing usable is left', () => {
    expect(audienceKey('')).toBe('audience');
    expect(audienceKey('!!! ???')).toBe('audience');
    expect(audienceKey('日本')).toBe('audience');
  });
});

describe('validRule', () => {
  it('gives back a valid rule', () => {
    const rule = { and: [{ field: 'traits.plan', op: 'eq', value: 'pro' }] };
    expect(validRule(rule)).toEqual(rule);
  });

  it('throws VALIDATION_FAILED naming the JSON path of each problem', () => {
    const rule = {
      and: [
        { field: 'traits.plan', op: 'equals', value: 'pro' },
        { or: [{ event: 'Order Completed', atLeast: 1, withinDays: 9999 }] },
      ],
    };
    let thrown: unknown;
    try {
      validRule(rule);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BusError);
    const error = thrown as BusError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('and[0].op');
    expect(error.message).toContain('and[1].or[0].withinDays');
    const errors = (error.details?.['errors'] ?? []) as Array<{ path: string }>;
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['and[0].op', 'and[1].or[0].withinDays']),
    );
  });

  it('names the rule itself when the whole input is wrong', () => {
    expect(() => validRule('not a rule')).toThrow(/\(rule\)/);
  });
});
