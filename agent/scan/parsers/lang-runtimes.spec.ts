import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  goVersionFromFile,
  javaVersionFromRelease,
  nodeVersionFromBinary,
  nodeVersionFromHeader,
  pythonVersionFromBinary,
  pythonVersionFromPatchlevel,
} from './lang-runtimes';

describe('node', () => {
  it('reads node_version.h', () => {
    const h =
      '#ifndef SRC_NODE_VERSION_H_\n#define NODE_MAJOR_VERSION 20\n#define NODE_MINOR_VERSION 1\n#define NODE_PATCH_VERSION 0\n';
    expect(nodeVersionFromHeader(h)).toBe('20.1.0');
    expect(nodeVersionFromHeader('#define NODE_MAJOR_VERSION 20\n')).toBeUndefined();
  });

  it('finds the version in the node binary running this test', () => {
    expect(nodeVersionFromBinary(readFileSync(process.execPath))).toBe(process.versions.node);
  });

  it('crafted binaries: release URL strings; garbage yields nothing', () => {
    const bin = Buffer.concat([
      Buffer.alloc(100, 0xff),
      Buffer.from('release/v18.19.1/node-v18.19.1-headers.tar.gz\0'),
      Buffer.alloc(10),
    ]);
    expect(nodeVersionFromBinary(bin)).toBe('18.19.1');
    expect(nodeVersionFromBinary(Buffer.from('node-vX node-v1.2 trailing node-v'))).toBeUndefined();
  });
});

describe('python', () => {
  it('reads PY_VERSION from patchlevel.h', () => {
    expect(
      pythonVersionFromPatchlevel('#define PY_MINOR_VERSION 11\n#define PY_VERSION      \t"3.11.4"\n'),
    ).toBe('3.11.4');
    expect(pythonVersionFromPatchlevel('garbage')).toBeUndefined();
  });

  it('finds the NUL-delimited PY_VERSION literal matching the minor from the file name', () => {
    const bin = Buffer.from('\0pymalloc_debug\u00003.10.99x\u00003.11.2\0strict\0', 'latin1');
    expect(pythonVersionFromBinary(bin, '3.11')).toBe('3.11.2');
    expect(pythonVersionFromBinary(Buffer.from('\u00003.12.0rc1\0'), '3.12')).toBe('3.12.0rc1');
    expect(pythonVersionFromBinary(Buffer.alloc(1024 * 1024, 0x33), '3.11')).toBeUndefined();
  });
});

describe('java and go', () => {
  it('reads JAVA_VERSION from a release file', () => {
    expect(
      javaVersionFromRelease(
        'IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="17.0.2"\nJAVA_VERSION_DATE="2022-01-18"\n',
      ),
    ).toBe('17.0.2');
    expect(javaVersionFromRelease('NAME="Debian GNU/Linux"\nVERSION_ID="12"\n')).toBeUndefined();
  });

  it('reads go/VERSION first line', () => {
    expect(goVersionFromFile('go1.21.5\ntime 2023-11-29T21:21:53Z\n')).toBe('1.21.5');
    expect(goVersionFromFile('go1.22rc1\n')).toBe('1.22rc1');
    expect(goVersionFromFile('devel +abc\n')).toBeUndefined();
    expect(goVersionFromFile('g'.repeat(10 * 1024 * 1024))).toBeUndefined();
  });
});
