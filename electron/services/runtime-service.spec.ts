import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { openConsoleDb } from '../db/connection';
import { ModelsRepo } from '../db/repos/models-repo';
import { SettingsRepo } from '../db/repos/settings-repo';
import { LEARNING_SETTING, ModelService, learningPeriod } from './model-service';
import { RuntimeService } from './runtime-service';

function models(): ModelService {
  return new ModelService(new ModelsRepo(openConsoleDb(':memory:')), { seconds: 60, source: 'default' });
}
// Never contacted: start() returns before touching Docker when runtime defense is off.
const docker = new Docker({ socketPath: '/nonexistent/docker.sock' });

describe('RuntimeService when it cannot or must not run sensors', () => {
  it('waits for the local agent when not root, and says exactly how to turn runtime defense on', async () => {
    const missing = `/nonexistent-moat-test/agent-${process.pid}.sock`;
    const rt = new RuntimeService(docker, models(), {
      enabled: true,
      isRoot: false,
      env: { MOAT_AGENT_SOCKET: missing },
    });
    await rt.start(); // the first attempt fails (no agent); it keeps retrying in the background
    const s = rt.status();
    await rt.stop();
    expect(s).toMatchObject({
      mode: 'agent',
      phase: 'waiting',
      running: false,
      enableCommand: `sudo moat agent --local --socket ${missing}`,
      sensors: [],
      learningSeconds: 60,
      agent: { socket: missing, connected: false, reconnects: 0 },
    });
    expect(s.reason).toBe(`no local agent is running (nothing at ${missing})`);
    const commands = s.howToEnable!.map((h) => h.command).join('\n');
    expect(commands).toMatch(/systemctl enable --now moat-agent/);
    expect(commands).toMatch(/usermod -aG moat /);
  });

  it('stays off without starting anything when disabled by the composition', async () => {
    const rt = new RuntimeService(docker, models(), { enabled: false, isRoot: true });
    await rt.start();
    expect(rt.status()).toMatchObject({ mode: 'off', phase: 'off' });
    expect(rt.status().reason).toMatch(/disabled/);
    await rt.stop();
  });
});

describe('learning period', () => {
  it('prefers MOAT_LEARNING_SECONDS, then the setting, then the shipped default', () => {
    const settings = new SettingsRepo(openConsoleDb(':memory:'));
    expect(learningPeriod(settings, {})).toEqual({ seconds: 3600, source: 'default' });
    settings.set(LEARNING_SETTING, 120);
    expect(learningPeriod(settings, {})).toEqual({ seconds: 120, source: 'setting' });
    expect(learningPeriod(settings, { MOAT_LEARNING_SECONDS: '3' })).toEqual({
      seconds: 3,
      source: 'MOAT_LEARNING_SECONDS',
    });
    expect(learningPeriod(settings, { MOAT_LEARNING_SECONDS: ' ' }).source).toBe('setting');
  });

  it('refuses a bad environment value and ignores a stored value of the wrong type', () => {
    const settings = new SettingsRepo(openConsoleDb(':memory:'));
    expect(() => learningPeriod(settings, { MOAT_LEARNING_SECONDS: 'soon' })).toThrow(
      /MOAT_LEARNING_SECONDS must be a non-negative number of seconds, got "soon"/,
    );
    expect(() => learningPeriod(settings, { MOAT_LEARNING_SECONDS: '-1' })).toThrow(/non-negative/);
    settings.set(LEARNING_SETTING, 'one hour');
    expect(learningPeriod(settings, {}).source).toBe('default');
    settings.set(LEARNING_SETTING, -5);
    expect(learningPeriod(settings, {}).source).toBe('default');
  });
});

describe('ModelService', () => {
  it('finds models by id, image name or id prefix, and explains what it cannot find', () => {
    const repo = new ModelsRepo(openConsoleDb(':memory:'));
    const svc = new ModelService(repo, { seconds: 60, source: 'default' });
    svc.engine.ensureModel({ imageId: 'sha256:aaaa1111', imageName: 'web:1', cmd: ['/bin/httpd'] }, 'c1');
    svc.engine.ensureModel({ imageId: 'sha256:aaaa2222', imageName: 'db:1' }, 'c2');
    expect(svc.get('web:1').processes).toEqual([{ name: 'httpd', path: '/bin/httpd' }]);
    expect(svc.get('aaaa2').image).toBe('db:1');
    expect(() => svc.get('aaaa')).toThrow(/matches 2 models/);
    expect(() => svc.get('nope')).toThrow(/no container model for image "nope"/);
    expect(svc.get('web:1').learningEndsAt).toBeDefined();
    expect(svc.relearn('web:1', 'stop')).toMatchObject({ state: 'active' });
    expect(() => svc.relearn('web:1', 'stop')).toThrow(/is active, not learning/);
    const started = svc.relearn('web:1', 'start');
    expect(started).toMatchObject({ state: 'learning', manual: true });
    expect(started.learningEndsAt).toBeUndefined();
    expect(svc.get('web:1').history.map((h) => h.kind)).toEqual(['created', 'state', 'state']);
    expect(svc.list(1, 1).items).toHaveLength(1);
    expect(svc.list(1, 10, 'active').total).toBe(0);
    expect(svc.list(1, 10, undefined, 'DB').items.map((m) => m.image)).toEqual(['db:1']);
  });
});
