import type { JSX } from 'react';
import type { RuntimeStatusDto } from '../../../../electron/contract/index';
import { runtimeOff } from './runtime-mode';

/** Why runtime defense is off and the exact commands that turn it on; nothing while it is on. */
export function RuntimeOffNotice({ status }: { status: RuntimeStatusDto }): JSX.Element | null {
  if (!runtimeOff(status)) return null;
  return (
    <div className="card warning" data-testid="runtime-off">
      <h2>Runtime defense is off</h2>
      <p data-testid="runtime-off-reason">{status.reason}.</p>
      {status.howToEnable && status.howToEnable.length > 0 ? (
        <ol data-testid="enable-steps">
          {status.howToEnable.map((s) => (
            <li key={s.command}>
              {s.label}:
              <br />
              <code>{s.command}</code>
            </li>
          ))}
        </ol>
      ) : (
        status.enableCommand && (
          <p>
            Turn it on: <code data-testid="enable-command">{status.enableCommand}</code>
          </p>
        )
      )}
      {status.note && <p className="muted">{status.note}</p>}
    </div>
  );
}
