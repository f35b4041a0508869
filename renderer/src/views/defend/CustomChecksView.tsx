import { useEffect, type JSX } from 'react';
import { useStore } from '../../store/index';

/** Defend › Custom checks: every custom check of every compliance rule, with the rule that runs it. */
export function CustomChecksView(): JSX.Element {
  const rules = useStore((s) => s.rules);
  const load = useStore((s) => s.loadRules);
  useEffect(() => void load(), [load]);
  const checks = (rules?.complianceRules ?? []).flatMap((r) =>
    (r.customChecks ?? []).map((c) => ({ ...c, rule: r.name })),
  );
  return (
    <section>
      <h1>Defend › Custom checks</h1>
      <p className="muted">
        A custom check is a shell script run inside the image in a throwaway container with no network, no
        capabilities and a read-only root; exit status 0 passes. Checks belong to a compliance rule: add or
        edit them in <a href="#/defend/rules">Defend › Compliance rules</a>, where each rule&apos;s custom
        checks are listed under it.
      </p>
      {rules && checks.length === 0 && (
        <p data-testid="custom-checks-empty">
          No custom checks yet. Open a compliance rule and use &quot;Add custom check&quot;.
        </p>
      )}
      <table className="grid" data-testid="custom-checks-table">
        <thead>
          <tr>
            <th>ID</th>
            <th>Name</th>
            <th>Severity</th>
            <th>Rule</th>
            <th>Script</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr key={`${c.rule}-${c.id}`}>
              <td>{c.id}</td>
              <td>{c.name}</td>
              <td>{c.severity}</td>
              <td>{c.rule}</td>
              <td>
                <pre className="mono">{c.script}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
