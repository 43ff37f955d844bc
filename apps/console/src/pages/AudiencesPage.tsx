import { useEffect, useMemo, useRef, useState } from 'react';
import type { AudienceView, CampaignView } from '@cdp/activation/contracts';
import { send } from '../api';
import { Chart, type ChartOption } from '../components/Chart';
import { newCondition, RuleBuilder, toRule, type RuleDraft } from '../components/RuleBuilder';
import { Async, Empty, ErrorBox } from '../components/States';
import { fmtInt, fmtPct, fmtTime } from '../format';
import { useIsAdmin } from '../session';
import { useApi } from '../useApi';

interface Estimate {
  size: number;
  profiles: number;
  share: number;
  ruleText: string;
  ms: number;
}
interface Group {
  size: number;
  converted: number;
  rate: number;
}
interface CampaignReport {
  campaignId: string;
  conversionEvent: string | null;
  conversionWindowDays: number;
  treatment: Group;
  holdout: Group;
  uplift: number | null;
  relativeUplift: number | null;
  interval: [number, number] | null;
  confidence: number;
  significant: boolean;
  note: string | null;
  deliveries: Record<string, number>;
}

export function AudiencesPage() {
  const audiences = useApi<{ audiences: AudienceView[] }>('/audiences');
  return (
    <div data-testid="page-audiences">
      <section className="card">
        <h2>Audiences</h2>
        <Async state={audiences} isEmpty={(d) => d.audiences.length === 0} empty="No audience saved yet.">
          {(d) => <AudienceTable audiences={d.audiences} />}
        </Async>
      </section>
      <AudienceEditor onSaved={audiences.reload} />
      <Campaigns />
    </div>
  );
}

