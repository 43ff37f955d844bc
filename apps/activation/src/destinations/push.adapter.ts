import { createSign } from 'node:crypto';
import type { PushDestination } from '@cdp/activation/contracts';
import webpush from 'web-push';
import type { DestinationAdapter, OutboundMessage, PushSubscription, SendOutcome } from './destination.js';
import { renderTemplate, TemplateError } from './render.js';
import { parseRetryAfter } from './webhook.adapter.js';

const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const REQUEST_TIMEOUT_MS = 10_000;
/** Refresh the access token this long before Google says it expires, so no send races its expiry. */
const TOKEN_EARLY_REFRESH_MS = 60_000;

type WebPushConfig = NonNullable<PushDestination['webPush']>;
type FcmConfig = NonNullable<PushDestination['fcm']>;

/** How the send to one subscription went. */
type Attempt =
  | { result: 'ok'; id: string; providerId?: string }
  | { result: 'gone' | 'failed'; id: string; error: string }
  | { result: 'retry'; id: string; error: string; retryAfterMs?: number };

interface Rendered {
  title: string;
  body: string;
  url?: string;
  deliveryId: string;
}

/** Builds the adapter that sends one notification to each of a profile's push subscriptions. */
export function createPushAdapter(config: PushDestination): DestinationAdapter {
  const fcm = config.fcm ? createFcmClient(config.fcm) : undefined;

  return {
    channel: 'push',
    async send(message) {
      const subscriptions = message.subscriptions ?? [];
      if (subscriptions.length === 0)
        return { kind: 'skipped', reason: 'the profile has no push subscription' };
      let rendered: Rendered;
      try {
        rendered = render(message);
      } catch (error) {
        if (error instanceof TemplateError) return { kind: 'failed', error: error.message };
        throw error;
      }
      const attempts = await Promise.all(
        subscriptions.map((subscription) => sendOne(subscription, rendered, config.webPush, fcm)),
      );
      return combine(attempts);
    },
    async close() {
      // fetch keeps no per-adapter connections; the cached token just goes away with the adapter.
    },
  };
}

function render(message: OutboundMessage): Rendered {
  const { title, body, url } = message.template;
  if (typeof title !== 'string' || typeof body !== 'string') {
    throw new TemplateError('The push template needs a title and a body');
  }
  const renderedUrl = typeof url === 'string' && url !== '' ? renderTemplate(url, message) : undefined;
  return {
    title: renderTemplate(title, message),
    body: renderTemplate(body, message),
    ...(renderedUrl === undefined ? {} : { url: renderedUrl }),
    deliveryId: message.deliveryId,
  };
}

async function sendOne(
  subscription: PushSubscription,
  rendered: Rendered,
  webPushConfig: WebPushConfig | undefined,
  fcm: FcmClient | undefined,
): Promise<Attempt> {
  const { id } = subscription;
  if (subscription.kind === 'webpush') {
    if (!webPushConfig)
      return { result: 'failed', id, error: 'the destination has no Web Push (VAPID) keys' };
    return sendWebPush(subscription, rendered, webPushConfig);
  }
  if (!fcm) return { result: 'failed', id, error: 'the destination has no FCM service account' };
  return fcm.send(subscription.id, subscription.token, rendered);
}

async function sendWebPush(
  subscription: Extract<PushSubscription, { kind: 'webpush' }>,
  rendered: Rendered,
  config: WebPushConfig,
): Promise<Attempt> {
  const { id } = subscription;
  let details: webpush.RequestDetails;
  try {
    // web-push's own sender speaks https only; its request builder does the RFC 8291 encryption
    // and the RFC 8292 VAPID header, and fetch sends the result to any endpoint.
    details = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: subscription.keys },
      JSON.stringify(rendered),
      {
        vapidDetails: {
          subject: config.subject,
          publicKey: config.vapidPublicKey,
          privateKey: config.vapidPrivateKey,
        },
        TTL: config.ttlSeconds,
        contentEncoding: 'aes128gcm',
        urgency: 'normal',
      },
    );
  } catch (error) {
    // A malformed subscription (bad keys or endpoint) or bad VAPID keys: retrying cannot help.
    return { result: 'failed', id, error: `Web Push request not built: ${(error as Error).message}` };
  }
  const headers = Object.fromEntries(
    Object.entries(details.headers).map(([name, value]) => [name, String(value)]),
  );
  let response: Response;
  try {
    response = await fetch(details.endpoint, {
      method: details.method,
      headers,
      body: details.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    return { result: 'retry', id, error: `Web Push: ${describeFetchError(error)}` };
  }
  const text = (await response.text().catch(() => '')).slice(0, 200);
  const { status } = response;
  if (status >= 200 && status < 300) {
    // RFC 8030 §5: the Location header names the push message resource.
    return { result: 'ok', id, providerId: response.headers.get('location') ?? undefined };
  }
  if (status === 404 || status === 410) return { result: 'gone', id, error: `Web Push answered ${status}` };
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    return { result: 'retry', id, error: `Web Push answered ${status} ${text}`.trim(), retryAfterMs };
  }
  return { result: 'failed', id, error: `Web Push answered ${status} ${text}`.trim() };
}

interface FcmClient {
  send(id: string, token: string, rendered: Rendered): Promise<Attempt>;
}

/** Thrown when no access token could be had; `retry` says whether a later try may succeed. */
class TokenError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
  }
}

