import { useMemo, useState } from 'react';
import type { PredictionModelDetail, PredictionModelSummary } from '@cdp/prediction/contracts';
import { send } from '../api';
import { Chart, REFERENCE_ID, type ChartOption } from '../components/Chart';
import { Async, ErrorBox } from '../components/States';
import { fmtInt, fmtNum, fmtPct, fmtTime } from '../format';
import { useIsAdmin } from '../session';
import { useApi } from '../useApi';

/** The active churn model, else the newest. */
function defaultModel(models: PredictionModelSummary[]): PredictionModelSummary | undefined {
  const newest = [...models].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return newest.find((m) => m.active && m.target === 'churn') ?? newest[0];
}

export function ModelsPage() {
  const models = useApi<{ models: PredictionModelSummary[] }>('/prediction/models');
  const [chosen, setChosen] = useState<string>();
  return (
    <div data-testid="page-models">
      <Async state={models} isEmpty={(d) => d.models.length === 0} empty="No prediction model trained yet.">
        {({ models: list }) => {
          const selected = list.find((m) => m.id === chosen) ?? defaultModel(list)!;
          return (
            <>
              <VersionTable
                models={list}
                selected={selected.id}
                onSelect={setChosen}
                onPromoted={models.reload}
              />
              {/* Keyed by the active flag too, so a promotion reloads the detail. */}
              <ModelView key={`${selected.id}:${selected.active}`} id={selected.id} />
            </>
          );
        }}
      </Async>
    </div>
  );
}

interface VersionTableProps {
  models: PredictionModelSummary[];
  selected: string;
  onSelect: (id: string) => void;
  onPromoted: () => void;
}

function VersionTable({ models, selected, onSelect, onPromoted }: VersionTableProps) {
  const admin = useIsAdmin();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  const rows = [...models].sort((a, b) => a.target.localeCompare(b.target) || b.version - a.version);

  async function promote(id: string) {
    setBusy(id);
    setError(undefined);
    try {
      await send('POST', `/prediction/models/${id}/promote`);
      onPromoted();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="card">
      <h2>Versions</h2>
      {error ? <ErrorBox error={error} /> : null}
      <table data-testid="models-table" className="selectable">
        <thead>
          <tr>
            <th>Target</th>
            <th className="num">Version</th>
            <th className="num">AUC</th>
            <th className="num">Train rows</th>
            <th className="num">Validation rows</th>
            <th>Created</th>
            <th>Active</th>
            {admin ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr
              key={m.id}
              className={m.id === selected ? 'selected' : undefined}
              onClick={() => onSelect(m.id)}
              data-testid="model-row"
            >
              <td>{m.target}</td>
              <td className="num">v{m.version}</td>
              <td className="num">{m.auc.toFixed(3)}</td>
              <td className="num">{fmtInt(m.trainRows)}</td>
              <td className="num">{fmtInt(m.validationRows)}</td>
              <td>{fmtTime(m.createdAt)}</td>
              <td>{m.active ? `active since ${fmtTime(m.promotedAt)}` : m.promotedAt ? 'retired' : ''}</td>
              {admin ? (
                <td>
                  {m.active ? null : (
                    <button
                      type="button"
                      disabled={busy !== undefined}
                      onClick={(e) => {
                        e.stopPropagation();
                        void promote(m.id);
                      }}
                      data-testid="model-promote"
                    >
                      {busy === m.id ? 'Promoting…' : 'Promote'}
                    </button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ModelView({ id }: { id: string }) {
  const detail = useApi<PredictionModelDetail>(`/prediction/models/${id}`);
  return <Async state={detail}>{(model) => <ModelBody model={model} />}</Async>;
}

const diagonal = (name: string) => ({
  id: `${REFERENCE_ID}${name}`,
  type: 'line',
  name,
  data: [
    [0, 0],
    [1, 1],
  ],
  showSymbol: false,
  silent: true,
  lineStyle: { type: 'dashed', color: '#999' },
});

function curve(name: string, xName: string, yName: string, series: object[]): ChartOption {
  return {
    title: { text: name, left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 55, right: 20, top: 35, bottom: 60 },
    xAxis: { type: 'value', min: 0, max: 1, name: xName, nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', min: 0, max: 1, name: yName, nameLocation: 'middle', nameGap: 35 },
    series,
  };
}

function ModelBody({ model }: { model: PredictionModelDetail }) {
  const charts = useMemo(() => {
    const m = model.metrics;
    const top = model.importance.slice(0, 15).reverse();
    return {
      roc: curve('ROC', 'false positive rate', 'true positive rate', [
        { type: 'line', name: 'ROC', showSymbol: false, data: m.roc.map((p) => [p.x, p.y]) },
        diagonal('chance'),
      ]),
      pr: curve('Precision / recall', 'recall', 'precision', [
        { type: 'line', name: 'PR', showSymbol: false, data: m.pr.map((p) => [p.x, p.y]) },
        {
          id: `${REFERENCE_ID}base`,
          type: 'line',
          name: 'base rate',
          showSymbol: false,
          silent: true,
          lineStyle: { type: 'dashed', color: '#999' },
          data: [
            [0, m.positiveRate],
            [1, m.positiveRate],
          ],
        },
      ]),
      calibration: curve('Calibration', 'predicted', 'observed', [
        {
          type: 'line',
          name: 'model',
          data: m.calibration.map((c) => ({ value: [c.predicted, c.observed], count: c.count })),
        },
        diagonal('perfect'),
      ]),
      importance: {
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtPct(v) },
        grid: { left: 200, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
        yAxis: {
          type: 'category',
          data: top.map((f) => f.feature),
          axisLabel: { width: 190, overflow: 'truncate' },
        },
        series: [{ type: 'bar', name: 'share of gain', data: top.map((f) => f.share) }],
      } satisfies ChartOption,
    };
  }, [model]);

  return (
    <>
      <section className="card">
        <div className="model-head">
          <div>
            <h2>
              {model.target} v{model.version}
              {model.active ? <span className="badge">active</span> : null}
            </h2>
            <div className="muted">
              horizon {model.horizonDays} d · data {fmtTime(model.dataFrom)} → {fmtTime(model.dataTo)} ·{' '}
              {model.rounds} rounds · code {model.codeVersion}
            </div>
            <div className="muted">{model.labels}</div>
          </div>
          <div className="metrics">
            <div>
              AUC <strong data-testid="model-auc">{model.metrics.auc.toFixed(3)}</strong>
            </div>
            <div>PR AUC {model.metrics.prAuc.toFixed(3)}</div>
            <div>log loss {fmtNum(model.metrics.logLoss)}</div>
            <div>lift@10% {fmtNum(model.metrics.liftAtTopDecile)}</div>
            <div>base rate {fmtPct(model.metrics.positiveRate)}</div>
          </div>
        </div>
        {model.comparison ? (
          <div className="muted">
            Against the model active at training: {model.comparison.auc.toFixed(3)} →{' '}
            {model.comparison.candidateAuc.toFixed(3)} on these validation rows.
          </div>
        ) : null}
      </section>
      <div className="columns three">
        <section className="card">
          <Chart name="roc" option={charts.roc} />
        </section>
        <section className="card">
          <Chart name="pr" option={charts.pr} />
        </section>
        <section className="card">
          <Chart name="calibration" option={charts.calibration} />
        </section>
      </div>
      <section className="card">
        <h2>Feature importance (top 15)</h2>
        <Chart name="importance" option={charts.importance} height={420} />
      </section>
    </>
  );
}
