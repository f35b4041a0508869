// Streams the members of one container of a large JSON document (the Debian tracker's top-level object,
// NVD's "vulnerabilities" array) and hands each member over as its own text, so memory stays bounded by
// the largest member instead of the whole file.
import { StringDecoder } from 'node:string_decoder';

export interface JsonMember {
  /** Object member name; undefined for array elements. */
  key?: string;
  index: number;
  /** The member's JSON text; undefined when it exceeded maxItemChars and was skipped. */
  text?: string;
}

export interface JsonStreamOptions {
  /** Keys from the root to the container whose members are wanted; [] is the root itself. */
  path: string[];
  maxItemChars: number;
  /** Called with the bytes consumed so far after each chunk. */
  onBytes?: (bytes: number) => void;
}

interface Frame {
  array: boolean;
  /** 'key' | 'colon' | 'value' | 'comma' */
  state: 'key' | 'colon' | 'value' | 'comma';
  key?: string;
}

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

/** Yields every member of the container at `path`; throws naming `label` on structural damage or truncation. */
export async function* streamJsonMembers(
  chunks: AsyncIterable<Buffer | string>,
  label: string,
  opts: JsonStreamOptions,
): AsyncGenerator<JsonMember> {
  const decoder = new StringDecoder('utf8');
  const frames: Frame[] = [];
  let started = false;
  // Opaque value being skipped or captured: nesting depth, string state, scalar state.
  let opaque: 'none' | 'skip' | 'capture' = 'none';
  let depth = 0;
  let inString = false;
  let escape = false;
  let inScalar = false;
  let parts: string[] = [];
  let captured = 0;
  let tooLarge = false;
  // A key string being read at a structural frame.
  let keyParts: string[] | undefined;
  let index = 0;
  let bytes = 0;
  let out: JsonMember[] = [];
  let pos = 0;
  let charsBefore = 0;
  function fail(what: string): never {
    throw new Error(`${label}: ${what} near character ${pos}`);
  }

  const onPath = (): boolean => frames.length <= opts.path.length;
  const isTarget = (): boolean => frames.length === opts.path.length + 1;

  const finishOpaque = (): void => {
    if (opaque === 'capture') {
      const f = frames[frames.length - 1];
      out.push({
        key: f.array ? undefined : f.key,
        index: index++,
        text: tooLarge ? undefined : parts.join(''),
      });
    }
    opaque = 'none';
    parts = [];
    captured = 0;
    tooLarge = false;
    frames[frames.length - 1].state = 'comma';
  };

  const feed = (s: string): void => {
    let capStart = 0;
    const flushCapture = (end: number): void => {
      if (opaque !== 'capture' || tooLarge) return;
      captured += end - capStart;
      if (captured > opts.maxItemChars) {
        tooLarge = true;
        parts = [];
      } else parts.push(s.slice(capStart, end));
    };
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      pos = charsBefore + i;
      if (opaque !== 'none') {
        if (inString) {
          if (escape) escape = false;
          else if (c === 0x5c) escape = true;
          else if (c === 0x22) {
            inString = false;
            if (depth === 0) {
              flushCapture(i + 1);
              finishOpaque();
            }
          }
          continue;
        }
        if (inScalar) {
          if (c === 0x2c || c === 0x7d || c === 0x5d || WS.has(c)) {
            inScalar = false;
            flushCapture(i);
            finishOpaque();
            i--; // the delimiter belongs to the enclosing container
          }
          continue;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          depth--;
          if (depth === 0) {
            flushCapture(i + 1);
            finishOpaque();
          }
        }
        continue;
      }
      if (keyParts) {
        if (escape) escape = false;
        else if (c === 0x5c) escape = true;
        else if (c === 0x22) {
          keyParts.push(s.slice(capStart, i + 1));
          const raw = keyParts.join('');
          keyParts = undefined;
          if (raw.length > 1_000_000) fail('object key longer than 1 MB');
          frames[frames.length - 1].key = JSON.parse(raw) as string;
          frames[frames.length - 1].state = 'colon';
        }
        continue;
      }
      if (WS.has(c)) continue;
      if (!started) {
        if (c === 0xfeff) continue;
        if (c !== 0x7b && c !== 0x5b) fail('not a JSON object or array');
        started = true;
        frames.push({ array: c === 0x5b, state: c === 0x5b ? 'value' : 'key' });
        continue;
      }
      const f = frames[frames.length - 1];
      if (!f) fail('data after the end of the document');
      if (c === 0x7d || c === 0x5d) {
        if (f.array !== (c === 0x5d)) fail('mismatched bracket');
        if (f.state === 'colon' || (f.state === 'value' && !f.array)) fail('member without a value');
        frames.pop();
        if (frames.length > 0) frames[frames.length - 1].state = 'comma';
        continue;
      }
      if (f.state === 'comma') {
        if (c !== 0x2c) fail(`expected "," but found "${String.fromCharCode(c)}"`);
        f.state = f.array ? 'value' : 'key';
        continue;
      }
      if (f.state === 'key') {
        if (c !== 0x22) fail('expected an object key');
        keyParts = [];
        capStart = i;
        continue;
      }
      if (f.state === 'colon') {
        if (c !== 0x3a) fail('expected ":"');
        f.state = 'value';
        continue;
      }
      // A value starts here.
      const container = c === 0x7b || c === 0x5b;
      const d = frames.length - 1;
      if (container && onPath() && !f.array && f.key === opts.path[d] && d < opts.path.length) {
        frames.push({ array: c === 0x5b, state: c === 0x5b ? 'value' : 'key' });
        continue;
      }
      opaque = isTarget() ? 'capture' : 'skip';
      capStart = i;
      if (c === 0x22) inString = true;
      else if (container) depth = 1;
      else if (/[-0-9tfn]/.test(String.fromCharCode(c))) inScalar = true;
      else fail(`unexpected character "${String.fromCharCode(c)}"`);
    }
    if (opaque === 'capture') flushCapture(s.length);
    if (keyParts) keyParts.push(s.slice(capStart));
    charsBefore += s.length;
  };

  for await (const chunk of chunks) {
    const s = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    feed(s);
    bytes += typeof chunk === 'string' ? chunk.length : chunk.length;
    opts.onBytes?.(bytes);
    for (const m of out) yield m;
    out = [];
  }
  feed(decoder.end());
  if (inScalar && opaque !== 'none') {
    inScalar = false;
    finishOpaque();
  }
  for (const m of out) yield m;
  if (!started) throw new Error(`${label}: empty input, expected JSON`);
  if (frames.length > 0 || opaque !== 'none' || keyParts)
    throw new Error(`${label}: truncated JSON (input ends inside an unfinished value)`);
}
