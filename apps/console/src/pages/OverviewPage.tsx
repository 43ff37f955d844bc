import { useMemo, useState, type FormEvent } from 'react';
import { Chart, type ChartOption } from '../components/Chart';
import { Async, Empty } from '../components/States';
import { fmtInt, fmtNum } from '../format';
import { navigate } from '../router';
import { useApi } from '../useApi';

interface Overview {
  services: Record<string, { ready: boolean; problem?: string }>;
  events: { stored: number; perSecond: number; series: Array<{ at: string; perSecond: number }> };
  profiles: { profiles: number; merges: number } | null;
  lag: Array<{ stage: string; consumer: string; subject: string; pending: number }>;
  deadLetters: number;
}

export function OverviewPage() {
  const state = useApi<Overview>('/overview', 5_000);
  return (
    <div data-testid="page-overview">
      <QuickSearch />
      <Async state={state}>{(data) => <OverviewBody data={data} />}</Async>
    </div>
  );
}

function QuickSearch() {
  const [query, setQuery] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (query.trim()) navigate('profiles', { identifier: query.trim() });
  }
  return (
    <form className="toolbar" onSubmit={submit}>
      <input
        className="search"
        placeholder="Find a profile: email:ann@example.com"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="overview-search"
      />
      <button type="submit">Find profile</button>
    </form>
  );
}

function OverviewBody({ data }: { data: Overview }) {
  const option = useMemo<ChartOption>(
    () => ({
      // Redrawn every 5 s: an animation each time would make the line twitch.
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: 'events/s' },
      series: [
        {
          name: 'events/s',
          type: 'line',
          showSymbol: false,
          areaStyle: { opacity: 0.15 },
          data: data.events.series.map((p) => [p.at, p.perSecond]),
        },
      ],
    }),
    [data.events.series],
  );
  const services = Object.entries(data.services).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <div className="tiles">
        <Tile label="Events / s" value={fmtNum(data.events.perSecond)} id="events-rate" />
        <Tile label="Stored events" value={fmtInt(data.events.stored)} id="events-stored" />
        <Tile label="Profiles" value={fmtInt(data.profiles?.profiles)} id="profiles" />
        <Tile label="Merges" value={fmtInt(data.profiles?.merges)} id="merges" />
        <Tile
          label="Dead letters"
          value={fmtInt(data.deadLetters)}
          id="dead-letters"
          warn={data.deadLetters > 0}
        />
      </div>
      <section className="card">
        <h2>Ingestion rate</h2>
        {data.events.series.length === 0 ? (
          <Empty>No events in the window yet.</Empty>
        ) : (
          <Chart name="events-rate" option={option} height={260} />
        )}
      </section>
      <div className="columns">
        <section className="card">
          <h2>Consumer lag</h2>
          {data.lag.length === 0 ? (
            <Empty>No consumers reported.</Empty>
          ) : (
            <table data-testid="lag-table">
              <thead>
                <tr>
                  <th>Stage</th>
                  <th>Subject</th>
                  <th className="num">Pending</th>
                </tr>
              </thead>
              <tbody>
                {data.lag.map((row) => (
                  <tr key={`${row.consumer}/${row.subject}`}>
                    <td>{row.stage}</td>
                    {/* Every subject starts with `cdp.`: the rest says whose event it is. */}
                    <td className="mono">{row.subject.replace(/^cdp\./, '')}</td>
                    <td className="num">{fmtInt(row.pending)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card">
          <h2>Services</h2>
          {services.length === 0 ? (
            <Empty>No services reported.</Empty>
          ) : (
            <ul className="health" data-testid="service-health">
              {services.map(([name, health]) => (
                <li key={name} className={health.ready ? 'ok' : 'bad'} data-ready={health.ready}>
                  <span className="dot" />
                  <strong>{name}</strong>
                  {health.problem ? <span className="muted"> {health.problem}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

function Tile({ label, value, id, warn }: { label: string; value: string; id: string; warn?: boolean }) {
  return (
    <div className={`tile${warn ? ' warn' : ''}`} data-testid={`tile-${id}`}>
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
    </div>
  );
}
