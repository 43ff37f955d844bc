/** A profile's traits, with the timestamp of the event that last set each top-level key. */
export interface ProfileTraits {
  traits: Record<string, unknown>;
  /** Top-level trait key → ISO timestamp of the event that set it. */
  updatedAt: Record<string, string>;
}

/** The traits of one identify call and its event timestamp. */
export interface IncomingTraits {
  traits: Record<string, unknown>;
  timestamp: string;
}

function instant(timestamp: string | undefined): number {
  // A trait with no (or an unreadable) timestamp predates timestamps: anything newer replaces it.
  const at = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
}

/**
 * Latest wins per top-level key, by event timestamp, so events arriving out of order settle on
 * what the user said last; on a tie the incoming event wins. Nested objects are replaced whole, as
 * Segment does. A `null` value is kept, not deleted: it clears the trait, and its timestamp stops an
 * older event that arrives late from bringing the old value back. Inputs are not modified.
 */
export function mergeTraits(current: ProfileTraits, incoming: IncomingTraits): ProfileTraits {
  const at = Date.parse(incoming.timestamp);
  if (Number.isNaN(at)) throw new Error(`invalid trait timestamp ${JSON.stringify(incoming.timestamp)}`);
  // Maps, not property writes, so a trait named `__proto__` stays a plain key.
  const traits = new Map(Object.entries(current.traits));
  const updatedAt = new Map(Object.entries(current.updatedAt));
  for (const [key, value] of Object.entries(incoming.traits)) {
    if (value === undefined) continue;
    if (instant(updatedAt.get(key)) > at) continue;
    traits.set(key, value);
    updatedAt.set(key, incoming.timestamp);
  }
  return { traits: Object.fromEntries(traits), updatedAt: Object.fromEntries(updatedAt) };
}

/**
 * The traits of two merged profiles: per key the later one wins; on a tie (or neither has a
 * timestamp) `a`, the merge winner, wins.
 */
export function combineProfilesTraits(a: ProfileTraits, b: ProfileTraits): ProfileTraits {
  const traits = new Map(Object.entries(a.traits));
  const updatedAt = new Map(Object.entries(a.updatedAt));
  for (const [key, value] of Object.entries(b.traits)) {
    const theirs = Object.hasOwn(b.updatedAt, key) ? b.updatedAt[key] : undefined;
    if (traits.has(key) && !(instant(theirs) > instant(updatedAt.get(key)))) continue;
    traits.set(key, value);
    if (theirs === undefined) updatedAt.delete(key);
    else updatedAt.set(key, theirs);
  }
  return { traits: Object.fromEntries(traits), updatedAt: Object.fromEntries(updatedAt) };
}
