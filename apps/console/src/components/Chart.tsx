// A small ECharts wrapper: one instance per container, resized with the window, disposed on unmount.
// Once an option is drawn it exposes how many data points and series it drew (data-points,
// data-series), which the end-to-end tests read.
import { useEffect, useRef } from 'react';
import { BarChart, FunnelChart, GraphChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  FunnelChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = EChartsCoreOption;

/** Series whose id starts with this are guides (diagonals), not data: they are not counted. */
export const REFERENCE_ID = 'ref:';

interface SeriesLike {
  id?: string;
  data?: ArrayLike<unknown>;
}

function countDrawn(option: ChartOption): { points: number; series: number } {
  const raw = (option as { series?: SeriesLike | SeriesLike[] }).series;
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter(
    (s) => !(typeof s.id === 'string' && s.id.startsWith(REFERENCE_ID)),
  );
  return { points: list.reduce((sum, s) => sum + (s.data?.length ?? 0), 0), series: list.length };
}

interface ChartProps {
  name: string;
  option: ChartOption;
  height?: number;
}

export function Chart({ name, option, height = 320 }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const el = element.current;
    if (!chart.current || !el) return;
    chart.current.setOption(option, { notMerge: true });
    const { points, series } = countDrawn(option);
    el.setAttribute('data-points', String(points));
    el.setAttribute('data-series', String(series));
  }, [option]);

  return <div ref={element} className="chart" data-testid={`chart-${name}`} style={{ height }} />;
}
