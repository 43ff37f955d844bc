import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AudienceView } from '@cdp/activation/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import {
  errorDetailLines,
  formatAudience,
  formatAudiences,
  formatEstimate,
  formatMembers,
  MEMBERS_CSV_HEADER,
  membersCsv,
  pageMembers,
  parseWhole,
  readJsonArgument,
  readJsonObject,
  type MembersReply,
  type MembersRequest,
} from './audiences.js';

const dir = mkdtempSync(join(tmpdir(), 'cdp-audiences-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AUDIENCE_ID = '6f1c1f9e-2a51-4c57-9d1c-0a6e2b8f4c11';

function audience(overrides: Partial<AudienceView> = {}): AudienceView {
  return {
    id: AUDIENCE_ID,
    name: 'High churn risk',
    key: 'high_churn_risk',
    description: null,
    rule: { field: 'scores.churn_risk', op: 'gte', value: 0.6 },
    ruleText: 'churn risk ≥ 0.6',
    ruleVersion: 2,
    size: 1234,
    createdAt: '2024-05-01T12:30:45.000Z',
    updatedAt: '2024-05-02T08:00:00.000Z',
    computedAt: '2024-05-02T08:00:05.000Z',
    ...overrides,
  };
}

function profile(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

describe('readJsonArgument', () => {
  it('parses inline JSON', () => {
    expect(readJsonArgument('--rule', '{"field":"scores.churn_risk","op":"gte","value":0.6}')).toEqual({
      field: 'scores.churn_risk',
      op: 'gte',
      value: 0.6,
    });
  });

  it('reads @file', () => {
    const file = join(dir, 'rule.json');
    writeFileSync(file, '{"and":[{"field":"traits.plan","op":"eq","value":"pro"}]}');
    expect(readJsonArgument('--rule', `@${file}`)).toEqual({
      and: [{ field: 'traits.plan', op: 'eq', value: 'pro' }],
    });
  });

  it('names the flag and the missing file', () => {
    const file = join(dir, 'nope.json');
    expect(() => readJsonArgument('--rule', `@${file}`)).toThrow(
      `--rule @${file}: cannot read ${file}: no such file`,
    );
  });

  it('names the flag when the JSON does not parse, inline or in a file', () => {
    expect(() => readJsonArgument('--rule', "{field:'x'}")).toThrow(
      /^--rule is not valid JSON \(.+\); give JSON in quotes or @file\.json$/,
    );
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"field": ');
    expect(() => readJsonArgument('--rule', `@${file}`)).toThrow(
      `--rule @${file}: ${file} is not valid JSON (`,
    );
  });

  it('refuses a bare @', () => {
    expect(() => readJsonArgument('--config', '@')).toThrow(
      '--config @<file>: the file name is missing after @',
    );
  });

  it('readJsonObject refuses JSON that is not an object', () => {
    expect(() => readJsonObject('--config', '[1,2]')).toThrow(
      '--config must be a JSON object ({ ... }), not a list',
    );
    expect(() => readJsonObject('--template', '"hi"')).toThrow(
      '--template must be a JSON object ({ ... }), not "hi"',
    );
    expect(readJsonObject('--config', '{"kind":"webhook"}')).toEqual({ kind: 'webhook' });
  });
});

describe('parseWhole', () => {
  it('takes whole numbers in bounds and names the flag otherwise', () => {
    expect(parseWhole('--limit', '25', 1, 1000)).toBe(25);
    expect(() => parseWhole('--limit', '2.5', 1, 1000)).toThrow('--limit must be a whole number, not "2.5"');
    expect(() => parseWhole('--limit', '0', 1, 1000)).toThrow('--limit must be from 1 to 1000, not 0');
    expect(() => parseWhole('--cap-day', '-1', 0)).toThrow('--cap-day must be at least 0, not -1');
  });
});

describe('errorDetailLines', () => {
  it('prints each rule error on its own line, the root as (rule)', () => {
    expect(
      errorDetailLines({
        errors: [
          {
            path: 'and[1].op',
            message: 'unknown operator "gt="; the operators are eq, neq, gt, gte, lt, lte',
          },
          { path: '', message: 'rule is nested too deep' },
          { path: ['and', 0, 'field'], message: 'unknown score "churn"' },
        ],
      }),
    ).toEqual([
      'and[1].op: unknown operator "gt="; the operators are eq, neq, gt, gte, lt, lte',
      '(rule): rule is nested too deep',
      'and.0.field: unknown score "churn"',
    ]);
  });

  it('prints nothing for other details', () => {
    expect(errorDetailLines(undefined)).toEqual([]);
    expect(errorDetailLines({ audience: 'x', ids: ['a'] })).toEqual([]);
  });
});

describe('formatting', () => {
  it('shows a created audience with its id, size and rule in words', () => {
    expect(formatAudience(audience({ description: 'for win-back' }), 'created')).toBe(
      [
        'audience "High churn risk" created: 1234 profiles',
        `id ${AUDIENCE_ID}, key high_churn_risk, rule version 2`,
        'rule: churn risk ≥ 0.6',
        'description: for win-back',
        'membership computed 2024-05-02 08:00Z',
      ].join('\n'),
    );
    expect(formatAudience(audience({ computedAt: null }), 'updated')).toContain(
      'membership is being computed (see `audiences list`)',
    );
  });

  it('lists audiences with long rules cut to the column', () => {
    const long = `churn risk ≥ 0.6 and ${'trait plan is "pro" and '.repeat(5)}engagement < 0.2`;
    const text = formatAudiences([
      audience(),
      audience({ name: 'Pro', ruleText: long, computedAt: null, size: 7 }),
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^name\s+size\s+rule\s+version\s+computed$/);
    expect(lines[1]).toMatch(/^High churn risk\s+1234\s+churn risk ≥ 0\.6\s+2\s+2024-05-02 08:00Z$/);
    expect(lines[2]).toContain(`${long.slice(0, 59)}…`);
    expect(lines[2]).not.toContain('engagement < 0.2');
    expect(lines[2]).toMatch(/computing…$/);
    expect(formatAudiences([])).toMatch(/^no audiences yet/);
  });

  it('shows an estimate as N of M profiles with the share', () => {
    expect(
      formatEstimate({ size: 123, profiles: 1000, share: 0.123, ruleText: 'churn risk ≥ 0.6', ms: 41.6 }),
    ).toBe(['123 of 1000 profiles (12.3%)', 'rule: churn risk ≥ 0.6', 'estimated in 42 ms'].join('\n'));
  });

  it('shows members and says when there are more', () => {
    const members = [{ profileId: profile(1), enteredAt: '2024-05-01T10:00:00.000Z' }];
    expect(formatMembers({ audienceId: AUDIENCE_ID, size: 3, fetched: 1 }, members)).toBe(
      [
        'profile id                            entered',
        `${profile(1)}  2024-05-01 10:00Z`,
        '1 of 3 members, oldest entry first (--limit N or --all for more)',
      ].join('\n'),
    );
    expect(formatMembers({ audienceId: AUDIENCE_ID, size: 0, fetched: 0 }, [])).toBe(
      `audience ${AUDIENCE_ID} has no members`,
    );
  });

  it('writes members as profile_id,entered_at CSV', () => {
    expect(
      MEMBERS_CSV_HEADER +
        membersCsv([
          { profileId: profile(1), enteredAt: '2024-05-01T10:00:00.000Z' },
          { profileId: profile(2), enteredAt: '2024-05-01T11:00:00.000Z' },
        ]),
    ).toBe(
      `profile_id,entered_at\n${profile(1)},2024-05-01T10:00:00.000Z\n${profile(2)},2024-05-01T11:00:00.000Z\n`,
    );
  });
});

describe('pageMembers', () => {
  /** A service holding `total` members, answering pages with a cursor. */
  function service(total: number) {
    const requests: MembersRequest[] = [];
    const send = async (request: MembersRequest): Promise<MembersReply> => {
      requests.push(request);
      const start = request.after === undefined ? 0 : Number(request.after);
      const end = Math.min(total, start + request.limit);
      const members = [];
      for (let i = start; i < end; i++)
        members.push({ profileId: profile(i), enteredAt: '2024-05-01T10:00:00.000Z' });
      return { audienceId: AUDIENCE_ID, size: total, members, next: end < total ? String(end) : null };
    };
    return { requests, send };
  }

  it('follows next until the last page with --all', async () => {
    const { requests, send } = service(5);
    const got: string[] = [];
    const summary = await pageMembers({
      audience: 'High churn risk',
      pageSize: 2,
      send,
      onPage: (page) => void got.push(...page.map((m) => m.profileId)),
    });
    expect(summary).toEqual({ audienceId: AUDIENCE_ID, size: 5, fetched: 5 });
    expect(got).toEqual([0, 1, 2, 3, 4].map(profile));
    expect(requests).toEqual([
      { audience: 'High churn risk', limit: 2 },
      { audience: 'High churn risk', limit: 2, after: '2' },
      { audience: 'High churn risk', limit: 2, after: '4' },
    ]);
  });

  it('stops at --limit, asking only for what is left', async () => {
    const { requests, send } = service(10);
    const got: string[] = [];
    const summary = await pageMembers({
      audience: AUDIENCE_ID,
      limit: 3,
      pageSize: 2,
      send,
      onPage: (page) => void got.push(...page.map((m) => m.profileId)),
    });
    expect(summary.fetched).toBe(3);
    expect(got).toHaveLength(3);
    expect(requests.map((r) => r.limit)).toEqual([2, 1]);
  });

  it('an empty audience is one request and no page', async () => {
    const { requests, send } = service(0);
    let pages = 0;
    const summary = await pageMembers({ audience: 'x', pageSize: 100, send, onPage: () => void pages++ });
    expect(summary).toEqual({ audienceId: AUDIENCE_ID, size: 0, fetched: 0 });
    expect(pages).toBe(0);
    expect(requests).toHaveLength(1);
  });
});
