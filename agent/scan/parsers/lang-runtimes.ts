// Language runtimes installed outside any package manager (official docker images unpack tarballs):
// the version comes from a header, a release file, or a string the build embedded in the binary.

/** include/node/node_version.h: NODE_MAJOR_VERSION / NODE_MINOR_VERSION / NODE_PATCH_VERSION. */
export function nodeVersionFromHeader(text: string): string | undefined {
  const part = (k: string): string | undefined =>
    new RegExp(`^#define\\s+NODE_${k}_VERSION\\s+(\\d+)\\s*$`, 'm').exec(text)?.[1];
  const [major, minor, patch] = [part('MAJOR'), part('MINOR'), part('PATCH')];
  return major !== undefined && minor !== undefined && patch !== undefined
    ? `${major}.${minor}.${patch}`
    : undefined;
}

/** A node binary names its own release in its download URLs: ".../release/v20.1.0/node-v20.1.0.tar.gz". */
export function nodeVersionFromBinary(bytes: Buffer): string | undefined {
  return findVersionAfter(bytes, ['node-v', 'node/v'], /^(\d+\.\d+\.\d+)(?=[^\d.])/);
}

/** include/pythonX.Y/patchlevel.h: #define PY_VERSION "3.11.4". */
export function pythonVersionFromPatchlevel(text: string): string | undefined {
  return /^#define\s+PY_VERSION\s+"([^"\s]+)"/m.exec(text)?.[1];
}

/**
 * The interpreter (or libpython) keeps PY_VERSION as its own NUL-terminated literal. `minor` ("3.11",
 * from the file name) anchors the search so unrelated version-like strings are not picked up.
 */
export function pythonVersionFromBinary(bytes: Buffer, minor: string): string | undefined {
  return findVersionAfter(bytes, [`\u0000${minor}.`], /^(\d+(?:(?:a|b|rc)\d+)?\+?)(?![\w.+-])/, minor);
}

/** A JDK/JRE `release` file: JAVA_VERSION="17.0.2". */
export function javaVersionFromRelease(text: string): string | undefined {
  return /^JAVA_VERSION="?([^"\s]+)"?\s*$/m.exec(text)?.[1];
}

/** go/VERSION: the first line is the toolchain, "go1.21.5". */
export function goVersionFromFile(text: string): string | undefined {
  return /^go(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)\s*$/.exec(text.split(/\r?\n/)[0] ?? '')?.[1];
}

// Scans with Buffer.indexOf (no whole-file string conversion: binaries are up to hundreds of MB).
function findVersionAfter(
  bytes: Buffer,
  needles: string[],
  tail: RegExp,
  prefix?: string,
): string | undefined {
  for (const needle of needles) {
    const n = Buffer.from(needle, 'latin1');
    for (
      let at = bytes.indexOf(n), tries = 0;
      at >= 0 && tries < 10_000;
      at = bytes.indexOf(n, at + 1), tries++
    ) {
      const after = bytes.toString('latin1', at + n.length, Math.min(bytes.length, at + n.length + 32));
      const m = tail.exec(after);
      if (m !== null) return prefix === undefined ? m[1] : `${prefix}.${m[1]}`;
    }
  }
  return undefined;
}
