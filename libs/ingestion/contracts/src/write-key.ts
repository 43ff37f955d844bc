/**
 * The `Authorization` header of the tracking API, as Segment's clients send it: HTTP Basic with the
 * source's write key as the username and an empty password. (`btoa`, not Buffer: the console
 * imports the contracts in the browser; write keys are ASCII.)
 */
export function writeKeyAuthorization(writeKey: string): string {
  return `Basic ${btoa(`${writeKey}:`)}`;
}
