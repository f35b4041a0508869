// Normalised ecosystem keys shared by importers and the matcher, so "Debian:12", the tracker's
// "bookworm" and an image's VERSION_ID=12.4 all meet at "deb:debian:12".
import type { Ecosystem } from '../../model/package';

export interface EcoLocation {
  ecoKey: string;
  distro?: string;
  release?: string;
}

const OSV_LANGUAGE: Record<string, Ecosystem> = {
  npm: 'npm',
  pypi: 'pypi',
  go: 'golang',
  maven: 'maven',
  'crates.io': 'cargo',
  rubygems: 'gem',
  packagist: 'composer',
  nuget: 'nuget',
};

const DEBIAN_CODENAMES: Record<string, string> = {
  buzz: '1.1',
  rex: '1.2',
  bo: '1.3',
  hamm: '2.0',
  slink: '2.1',
  potato: '2.2',
  woody: '3.0',
  sarge: '3.1',
  etch: '4',
  lenny: '5',
  squeeze: '6',
  wheezy: '7',
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
  duke: '15',
};

/** "bookworm" → "12", "12.4" → "12", "trixie/sid" → "13", "sid" stays "sid". */
export function debianRelease(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  const num = /^(\d+)(?:\.\d+)*$/.exec(v);
  if (num) return num[1];
  const word = v.split('/')[0];
  if (DEBIAN_CODENAMES[word]) return DEBIAN_CODENAMES[word];
  return /^[a-z]+$/.test(word) ? word : undefined;
}

/** "v3.10", "3.10.4", "3.21_alpha2024" → "3.10"/"3.21"; "edge" stays "edge". */
export function alpineBranch(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'edge') return 'edge';
  const m = /^v?(\d+)\.(\d+)/.exec(v);
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** "22.04" from Ubuntu's VERSION_ID or OSV's "Ubuntu:22.04:LTS". */
function ubuntuRelease(value: string): string | undefined {
  const m = /^(\d+\.\d+)/.exec(value.trim());
  return m ? m[1] : undefined;
}

export function osKey(type: 'apk' | 'deb' | 'rpm', distro: string, release: string): string {
  return `${type}:${distro}:${release}`;
}

/** Where an OS package of this distro release lives in intel.db, or undefined when unsupported. */
export function osLocation(family: string, release: string, codename?: string): EcoLocation | undefined {
  const f = family.toLowerCase();
  if (f === 'alpine') {
    const r = alpineBranch(release);
    return r ? { ecoKey: osKey('apk', 'alpine', r), distro: 'alpine', release: r } : undefined;
  }
  if (f === 'debian') {
    const r = debianRelease(release) ?? (codename ? debianRelease(codename) : undefined);
    return r ? { ecoKey: osKey('deb', 'debian', r), distro: 'debian', release: r } : undefined;
  }
  if (f === 'ubuntu') {
    const r = ubuntuRelease(release);
    return r ? { ecoKey: osKey('deb', 'ubuntu', r), distro: 'ubuntu', release: r } : undefined;
  }
  return undefined;
}

/** Maps an OSV ecosystem string; ecosystems we cannot match keep a distinct "osv:" key so they are stored, not lost. */
export function osvEcosystem(ecosystem: string): EcoLocation {
  const [base, ...rest] = ecosystem.split(':');
  const lang = OSV_LANGUAGE[base.toLowerCase()];
  if (lang && rest.length === 0) return { ecoKey: lang };
  const release = rest.join(':');
  let loc: EcoLocation | undefined;
  if (base === 'Alpine') loc = osLocation('alpine', release);
  else if (base === 'Debian') loc = osLocation('debian', release);
  else if (base === 'Ubuntu') loc = osLocation('ubuntu', release.replace(/^Pro:/, ''));
  return loc ?? { ecoKey: `osv:${ecosystem.toLowerCase()}` };
}

/** The language ecosystem part of a key ("npm" for "npm", "apk" for "apk:alpine:3.10"). */
function baseOf(ecoKey: string): string {
  const i = ecoKey.indexOf(':');
  return i < 0 ? ecoKey : ecoKey.slice(0, i);
}

/** Name folding per registry rules, so "Django" meets "django" and "zope.interface" meets "zope-interface". */
export function normalisePackageName(ecoKey: string, name: string): string {
  const n = name.trim();
  switch (baseOf(ecoKey)) {
    case 'pypi':
      return n.toLowerCase().replace(/[-_.]+/g, '-');
    case 'npm':
    case 'nuget':
    case 'composer':
      return n.toLowerCase();
    case 'cargo':
      return n.toLowerCase().replace(/_/g, '-');
    default:
      return n;
  }
}
