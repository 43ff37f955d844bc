/**
 * The `Authorization` header of the tracking API, as Segment's clients send it: HTTP Basic with the
 * source's write key as the username and an empty password.
 */
export function writeKeyAuthorization(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}
