// Pure parser of `clamscan --infected --no-summary` output: "<file>: <signature> FOUND" lines.
// Only lines naming one of the files we handed to clamscan count, so a hostile name inside an image
// cannot forge a finding for another file or add a file we never asked about.

export interface ClamscanHit {
  /** The scanned file, exactly as it was given to clamscan. */
  file: string;
  signature: string;
}

export interface ClamscanOutput {
  hits: ClamscanHit[];
  /** Limits hit (--alert-exceeds-max): the part beyond the limit was not scanned. */
  limits: ClamscanHit[];
}

const MAX_OUTPUT = 16 * 1024 * 1024;
const MAX_HITS = 10_000;
// ClamAV signature names: platform.category.name-variant, optional .UNOFFICIAL suffix.
const SIGNATURE = /^[A-Za-z0-9][A-Za-z0-9._\-+/@:]{0,199}$/;
const LIMITS = 'Heuristics.Limits.Exceeded.';

/** Hits per known file, in output order; unknown files, malformed lines and duplicates are ignored. */
export function parseClamscanOutput(stdout: string, files: readonly string[]): ClamscanOutput {
  if (typeof stdout !== 'string') throw new Error('clamscan output: expected text');
  if (stdout.length > MAX_OUTPUT)
    throw new Error(`clamscan output: over ${MAX_OUTPUT} bytes, refusing to parse it`);
  const known = new Set(files);
  const out: ClamscanOutput = { hits: [], limits: [] };
  const seen = new Set<string>();
  for (const raw of stdout.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.endsWith(' FOUND')) continue;
    const body = line.slice(0, -' FOUND'.length);
    // A signature name never holds ": ", so the last one separates it; the file must be one of ours.
    const sep = body.lastIndexOf(': ');
    if (sep <= 0) continue;
    const file = body.slice(0, sep);
    const signature = body.slice(sep + 2);
    if (!known.has(file) || !SIGNATURE.test(signature)) continue;
    const key = `${file}\0${signature}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (signature.startsWith(LIMITS) ? out.limits : out.hits).push({ file, signature });
    if (out.hits.length + out.limits.length >= MAX_HITS) break;
  }
  return out;
}