function AudienceTable({ audiences }: { audiences: AudienceView[] }) {
  return (
    <table data-testid="audiences-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Rule</th>
          <th className="num">Size</th>
          <th className="num">Rule version</th>
          <th>Computed</th>
        </tr>
      </thead>
      <tbody>
        {audiences.map((a) => (
          <tr key={a.id}>
            <td>
              <strong>{a.name}</strong>
              <div className="muted">{a.key}</div>
            </td>
            <td className="rule-text">{a.ruleText}</td>
            <td className="num">{fmtInt(a.size)}</td>
            <td className="num">{a.ruleVersion}</td>
            <td>{a.computedAt ? fmtTime(a.computedAt) : 'computing…'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AudienceEditor({ onSaved }: { onSaved: () => void }) {
  const admin = useIsAdmin();
  const [draft, setDraft] = useState<RuleDraft>(() => ({
    combinator: 'and',
    conditions: [newCondition('trait')],
  }));
  const [name, setName] = useState('');
  const [saveError, setSaveError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rule = useMemo(() => toRule(draft), [draft]);
  const ruleKey = JSON.stringify(rule);
  const estimate = useEstimate(rule, ruleKey);

  async function save() {
    setBusy(true);
    setSaveError(undefined);
    setSaved(undefined);
    try {
      const audience = await send<AudienceView>('POST', '/audiences', { name: name.trim(), rule });
      setSaved(`Saved "${audience.name}".`);
      setName('');
      onSaved();
    } catch (err) {
      setSaveError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card">
      <h2>New audience</h2>
      <RuleBuilder draft={draft} onChange={setDraft} />
      <div className="estimate-row">
        <EstimateView estimate={estimate} hasRule={rule !== null} />
      </div>
      <details>
        <summary>Rule JSON</summary>
        <pre data-testid="rule-json">{JSON.stringify(rule, null, 2)}</pre>
      </details>
      <div className="toolbar">
        <input
          placeholder="Audience name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          disabled={!admin}
          data-testid="audience-name"
        />
        <button
          type="button"
          className="primary"
          disabled={!admin || busy || !name.trim() || rule === null}
          title={admin ? undefined : 'Analysts are read-only'}
          onClick={() => void save()}
          data-testid="audience-save"
        >
          {busy ? 'Saving…' : 'Save audience'}
        </button>
        {admin ? null : <span className="muted">Read-only: analysts cannot save audiences.</span>}
        {saved ? <span className="ok-text">{saved}</span> : null}
      </div>
      {saveError ? <ErrorBox error={saveError} /> : null}
    </section>
  );
}

type EstimateState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; estimate: Estimate }
  | { state: 'error'; error: unknown };

/** Estimates the rule 400 ms after it stops changing; a stale answer never overwrites a newer one. */
function useEstimate(rule: unknown, ruleKey: string): EstimateState {
  const [state, setState] = useState<EstimateState>({ state: 'idle' });
  const sequence = useRef(0);
  useEffect(() => {
    const id = ++sequence.current;
    if (rule === null) {
      setState({ state: 'idle' });
      return;
    }
    setState((s) => (s.state === 'done' ? s : { state: 'loading' }));
    const timer = window.setTimeout(() => {
      setState({ state: 'loading' });
      send<Estimate>('POST', '/audiences/estimate', { rule }).then(
        (estimate) => id === sequence.current && setState({ state: 'done', estimate }),
        (error: unknown) => id === sequence.current && setState({ state: 'error', error }),
      );
    }, 400);
    return () => window.clearTimeout(timer);
    // Keyed by the rule's JSON: a new but equal object must not restart the timer.
  }, [ruleKey]);
  return state;
}

function EstimateView({ estimate, hasRule }: { estimate: EstimateState; hasRule: boolean }) {
  if (!hasRule) return <span className="muted">Complete a condition to see how many profiles match.</span>;
  switch (estimate.state) {
    case 'idle':
    case 'loading':
      return (
        <span className="muted" data-testid="estimate-loading">
          Estimating…
        </span>
      );
    case 'error':
      return <ErrorBox error={estimate.error} />;
    case 'done':
      return (
        <div className="estimate" data-testid="audience-estimate" data-size={estimate.estimate.size}>
          <strong>{fmtInt(estimate.estimate.size)} profiles</strong>{' '}
          <span className="muted">
            ({fmtPct(estimate.estimate.share)} of {fmtInt(estimate.estimate.profiles)}) ·{' '}
            {estimate.estimate.ruleText}
          </span>
        </div>
      );
  }
}

function Campaigns() {
  const campaigns = useApi<{ campaigns: CampaignView[] }>('/campaigns');
  const [chosen, setChosen] = useState<string>();
  return (
    <section className="card">
      <h2>Campaigns</h2>
      <Async state={campaigns} isEmpty={(d) => d.campaigns.length === 0} empty="No campaign yet.">
        {(d) => (
          <>
            <table className="selectable" data-testid="campaigns-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Audience</th>
                  <th>Channel</th>
                  <th>Trigger</th>
                  <th>Status</th>
                  <th>Last run</th>
                  <th className="num">Holdout</th>
                </tr>
              </thead>
              <tbody>
                {d.campaigns.map((c) => (
                  <tr
                    key={c.id}
                    className={c.id === chosen ? 'selected' : undefined}
                    onClick={() => setChosen(c.id)}
                    data-testid="campaign-row"
                  >
                    <td>{c.name}</td>
                    <td>{c.audienceName}</td>
                    <td>
                      {c.channel} → {c.destinationName}
                    </td>
                    <td>{c.trigger.type}</td>
                    <td>{c.status}</td>
                    <td>{fmtTime(c.lastRunAt)}</td>
                    <td className="num">{fmtPct(c.policy.holdoutShare, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {chosen ? (
              <CampaignReportView key={chosen} id={chosen} />
            ) : (
              <p className="muted">Select a campaign for its report.</p>
            )}
          </>
        )}
      </Async>
    </section>
  );
}

/** Statuses are a delivery's latest, so each funnel stage counts every status past it. */
const FUNNEL: Array<{ stage: string; statuses: string[] }> = [
  {
    stage: 'queued',
    statuses: ['pending', 'sending', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'failed', 'dead'],
  },
  { stage: 'sent', statuses: ['sent', 'delivered', 'opened', 'clicked', 'bounced'] },
  { stage: 'delivered', statuses: ['delivered', 'opened', 'clicked'] },
  { stage: 'opened', statuses: ['opened', 'clicked'] },
  { stage: 'clicked', statuses: ['clicked'] },
];

function CampaignReportView({ id }: { id: string }) {
  const report = useApi<CampaignReport>(`/campaigns/${id}/report`);
  return <Async state={report}>{(r) => <ReportBody report={r} />}</Async>;
}

function ReportBody({ report }: { report: CampaignReport }) {
  const total = Object.values(report.deliveries).reduce((a, b) => a + b, 0);
  const option = useMemo<ChartOption>(() => {
    const stages = FUNNEL.map((f) => ({
      name: f.stage,
      value: f.statuses.reduce((sum, s) => sum + (report.deliveries[s] ?? 0), 0),
    }));
    return {
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'funnel',
          name: 'deliveries',
          sort: 'none',
          min: 0,
          max: Math.max(1, stages[0]!.value),
          left: '5%',
          width: '90%',
          label: { show: true, position: 'inside', formatter: '{b}: {c}' },
          data: stages,
        },
      ],
    };
  }, [report]);
  return (
    <div className="columns">
      <div>
        <h3>Delivery funnel</h3>
        {total === 0 ? (
          <Empty>No delivery yet.</Empty>
        ) : (
          <Chart name="campaign-funnel" option={option} height={300} />
        )}
        <div className="muted">
          {Object.entries(report.deliveries)
            .map(([status, n]) => `${status} ${fmtInt(n)}`)
            .join(' · ')}
        </div>
      </div>
      <div data-testid="campaign-uplift">
        <h3>Holdout uplift</h3>
        <table>
          <thead>
            <tr>
              <th>Group</th>
              <th className="num">Size</th>
              <th className="num">Converted</th>
              <th className="num">Rate</th>
            </tr>
          </thead>
          <tbody>
            {(['treatment', 'holdout'] as const).map((g) => (
              <tr key={g}>
                <td>{g}</td>
                <td className="num">{fmtInt(report[g].size)}</td>
                <td className="num">{fmtInt(report[g].converted)}</td>
                <td className="num">{fmtPct(report[g].rate, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          Uplift <strong>{report.uplift === null ? '—' : `${(report.uplift * 100).toFixed(2)} pt`}</strong>
          {report.relativeUplift === null ? null : ` (${fmtPct(report.relativeUplift)} relative)`}
          {report.interval
            ? `, ${Math.round(report.confidence * 100)}% interval ${(report.interval[0] * 100).toFixed(2)} to ${(
                report.interval[1] * 100
              ).toFixed(2)} pt`
            : null}
          {report.interval ? (report.significant ? ' — significant' : ' — not significant') : null}
        </p>
        <p className="muted">
          Conversion: {report.conversionEvent ?? 'none set'} within {report.conversionWindowDays} days.
          {report.note ? ` ${report.note}` : ''}
        </p>
      </div>
    </div>
  );
}
