import type { JSX } from 'react';

const TABS = [
  { id: 'ci', label: 'CI', path: 'defend/vulnerabilities/ci' },
  { id: 'deployed', label: 'Deployed', path: 'defend/vulnerabilities/deployed' },
  { id: 'host', label: 'Hosts', path: 'defend/vulnerabilities/hosts' },
  { id: 'base-images', label: 'Base images', path: 'defend/vulnerabilities/base-images' },
] as const;

/** The CI / Deployed / Hosts / Base images switch of Defend › Vulnerabilities (links, so each is a route). */
export function DefendVulnTabs({ current }: { current: (typeof TABS)[number]['id'] }): JSX.Element {
  return (
    <nav className="tabs" aria-label="vulnerability rule kinds">
      {TABS.map((t) => (
        <a
          key={t.id}
          href={`#/${t.path}`}
          className={t.id === current ? 'active' : ''}
          aria-current={t.id === current ? 'page' : undefined}
        >
          {t.label}
        </a>
      ))}
    </nav>
  );
}
