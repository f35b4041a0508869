import type { JSX } from 'react';

const SECTIONS: Array<{ title?: string; links: Array<{ label: string; path: string }> }> = [
  {
    links: [
      { label: 'Dashboard', path: '' },
      { label: 'Radar', path: 'radar' },
    ],
  },
  {
    title: 'Monitor',
    links: [
      { label: 'Vulnerabilities · Images', path: 'monitor/vulnerabilities/images' },
      { label: 'Vulnerabilities · CI', path: 'monitor/vulnerabilities/ci' },
      { label: 'Vulnerabilities · Hosts', path: 'monitor/vulnerabilities/hosts' },
      { label: 'Compliance · Images', path: 'monitor/compliance/images' },
      { label: 'Compliance · Containers', path: 'monitor/compliance/containers' },
      { label: 'Compliance · Hosts', path: 'monitor/compliance/hosts' },
      { label: 'Compliance · CI', path: 'monitor/compliance/ci' },
      { label: 'Runtime · Container models', path: 'monitor/runtime/models' },
      { label: 'Events · Container audits', path: 'monitor/events/audits' },
    ],
  },
  {
    title: 'Defend',
    links: [
      { label: 'Vulnerabilities', path: 'defend/vulnerabilities' },
      { label: 'Compliance rules', path: 'defend/rules' },
      { label: 'Custom checks', path: 'defend/custom-checks' },
      { label: 'Runtime', path: 'defend/runtime' },
    ],
  },
  {
    title: 'Manage',
    links: [
      { label: 'Defenders', path: 'manage/defenders' },
      { label: 'Collections and tags', path: 'manage/collections' },
      { label: 'Custom feeds', path: 'manage/feeds' },
      { label: 'System', path: 'manage/system' },
    ],
  },
];

export function Nav({ route }: { route: string[] }): JSX.Element {
  const current = route.join('/');
  return (
    <nav className="nav">
      <div className="brand">Moat</div>
      {SECTIONS.map((s, i) => (
        <div key={i} className="nav-section">
          {s.title && <div className="nav-title">{s.title}</div>}
          {s.links.map((l) => (
            <a
              key={l.path}
              href={`#/${l.path}`}
              className={(l.path === '' ? current === '' : current.startsWith(l.path)) ? 'active' : ''}
            >
              {l.label}
            </a>
          ))}
        </div>
      ))}
    </nav>
  );
}
