import { useMemo, useState } from 'react';
import type { ModelDetail, ModelSummary, SegmentInfo } from '@cdp/clustering/contracts';
import { errorMessage, send } from '../api';
import { Chart, type ChartOption } from '../components/Chart';
import { Async, Empty, ErrorBox } from '../components/States';
import { fmtInt, fmtNum, fmtPct, fmtTime } from '../format';
import { useIsAdmin } from '../session';
import { useApi } from '../useApi';

/** Raw-unit sample of two features, added to the model detail by the gateway (absent on old models). */
interface Scatter {
  x: string;
  y: string;
  points: number[];
  segments: string[];
}
type Detail = ModelDetail & { scatter?: Scatter };

interface SizesOverTime {
  modelId: string;
  segments: Array<{ id: string; name: string }>;
  points: Array<{ at: string; sizes: Record<string, number> }>;
}
interface Transitions {
  modelId: string;
  segments: Array<{ id: string; name: string }>;
  transitions: Array<{ from: string; to: string; count: number }>;
}

const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4'];
const colorOf = (index: number) => PALETTE[index % PALETTE.length]!;

/** The active model of source `features`, else the first active, else the newest. */
function defaultModel(models: ModelSummary[]): ModelSummary | undefined {
  return models.find((m) => m.active && m.source === 'features') ?? models.find((m) => m.active) ?? models[0];
}

export function SegmentsPage() {
  const models = useApi<{ models: ModelSummary[] }>('/segmentation/models');
  const [chosen, setChosen] = useState<string>();
  return (
    <div data-testid="page-segments">
      <Async state={models} isEmpty={(d) => d.models.length === 0} empty="No segmentation model trained yet.">
        {({ models: list }) => {
          const model = list.find((m) => m.id === chosen) ?? defaultModel(list)!;
          return (
            <>
              <div className="toolbar">
                <label>
                  Model{' '}
                  <select
                    value={model.id}
                    onChange={(e) => setChosen(e.target.value)}
                    data-testid="segment-model-select"
                  >
                    {list.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name} v{m.version} ({m.source}){m.active ? ' · active' : ''}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <ModelView key={model.id} summary={model} />
            </>
          );
        }}
      </Async>
    </div>
  );
}

function ModelView({ summary }: { summary: ModelSummary }) {
  const detail = useApi<Detail>(`/segmentation/models/${summary.id}`);
  return <Async state={detail}>{(model) => <ModelBody model={model} onRenamed={detail.reload} />}</Async>;
}

function ModelBody({ model, onRenamed }: { model: Detail; onRenamed: () => void }) {
  const source = encodeURIComponent(model.source);
  const sizes = useApi<SizesOverTime>(`/segmentation/sizes?source=${source}&days=30`);
  const transitions = useApi<Transitions>(`/segmentation/transitions?source=${source}&days=30`);
  // Options are memoised: a new object would make the chart redraw 100k points on every render.
  const charts = useMemo(() => {
    const names = new Map(model.segments.map((s) => [s.id, s.name]));
    const order = model.segments.map((s) => s.id);
    const ratio = model.projection.explainedVarianceRatio;
    return {
      scatter:
        model.scatter && model.scatter.points.length > 0
          ? scatterOption(model.scatter, names, order, model.scatter.x, model.scatter.y)
          : null,
      pca:
        model.projection.points.length > 0
          ? scatterOption(
              model.projection,
              names,
              order,
              `PC1 (${fmtPct(ratio[0])})`,
              `PC2 (${fmtPct(ratio[1])})`,
            )
          : null,
      sizes: sizesOption(model.segments),
    };
  }, [model]);
  const sizesChart = useMemo(() => (sizes.data ? sizesOverTimeOption(sizes.data) : null), [sizes.data]);
  const transitionsChart = useMemo(
    () => (transitions.data ? transitionsOption(transitions.data) : null),
    [transitions.data],
  );

  return (
    <>
      <section className="card">
        <div className="model-head">
          <div>
            <h2>
              {model.name} v{model.version}
            </h2>
            <div className="muted">
              {model.algorithm} · {fmtInt(model.rows)} rows · trained {fmtTime(model.createdAt)} · silhouette{' '}
              {fmtNum(model.quality.silhouette)} · stability {fmtNum(model.quality.stability)}
            </div>
          </div>
          <div className="big-number">
            <span data-testid="segment-count">{model.segments.length}</span> segments
          </div>
        </div>
        {model.quality.weak ? (
          <div className="warning" data-testid="quality-warning">
            Weak structure: {model.quality.warnings.join('; ')}
          </div>
        ) : null}
      </section>
      <section className="card">
        <h2>{model.scatter ? `${model.scatter.x} × ${model.scatter.y}` : 'Segments in feature space'}</h2>
        {charts.scatter ? (
          <Chart name="segments-scatter" height={480} option={charts.scatter} />
        ) : (
          <Empty>This model has no feature scatter (retrain to get one).</Empty>
        )}
      </section>
      <div className="columns">
        <section className="card">
          <h2>PCA projection</h2>
          {charts.pca ? (
            <Chart name="segments-pca" option={charts.pca} />
          ) : (
            <Empty>No projection for this model.</Empty>
          )}
        </section>
        <section className="card">
          <h2>Segment sizes</h2>
          <Chart name="segment-sizes" option={charts.sizes} />
        </section>
      </div>
      <div className="personas">
        {model.segments.map((segment, index) => (
          <PersonaCard
            key={segment.id}
            segment={segment}
            color={colorOf(index)}
            weak={model.quality.weak}
            onRenamed={onRenamed}
          />
        ))}
      </div>
      <div className="columns">
        <section className="card">
          <h2>Sizes over the last 30 days</h2>
          <Async state={sizes} isEmpty={(d) => d.points.length === 0} empty="No size history yet.">
            {() => (sizesChart ? <Chart name="segment-sizes-over-time" option={sizesChart} /> : null)}
          </Async>
        </section>
        <section className="card">
          <h2>Transitions in the last 30 days</h2>
          <Async
            state={transitions}
            isEmpty={(d) => d.transitions.length === 0}
            empty="No profile changed segment in the last 30 days."
          >
            {() => (transitionsChart ? <Chart name="segment-transitions" option={transitionsChart} /> : null)}
          </Async>
        </section>
      </div>
    </>
  );
}

