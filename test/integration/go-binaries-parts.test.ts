// Real Go executables (Debian's docker.io package, which CI installs): reading only their ELF tables and
// .go.buildinfo gives what parsing the whole file gives, for a few KB instead of tens of MB.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goBuildInfoFromParts, parseGoBuildInfo } from '../../agent/scan/parsers/lang-go-buildinfo';

const BINARIES = ['/usr/bin/containerd', '/usr/bin/docker', '/usr/bin/runc'];

describe('Go build info read in parts from real executables', () => {
  it.each(BINARIES)('%s', (file) => {
    if (!existsSync(file)) {
      throw new Error(
        `${file} is missing: install Debian's docker.io (.ci/run does) for this test's real Go binaries`,
      );
    }
    const bytes = readFileSync(file);
    let read = 0;
    const parts = goBuildInfoFromParts(
      (offset, length) => {
        read += length;
        return bytes.subarray(offset, offset + length);
      },
      bytes.length,
      file,
    );
    const whole = parseGoBuildInfo(bytes, file);
    expect(whole?.goVersion).toMatch(/^go1\.\d+/);
    expect(parts).toEqual(whole);
    expect(read).toBeLessThan(64 * 1024);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
  });
});