function createFcmClient(config: FcmConfig): FcmClient {
  let cached: { token: string; refreshAt: number } | undefined;
  // One exchange in flight at a time, so concurrent sends share it.
  let pending: Promise<string> | undefined;

  async function exchange(): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const assertion = signJwt(
      { iss: config.clientEmail, scope: FCM_SCOPE, aud: config.tokenUri, iat, exp: iat + 3600 },
      // Keys pasted from a service-account JSON through an env var often keep `\n` escaped.
      config.privateKey.replace(/\\n/g, '\n'),
    );
    let response: Response;
    try {
      response = await fetch(config.tokenUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new TokenError(`FCM token exchange: ${describeFetchError(error)}`, true);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      // A refused grant is a configuration error (wrong key or account), not a passing one.
      const retry = response.status === 429 || response.status >= 500;
      throw new TokenError(
        `FCM token exchange answered ${response.status} ${text.slice(0, 200)}`.trim(),
        retry,
      );
    }
    const body = JSON.parse(text) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new TokenError('FCM token exchange returned no access_token', true);
    const lifetimeMs = (body.expires_in ?? 3600) * 1000;
    cached = { token: body.access_token, refreshAt: Date.now() + lifetimeMs - TOKEN_EARLY_REFRESH_MS };
    return body.access_token;
  }

  function accessToken(): Promise<string> {
    if (cached && cached.refreshAt > Date.now()) return Promise.resolve(cached.token);
    pending ??= exchange().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  async function post(token: string, accessTokenValue: string, rendered: Rendered): Promise<Response> {
    const data: Record<string, string> = { deliveryId: rendered.deliveryId };
    if (rendered.url !== undefined) data['url'] = rendered.url;
    return fetch(
      `${config.baseUrl.replace(/\/$/, '')}/v1/projects/${encodeURIComponent(config.projectId)}/messages:send`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessTokenValue}` },
        body: JSON.stringify({
          message: { token, notification: { title: rendered.title, body: rendered.body }, data },
        }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      },
    );
  }

  return {
    async send(id, token, rendered) {
      let response: Response;
      try {
        let bearer = await accessToken();
        response = await post(token, bearer, rendered);
        if (response.status === 401) {
          // Revoked or expired early: drop it (unless another send already has) and try once more.
          await response.body?.cancel();
          if (cached?.token === bearer) cached = undefined;
          bearer = await accessToken();
          response = await post(token, bearer, rendered);
        }
      } catch (error) {
        if (error instanceof TokenError)
          return { result: error.retry ? 'retry' : 'failed', id, error: error.message };
        return { result: 'retry', id, error: `FCM: ${describeFetchError(error)}` };
      }
      return fcmAttempt(id, response);
    },
  };
}

async function fcmAttempt(id: string, response: Response): Promise<Attempt> {
  const text = await response.text().catch(() => '');
  const { status } = response;
  let body: {
    name?: string;
    error?: { status?: string; message?: string; details?: { errorCode?: string }[] };
  } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON (a proxy's error page): the status alone decides.
  }
  if (status >= 200 && status < 300) return { result: 'ok', id, providerId: body.name };
  const errorCode = body.error?.details?.find((detail) => detail.errorCode)?.errorCode;
  const error = `FCM answered ${status} ${errorCode ?? body.error?.status ?? ''}: ${body.error?.message ?? text.slice(0, 200)}`;
  if (status === 404 || errorCode === 'UNREGISTERED') return { result: 'gone', id, error };
  if (status === 429 || status >= 500) {
    return {
      result: 'retry',
      id,
      error,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
    };
  }
  return { result: 'failed', id, error };
}

/** One outcome for the message from the per-subscription attempts. */
function combine(attempts: Attempt[]): SendOutcome {
  const sent = attempts.filter((a): a is Extract<Attempt, { result: 'ok' }> => a.result === 'ok');
  const unsent = attempts.filter((a): a is Exclude<Attempt, { result: 'ok' }> => a.result !== 'ok');
  const gone = unsent.filter((a) => a.result === 'gone');
  const retry = unsent.filter((a): a is Extract<Attempt, { result: 'retry' }> => a.result === 'retry');
  const problems = unsent.map((a) => `${a.id} ${a.result}: ${a.error}`);
  if (sent.length > 0) {
    const detail = [`sent to ${sent.length} of ${attempts.length} subscriptions`, ...problems].join('; ');
    return {
      kind: 'sent',
      providerId: sent.find((a) => a.providerId)?.providerId,
      detail,
      ...(gone.length > 0 ? { goneSubscriptionIds: gone.map((a) => a.id) } : {}),
    };
  }
  if (gone.length > 0) {
    return { kind: 'gone', error: problems.join('; '), subscriptionIds: gone.map((a) => a.id) };
  }
  if (retry.length > 0) {
    const waits = retry.map((a) => a.retryAfterMs).filter((ms): ms is number => ms !== undefined);
    return {
      kind: 'retry',
      error: problems.join('; '),
      ...(waits.length > 0 ? { retryAfterMs: Math.max(...waits) } : {}),
    };
  }
  return { kind: 'failed', error: problems.join('; ') };
}

/** An RS256 JWT (RFC 7515/7519) signed with the service account's PEM key. */
function signJwt(claims: Record<string, unknown>, privateKeyPem: string): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKeyPem).toString('base64url');
  return `${input}.${signature}`;
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${REQUEST_TIMEOUT_MS} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}
