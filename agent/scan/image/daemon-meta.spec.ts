import { describe, expect, it } from 'vitest';
import { layerCreatedBy } from './image-config';
import { metaFromInspect } from './daemon-meta';

const d = (c: string): string => `sha256:${c.repeat(64)}`;
const inspect = {
  Id: d('f'),
  RepoTags: ['app:1', '<none>:<none>'],
  RepoDigests: ['app@sha256:' + 'e'.repeat(64)],
  Architecture: 'amd64',
  Os: 'linux',
  Created: '2024-05-06T07:08:09Z',
  Config: {
    User: 'nobody',
    Env: ['A=1'],
    Entrypoint: null,
    Cmd: ['run'],
    WorkingDir: '/app',
    ExposedPorts: { '8080/tcp': {} },
    Labels: { team: 'x', bad: 3 },
    Healthcheck: { Test: ['CMD', 'true'], Interval: 30e9, Retries: 3 },
  },
  RootFS: { Type: 'layers', Layers: [d('1'), d('2')] },
};

describe('metaFromInspect', () => {
  it('maps inspect and history (newest first) to ImageMeta', () => {
    const history = [
      { Created: 1700000100, CreatedBy: 'COPY app /app', Size: 120 },
      { Created: 1700000050, CreatedBy: 'ENV A=1', Size: 0 },
      { Created: 1700000000, CreatedBy: 'ADD rootfs /', Size: 5000, Comment: 'base' },
    ];
    const m = metaFromInspect(inspect, history);
    expect(m).toMatchObject({
      repoTags: ['app:1'],
      repoDigests: ['app@sha256:' + 'e'.repeat(64)],
      user: 'nobody',
      entrypoint: [],
      cmd: ['run'],
      exposedPorts: ['8080/tcp'],
      labels: { team: 'x' },
      healthcheck: { test: ['CMD', 'true'], interval: 30e9, retries: 3 },
      diffIds: [d('1'), d('2')],
    });
    expect(m.history[0]).toEqual({
      created: '2023-11-14T22:13:20.000Z',
      createdBy: 'ADD rootfs /',
      emptyLayer: false,
      comment: 'base',
    });
    expect(layerCreatedBy(m)).toEqual(['ADD rootfs /', 'COPY app /app']);
  });

  it('leaves createdBy unknown when history sizes do not account for every layer', () => {
    const history = [
      { CreatedBy: 'COPY empty /x', Size: 0 },
      { CreatedBy: 'ADD rootfs /', Size: 5000 },
    ];
    expect(layerCreatedBy(metaFromInspect(inspect, history))).toEqual(['', '']);
  });

  it('survives missing or wrongly typed fields', () => {
    const m = metaFromInspect({ Config: null, RootFS: { Layers: 'nope' }, RepoTags: 5 }, 'not a list');
    expect(m).toMatchObject({ repoTags: [], diffIds: [], env: [], history: [], labels: {} });
    expect(metaFromInspect(null, null).diffIds).toEqual([]);
  });
});
