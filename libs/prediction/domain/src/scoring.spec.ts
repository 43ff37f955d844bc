import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, INTENT_WEIGHTS, intentScore, riskBand, topContributions } from './scoring.js';

describe('riskBand', () => {
  it('puts 0.3 and up in medium and 0.6 and up in high by default', () => {
    expect(riskBand(0)).toBe('low');
    expect(riskBand(0.2999)).toBe('low');
    expect(riskBand(0.3)).toBe('medium');
    expect(riskBand(0.5999)).toBe('medium');
    expect(riskBand(0.6)).toBe('high');
    expect(riskBand(1)).toBe('high');
  });

  it('uses the thresholds it is given', () => {
    const bands = { medium: 0.5, high: 0.9 };
    expect(riskBand(0.3, bands)).toBe('low');
    expect(riskBand(0.5, bands)).toBe('medium');
    expect(riskBand(0.8999, bands)).toBe('medium');
    expect(riskBand(0.9, bands)).toBe('high');
  });

  it('does not let a caller change the default bands', () => {
    expect(Object.isFrozen(DEFAULT_BANDS)).toBe(true);
  });
});

describe('topContributions', () => {
  const names = ['a', 'b', 'c', 'd', 'e'];
  // One value per name, then the bias: the largest of all, and never a feature.
  const contributions = Float64Array.from([0.1, -0.5, 0, 0.3, -0.05, 2]);

  it('orders features by absolute contribution, largest first, without zeros or the bias', () => {
    expect(topContributions(contributions, names)).toEqual([
      { feature: 'b', contribution: -0.5 },
      { feature: 'd', contribution: 0.3 },
      { feature: 'a', contribution: 0.1 },
      { feature: 'e', contribution: -0.05 },
    ]);
  });

  it('returns at most n', () => {
    expect(topContributions(contributions, names, 2).map((c) => c.feature)).toEqual(['b', 'd']);
    expect(topContributions(contributions, names, 0)).toEqual([]);
  });

  it('rounds contributions to 4 decimals', () => {
    expect(topContributions([0.123456, -0.987654, 1], ['x', 'y'])).toEqual([
      { feature: 'y', contribution: -0.9877 },
      { feature: 'x', contribution: 0.1235 },
    ]);
  });
});

describe('intentScore', () => {
  const none = () => null;
  const only = (name: string, value: number) => (asked: string) => (asked === name ? value : null);

  it('is the bias alone, 1 / (1 + e^3.5) to 4 decimals, without activity', () => {
    expect(intentScore(none)).toBe(Math.round((1 / (1 + Math.exp(3.5))) * 1e4) / 1e4);
    expect(intentScore(none)).toBe(0.0293);
  });

  it('weighs log1p of each count', () => {
    const expected = Math.round((1 / (1 + Math.exp(3.5 - 1.1 * Math.log(2)))) * 1e4) / 1e4;
    expect(intentScore(only('commerce.cart_adds_7d', 1))).toBe(expected);
  });

  it('rises strictly with each intent feature, alone or on top of the others', () => {
    for (const { feature } of INTENT_WEIGHTS) {
      for (const base of [0, 2]) {
        const others = (name: string) => (name === feature ? 0 : base);
        let previous = -1;
        for (let count = 0; count <= 20; count++) {
          const score = intentScore((name) => (name === feature ? count : others(name)));
          expect(score, `${feature} = ${count} with the others at ${base}`).toBeGreaterThan(previous);
          previous = score;
        }
      }
    }
  });

  it('treats missing, null, negative and NaN counts as 0, and ignores other features', () => {
    const baseline = intentScore(none);
    for (const { feature } of INTENT_WEIGHTS) {
      expect(intentScore(() => undefined)).toBe(baseline);
      expect(intentScore(only(feature, -3))).toBe(baseline);
      expect(intentScore(only(feature, Number.NaN))).toBe(baseline);
      expect(intentScore(only(feature, 0))).toBe(baseline);
    }
    expect(intentScore(only('engagement.sessions_30d', 50))).toBe(baseline);
  });

  it('stays inside (0, 1) for plausible session activity', () => {
    for (const count of [0, 1, 5, 20, 50]) {
      const score = intentScore(() => count);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(1);
    }
  });
});
