import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import { describe, expect, it } from 'vitest';
import { aliasIdentifiers, extractIdentifiers, identifierKey, type Identifier } from './identifiers.js';
import { DEFAULT_PROTECTION } from './protection.js';
import { resolveIdentifiers, type KnownProfile, type ResolveInput } from './resolve.js';

const uid = (value: string): Identifier => ({ type: 'user_id', value });
const anon = (value: string): Identifier => ({ type: 'anonymous_id', value });
const email = (value: string): Identifier => ({ type: 'email', value });
const device = (value: string): Identifier => ({ type: 'device_id', value });

function profile(profileId: string, createdAt: string, ...identifiers: Identifier[]): KnownProfile {
  return { profileId, createdAt, identifiers };
}

/** The graph as the service would load it for one event: owners and profiles of the event's identifiers. */
function input(identifiers: Identifier[], ...profiles: KnownProfile[]): ResolveInput {
  const owners = new Map<string, string>();
  for (const p of profiles)
    for (const identifier of p.identifiers) owners.set(identifierKey(identifier), p.profileId);
  return { identifiers, owners, profiles: new Map(profiles.map((p) => [p.profileId, p])) };
}

function resolve(identifiers: Identifier[], ...profiles: KnownProfile[]) {
  return resolveIdentifiers(input(identifiers, ...profiles), DEFAULT_PROTECTION);
}

