// Ruby: installed gem specifications (specifications/<name>-<version>.gemspec), as RubyGems writes
// them: `s.name = "rake".freeze`, `s.version = "13.0.6"`, `s.licenses = ["MIT".freeze]`.
import type { LangRecord } from './lang-record';

export function parseGemspec(text: string, source: string): LangRecord | undefined {
  if (text.includes('\u0000')) throw new Error(`${source}: binary data, not a gemspec`);
  let name: string | undefined;
  let version: string | undefined;
  let licenses: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*\w+\.(name|version|licenses?)\s*=\s*(.+)$/.exec(line);
    if (m === null) continue;
    const values = rubyStrings(m[2]);
    if (m[1] === 'name') name ??= values[0];
    else if (m[1] === 'version') version ??= values[0];
    else licenses = [...new Set([...licenses, ...values])];
  }
  // RubyGems names the file after the gem, so it stands in for a spec that hides the fields.
  // Platform gems append the platform: nokogiri-1.15.4-x86_64-linux.gemspec.
  const fromFile = /([^/]+?)-(\d[^/-]*)(?:-[^/]+)?\.gemspec$/.exec(source);
  name ??= fromFile?.[1];
  version ??= fromFile?.[2];
  if (name === undefined || version === undefined) return undefined;
  return { name, version, licenses };
}

/** String literals on a line: "x", 'x', %q{x} (a trailing .freeze is irrelevant). */
function rubyStrings(expr: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|%q\{([^}]*)\}/g;
  for (const m of expr.matchAll(re)) {
    const v = m[1] ?? m[2] ?? m[3];
    if (v.length > 0) out.push(v);
  }
  return out;
}
