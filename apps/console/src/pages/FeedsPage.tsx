import { useState } from 'react';
import type { PartnerView } from '@cdp/ad-feeds/contracts';
import { Async, Empty } from '../components/States';
import { fmtInt, fmtTime } from '../format';
import { useApi } from '../useApi';

interface ReportedCount {
  count: number | null;
  floored: boolean;
  noised: boolean;
}
interface PartnerReport {
  partnerId: string;
  minAudienceSize: number;
  audiences: Array<{ audienceId: string; name: string } & ReportedCount>;
  overlaps: Array<{ a: string; b: string } & ReportedCount>;
}

type Partner = PartnerView;

export function FeedsPage() {
  const partners = useApi<{ partners: Partner[] }>('/partners');
  const [chosen, setChosen] = useState<string>();
  return (
    <div data-testid="page-feeds">
      <section className="card">
        <h2>Partners</h2>
        <Async state={partners} isEmpty={(d) => d.partners.length === 0} empty="No ad partner configured.">
          {(d) => (
            <table className="selectable" data-testid="partners-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Platform</th>
                  <th>Device ids</th>
                  <th>Shared audiences</th>
                  <th className="num">Keys</th>
                  <th className="num">Min size</th>
                  <th>Privacy</th>
                  <th>Last pull</th>
                </tr>
              </thead>
              <tbody>
                {d.partners.map((p) => {
                  const activeKeys = p.keys.filter((k) => k.revokedAt === null).length;
                  return (
                    <tr
                      key={p.id}
                      className={p.id === chosen ? 'selected' : undefined}
                      onClick={() => setChosen(p.id)}
                      data-testid="partner-row"
                    >
                      <td>{p.name}</td>
                      <td>{p.platform}</td>
                      <td>{p.deviceIds}</td>
                      <td>{p.shares.length === 0 ? '—' : p.shares.map((s) => s.audienceName).join(', ')}</td>
                      <td className="num">
                        {activeKeys}
                        {activeKeys === p.keys.length ? '' : ` (+${p.keys.length - activeKeys} revoked)`}
                      </td>
                      <td className="num">{fmtInt(p.minAudienceSize)}</td>
                      <td>{p.dpEpsilon === null ? 'exact counts' : `ε = ${p.dpEpsilon}`}</td>
                      <td>
                        {p.lastPulls[0]
                          ? `${fmtTime(p.lastPulls[0].at)} · ${p.lastPulls[0].kind}, ${fmtInt(p.lastPulls[0].rows)} rows`
                          : 'never'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </Async>
      </section>
      {chosen ? <PartnerReportView key={chosen} id={chosen} /> : null}
      {chosen && partners.data ? (
        <LastPulls partner={partners.data.partners.find((p) => p.id === chosen)} />
      ) : null}
    </div>
  );
}

function countText(c: ReportedCount): string {
  if (c.count === null) return 'below minimum';
  return `${fmtInt(c.count)}${c.noised ? ' (noised)' : ''}${c.floored ? ' (floored)' : ''}`;
}

function PartnerReportView({ id }: { id: string }) {
  const report = useApi<PartnerReport>(`/partners/${id}/report`);
  return (
    <section className="card" data-testid="partner-report">
      <h2>What the partner sees</h2>
      <Async
        state={report}
        isEmpty={(r) => r.audiences.length === 0}
        empty="No audience shared with this partner."
      >
        {(r) => {
          const names = new Map(r.audiences.map((a) => [a.audienceId, a.name]));
          return (
            <div className="columns">
              <div>
                <p className="muted">Counts under {fmtInt(r.minAudienceSize)} are withheld.</p>
                <table>
                  <thead>
                    <tr>
                      <th>Audience</th>
                      <th className="num">Reported size</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.audiences.map((a) => (
                      <tr key={a.audienceId}>
                        <td>{a.name}</td>
                        <td className="num">{countText(a)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div>
                <h3>Overlaps</h3>
                {r.overlaps.length === 0 ? (
                  <p className="muted">Fewer than two audiences shared.</p>
                ) : (
                  <table>
                    <thead>
                      <tr>
                        <th>Audience A</th>
                        <th>Audience B</th>
                        <th className="num">Overlap</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.overlaps.map((o) => (
                        <tr key={`${o.a}/${o.b}`}>
                          <td>{names.get(o.a) ?? o.a}</td>
                          <td>{names.get(o.b) ?? o.b}</td>
                          <td className="num">{countText(o)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            </div>
          );
        }}
      </Async>
    </section>
  );
}

/** The partner's latest bulk pulls: what it read, when, and whether the stream ran to its end. */
function LastPulls({ partner }: { partner: Partner | undefined }) {
  if (!partner) return null;
  return (
    <section className="card" data-testid="partner-pulls">
      <h2>Last pulls</h2>
      {partner.lastPulls.length === 0 ? (
        <Empty>This partner has not pulled a feed yet.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Audience</th>
              <th>Feed</th>
              <th className="num">Rows</th>
              <th className="num">Cursor</th>
            </tr>
          </thead>
          <tbody>
            {partner.lastPulls.map((pull, i) => (
              <tr key={`${pull.at}/${i}`}>
                <td>{fmtTime(pull.at)}</td>
                <td>{pull.audienceName}</td>
                <td>{pull.complete ? pull.kind : `${pull.kind} (cut short)`}</td>
                <td className="num">{fmtInt(pull.rows)}</td>
                <td className="num">{pull.cursor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
