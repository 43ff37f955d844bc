import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { ProfileFeatures } from '@cdp/feature-store/contracts';
import type { ProfileView } from '@cdp/identity/contracts';
import type { ModelScore, ProfileScores } from '@cdp/prediction/contracts';
import { ApiError } from '../api';
import { Chart, type ChartOption } from '../components/Chart';
import { Async, Empty, Loading } from '../components/States';
import { fmtNum, fmtPct, fmtTime, fmtValue } from '../format';
import { navigate, useRoute } from '../router';
import { useApi, type ApiState } from '../useApi';

interface Timeline {
  events: Array<{
    messageId: string;
    type: string;
    event: string | null;
    timestamp: string;
    properties: Record<string, unknown>;
  }>;
}
/** FEATURES_GET's reply for one profile; a bare vector is accepted too. */
type FeaturesReply = { profiles: ProfileFeatures[] } | ProfileFeatures;
interface Assignment {
  modelId: string;
  source: string;
  segmentId: string;
  segmentName: string;
  since: string;
  until?: string | null;
}
interface Assignments {
  subjectId: string;
  current: Assignment[];
  history: Assignment[];
}
type Scores = ProfileScores & { updatedAt: string };

export function ProfilesPage() {
  // The identifier lives in the URL, so a search can be linked to (and started from the Overview).
  const route = useRoute();
  const identifier = route.query.get('identifier') ?? '';
  const [query, setQuery] = useState(identifier);
  const profile = useApi<ProfileView>(
    identifier ? `/profiles?identifier=${encodeURIComponent(identifier)}` : null,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = query.trim();
    if (value === identifier) profile.reload();
    else if (value) navigate('profiles', { identifier: value });
  }

  let body;
  if (!identifier)
    body = <Empty>Search a profile by one of its identifiers, e.g. email:ann@example.com.</Empty>;
  else if (profile.error instanceof ApiError && profile.error.status === 404)
    body = <Empty>No profile has that identifier.</Empty>;
  else body = <Async state={profile}>{(view) => <Profile key={view.profileId} view={view} />}</Async>;

  return (
    <div data-testid="page-profiles">
      <form className="toolbar" onSubmit={submit}>
        <input
          className="wide"
          placeholder="<type>:<value>, e.g. email:ann@example.com or user_id:u1"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="profile-search"
        />
        <button type="submit" className="primary" data-testid="profile-search-submit">
          Search
        </button>
      </form>
      {body}
    </div>
  );
}

function Profile({ view }: { view: ProfileView }) {
  const id = encodeURIComponent(view.profileId);
  const timeline = useApi<Timeline>(`/profiles/${id}/timeline?limit=100`);
  const features = useApi<FeaturesReply>(`/profiles/${id}/features`);
  const segments = useApi<Assignments>(`/profiles/${id}/segments`);
  const scores = useApi<Scores>(`/profiles/${id}/scores`);
  return (
    <div data-testid="profile-view">
      <section className="card">
        <h2>
          Profile <code data-testid="profile-id">{view.profileId}</code>
        </h2>
        <div className="muted">
          first seen {fmtTime(view.firstSeen)} · last seen {fmtTime(view.lastSeen)}
        </div>
        <KeyValues values={view.traits} empty="No traits." testId="profile-traits" />
      </section>
      <div className="columns">
        <section className="card" data-testid="profile-identifiers">
          <h2>Identity graph</h2>
          <IdentityGraph view={view} />
          <Merges view={view} />
        </section>
        <section className="card" data-testid="profile-scores">
          <h2>Scores</h2>
          <Section state={scores} notFound="Not scored yet.">
            {(s) => <ScoresView scores={s} />}
          </Section>
        </section>
      </div>
      <div className="columns">
        <section className="card" data-testid="profile-segment">
          <h2>Segments</h2>
          <Section state={segments} notFound="Not in any segment yet.">
            {(s) => <SegmentsView data={s} />}
          </Section>
        </section>
        <section className="card" data-testid="profile-features">
          <h2>Features</h2>
          <Section state={features} notFound="The feature store has no values for this profile.">
            {(f) => <FeaturesView reply={f} />}
          </Section>
        </section>
      </div>
      <section className="card" data-testid="profile-timeline">
        <h2>Timeline (latest 100)</h2>
        <Section state={timeline} notFound="No events.">
          {(t) => <TimelineView events={t.events} />}
        </Section>
      </section>
    </div>
  );
}

/** One section's own states: a 404 is "nothing yet", any other failure stays inside the section. */
function Section<T>({
  state,
  notFound,
  children,
}: {
  state: ApiState<T>;
  notFound: string;
  children: (data: T) => ReactNode;
}) {
  if (state.data === undefined && state.error instanceof ApiError && state.error.status === 404)
    return <Empty>{notFound}</Empty>;
  if (state.data === undefined && !state.error) return <Loading />;
  return <Async state={state}>{children}</Async>;
}

