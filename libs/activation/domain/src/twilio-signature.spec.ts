import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature } from './twilio-signature.js';

// The worked example of Twilio's "Webhooks security" documentation
// (https://www.twilio.com/docs/usage/webhooks/webhooks-security, formerly /docs/usage/security#notes).
// The expected value was looked up, not computed here: the same vector appears in several
// independent implementations' tests that cite that page (e.g. frioux/leatherman's twilio_test.go).
const authToken = '12345';
const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};
const published = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('twilioSignature', () => {
  it("matches Twilio's published example", () => {
    expect(twilioSignature(authToken, url, params)).toBe(published);
  });

  it('does not depend on the order the parameters arrive in', () => {
    const reversed = Object.fromEntries(Object.entries(params).reverse());
    expect(twilioSignature(authToken, url, reversed)).toBe(published);
  });
});

describe('verifyTwilioSignature', () => {
  it("accepts Twilio's signature for the request", () => {
    expect(verifyTwilioSignature(authToken, url, params, published)).toBe(true);
  });

  it('rejects a changed parameter, URL, token or header, and a missing header', () => {
    expect(verifyTwilioSignature(authToken, url, { ...params, Digits: '1235' }, published)).toBe(false);
    expect(verifyTwilioSignature(authToken, url.replace('foo=1', 'foo=2'), params, published)).toBe(false);
    expect(verifyTwilioSignature('54321', url, params, published)).toBe(false);
    expect(verifyTwilioSignature(authToken, url, params, published.replace('0/', '1/'))).toBe(false);
    expect(verifyTwilioSignature(authToken, url, params, 'short')).toBe(false);
    expect(verifyTwilioSignature(authToken, url, params, undefined)).toBe(false);
  });
});
