import { smsTemplateSchema, type SmsDestination } from '@cdp/activation/contracts';
import type { DestinationAdapter, SendOutcome } from './destination.js';
import { renderTemplate, TemplateError } from './render.js';

const TIMEOUT_MS = 10_000;

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (header.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Twilio's error body (`{ code, message, more_info, status }`) as one line, or the raw text. */
function describeError(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (body.code !== undefined || body.message !== undefined) {
      return `Twilio ${status} error ${String(body.code)}: ${String(body.message)}`;
    }
  } catch {
    // Not JSON (a proxy's error page): the text says what happened.
  }
  return `Twilio ${status}: ${text.slice(0, 500)}`;
}

/** Builds the adapter that sends one SMS per message through Twilio's Messages API. */
export function createSmsAdapter(config: SmsDestination): DestinationAdapter {
  const endpoint = `${config.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  // A Messaging Service picks the sender itself (number pool, sticky sender).
  const sender: [string, string] = config.from.startsWith('MG')
    ? ['MessagingServiceSid', config.from]
    : ['From', config.from];

  return {
    channel: 'sms',
    async send(message): Promise<SendOutcome> {
      const phone = message.recipient.traits['phone'];
      if (typeof phone !== 'string' || phone.trim() === '')
        return { kind: 'skipped', reason: 'no phone trait' };

      const template = smsTemplateSchema.safeParse(message.template);
      if (!template.success)
        return { kind: 'failed', error: `invalid SMS template: ${template.error.message}` };
      let body: string;
      try {
        body = renderTemplate(template.data.body, message);
      } catch (error) {
        if (error instanceof TemplateError) return { kind: 'failed', error: error.message };
        throw error;
      }

      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: new URLSearchParams([
            ['To', phone.trim()],
            sender,
            ['Body', body],
            ['StatusCallback', message.links.statusCallback],
          ]).toString(),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        const reason =
          (error as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : String(error);
        return { kind: 'retry', error: `Twilio request failed: ${reason}` };
      }

      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        return { kind: 'retry', error: `Twilio response broke off: ${String(error)}` };
      }
      if (response.status === 201 || response.status === 200) {
        let sid: unknown;
        try {
          sid = (JSON.parse(text) as { sid?: unknown }).sid;
        } catch {
          sid = undefined;
        }
        // Accepted even if the body is odd: resending would text the person twice.
        return typeof sid === 'string'
          ? { kind: 'sent', providerId: sid }
          : { kind: 'sent', detail: 'accepted without a message sid' };
      }
      if (response.status === 429 || response.status >= 500) {
        const after = retryAfterMs(response.headers.get('retry-after'));
        return {
          kind: 'retry',
          error: describeError(response.status, text),
          ...(after !== undefined ? { retryAfterMs: after } : {}),
        };
      }
      // 400 (21211 invalid 'To', 21610 unsubscribed recipient, ...), 401, 403, 404: the same request fails again.
      return { kind: 'failed', error: describeError(response.status, text) };
    },
    async close() {
      // fetch keeps no connections of ours to release.
    },
  };
}
