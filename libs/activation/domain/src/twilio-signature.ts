import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's request signature (`X-Twilio-Signature`): HMAC-SHA1, keyed with the auth token, over the
 * full URL (with its query string) followed by each POST parameter's name and value, sorted by
 * name, base64. Twilio signs its webhooks this way; our Twilio test peer signs its callbacks too.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  // Twilio sorts by code unit (case-sensitive, "Unix-style"), not by locale.
  const names = Object.keys(params).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let data = url;
  for (const name of names) data += name + params[name];
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Whether `header` is Twilio's signature for this request; compared in constant time. */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  header: string | null | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(header);
  // timingSafeEqual throws on a length mismatch; a different length is simply not a match.
  return expected.length === given.length && timingSafeEqual(expected, given);
}
