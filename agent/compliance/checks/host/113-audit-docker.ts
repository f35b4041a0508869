// CIS 1.1.3+: auditd should watch the Docker daemon and its files (rules from `auditctl -l`).
import { fail, notApplicable, pass, type ComplianceCheck } from '../../types';

export const AUDIT_TARGETS = [
  '/usr/bin/dockerd',
  '/run/containerd',
  '/var/lib/docker',
  '/etc/docker',
  '/etc/docker/daemon.json',
  '/usr/bin/containerd',
  '/usr/bin/runc',
];

/** Paths from AUDIT_TARGETS with no `-w <path>` rule in `auditctl -l` output. */
export function unwatched(rules: string): string[] {
  const watched = new Set([...rules.matchAll(/-w\s+(\S+)/g)].map((m) => m[1].replace(/\/+$/, '')));
  return AUDIT_TARGETS.filter((t) => !watched.has(t));
}

export const auditDocker: ComplianceCheck<'host'> = {
  id: 113,
  kind: 'host',
  async evaluate(env) {
    const r = await env.run('auditctl', ['-l']);
    if (r.status === null) return notApplicable('auditctl is not installed (no auditd on this host)');
    if (r.status !== 0)
      return notApplicable(
        `auditctl -l failed (${r.stderr.trim() || `exit ${r.status}`}); needs root and auditd`,
      );
    const missing = unwatched(r.stdout);
    if (missing.length > 0) return fail(missing.map((m) => `no audit watch on ${m}`));
    return pass([`audit watches on ${AUDIT_TARGETS.join(', ')}`]);
  },
};
