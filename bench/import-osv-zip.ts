// Import bench data: an OSV all.zip of about the requested size, deflated like the published ones. Record
// details carry random text so the archive does not shrink to nothing (real advisories compress ~5x).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Zip, ZipDeflate } from 'fflate';

function record(i: number, filler: string): string {
  return JSON.stringify({
    schema_version: '1.6.0',
    id: `GHSA-bench-${i.toString(36).padStart(4, '0')}`,
    modified: '2024-05-01T00:00:00Z',
    published: '2023-01-01T00:00:00Z',
    aliases: [`CVE-2023-${100000 + i}`],
    summary: `Generated advisory ${i}`,
    details: filler,
    affected: [
      {
        package: { ecosystem: 'npm', name: `bench-pkg-${i % 20000}` },
        ranges: [
          { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: `${1 + (i % 9)}.${i % 17}.${i % 5}` }] },
        ],
        database_specific: { source: 'bench' },
      },
    ],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    references: [{ type: 'ADVISORY', url: `https://example.org/advisories/${i}` }],
  });
}

/** Writes the zip; returns how many records it holds. */
export async function generateOsvZip(file: string, targetBytes: number): Promise<number> {
  const out = fs.createWriteStream(file);
  let written = 0;
  let failed: Error | undefined;
  const zip = new Zip((err, chunk, final) => {
    if (err) failed = err;
    else {
      written += chunk.length;
      out.write(chunk);
      if (final) out.end();
    }
  });
  let i = 0;
  while (written < targetBytes && !failed) {
    // ~1.5 KB of base64 noise per record: about what a real advisory's text costs after deflate.
    const entry = new ZipDeflate(`${i}.json`, { level: 6 });
    zip.add(entry);
    entry.push(Buffer.from(record(i, randomBytes(1100).toString('base64'))), true);
    i++;
    if (i % 2000 === 0 && out.writableNeedDrain) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  if (failed) throw failed;
  return i;
}
