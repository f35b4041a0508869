import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testdata } from '../../../test/setup/testdata';
import { builtinSignatures, loadSignatures } from './builtin';
import {
  addSignatures,
  emptySignatureSet,
  matchSignatures,
  parseClamHashDb,
  parseHashLines,
  parseJsonSignatures,
  parseSignatureList,
  type HashAlgo,
  type SignatureSet,
} from './signatures';
import { createHash } from 'node:crypto';

const eicar = fs.readFileSync(testdata('fixtures', 'malware', 'eicar.com'));
function digests(b: Buffer): Record<HashAlgo, string> {
  const h = (a: string): string => createHash(a).update(b).digest('hex');
  return { md5: h('md5'), sha1: h('sha1'), sha256: h('sha256') };
}
function matches(set: SignatureSet, b: Buffer): string[] {
  return matchSignatures(set, digests(b), b.length).map((s) => s.name);
}

describe('known answers on the shared EICAR fixtures', () => {
  it('the built-in set flags eicar.com and not the 67/69-byte variants', () => {
    const set = builtinSignatures();
    expect(matches(set, eicar)).toContain('EICAR-Test-File');
    expect(matches(set, eicar.subarray(0, 67))).toEqual([]);
    expect(matches(set, Buffer.concat([eicar, Buffer.from('\n')]))).toEqual([]);
  });

  it('eicar.hdb (md5:size:name) matches only a 68-byte file with that md5', () => {
    const file = testdata('fixtures', 'malware', 'eicar.hdb');
    const sigs = parseSignatureList(fs.readFileSync(file, 'utf8'), file);
    expect(sigs).toEqual([
      {
        algo: 'md5',
        hash: '44d88612fea8a8f36de82e1278abb02f',
        name: 'Eicar-Test-Signature',
        size: 68,
        list: file,
      },
    ]);
    const set = addSignatures(emptySignatureSet(), sigs);
    expect(matches(set, eicar)).toEqual(['Eicar-Test-Signature']);
    // Same md5 claimed for a file of a different size cannot match a sized entry.
    expect(matchSignatures(set, digests(eicar), 69)).toEqual([]);
  });

  it('custom-md5.txt ("<hash> <name>" lines with comments) gives the md5 and sha256 entries', async () => {
    const file = testdata('fixtures', 'malware', 'custom-md5.txt');
    const set = await loadSignatures([file]);
    const custom = matchSignatures(set, digests(eicar), 68).filter((s) => s.list === file);
    expect(custom.map((s) => s.algo).sort()).toEqual(['md5', 'sha256']);
    expect(set.anySize).toBe(true);
  });
});

describe('formats', () => {
  it('CSV md5,name with a header line', () => {
    expect(parseHashLines('md5,name\n44D88612FEA8A8F36DE82E1278ABB02F,Eicar\n', 'l.csv')).toEqual([
      { algo: 'md5', hash: '44d88612fea8a8f36de82e1278abb02f', name: 'Eicar', list: 'l.csv' },
    ]);
  });

  it('.hsb with sha256 and a "*" size', () => {
    const h = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
    expect(parseClamHashDb(`${h}:*:Eicar:Extra\n`, 'x.hsb')).toEqual([
      { algo: 'sha256', hash: h, name: 'Eicar:Extra', list: 'x.hsb' },
    ]);
  });

  it('JSON list and {signatures} object', () => {
    const one = { name: 'E', md5: '44d88612fea8a8f36de82e1278abb02f', size: 68 };
    expect(parseJsonSignatures(JSON.stringify([one]), 'a.json')).toHaveLength(1);
    expect(parseJsonSignatures(JSON.stringify({ signatures: [one] }), 'b.json')[0]).toMatchObject({
      size: 68,
    });
  });
});

describe('hostile input', () => {
  it.each([
    ['zzzz not-hex', 'l.txt', /l\.txt:1: "zzzz" is not an md5, sha1 or sha256/],
    ['abc123 short', 'l.txt', /not an md5/],
    ['44d88612fea8a8f36de82e1278abb02f:sixty:x', 'x.hdb', /x\.hdb:1: size "sixty" is not a number/],
    ['44d88612fea8a8f36de82e1278abb02f', 'x.hdb', /x\.hdb:1: expected hash:size:name/],
    ['{not json', 'x.json', /x\.json: not valid JSON/],
    ['{"signatures": 5}', 'x.json', /expected an array/],
    ['[{"name":"n"}]', 'x.json', /signature 0 has no md5, sha1 or sha256/],
    ['[{"md5": 5}]', 'x.json', /signature 0 md5 is not a string/],
    [
      '[{"md5":"44d88612fea8a8f36de82e1278abb02f","size":-1}]',
      'x.json',
      /size is not a non-negative integer/,
    ],
    ['[{"sha256":"44d88612fea8a8f36de82e1278abb02f"}]', 'x.json', /sha256 has the wrong length/],
    ['[null]', 'x.json', /signature 0 is not an object/],
  ])('%s in %s', (text, file, err) => {
    expect(() => parseSignatureList(text, file)).toThrow(err);
  });

  it('refuses a list over the size limit and accepts an empty one', () => {
    expect(() => parseHashLines('#'.repeat(64 * 1024 * 1024 + 1), 'big.txt')).toThrow(
      /big\.txt: signature list over/,
    );
    expect(parseHashLines('\n\n# only comments\n', 'e.txt')).toEqual([]);
  });
});
