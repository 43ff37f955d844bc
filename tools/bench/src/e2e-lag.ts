/**
 * Matching the e2e bench's events to what each stage published, without I/O: the bench feeds in
 * what it read off the bus and gets each event's lag out.
 */

/** One `features.updated` of a profile: when the stream stored it, and the events it counts. */
export interface ProfileUpdate {
  /** The stream's timestamp of the message, epoch ms. */
  at: number;
  /** The profile's counted events (page views + articles read) in the vector. */
  count: number;
}

/**
 * The first update (in stream order) whose vector counts the profile's `ordinal`-th counted event
 * (1-based, in the order the resolved stream carried them): the update that published it.
 * Undefined when none does yet.
 */
export function firstUpdateCovering(
  updates: readonly ProfileUpdate[],
  ordinal: number,
): ProfileUpdate | undefined {
  if (ordinal < 1) throw new RangeError(`ordinal ${ordinal} is not a counted event's`);
  return updates.find((update) => update.count >= ordinal);
}

/**
 * The bench's event number from its messageId (`<prefix><n>`), or -1 for a message the bench did
 * not send (another client's, or another run's).
 */
export function eventNumber(messageId: string, prefix: string): number {
  if (!messageId.startsWith(prefix)) return -1;
  const rest = messageId.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : -1;
}

/**
 * Of the acknowledged messageIds, how many the raw store does not hold (`lost`) and how many it
 * holds more than once (`duplicated`), given its rows per messageId.
 */
export function storeCheck(
  acknowledged: Iterable<string>,
  rowsPerMessageId: ReadonlyMap<string, number>,
): { lost: number; duplicated: number } {
  let lost = 0;
  let duplicated = 0;
  for (const messageId of acknowledged) {
    const rows = rowsPerMessageId.get(messageId) ?? 0;
    if (rows === 0) lost++;
    else if (rows > 1) duplicated++;
  }
  return { lost, duplicated };
}

/**
 * How many events of a stream of `rate` events/s are due `elapsedMs` after it started: what a
 * sender pacing itself to the rate has to have sent by then.
 */
export function eventsDue(rate: number, elapsedMs: number): number {
  return Math.floor((rate * Math.max(0, elapsedMs)) / 1000);
}
