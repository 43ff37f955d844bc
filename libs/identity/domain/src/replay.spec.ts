import { describe, expect, it } from 'vitest';
import { identifierKey, type Identifier } from './identifiers.js';
import { DEFAULT_PROTECTION } from './protection.js';
import { replayLinks, splitProfileIds, type Link } from './replay.js';

const uid = (value: string): Identifier => ({ type: 'user_id', value });
const anon = (value: string): Identifier => ({ type: 'anonymous_id', value });
const email = (value: string): Identifier => ({ type: 'email', value });

const link = (id: string, at: string, ...identifiers: Identifier[]): Link => ({
  id,
  at: `2024-05-01T${at}:00.000Z`,
  identifiers,
});

const keys = (groups: Identifier[][]) => groups.map((group) => group.map(identifierKey));

// Ann browses anonymously on two devices and logs in on both; Bob browses anonymously and leaves his
// email in a newsletter form; then a support agent types Bob's email into Ann's account by mistake.
const history: Link[] = [
  link('l1', '10:00', anon('ann-laptop')),
  link('l2', '10:05', uid('ann'), anon('ann-laptop')),
  link('l3', '11:00', anon('bob-phone'), email('bob@example.com')),
  link('l4', '12:00', anon('ann-phone')),
  link('l5', '12:30', uid('ann'), anon('ann-phone')),
  link('wrong', '13:00', uid('ann'), email('bob@example.com')),
  link('l7', '14:00', anon('bob-phone')),
];

describe('replayLinks', () => {
  it('reproduces the one merged profile when nothing is excluded', () => {
    expect(keys(replayLinks(history, DEFAULT_PROTECTION, { exclude: new Set() }))).toEqual([
      [
        'user_id:ann',
        'email:bob@example.com',
        'anonymous_id:ann-laptop',
        'anonymous_id:ann-phone',
        'anonymous_id:bob-phone',
      ],
    ]);
  });

  it('splits the profile without the link that merged it, earliest group first', () => {
    expect(keys(replayLinks(history, DEFAULT_PROTECTION, { exclude: new Set(['wrong']) }))).toEqual([
      ['user_id:ann', 'anonymous_id:ann-laptop', 'anonymous_id:ann-phone'],
      ['email:bob@example.com', 'anonymous_id:bob-phone'],
    ]);
  });

  it('orders links by time then id, whatever order they come in', () => {
    const shuffled = [
      history[6]!,
      history[2]!,
      history[5]!,
      history[0]!,
      history[4]!,
      history[1]!,
      history[3]!,
    ];
    expect(replayLinks(shuffled, DEFAULT_PROTECTION, { exclude: new Set(['wrong']) })).toEqual(
      replayLinks(history, DEFAULT_PROTECTION, { exclude: new Set(['wrong']) }),
    );
    const sameTime = [link('b', '10:00', anon('x'), uid('u2')), link('a', '10:00', anon('x'), uid('u1'))];
    // `a` is replayed first, so x belongs to u1; `b` cannot join it (user_id limit 1).
    expect(keys(replayLinks(sameTime, DEFAULT_PROTECTION, { exclude: new Set() }))).toEqual([
      ['user_id:u1', 'anonymous_id:x'],
      ['user_id:u2'],
    ]);
  });

  it('applies the merge protection again: two user_ids sharing a device stay apart', () => {
    const links = [
      link('l1', '09:00', uid('ann'), anon('family-pc')),
      link('l2', '09:30', uid('bob'), anon('family-pc')),
      link('l3', '10:00', anon('family-pc')),
    ];
    expect(keys(replayLinks(links, DEFAULT_PROTECTION, { exclude: new Set() }))).toEqual([
      ['user_id:ann', 'anonymous_id:family-pc'],
      ['user_id:bob'],
    ]);
  });

  it('leaves identifiers seen only in excluded links out of every group', () => {
    const links = [
      link('l1', '09:00', uid('ann')),
      link('l2', '09:30', uid('ann'), email('typo@example.com')),
    ];
    expect(keys(replayLinks(links, DEFAULT_PROTECTION, { exclude: new Set(['l2']) }))).toEqual([
      ['user_id:ann'],
    ]);
  });
});

describe('splitProfileIds', () => {
  const merge = {
    profileId: 'ann-profile',
    mergedProfileId: 'bob-profile',
    linkedBy: [uid('ann'), email('bob@example.com')],
  };
  let counter = 0;
  const newId = () => `new-${++counter}`;

  it('gives the surviving id to the group that would win the merge, even when the other side is older', () => {
    const groups = [
      [email('bob@example.com'), anon('bob-phone')],
      [uid('ann'), anon('ann-laptop')],
    ];
    expect(splitProfileIds(groups, merge, DEFAULT_PROTECTION, newId)).toEqual(['bob-profile', 'ann-profile']);
  });

  it("gives the absorbed profile's id back to the group holding the merging event's other identifier", () => {
    const groups = [[uid('ann')], [anon('stray-device')], [email('bob@example.com')]];
    expect(splitProfileIds(groups, merge, DEFAULT_PROTECTION, () => 'fresh')).toEqual([
      'ann-profile',
      'fresh',
      'bob-profile',
    ]);
  });

  it('falls back to the earliest group left, and ties to the earlier group', () => {
    const groups = [[anon('a')], [anon('b')]];
    expect(splitProfileIds(groups, { ...merge, linkedBy: [] }, DEFAULT_PROTECTION, newId)).toEqual([
      'ann-profile',
      'bob-profile',
    ]);
  });
});
