// Sorting free-form license strings from package metadata into what SBOM formats accept: SPDX license
// ids, simple expressions over them, or an opaque name. Only ids on this list are claimed as SPDX ids,
// because both formats' schemas reject ids that are not on the SPDX license list.

const KNOWN_IDS = [
  '0BSD',
  'AFL-2.1',
  'AGPL-3.0-only',
  'AGPL-3.0-or-later',
  'Apache-1.1',
  'Apache-2.0',
  'Artistic-1.0',
  'Artistic-2.0',
  'BlueOak-1.0.0',
  'BSD-1-Clause',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'BSD-4-Clause',
  'BSL-1.0',
  'CC-BY-3.0',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC0-1.0',
  'CDDL-1.0',
  'CDDL-1.1',
  'EPL-1.0',
  'EPL-2.0',
  'GPL-1.0-only',
  'GPL-1.0-or-later',
  'GPL-2.0-only',
  'GPL-2.0-or-later',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'ISC',
  'LGPL-2.0-only',
  'LGPL-2.0-or-later',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'MIT',
  'MIT-0',
  'MPL-1.1',
  'MPL-2.0',
  'OpenSSL',
  'PSF-2.0',
  'Python-2.0',
  'Ruby',
  'Unicode-DFS-2016',
  'Unlicense',
  'WTFPL',
  'X11',
  'Zlib',
  'zlib-acknowledgement',
];
const BY_LOWER = new Map(KNOWN_IDS.map((id) => [id.toLowerCase(), id]));
const OPERATORS = new Set(['AND', 'OR']);

export type LicenseChoice =
  { kind: 'id'; id: string } | { kind: 'expression'; expression: string } | { kind: 'name'; name: string };

/** The canonical SPDX id for a known id (case-insensitive), else undefined. */
export function knownLicenseId(value: string): string | undefined {
  return BY_LOWER.get(value.trim().toLowerCase());
}

/** One license string: a known id, an AND/OR expression over known ids (no parentheses), or a name. */
export function classifyLicense(value: string): LicenseChoice {
  const text = value.trim();
  const id = knownLicenseId(text);
  if (id) return { kind: 'id', id };
  const tokens = text.split(/\s+/);
  if (tokens.length >= 3 && tokens.length % 2 === 1) {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t =
        i % 2 === 1
          ? OPERATORS.has(tokens[i].toUpperCase())
            ? tokens[i].toUpperCase()
            : undefined
          : knownLicenseId(tokens[i]);
      if (t === undefined) return { kind: 'name', name: text };
      out.push(t);
    }
    return { kind: 'expression', expression: out.join(' ') };
  }
  return { kind: 'name', name: text };
}