describe('resolveIdentifiers', () => {
  it('creates a profile for identifiers nobody owns', () => {
    expect(resolve([anon('a1'), uid('u1')])).toEqual({
      kind: 'new',
      attach: [uid('u1'), anon('a1')],
      dropped: [],
    });
  });

  it('attaches new identifiers to the one profile that owns the others', () => {
    expect(
      resolve([uid('u1'), anon('a2')], profile('p1', '2024-01-01T00:00:00Z', uid('u1'), anon('a1'))),
    ).toEqual({
      kind: 'existing',
      profileId: 'p1',
      attach: [anon('a2')],
      dropped: [],
    });
  });

  it('merges the anonymous profile into the user_id owner on identify with userId + anonymousId', () => {
    const anonymous = profile('p-anon', '2024-01-01T00:00:00Z', anon('a1'), device('d1'));
    const known = profile('p-user', '2024-03-01T00:00:00Z', uid('u1'), email('ann@example.com'));
    expect(resolve([uid('u1'), anon('a1'), email('ann@example.com')], anonymous, known)).toEqual({
      kind: 'merge',
      profileId: 'p-user',
      merged: ['p-anon'],
      attach: [],
      linkedBy: [uid('u1'), email('ann@example.com'), anon('a1')],
      dropped: [],
    });
  });

  it('merges on alias: previousId (an anonymous id) → userId', () => {
    const before = profile('p-anon', '2024-01-01T00:00:00Z', anon('anon-9'));
    const after = profile('p-user', '2024-01-02T00:00:00Z', uid('u1'));
    const extracted = extractIdentifiers(
      {
        messageId: 'm1',
        type: 'alias',
        userId: 'u1',
        previousId: 'anon-9',
        context: {},
        integrations: {},
        timestamp: '2024-01-03T00:00:00Z',
        receivedAt: '2024-01-03T00:00:00Z',
      } satisfies NormalizedEvent,
      DEFAULT_PROTECTION,
    );
    const { owners, profiles } = input([], before, after);
    const identifiers = [...extracted.identifiers, ...aliasIdentifiers(extracted.aliasOf ?? '', owners)];
    const resolution = resolveIdentifiers({ identifiers, owners, profiles }, DEFAULT_PROTECTION);
    expect(resolution).toMatchObject({ kind: 'merge', profileId: 'p-user', merged: ['p-anon'] });
  });

  describe('two user_ids never merge (user_id limit 1)', () => {
    const ann = profile(
      'p-ann',
      '2024-01-01T00:00:00Z',
      uid('ann'),
      anon('family-pc'),
      device('family-pc-dev'),
    );

    it('a second person logging in on the family computer gets a profile of their own', () => {
      expect(resolve([uid('bob'), anon('family-pc'), device('family-pc-dev')], ann)).toEqual({
        kind: 'new',
        attach: [uid('bob')],
        dropped: [
          {
            identifier: device('family-pc-dev'),
            reason:
              'user_id limit 1 reached: merging profile p-ann (via device_id "family-pc-dev") would add "ann" to a profile that already holds "bob"',
          },
          {
            identifier: anon('family-pc'),
            reason:
              'user_id limit 1 reached: merging profile p-ann (via anonymous_id "family-pc") would add "ann" to a profile that already holds "bob"',
          },
        ],
      });
    });

    it('when both are known, the event stays with the logged-in one and the shared ids are dropped', () => {
      const bob = profile('p-bob', '2024-02-01T00:00:00Z', uid('bob'));
      const resolution = resolve([uid('bob'), anon('family-pc')], ann, bob);
      expect(resolution).toMatchObject({ kind: 'existing', profileId: 'p-bob', attach: [] });
      expect(resolution.dropped.map((d) => d.identifier)).toEqual([anon('family-pc')]);
    });

    it('an alias between two known user_ids is refused', () => {
      const bob = profile('p-bob', '2024-02-01T00:00:00Z', uid('bob'));
      expect(resolve([uid('bob'), uid('ann')], ann, bob)).toMatchObject({
        kind: 'existing',
        profileId: 'p-ann',
        dropped: [{ identifier: uid('bob') }],
      });
    });

    it('a second, unknown user_id is not attached', () => {
      expect(resolve([uid('ann'), uid('zed')], ann)).toEqual({
        kind: 'existing',
        profileId: 'p-ann',
        attach: [],
        dropped: [{ identifier: uid('zed'), reason: 'user_id limit 1 reached: profile already holds "ann"' }],
      });
    });
  });

  describe('email limit 5', () => {
    const five = ['e1', 'e2', 'e3', 'e4', 'e5'].map((e) => email(`${e}@example.com`));

    it('drops a 6th email instead of attaching it', () => {
      const resolution = resolve(
        [uid('u1'), email('e6@example.com')],
        profile('p1', '2024-01-01T00:00:00Z', uid('u1'), ...five),
      );
      expect(resolution).toEqual({
        kind: 'existing',
        profileId: 'p1',
        attach: [],
        dropped: [
          {
            identifier: email('e6@example.com'),
            reason:
              'email limit 5 reached: profile already holds "e1@example.com", "e2@example.com", "e3@example.com", "e4@example.com", "e5@example.com"',
          },
        ],
      });
    });

    it('does not merge two profiles whose emails together would be 6', () => {
      const p1 = profile('p1', '2024-01-01T00:00:00Z', uid('u1'), ...five.slice(0, 3));
      const p2 = profile('p2', '2024-01-02T00:00:00Z', anon('a2'), ...five.slice(3), email('e6@example.com'));
      const resolution = resolve([uid('u1'), anon('a2')], p1, p2);
      expect(resolution).toMatchObject({ kind: 'existing', profileId: 'p1', attach: [] });
      expect(resolution.dropped).toEqual([
        {
          identifier: anon('a2'),
          reason:
            'email limit 5 reached: merging profile p2 (via anonymous_id "a2") would add "e4@example.com", "e5@example.com", "e6@example.com" to a profile that already holds "e1@example.com", "e2@example.com", "e3@example.com"',
        },
      ]);
    });

    it('merges when the emails together are exactly 5', () => {
      const p1 = profile('p1', '2024-01-01T00:00:00Z', uid('u1'), ...five.slice(0, 3));
      const p2 = profile('p2', '2024-01-02T00:00:00Z', anon('a2'), ...five.slice(3));
      expect(resolve([uid('u1'), anon('a2')], p1, p2)).toMatchObject({
        kind: 'merge',
        profileId: 'p1',
        merged: ['p2'],
      });
    });

    it('still resolves to a profile that went over a limit lowered later, without letting it grow', () => {
      const over = profile('p1', '2024-01-01T00:00:00Z', ...five, email('e6@example.com'));
      expect(resolve([email('e6@example.com'), email('e7@example.com')], over)).toMatchObject({
        kind: 'existing',
        profileId: 'p1',
        attach: [],
        dropped: [{ identifier: email('e7@example.com') }],
      });
    });
  });

  describe('deterministic winner', () => {
    it('prefers the owner of the highest-priority identifier over an older profile', () => {
      const older = profile('p-a', '2023-01-01T00:00:00Z', anon('a1'));
      const newer = profile('p-b', '2024-01-01T00:00:00Z', email('x@example.com'));
      expect(resolve([anon('a1'), email('x@example.com')], older, newer)).toMatchObject({
        profileId: 'p-b',
        merged: ['p-a'],
      });
    });

    it('breaks a tie between owners of same-rank identifiers by oldest createdAt, then smallest id', () => {
      const p9 = profile('p9', '2024-01-01T00:00:00Z', email('b@example.com'));
      const p5 = profile('p5', '2024-06-01T00:00:00Z', email('a@example.com'));
      const p7 = profile('p7', '2024-06-01T00:00:00Z', email('c@example.com'));
      const event = [email('c@example.com'), email('a@example.com'), email('b@example.com')];
      expect(resolve(event, p5, p7, p9)).toMatchObject({
        kind: 'merge',
        profileId: 'p9',
        merged: ['p5', 'p7'],
      });
      expect(resolve(event.slice(0, 2), p7, p5)).toMatchObject({
        kind: 'merge',
        profileId: 'p5',
        merged: ['p7'],
      });
    });

    it('gives the same decision whatever the order of the input', () => {
      const profiles = [
        profile('p1', '2024-01-01T00:00:00Z', anon('a1')),
        profile('p2', '2024-01-01T00:00:00Z', device('d1')),
        profile('p3', '2024-01-01T00:00:00Z', email('e@example.com')),
      ];
      const event = [anon('a1'), device('d1'), email('e@example.com'), uid('u1'), anon('a9')];
      const expected = resolve(event, ...profiles);
      expect(expected).toMatchObject({
        kind: 'merge',
        profileId: 'p3',
        merged: ['p1', 'p2'],
        attach: [uid('u1'), anon('a9')],
      });
      expect(resolve([...event].reverse(), ...[...profiles].reverse())).toEqual(expected);
    });
  });

  it('refuses a graph that names a profile it does not give', () => {
    expect(() =>
      resolveIdentifiers(
        { identifiers: [uid('u1')], owners: new Map([['user_id:u1', 'p1']]), profiles: new Map() },
        DEFAULT_PROTECTION,
      ),
    ).toThrow('profile p1 owns user_id:u1 but was not given');
  });
});
