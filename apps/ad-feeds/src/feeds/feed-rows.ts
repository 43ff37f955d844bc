import type { FeedRow, StoredPartner } from '@cdp/ad-feeds/data-access-db';
import { deviceId, hashEmail, hashPhone, memberKey } from '@cdp/ad-feeds/domain';

/** One member as a partner receives it: a pseudonymous member id and identifiers hashed by its rules. */
export interface PartnerRow {
  op?: 'add' | 'remove';
  seq?: number;
  member: string;
  email: string[];
  phone: string[];
  maid: string[];
}

export function partnerRow(partner: StoredPartner, row: FeedRow): PartnerRow {
  const out: PartnerRow = {
    ...(row.change
      ? { op: row.change === 'entered' ? ('add' as const) : ('remove' as const), seq: row.localSeq }
      : {}),
    member: memberKey(partner.memberSecret, row.profileId),
    email: [],
    phone: [],
    maid: [],
  };
  for (const id of row.identifiers) {
    // An identifier a platform's rules reject (an unparseable phone) is left out, not the member.
    if (id.kind === 'email') push(out.email, hashEmail(id.value, partner.platform));
    else if (id.kind === 'phone') push(out.phone, hashPhone(id.value, partner.platform));
    else if (id.kind === 'maid') push(out.maid, deviceId(id.value, partner.deviceIds));
  }
  return out;
}

function push(into: string[], result: { ok: true; value: string } | { ok: false; reason: string }): void {
  if (result.ok && !into.includes(result.value)) into.push(result.value);
}

export const CSV_COLUMNS = {
  snapshot: ['member', 'email', 'phone', 'maid'] as const,
  delta: ['op', 'seq', 'member', 'email', 'phone', 'maid'] as const,
};

/** A CSV line; several values of one kind are joined with `;` (hashes and ids never hold commas). */
export function csvLine(row: PartnerRow, columns: readonly (keyof PartnerRow)[]): string {
  return `${columns
    .map((c) => {
      const value = row[c];
      return Array.isArray(value) ? value.join(';') : String(value ?? '');
    })
    .join(',')}\n`;
}