function KeyValues({
  values,
  empty,
  testId,
}: {
  values: Record<string, unknown>;
  empty: string;
  testId?: string;
}) {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <Empty>{empty}</Empty>;
  return (
    <dl className="kv" data-testid={testId}>
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{fmtValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The profile in the middle, each identifier around it. */
function IdentityGraph({ view }: { view: ProfileView }) {
  const option = useMemo<ChartOption>(() => {
    const nodes = [
      { id: 'profile', name: view.profileId.slice(0, 8), symbolSize: 40, category: 0 },
      ...view.identifiers.map((ident, i) => ({
        id: `i${i}`,
        name: `${ident.type}:${ident.value}`,
        symbolSize: 18,
        category: 1,
      })),
    ];
    return {
      tooltip: {},
      legend: { bottom: 0, data: ['profile', 'identifier'] },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          force: { repulsion: 220, edgeLength: 90 },
          label: { show: true, position: 'right', fontSize: 11 },
          categories: [{ name: 'profile' }, { name: 'identifier' }],
          data: nodes,
          links: view.identifiers.map((_, i) => ({ source: 'profile', target: `i${i}` })),
        },
      ],
    };
  }, [view]);
  return (
    <>
      <Chart name="identity-graph" option={option} height={280} />
      <table>
        <thead>
          <tr>
            <th>Type</th>
            <th>Value</th>
            <th>First seen</th>
          </tr>
        </thead>
        <tbody>
          {view.identifiers.map((ident) => (
            <tr key={`${ident.type}:${ident.value}`} data-testid="profile-identifier">
              <td>{ident.type}</td>
              <td>{ident.value}</td>
              <td>{fmtTime(ident.firstSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Merges({ view }: { view: ProfileView }) {
  if (view.merges.length === 0) return <p className="muted">No merges.</p>;
  return (
    <>
      <h3>Merge history</h3>
      <ul className="merges" data-testid="profile-merges">
        {view.merges.map((m) => (
          <li key={m.mergeId} className={m.undone ? 'undone' : undefined}>
            {fmtTime(m.at)}: merged <code>{m.mergedProfileId.slice(0, 8)}</code> linked by{' '}
            {m.linkedBy.map((l) => `${l.type}:${l.value}`).join(', ')}
            {m.undone ? ' (undone)' : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

function ScoresView({ scores }: { scores: Scores }) {
  return (
    <>
      <div className="muted">
        as of {fmtTime(scores.asOf)} · updated {fmtTime(scores.updatedAt)}
      </div>
      <div className="tiles">
        <ScoreTile label="Churn risk" score={scores.churn} />
        <ScoreTile label="Engagement" score={scores.engagement} />
        <div className="tile">
          <div className="tile-label">Purchase intent</div>
          <div className="tile-value">{fmtPct(scores.intent)}</div>
        </div>
      </div>
      {scores.churn && scores.churn.top.length > 0 ? (
        <>
          <h3>What drives the churn risk</h3>
          <ul>
            {scores.churn.top.map((c) => (
              <li key={c.feature}>
                {c.feature}: {c.contribution > 0 ? '+' : ''}
                {fmtNum(c.contribution)} log-odds
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function ScoreTile({ label, score }: { label: string; score: ModelScore | undefined }) {
  return (
    <div className={`tile band-${score?.band ?? 'none'}`}>
      <div className="tile-label">{label}</div>
      <div className="tile-value">{score ? fmtPct(score.score) : '—'}</div>
      {score ? <div className="muted">{score.band}</div> : null}
    </div>
  );
}

function SegmentsView({ data }: { data: Assignments }) {
  if (data.current.length === 0 && data.history.length === 0) return <Empty>Not in any segment yet.</Empty>;
  return (
    <>
      <ul>
        {data.current.map((a) => (
          <li key={a.source}>
            <strong>{a.segmentName}</strong>{' '}
            <span className="muted">
              ({a.source}, since {fmtTime(a.since)})
            </span>
          </li>
        ))}
      </ul>
      {data.history.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Source</th>
              <th>Segment</th>
              <th>Since</th>
              <th>Until</th>
            </tr>
          </thead>
          <tbody>
            {data.history.map((a) => (
              <tr key={`${a.modelId}/${a.segmentId}/${a.since}`}>
                <td>{a.source}</td>
                <td>{a.segmentName}</td>
                <td>{fmtTime(a.since)}</td>
                <td>{fmtTime(a.until)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function FeaturesView({ reply }: { reply: FeaturesReply }) {
  const vector = 'profiles' in reply ? reply.profiles[0] : reply;
  if (!vector) return <Empty>The feature store has no values for this profile.</Empty>;
  return (
    <>
      <div className="muted">as of {fmtTime(vector.asOf)}</div>
      <div className="scroll">
        <KeyValues values={vector.features} empty="No features." />
      </div>
    </>
  );
}

function TimelineView({ events }: { events: Timeline['events'] }) {
  if (events.length === 0) return <Empty>No events.</Empty>;
  return (
    <div className="scroll tall">
      <table>
        <thead>
          <tr>
            <th>Time</th>
            <th>Type</th>
            <th>Event</th>
            <th>Properties</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.messageId}>
              <td className="nowrap">{fmtTime(e.timestamp)}</td>
              <td>{e.type}</td>
              <td>{e.event ?? ''}</td>
              <td className="props">{JSON.stringify(e.properties)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
