import { describe, expect, it } from 'vitest';
import { dockerEndpoint, dockerOptions } from './endpoint';

describe('Docker endpoint', () => {
  it('defaults to the standard socket', () => {
    expect(dockerEndpoint({})).toBe('unix:///var/run/docker.sock');
    expect(dockerOptions({})).toEqual({ socketPath: '/var/run/docker.sock' });
  });

  it('honours DOCKER_HOST for unix sockets and TCP', () => {
    expect(dockerOptions({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toEqual({
      socketPath: '/run/user/1000/docker.sock',
    });
    expect(dockerOptions({ DOCKER_HOST: 'tcp://127.0.0.1:2375' })).toEqual({
      host: '127.0.0.1',
      port: 2375,
      protocol: 'http',
    });
    expect(dockerEndpoint({ DOCKER_HOST: '  ' })).toBe('unix:///var/run/docker.sock');
  });
});
