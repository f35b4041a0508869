import { describe, it, expect } from 'vitest';
import { streamJsonMembers, type JsonMember, type JsonStreamOptions } from './json-stream';

async function collect(
  text: string,
  path: string[],
  chunkSize = 7,
  maxItemChars = 1e6,
): Promise<JsonMember[]> {
  async function* chunks(): AsyncGenerator<Buffer> {
    const buf = Buffer.from(text);
    for (let i = 0; i < buf.length; i += chunkSize) yield buf.subarray(i, i + chunkSize);
  }
  const opts: JsonStreamOptions = { path, maxItemChars };
  const out: JsonMember[] = [];
  for await (const m of streamJsonMembers(chunks(), 'input.json', opts)) out.push(m);
  return out;
}

describe('streamJsonMembers', () => {
  const doc = '{"a": {"x": [1, "}]\\"{"]}, "b\\"q": "str", "c": 12.5e3, "d": null, "é": {"k": true}}';

  it('yields each top-level member with its key, across any chunk split', async () => {
    for (const size of [1, 2, 3, 7, 1000]) {
      const members = await collect(doc, [], size);
      expect(members.map((m) => m.key)).toEqual(['a', 'b"q', 'c', 'd', 'é']);
      expect(members.map((m) => JSON.parse(m.text ?? 'undefined') as unknown)).toEqual([
        { x: [1, '}]"{'] },
        'str',
        12500,
        null,
        { k: true },
      ]);
    }
  });

  it('follows a path to a nested array and skips everything else', async () => {
    const nvd =
      '{"resultsPerPage": 2, "skip": {"vulnerabilities": [9]}, "vulnerabilities": [{"cve": {"id": "A"}}, {"cve": {"id": "B"}}], "tail": [1]}';
    const members = await collect(nvd, ['vulnerabilities'], 5);
    expect(members.map((m) => JSON.parse(m.text as string) as unknown)).toEqual([
      { cve: { id: 'A' } },
      { cve: { id: 'B' } },
    ]);
    expect(members.map((m) => m.index)).toEqual([0, 1]);
  });

  it('marks members over the size cap instead of buffering them', async () => {
    const members = await collect(`{"small": 1, "big": "${'x'.repeat(5000)}", "after": 2}`, [], 64, 100);
    expect(members.map((m) => [m.key, m.text])).toEqual([
      ['small', '1'],
      ['big', undefined],
      ['after', '2'],
    ]);
  });

  it.each([
    ['{"a": {"b": 1}', 'truncated JSON'],
    ['{"a": "unterminated', 'truncated JSON'],
    ['', 'empty input'],
    ['garbage', 'not a JSON object or array'],
    ['42', 'not a JSON object or array'],
    ['{"a" 1}', 'expected ":"'],
    ['{"a": 1 "b": 2}', 'expected ","'],
    ['{"a": 1]', 'mismatched bracket'],
    ['{"a": 1} {"b": 2}', 'data after the end'],
    ['{a: 1}', 'expected an object key'],
  ])('names the input on damaged JSON %j', async (text, message) => {
    await expect(collect(text, [])).rejects.toThrow(new RegExp(`input\\.json: .*${message}`));
  });
});
