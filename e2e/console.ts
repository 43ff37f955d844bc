// The ops console in a real browser (Debian's Chromium through playwright-core) against the whole
// platform with its demo data: each page is opened, checked against the API's own numbers, and saved
// as a screenshot in e2e/artifacts/. The demo e2e runs it between the demo's first and second start,
// so one demo load serves both.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ModelSummary } from '@cdp/clustering/contracts';
import type { ProfileView } from '@cdp/identity/contracts';
import type { PredictionModelSummary } from '@cdp/prediction/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'e2e/artifacts');

/** The console's first admin: give these to the platform as GATEWAY_ADMIN_EMAIL / _PASSWORD. */
export const CONSOLE_ADMIN = { email: 'admin@console.test', password: 'console e2e password' };
const ADMIN = CONSOLE_ADMIN;
const ANALYST = { email: 'analyst@console.test', password: 'analyst e2e password' };

/** The console's browser tests, against the gateway `gatewayUrl()` gives once the demo is loaded. */
export function describeConsole(gatewayUrl: () => string): void {
  // Chromium comes from Debian (.ci/run installs it); a developer machine without it skips.
  describe.skipIf(!process.env['CI'] && !existsSync(CHROMIUM))(
    'ops console in Chromium, on the demo data',
    () => {
      let gateway: string;
      let browser: Browser;
      let adminCookie: string;
      /** Script errors in any page: none is expected. */
      const browserErrors: string[] = [];

      async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
        const response = await fetch(`${gateway}${path}`, {
          method,
          headers: {
            cookie: adminCookie,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const answer = (await response.json()) as T;
        if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
        return answer;
      }

      async function login(user: { email: string; password: string }): Promise<Page> {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        page.on('pageerror', (error) => browserErrors.push(error.message));
        await page.goto(`${gateway}/`);
        await page.getByTestId('login-email').fill(user.email);
        await page.getByTestId('login-password').fill(user.password);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('page-overview').waitFor();
        return page;
      }

      async function shot(page: Page, name: string): Promise<void> {
        await page.waitForTimeout(600); // chart animations settle
        await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      }

      /** The number a chart says it drew, once it has drawn. */
      async function drawn(
        page: Page,
        chart: string,
        attribute: 'data-points' | 'data-series',
      ): Promise<number> {
        const locator = page.getByTestId(`chart-${chart}`);
        await locator.waitFor();
        await expect.poll(() => locator.getAttribute(attribute), { timeout: 20_000 }).not.toBeNull();
        return Number(await locator.getAttribute(attribute));
      }

      beforeAll(async () => {
        gateway = gatewayUrl();
        mkdirSync(ARTIFACTS, { recursive: true });
        const response = await fetch(`${gateway}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ADMIN),
        });
        adminCookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
        await api('POST', '/api/v1/users', { ...ANALYST, role: 'analyst' });

        browser = await chromium.launch({
          executablePath: CHROMIUM,
          headless: true,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        });
      }, 120_000);

      afterAll(async () => {
        await browser?.close();
      });

      it('refuses a wrong password with the API message, then logs in to the overview', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(`${gateway}/`);
        await page.getByTestId('login-email').fill(ADMIN.email);
        await page.getByTestId('login-password').fill('not the password');
        await page.getByTestId('login-submit').click();
        await expect
          .poll(() => page.getByTestId('login-error').textContent())
          .toMatch(/wrong email or password/);
        await page.getByTestId('login-password').fill(ADMIN.password);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('page-overview').waitFor();

        // Every service is up and the chart has the sampled rates.
        const health = page.getByTestId('service-health').locator('li');
        const ready = () =>
          health.evaluateAll((items) => items.map((li) => li.getAttribute('data-ready')).join());
        await expect.poll(ready, { timeout: 20_000 }).toBe(Array(8).fill('true').join());
        const overview = await api<{
          services: Record<string, { ready: boolean }>;
          events: { stored: number };
        }>('GET', '/api/v1/overview');
        expect(Object.values(overview.services).every((s) => s.ready)).toBe(true);
        expect(overview.events.stored).toBeGreaterThan(1_000);
        expect(await drawn(page, 'events-rate', 'data-points')).toBeGreaterThan(0);
        await shot(page, 'overview');
        await page.close();
      });

      it('finds a demo profile by email and shows its identity graph, timeline, features, segment and scores', async () => {
        const { audiences } = await api<{ audiences: Array<{ id: string; name: string; size: number }> }>(
          'GET',
          '/api/v1/audiences',
        );
        const audience = audiences.find((a) => a.size > 0);
        expect(audience).toBeDefined();
        const members = await api<{ members: Array<{ profileId: string }> }>(
          'GET',
          `/api/v1/audiences/${audience?.id}/members?limit=5`,
        );
        const profileId = members.members[0]?.profileId as string;
        const profile = await api<ProfileView>('GET', `/api/v1/profiles?identifier=profile_id:${profileId}`);
        const identifier = profile.identifiers.find((i) => i.type === 'email') ?? profile.identifiers[0];
        expect(identifier).toBeDefined();

        const page = await login(ADMIN);
        await page.getByTestId('nav-profiles').click();
        await page.getByTestId('profile-search').fill(`${identifier?.type}:${identifier?.value}`);
        await page.getByTestId('profile-search-submit').click();
        await expect
          .poll(() => page.getByTestId('profile-id').textContent(), { timeout: 20_000 })
          .toBe(profileId);
        await expect
          .poll(() => page.getByTestId('profile-identifiers').textContent())
          .toContain(identifier?.value as string);
        await expect
          .poll(() => page.getByTestId('profile-timeline').textContent(), { timeout: 20_000 })
          .toMatch(/track|page|identify/i);
        await expect
          .poll(() => page.getByTestId('profile-features').textContent(), { timeout: 20_000 })
          .toMatch(/intent\.|engagement\./);
        const segments = await api<{ current: Array<{ segmentName: string }> }>(
          'GET',
          `/api/v1/profiles/${profileId}/segments`,
        );
        await expect
          .poll(() => page.getByTestId('profile-segment').textContent(), { timeout: 20_000 })
          .toContain(segments.current[0]?.segmentName as string);
        await expect
          .poll(() => page.getByTestId('profile-scores').textContent(), { timeout: 20_000 })
          .toMatch(/churn/i);
        await shot(page, 'profiles');
        await page.close();
      });

      it('plots the segments: the scatter and PCA have one series per segment of the active model', async () => {
        const { models } = await api<{ models: ModelSummary[] }>(
          'GET',
          '/api/v1/segmentation/models?source=features',
        );
        const active = models.find((m) => m.active);
        expect(active?.k).toBeGreaterThanOrEqual(2);

        const page = await login(ADMIN);
        await page.getByTestId('nav-segments').click();
        await page.getByTestId('page-segments').waitFor();
        await expect
          .poll(() => page.getByTestId('segment-count').textContent(), { timeout: 20_000 })
          .toBe(String(active?.k));
        expect(await page.getByTestId('persona-card').count()).toBe(active?.k);
        expect(await drawn(page, 'segments-scatter', 'data-series')).toBe(active?.k);
        expect(await drawn(page, 'segments-scatter', 'data-points')).toBeGreaterThan(100);
        expect(await drawn(page, 'segments-pca', 'data-series')).toBe(active?.k);
        expect(await drawn(page, 'segment-sizes', 'data-points')).toBe(active?.k);
        // The demo's last week of events arrived after the first model: people moved between segments.
        const moves = await api<{ transitions: Array<{ count: number }> }>(
          'GET',
          '/api/v1/segmentation/transitions?source=features&days=30',
        );
        expect(moves.transitions.reduce((sum, t) => sum + t.count, 0)).toBeGreaterThan(0);
        expect(await drawn(page, 'segment-transitions', 'data-points')).toBeGreaterThan(0);
        expect(await drawn(page, 'segment-sizes-over-time', 'data-points')).toBeGreaterThan(0);
        await shot(page, 'segments');
        await page.close();
      });

      it('shows the churn model: its AUC, ROC and PR curves, calibration and feature importance', async () => {
        const { models } = await api<{ models: PredictionModelSummary[] }>(
          'GET',
          '/api/v1/prediction/models',
        );
        const churn = models.find((m) => m.active && m.target === 'churn');
        expect(churn).toBeDefined();

        const page = await login(ADMIN);
        await page.getByTestId('nav-models').click();
        await page.getByTestId('page-models').waitFor();
        await expect
          .poll(() => page.getByTestId('model-auc').textContent(), { timeout: 20_000 })
          .toBe(churn?.auc.toFixed(3));
        expect(await drawn(page, 'roc', 'data-points')).toBeGreaterThan(2);
        expect(await drawn(page, 'pr', 'data-points')).toBeGreaterThan(2);
        expect(await drawn(page, 'calibration', 'data-points')).toBeGreaterThan(0);
        expect(await drawn(page, 'importance', 'data-points')).toBeGreaterThan(0);
        await shot(page, 'models');
        await page.close();
      });

      it('builds an audience in the rule builder: the live estimate equals the API, and it saves', async () => {
        const page = await login(ADMIN);
        await page.getByTestId('nav-audiences').click();
        await page.getByTestId('rule-builder').waitFor();
        await page.getByTestId('rule-add-feature').click();
        const condition = page.getByTestId('rule-condition').last();
        await condition.getByTestId('rule-field').fill('intent.clicks_30d');
        await condition.getByTestId('rule-op').selectOption('gte');
        await condition.getByTestId('rule-value').fill('1');

        const rule = { and: [{ field: 'features.intent.clicks_30d', op: 'gte', value: 1 }] };
        const expected = await api<{ size: number }>('POST', '/api/v1/audiences/estimate', { rule });
        expect(expected.size).toBeGreaterThan(0);
        const estimate = page.getByTestId('audience-estimate');
        await expect
          .poll(() => estimate.getAttribute('data-size'), { timeout: 20_000 })
          .toBe(String(expected.size));

        await page.getByTestId('audience-name').fill('Clicked this month');
        await page.getByTestId('audience-save').click();
        await expect
          .poll(
            async () =>
              (await api<{ audiences: Array<{ name: string }> }>('GET', '/api/v1/audiences')).audiences.some(
                (a) => a.name === 'Clicked this month',
              ),
            { timeout: 20_000 },
          )
          .toBe(true);
        await shot(page, 'audiences');

        // The demo's campaign: its delivery funnel and the holdout comparison.
        const { campaigns } = await api<{ campaigns: Array<{ id: string; name: string }> }>(
          'GET',
          '/api/v1/campaigns',
        );
        expect(campaigns.length).toBeGreaterThan(0);
        const report = await api<{ treatment: { size: number }; holdout: { size: number } }>(
          'GET',
          `/api/v1/campaigns/${campaigns[0]?.id}/report`,
        );
        expect(report.treatment.size).toBeGreaterThan(0);
        expect(report.holdout.size).toBeGreaterThan(0);
        await page.getByTestId('campaign-row').first().click();
        expect(await drawn(page, 'campaign-funnel', 'data-points')).toBeGreaterThan(0);
        await expect
          .poll(() => page.getByTestId('campaign-uplift').textContent(), { timeout: 20_000 })
          .toContain(report.holdout.size.toLocaleString('en-US'));
        await shot(page, 'campaigns');
        await page.close();
      });

      it('lists the ad partners and what is shared with them', async () => {
        const { partners } = await api<{ partners: Array<{ name: string; shares: unknown[] }> }>(
          'GET',
          '/api/v1/partners',
        );
        expect(partners.length).toBeGreaterThan(0);
        const page = await login(ADMIN);
        await page.getByTestId('nav-feeds').click();
        const table = page.getByTestId('partners-table');
        await table.waitFor();
        for (const partner of partners) await expect.poll(() => table.textContent()).toContain(partner.name);
        // The demo partner pulled one snapshot: the Feeds page lists it.
        await page.getByTestId('partner-row').first().click();
        await expect
          .poll(() => page.getByTestId('partner-pulls').textContent(), { timeout: 20_000 })
          .toMatch(/snapshot/);
        await shot(page, 'feeds');
        await page.close();
      });

      it('keeps an analyst read-only: the console disables saving, and the API refuses the write', async () => {
        const page = await login(ANALYST);
        await page.getByTestId('nav-audiences').click();
        await page.getByTestId('rule-builder').waitFor();
        expect(await page.getByTestId('audience-save').isDisabled()).toBe(true);
        const status = await page.evaluate(async () => {
          const response = await fetch('/api/v1/audiences', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'not allowed', rule: { and: [] } }),
          });
          return response.status;
        });
        expect(status).toBe(403);
        await page.close();
      });

      it('raised no script error in any page', () => {
        expect(browserErrors).toEqual([]);
      });
    },
  );
}
