import { describe, expect, it } from 'vitest';
import { decodeDockerEvent } from './docker-events';

const ID = 'a'.repeat(64);

describe('decodeDockerEvent', () => {
  it('reads exec_start with its command', () => {
    const line = JSON.stringify({
      Type: 'container',
      Action: 'exec_start: top -n 1',
      Actor: { ID: ID },
      timeNano: 1.7e18,
    });
    expect(decodeDockerEvent(line, 'h')).toMatchObject({
      kind: 'container',
      action: 'exec_start',
      containerId: ID,
      argv: ['top', '-n', '1'],
      detail: 'top -n 1',
      time: new Date(1.7e12).toISOString(),
    });
  });
  it('reads lifecycle actions', () => {
    expect(
      decodeDockerEvent(JSON.stringify({ Type: 'container', Action: 'die', id: ID }), 'h'),
    ).toMatchObject({ action: 'die' });
  });
  it('ignores other types, unknown actions, bad ids and garbage', () => {
    expect(
      decodeDockerEvent(JSON.stringify({ Type: 'network', Action: 'connect', id: ID }), 'h'),
    ).toBeUndefined();
    expect(
      decodeDockerEvent(JSON.stringify({ Type: 'container', Action: 'attach', id: ID }), 'h'),
    ).toBeUndefined();
    expect(
      decodeDockerEvent(JSON.stringify({ Type: 'container', Action: 'start', id: '../x' }), 'h'),
    ).toBeUndefined();
    expect(decodeDockerEvent('{"Type":', 'h')).toBeUndefined();
    expect(decodeDockerEvent('null', 'h')).toBeUndefined();
    expect(decodeDockerEvent(JSON.stringify({ Type: 'container', Action: 7 }), 'h')).toBeUndefined();
  });
});
