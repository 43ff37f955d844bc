import { createServer } from 'node:net';
import type { EmailDestination } from '@cdp/activation/contracts';
import { startSmtpReceiver, type SmtpReceiver } from '@cdp/activation/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboundMessage, type OutboundMessageOverrides } from './__tests__/outbound-message.js';
import type { DestinationAdapter, OutboundMessage } from './destination.js';
import { createEmailAdapter } from './email.adapter.js';

const links = {
  unsubscribe: 'https://act.example/u/tok123',
  openPixel: 'https://act.example/o/tok123.gif',
  click: 'https://act.example/c/tok123',
  statusCallback: 'https://act.example/status/twilio',
};

/** Key `a`×64 (the fixture's default) unless overridden. */
function emailMessage(overrides: OutboundMessageOverrides = {}): OutboundMessage {
  return outboundMessage(
    {
      deliveryId: 'del-1',
      campaign: { id: 'camp-1', name: 'Welcome' },
      audience: { id: 'aud-1', name: 'New users', key: 'new_users' },
      recipient: {
        profileId: 'prof-1',
        userId: 'user-1',
        traits: { email: 'ada@example.test', first_name: 'Ada & Co' },
        features: { 'intent.clicks_7d': 4 },
      },
      template: {
        subject: 'Hi {{traits.first_name}}',
        text: 'Hello {{traits.first_name}}, {{features.intent_clicks_7d}} clicks. https://shop.example/a',
        html: '<html><body><p>Hello {{traits.first_name}}</p><a href="https://shop.example/a?x=1&amp;y=2">Shop</a> <a href="mailto:help@example.test">Help</a> <a href="{{links.unsubscribe}}">Unsubscribe</a></body></html>',
      },
      links,
    },
    overrides,
  );
}

describe('email adapter over SMTP', () => {
  let smtp: SmtpReceiver;
  let adapter: DestinationAdapter;
  let config: EmailDestination;

  beforeAll(async () => {
    smtp = await startSmtpReceiver({ rejectRecipients: ['nobody@example.test'] });
    config = {
      kind: 'email',
      smtp: { host: smtp.host, port: smtp.port, secure: false },
      from: 'Acme <news@acme.test>',
    };
    adapter = createEmailAdapter(config, { concurrency: 2 });
  });

  afterAll(async () => {
    await adapter.close();
    await smtp.close();
  });

  beforeEach(() => {
    smtp.messages.length = 0;
  });

  it('delivers the rendered email with the deduplicating Message-ID and one-click unsubscribe headers', async () => {
    const outcome = await adapter.send(emailMessage());
    expect(outcome).toMatchObject({ kind: 'sent' });
    expect(outcome.kind === 'sent' && outcome.providerId).toBeTruthy();

    const [mail] = await smtp.waitFor(1);
    expect(mail?.envelopeFrom).toBe('news@acme.test');
    expect(mail?.envelopeTo).toEqual(['ada@example.test']);
    expect(mail?.messageId).toBe(`<${'a'.repeat(64)}@cdp.activation>`);
    expect(mail?.headers['list-unsubscribe']).toBe(`<${links.unsubscribe}>`);
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail?.headers['x-cdp-delivery']).toBe('del-1');
    expect(mail?.headers['x-cdp-campaign']).toBe('camp-1');
    // Subject and text are plain text: no HTML escaping, links left as written.
    expect(mail?.subject).toBe('Hi Ada & Co');
    expect(mail?.text?.trim()).toBe('Hello Ada & Co, 4 clicks. https://shop.example/a');
  });

  it('escapes the HTML, routes web links through the click redirect and adds the open pixel', async () => {
    await adapter.send(emailMessage());
    const [mail] = await smtp.waitFor(1);
    const html = mail?.html ?? '';
    expect(html).toContain('<p>Hello Ada &amp; Co</p>');
    // Mustache escapes `/` in values (`&#x2F;`); a mail client reads the attribute decoded.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) =>
      (m[1] ?? '').replace(/&#x2F;/g, '/').replace(/&amp;/g, '&'),
    );
    expect(hrefs).toEqual([
      `${links.click}?url=${encodeURIComponent('https://shop.example/a?x=1&y=2')}`,
      // Not a web link, and the unsubscribe link (a click there must unsubscribe): left alone.
      'mailto:help@example.test',
      links.unsubscribe,
    ]);
    expect(html).toContain(`<img src="${links.openPixel}" width="1" height="1" alt=""></body>`);
  });

  it('sends a resend of the same delivery with the same Message-ID, so receivers can drop it', async () => {
    await adapter.send(emailMessage({ key: 'b'.repeat(64), deliveryId: 'del-2' }));
    await adapter.send(emailMessage({ key: 'b'.repeat(64), deliveryId: 'del-2' }));
    const mails = await smtp.waitFor(2);
    expect(new Set(mails.map((m) => m.messageId))).toEqual(new Set([`<${'b'.repeat(64)}@cdp.activation>`]));
  });

  it('reports a recipient the server rejects with 550 as a failed bounce', async () => {
    const outcome = await adapter.send(
      emailMessage({ recipient: { traits: { email: 'nobody@example.test' } } }),
    );
    expect(outcome).toMatchObject({ kind: 'failed', bounced: true });
    expect(outcome.kind === 'failed' && outcome.error).toContain('550');
    expect(smtp.messages).toHaveLength(0);
  });

  it('asks for a retry on a temporary 451 and delivers on the next attempt', async () => {
    smtp.failNext(1, 451);
    const first = await adapter.send(emailMessage());
    expect(first).toMatchObject({ kind: 'retry' });
    expect(first.kind === 'retry' && first.error).toContain('451');
    expect(smtp.messages).toHaveLength(0);

    expect(await adapter.send(emailMessage())).toMatchObject({ kind: 'sent' });
    await smtp.waitFor(1);
  });

  it('fails a permanent 554 at DATA without marking the address as bounced', async () => {
    smtp.failNext(1, 554);
    const outcome = await adapter.send(emailMessage());
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect(outcome.kind === 'failed' && outcome.bounced).toBeFalsy();
  });

  it('skips a profile without an email trait and sends nothing', async () => {
    const outcome = await adapter.send(emailMessage({ recipient: { traits: { phone: '+15555550100' } } }));
    expect(outcome).toEqual({ kind: 'skipped', reason: 'no email trait' });
    expect(smtp.messages).toHaveLength(0);
  });

  it('fails a template that does not render, without retry', async () => {
    const outcome = await adapter.send(emailMessage({ template: { subject: 'Hi {{#traits}}', text: 'x' } }));
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect(smtp.messages).toHaveLength(0);
  });

  it('asks for a retry when the SMTP server cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const unreachable = createEmailAdapter({ ...config, smtp: { ...config.smtp, port } });
    try {
      expect(await unreachable.send(emailMessage())).toMatchObject({ kind: 'retry' });
    } finally {
      await unreachable.close();
    }
  });
});
