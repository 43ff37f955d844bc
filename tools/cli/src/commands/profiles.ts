import type { ProfileView } from '@cdp/identity/contracts';
import { formatTable } from './table.js';

export function formatProfile(profile: ProfileView): string {
  const lines = [
    `profile ${profile.profileId}`,
    `first seen ${profile.firstSeen}, last seen ${profile.lastSeen}`,
    '',
    formatTable(
      ['identifier', 'value', 'first seen'],
      profile.identifiers.map((i) => [i.type, i.value, i.firstSeen]),
    ),
  ];
  const traits = Object.entries(profile.traits);
  if (traits.length > 0) {
    lines.push(
      '',
      formatTable(
        ['trait', 'value'],
        traits.map(([k, v]) => [k, JSON.stringify(v)]),
      ),
    );
  }
  if (profile.merges.length > 0) {
    lines.push(
      '',
      formatTable(
        ['merge', 'merged profile', 'linked by', 'at', 'state'],
        profile.merges.map((m) => [
          m.mergeId,
          m.mergedProfileId,
          m.linkedBy.map((i) => `${i.type}:${i.value}`).join(', '),
          m.at,
          m.undone ? 'undone' : 'merged',
        ]),
      ),
      '',
      'A wrong merge: npm run cdp -- profiles unmerge <profile> --link <merge>',
    );
  }
  return lines.join('\n');
}