interface PersonaProps {
  segment: SegmentInfo;
  color: string;
  weak: boolean;
  onRenamed: () => void;
}

function PersonaCard({ segment, color, weak, onRenamed }: PersonaProps) {
  const admin = useIsAdmin();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(segment.name);
  const [error, setError] = useState<unknown>();

  async function save() {
    setError(undefined);
    try {
      await send('PATCH', `/segmentation/segments/${encodeURIComponent(segment.id)}`, { name: name.trim() });
      setEditing(false);
      onRenamed();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="card persona" data-testid="persona-card" style={{ borderTopColor: color }}>
      {editing ? (
        <div className="rename">
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="segment-name-input" />
          <button type="button" className="primary" disabled={!name.trim()} onClick={() => void save()}>
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <h3>
          {segment.name}
          {admin ? (
            <button
              type="button"
              className="link"
              onClick={() => setEditing(true)}
              data-testid="segment-rename"
            >
              rename
            </button>
          ) : null}
        </h3>
      )}
      {error ? <ErrorBox error={errorMessage(error)} /> : null}
      <div className="muted">
        {fmtInt(segment.size)} profiles · {fmtPct(segment.share)}
      </div>
      {weak ? <div className="warning small">Weak segmentation: read these traits with care.</div> : null}
      <ul>
        {segment.traits.map((trait) => (
          <li key={trait.feature}>{trait.text}</li>
        ))}
      </ul>
    </div>
  );
}

/** One scatter series per segment (legend = names); `large` draws 100k points in one pass. */
function scatterOption(
  data: { points: number[]; segments: string[] },
  names: Map<string, string>,
  order: string[],
  xName: string,
  yName: string,
): ChartOption {
  const groups = new Map<string, number[][]>(order.map((id) => [id, []]));
  const count = Math.min(data.segments.length, Math.floor(data.points.length / 2));
  for (let i = 0; i < count; i++) {
    const id = data.segments[i]!;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = []));
    group.push([data.points[2 * i]!, data.points[2 * i + 1]!]);
  }
  const series = [...groups.entries()]
    .filter(([, points]) => points.length > 0)
    .map(([id, points]) => ({
      type: 'scatter',
      name: names.get(id) ?? id,
      data: points,
      symbolSize: 3,
      large: true,
      largeThreshold: 2_000,
      progressive: 20_000,
      itemStyle: { color: colorOf(Math.max(0, order.indexOf(id))), opacity: 0.6 },
    }));
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 60, right: 30, top: 40, bottom: 50 },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 30, scale: true },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 45, scale: true },
    series,
  };
}

function sizesOption(segments: SegmentInfo[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 20, top: 20, bottom: 70 },
    xAxis: { type: 'category', data: segments.map((s) => s.name), axisLabel: { interval: 0, rotate: 25 } },
    yAxis: { type: 'value', name: 'profiles' },
    series: [
      {
        type: 'bar',
        name: 'size',
        data: segments.map((s, i) => ({ value: s.size, itemStyle: { color: colorOf(i) } })),
      },
    ],
  };
}

function sizesOverTimeOption(data: SizesOverTime): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: 'profiles' },
    series: data.segments.map((s, i) => ({
      type: 'line',
      name: s.name,
      stack: 'total',
      areaStyle: {},
      showSymbol: false,
      itemStyle: { color: colorOf(i) },
      data: data.points.map((p) => [p.at, p.sizes[s.id] ?? 0]),
    })),
  };
}

/** From × to heatmap; segments of older models that are not in the list show by id. */
function transitionsOption(data: Transitions): ChartOption {
  const names = new Map(data.segments.map((s) => [s.id, s.name]));
  const ids = [...data.segments.map((s) => s.id)];
  for (const t of data.transitions) {
    if (!ids.includes(t.from)) ids.push(t.from);
    if (!ids.includes(t.to)) ids.push(t.to);
  }
  const labels = ids.map((id) => names.get(id) ?? id.slice(0, 8));
  const max = Math.max(1, ...data.transitions.map((t) => t.count));
  return {
    tooltip: {
      formatter: (p: { value: [number, number, number] }) =>
        `${labels[p.value[0]]} → ${labels[p.value[1]]}: ${fmtInt(p.value[2])}`,
    },
    grid: { left: 110, right: 20, top: 20, bottom: 90 },
    xAxis: { type: 'category', data: labels, name: 'from', axisLabel: { interval: 0, rotate: 25 } },
    yAxis: { type: 'category', data: labels, name: 'to' },
    visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
    series: [
      {
        type: 'heatmap',
        name: 'transitions',
        label: { show: true },
        data: data.transitions.map((t) => [ids.indexOf(t.from), ids.indexOf(t.to), t.count]),
      },
    ],
  };
}
