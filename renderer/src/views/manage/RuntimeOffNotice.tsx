import type { JSX } from 'react';
import type { RuntimeStatusDto } from '../../../../electron/contract/index';

/** Why runtime defense is off and the exact command that turns it on. */
export function RuntimeOffNotice({ status }: { status: RuntimeStatusDto }): JSX.Element {
  return (
    <div className="card warning" data-testid="runtime-off">
      <h2>Runtime defense is off</h2>
      <p>{status.reason}.</p>
      {status.enableCommand && (
        <p>
          Turn it on: <code data-testid="enable-command">{status.enableCommand}</code>
        </p>
      )}
      {status.note && <p className="muted">{status.note}</p>}
    </div>
  );
}
