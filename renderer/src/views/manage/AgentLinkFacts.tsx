import type { JSX } from 'react';
import type { RuntimeStatusDto } from '../../../../electron/contract/index';

/** The console's link to the local agent (mode "local agent"): where, to whom, and how it has held up. */
export function AgentLinkFacts({ status }: { status: RuntimeStatusDto }): JSX.Element | null {
  const a = status.agent;
  if (!a) return null;
  return (
    <dl className="facts" data-testid="agent-link">
      <dt>Agent socket</dt>
      <dd className="mono">{a.socket}</dd>
      <dt>Agent</dt>
      <dd data-testid="agent-connected">
        {a.connected ? `connected to ${a.agent ?? 'moat'}${a.pid ? ` (pid ${a.pid})` : ''}` : 'not connected'}
      </dd>
      <dt>Reconnects · events missed</dt>
      <dd>
        {a.reconnects} · {a.missed}
      </dd>
      {a.error && !a.connected && (
        <>
          <dt>Last connection error</dt>
          <dd className="error">{a.error}</dd>
        </>
      )}
    </dl>
  );
}
