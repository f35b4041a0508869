// Which daemon to talk to: DOCKER_HOST when set (unix:// or tcp://), else the default socket.
import type Docker from 'dockerode';

const DEFAULT_SOCKET = '/var/run/docker.sock';

export function dockerEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST && env.DOCKER_HOST.trim() !== '' ? env.DOCKER_HOST : `unix://${DEFAULT_SOCKET}`;
}

export function dockerOptions(env: NodeJS.ProcessEnv = process.env): Docker.DockerOptions {
  const endpoint = dockerEndpoint(env);
  if (endpoint.startsWith('unix://')) return { socketPath: endpoint.slice('unix://'.length) };
  const url = new URL(endpoint.replace(/^tcp:/, 'http:'));
  return { host: url.hostname, port: Number(url.port || 2375), protocol: 'http' };
}
