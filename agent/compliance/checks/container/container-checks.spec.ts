import { describe, expect, it } from 'vitest';
import { runChecks, selectChecks } from '../../evaluate';
import { parseInspect, portBindings, securityOpts, type ContainerInspect } from './inspect';

function inspect(host: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): ContainerInspect {
  return parseInspect(
    {
      Id: 'a'.repeat(64),
      Name: '/t',
      AppArmorProfile: 'docker-default',
      Config: { User: '' },
      HostConfig: { NetworkMode: 'default', RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, ...host },
      Mounts: [],
      NetworkSettings: { Networks: { bridge: {} }, Ports: {} },
      ...extra,
    },
    'spec',
  );
}

async function status(c: ContainerInspect): Promise<Record<number, string>> {
  const r = await runChecks('container', c, selectChecks(['container']));
  return Object.fromEntries(r.map((x) => [x.checkId, x.status]));
}

describe('container checks on crafted inspect objects', () => {
  it('a default `docker run` fails root, limits, read-only, no-new-privileges and default bridge', async () => {
    const s = await status(inspect());
    expect(s).toMatchObject({ 599: 'fail', 510: 'fail', 511: 'fail', 512: 'fail', 525: 'fail', 529: 'fail' });
    expect(s).toMatchObject({
      54: 'pass',
      53: 'pass',
      55: 'pass',
      531: 'pass',
      59: 'pass',
      513: 'pass',
      514: 'pass',
      521: 'pass',
      51: 'pass',
    });
  });

  it('each insecure option fails its own check', async () => {
    expect((await status(inspect({ Privileged: true })))[54]).toBe('fail');
    expect((await status(inspect({ CapAdd: ['SYS_ADMIN'] })))[53]).toBe('fail');
    expect((await status(inspect({ PidMode: 'host' })))[515]).toBe('fail');
    expect((await status(inspect({ IpcMode: 'host' })))[516]).toBe('fail');
    expect((await status(inspect({ UTSMode: 'host' })))[520]).toBe('fail');
    expect(
      (await status(inspect({ NetworkMode: 'host' }, { NetworkSettings: { Networks: { host: {} } } })))[59],
    ).toBe('fail');
    expect((await status(inspect({ SecurityOpt: ['seccomp=unconfined'] })))[521]).toBe('fail');
    expect((await status(inspect({ SecurityOpt: ['apparmor=unconfined'] })))[51]).toBe('fail');
    expect((await status(inspect({ RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } })))[514]).toBe(
      'fail',
    );
    expect(
      (await status(inspect({ RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 10 } })))[514],
    ).toBe('fail');
    expect(
      (await status(inspect({ RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 } })))[514],
    ).toBe('pass');
    expect((await status(inspect({ Binds: ['/etc:/host/etc:ro'] })))[55]).toBe('fail');
    expect((await status(inspect({ Binds: ['/srv/data:/data'] })))[55]).toBe('pass');
    expect((await status(inspect({ Binds: ['myvolume:/data'] })))[55]).toBe('pass');
    expect(
      (
        await status(
          inspect(
            {},
            { Mounts: [{ Type: 'bind', Source: '/run/docker.sock', Destination: '/s', RW: true }] },
          ),
        )
      )[531],
    ).toBe('fail');
  });

  it('ports: all interfaces fail, a specific address passes', async () => {
    const all = inspect({ PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } });
    const v6 = inspect({ PortBindings: { '80/tcp': [{ HostIp: '::', HostPort: '8080' }] } });
    const lo = inspect({ PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] } });
    expect((await status(all))[513]).toBe('fail');
    expect((await status(v6))[513]).toBe('fail');
    expect((await status(lo))[513]).toBe('pass');
    expect(portBindings(all)).toEqual([{ port: '80/tcp', hostIp: '', hostPort: '8080' }]);
  });

  it('user forms: root, 0 and 0:0 are root; a name or uid is not', async () => {
    for (const u of ['root', '0', '0:0', 'root:root'])
      expect((await status(inspect({}, { Config: { User: u } })))[599]).toBe('fail');
    for (const u of ['1000', 'app', '1000:1000'])
      expect((await status(inspect({}, { Config: { User: u } })))[599]).toBe('pass');
  });

  it('AppArmor: no profile on a host without AppArmor is not applicable, with the reason', async () => {
    const r = await runChecks('container', inspect({}, { AppArmorProfile: '' }), [51]);
    expect(r[0]).toMatchObject({
      status: 'not_applicable',
      reason: expect.stringMatching(/AppArmor is not enabled/),
    });
  });

  it('security options normalise both spellings', () => {
    expect([
      ...securityOpts(inspect({ SecurityOpt: ['no-new-privileges', 'seccomp:unconfined', 'label=disable'] })),
    ]).toEqual([
      ['no-new-privileges', 'true'],
      ['seccomp', 'unconfined'],
      ['label', 'disable'],
    ]);
  });
});

describe('parseInspect hostile input', () => {
  it.each([
    [null, /root/],
    ['text', /root/],
    [{ Id: 5, HostConfig: {} }, /Id/],
    [{ Id: 'x' }, /HostConfig/],
    [{ Id: 'x', HostConfig: { Privileged: 'yes' } }, /HostConfig\.Privileged/],
    [{ Id: 'x', HostConfig: { CapAdd: 'NET_ADMIN' } }, /HostConfig\.CapAdd/],
  ])('%j is refused naming the field', (raw, err) => {
    expect(() => parseInspect(raw, 'inspect of t')).toThrow(err);
    expect(() => parseInspect(raw, 'inspect of t')).toThrow(/^inspect of t: not a container inspect object/);
  });

  it('accepts a one-element docker inspect array and null lists', () => {
    const c = parseInspect(
      [{ Id: 'x', HostConfig: { CapAdd: null, Binds: null, SecurityOpt: null } }],
      'arr',
    );
    expect(c.HostConfig.CapAdd).toEqual([]);
  });
});
