const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is shaped like a UUID (so it can be compared with a uuid column). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The WHERE condition for a row named by its id or its name (`$1`): operators pass either, and a
 * uuid-shaped reference is taken as the id.
 */
export function byIdOrName(ref: string): string {
  return isUuid(ref) ? 'id = $1::uuid' : 'name = $1';
}
