import { describe, expect, it } from 'vitest';
import type { EnrichedEvent } from '../runtime/events';
import {
  encodeMessage,
  LineDecoder,
  parseAgentMessage,
  parseClientMessage,
  ProtocolError,
  PROTOCOL_VERSION,
  type AgentMessage,
} from './protocol';

const event: EnrichedEvent = {
  time: '2026-01-01T00:00:00.000Z',
  host: 'h',
  source: 'ebpf',
  kind: 'exec',
  pid: 10,
  ppid: 1,
  uid: 0,
  exe: '/bin/top',
  name: 'top',
  argv: ['top', '-n', '1'],
  containerId: 'c'.repeat(64),
  imageId: 'sha256:abc',
  viaExec: true,
};

describe('LineDecoder', () => {
  it('splits lines across chunk boundaries, including inside a multi-byte character', () => {
    const d = new LineDecoder(64);
    const bytes = Buffer.from('{"a":"é"}\n\n{"b":2}\n{"c"');
    expect(d.push(bytes.subarray(0, 7))).toEqual([]); // cuts "é" in half
    expect(d.push(bytes.subarray(7))).toEqual(['{"a":"é"}', '{"b":2}']);
    expect(d.push(Buffer.from(':3}\n'))).toEqual(['{"c":3}']);
  });

  it('refuses a line longer than the limit before it has all of it, even without a newline', () => {
    const d = new LineDecoder(16);
    expect(() => d.push(Buffer.alloc(17, 0x61))).toThrow(ProtocolError);
    const d2 = new LineDecoder(16);
    d2.push(Buffer.alloc(10, 0x61));
    expect(() => d2.push(Buffer.alloc(10, 0x61))).toThrow(/line longer than 16 bytes/);
    // exactly the limit is fine
    expect(new LineDecoder(16).push(Buffer.from(`${'a'.repeat(16)}\n`))).toEqual(['a'.repeat(16)]);
  });
});

describe('agent messages', () => {
  it('round-trips every message kind', () => {
    const msgs: AgentMessage[] = [
      { type: 'hello', protocol: PROTOCOL_VERSION, agent: 'moat 0.1.0', instance: 'i', host: 'h', pid: 1 },
      { type: 'event', seq: 1, event, seed: { imageId: 'sha256:abc', imageName: 'busybox', cmd: ['httpd'] } },
      { type: 'event', seq: 2, event },
      {
        type: 'status',
        status: {
          phase: 'running',
          backend: 'ebpf',
          reason: 'r',
          sensors: [],
          dropped: 0,
          errors: 0,
          since: 's',
        },
      },
      { type: 'gap', missed: 3 },
      { type: 'error', message: 'no' },
    ];
    for (const m of msgs) {
      const line = encodeMessage(m);
      expect(line.endsWith('\n')).toBe(true);
      expect(parseAgentMessage(line.trimEnd())).toEqual(m);
    }
  });

  it('refuses garbage, wrong shapes and unknown kinds with a message naming the problem', () => {
    expect(() => parseAgentMessage('{not json')).toThrow(/not JSON: "\{not json"/);
    expect(() => parseAgentMessage('42')).toThrow(/invalid message/);
    expect(() => parseAgentMessage('null')).toThrow(/invalid message/);
    expect(() => parseAgentMessage('{"type":"reboot"}')).toThrow(/invalid message \(type:/);
    expect(() => parseAgentMessage(JSON.stringify({ type: 'event', seq: 0, event }))).toThrow(/seq/);
    expect(() => parseAgentMessage(JSON.stringify({ type: 'event', seq: 1.5, event }))).toThrow(/seq/);
    expect(() =>
      parseAgentMessage(JSON.stringify({ type: 'event', seq: 1, event: { ...event, kind: 'teleport' } })),
    ).toThrow(/event\.kind/);
    expect(() =>
      parseAgentMessage(JSON.stringify({ type: 'event', seq: 1, event: { ...event, argv: 'top' } })),
    ).toThrow(/event\.argv/);
    expect(() => parseAgentMessage(JSON.stringify({ type: 'gap', missed: -1 }))).toThrow(/missed/);
    // a long garbage line is quoted only in part
    const err = (() => {
      try {
        parseAgentMessage('x'.repeat(5000));
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(err.length).toBeLessThan(200);
  });

  it('drops fields it does not know instead of passing them on', () => {
    const m = parseAgentMessage(
      JSON.stringify({ type: 'event', seq: 2, event: { ...event, __proto__x: 1, evil: 'y' } }),
    );
    expect(m.type === 'event' && Object.keys(m.event)).not.toContain('evil');
  });

  it('refuses an agent speaking another protocol version, whatever else its hello says', () => {
    expect(() => parseAgentMessage(JSON.stringify({ type: 'hello', protocol: 2, shiny: true }))).toThrow(
      /speaks protocol version 2; this side speaks 1/,
    );
    expect(() => parseAgentMessage(JSON.stringify({ type: 'hello', protocol: '1' }))).toThrow(/version "1"/);
    expect(() => parseAgentMessage(JSON.stringify({ type: 'hello' }))).toThrow(/version undefined/);
  });
});

describe('client messages', () => {
  it('accepts a subscribe with or without a cursor', () => {
    expect(parseClientMessage(JSON.stringify({ type: 'subscribe', protocol: 1 }))).toEqual({
      type: 'subscribe',
      protocol: 1,
    });
    const resume = { type: 'subscribe', protocol: 1, resume: { instance: 'i', after: 7 } };
    expect(parseClientMessage(JSON.stringify(resume))).toEqual(resume);
  });

  it('refuses other versions, other messages and bad cursors', () => {
    expect(() => parseClientMessage(JSON.stringify({ type: 'subscribe', protocol: 99 }))).toThrow(
      /the client speaks protocol version 99/,
    );
    expect(() => parseClientMessage(JSON.stringify({ type: 'event', seq: 1, event }))).toThrow(
      /invalid message/,
    );
    expect(() =>
      parseClientMessage(
        JSON.stringify({ type: 'subscribe', protocol: 1, resume: { instance: 'i', after: -3 } }),
      ),
    ).toThrow(/resume\.after/);
    expect(() => parseClientMessage('')).toThrow(/not JSON/);
  });
});
