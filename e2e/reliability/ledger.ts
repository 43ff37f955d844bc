/**
 * The client's side of a reliability test: every message it sends gets a sequence-numbered id
 * (`<run>-<seq>`), and is marked acknowledged when the platform said it kept it. At the end the
 * ledger is reconciled against what the platform stored, counted per id:
 *
 * - lost: acknowledged, but stored zero times (the one promise a 200 makes);
 * - duplicated: stored more than once;
 * - unexpected: stored, but never sent by this run (an id under its prefix it did not hand out).
 *
 * A message never acknowledged (the client gave up) may or may not be stored; it is neither lost
 * nor unexpected, and is reported as `unacknowledged` so a test can insist there are none.
 */
export interface Reconciliation {
  sent: number;
  acknowledged: number;
  unacknowledged: number;
  stored: number;
  lost: string[];
  duplicated: string[];
  unexpected: string[];
}

export class Ledger {
  private readonly sent = new Set<string>();
  private readonly acks = new Set<string>();

  /** `run` prefixes every id, so two runs (or a run and other tests) never share one. */
  constructor(readonly run: string) {}

  /** The next id, recorded as sent. */
  next(): string {
    const id = `${this.run}-${String(this.sent.size).padStart(8, '0')}`;
    this.sent.add(id);
    return id;
  }

  acknowledge(id: string): void {
    if (!this.sent.has(id)) {
      throw new Error(`ledger ${this.run}: acknowledged ${id}, which it never handed out`);
    }
    this.acks.add(id);
  }

  get size(): number {
    return this.sent.size;
  }

  get acknowledged(): number {
    return this.acks.size;
  }

  /** `stored`: how many times the platform holds each id (ids of other runs are ignored). */
  reconcile(stored: ReadonlyMap<string, number>): Reconciliation {
    const sent = this.sent;
    const lost: string[] = [];
    for (const id of this.acks) if ((stored.get(id) ?? 0) === 0) lost.push(id);
    const duplicated: string[] = [];
    const unexpected: string[] = [];
    let storedOfRun = 0;
    for (const [id, count] of stored) {
      if (!id.startsWith(`${this.run}-`)) continue;
      storedOfRun += 1;
      if (count > 1) duplicated.push(id);
      if (!sent.has(id)) unexpected.push(id);
    }
    return {
      sent: sent.size,
      acknowledged: this.acks.size,
      unacknowledged: sent.size - this.acks.size,
      stored: storedOfRun,
      lost: lost.sort(),
      duplicated: duplicated.sort(),
      unexpected: unexpected.sort(),
    };
  }
}

/** One line for a test's log: the counts, and the first few ids of each kind of trouble. */
export function describeReconciliation(name: string, r: Reconciliation): string {
  const few = (ids: string[]): string => (ids.length ? ` (${ids.slice(0, 5).join(', ')}…)` : '');
  return (
    `${name}: sent ${r.sent}, acknowledged ${r.acknowledged}, stored ${r.stored}; ` +
    `lost ${r.lost.length}${few(r.lost)}, duplicated ${r.duplicated.length}${few(r.duplicated)}, ` +
    `unexpected ${r.unexpected.length}${few(r.unexpected)}`
  );
}
