import { round, type Benchmark } from './bench.js';
import { measureActivation, type ActivationRun } from './activation-service.js';
import { benchFailed } from './service-child.js';

/** New profiles sent through the service (full run, --quick). */
const PROFILES = 30_000;
const PROFILES_QUICK = 3_000;

type Figures = {
  /** Profiles per second, first `features.updated` publish → last `entered` received. */
  membership_updates_per_s: number | null;
  /** Emails per second, first `entered` received → the receiver holding every recipient's email. */
  emails_per_s: number | null;
  /** Messages beyond the first per recipient, as received (not deduplicated by Message-ID). */
  duplicates: number | null;
  /** Recipients that never got an email. */
  missing: number | null;
  profiles: number;
  profiles_store_s: number | null;
  membership_s: number | null;
  emails_s: number | null;
  entered: number | null;
  membership_duplicates: number | null;
  messages: number | null;
  message_ids: number | null;
  unexpected_recipients: number | null;
  deliveries: Record<string, number> | null;
  service_problems: number | null;
  transport: string | null;
};

export const activationBenchmark: Benchmark = {
  name: 'activation',
  description:
    'the activation service (own process, real JetStream, PostgreSQL and an SMTP server on loopback): ' +
    'features.updated puts new profiles (with an email and an opt-in) into an audience; membership ' +
    'changes/s until every entry is published, then emails/s until the SMTP server holds one per ' +
    'recipient, with duplicates and missing messages counted at the receiver',
  async run({ quick, root, print }) {
    const profiles = quick ? PROFILES_QUICK : PROFILES;
    const progress = (line: string): void => void process.stderr.write(`activation bench: ${line}\n`);
    const row = (name: string, value: string): void => print(`${name.padEnd(14)}${value}`);
    const figures: Figures = {
      membership_updates_per_s: null,
      emails_per_s: null,
      duplicates: null,
      missing: null,
      profiles,
      profiles_store_s: null,
      membership_s: null,
      emails_s: null,
      entered: null,
      membership_duplicates: null,
      messages: null,
      message_ids: null,
      unexpected_recipients: null,
      deliveries: null,
      service_problems: null,
      transport: null,
    };
    let measured: ActivationRun;
    try {
      measured = await measureActivation(
        root,
        profiles,
        quick
          ? { profilesMs: 30_000, membershipMs: 20_000, emailsMs: 25_000 }
          : { profilesMs: 180_000, membershipMs: 120_000, emailsMs: 240_000 },
        progress,
      );
    } catch (error) {
      benchFailed(print, 'activation', error instanceof Error ? error.message : String(error));
      return figures;
    }
    const m = measured;
    Object.assign(figures, {
      membership_updates_per_s:
        m.membershipSeconds === null ? null : Math.round(profiles / m.membershipSeconds),
      emails_per_s: m.emailsSeconds === null ? null : Math.round(profiles / m.emailsSeconds),
      duplicates: m.duplicates,
      missing: m.missing,
      profiles_store_s: round(m.profilesSeconds),
      membership_s: m.membershipSeconds === null ? null : round(m.membershipSeconds),
      emails_s: m.emailsSeconds === null ? null : round(m.emailsSeconds),
      entered: m.entered,
      membership_duplicates: m.membershipDuplicates,
      messages: m.messages,
      message_ids: m.messageIds,
      unexpected_recipients: m.unexpected,
      deliveries: m.deliveries,
      service_problems: m.problems.count,
      transport: m.transport,
    } satisfies Partial<Figures>);

    row('transport', m.transport);
    row(
      'profiles',
      `${profiles.toLocaleString('en')} new profiles, each identified with an email, a first name and an ` +
        `email opt-in; stored by the service in ${round(m.profilesSeconds)} s (not timed)`,
    );
    row(
      'membership',
      m.membershipSeconds === null
        ? `${m.entered.toLocaleString('en')} of ${profiles.toLocaleString('en')} entries received (timed out)`
        : `${profiles.toLocaleString('en')} entries (features.updated → evaluate → write → membership.changed) ` +
            `in ${round(m.membershipSeconds)} s: ${figures.membership_updates_per_s?.toLocaleString('en')} profiles/s` +
            `; ${m.membershipDuplicates} entries received twice`,
    );
    row(
      'emails',
      m.emailsSeconds === null
        ? `${m.recipients.toLocaleString('en')} of ${profiles.toLocaleString('en')} recipients reached (timed out)`
        : `${profiles.toLocaleString('en')} recipients reached (claim → consent → render → SMTP → record), ` +
            `first entry to last first-copy in ${round(m.emailsSeconds)} s: ` +
            `${figures.emails_per_s?.toLocaleString('en')} emails/s`,
    );
    row(
      'receiver',
      `${m.messages.toLocaleString('en')} messages, ${m.messageIds.toLocaleString('en')} distinct Message-IDs; ` +
        `duplicates ${m.duplicates}, missing ${m.missing}, to unexpected addresses ${m.unexpected}`,
    );
    row(
      'deliveries',
      Object.entries(m.deliveries)
        .map(([status, n]) => `${status} ${n.toLocaleString('en')}`)
        .join(', ') || 'none',
    );
    row(
      'service log',
      m.problems.count === 0
        ? 'no warnings or errors'
        : `${m.problems.count} warning/error lines; last: ${m.problems.last}`,
    );
    for (const failure of m.failures) benchFailed(print, 'activation', failure);
    if (m.duplicates > 0 || m.missing > 0)
      benchFailed(print, 'activation', `${m.duplicates} duplicate and ${m.missing} missing emails`);
    return figures;
  },
};
