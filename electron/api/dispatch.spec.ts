import { describe, expect, it } from 'vitest';
import { CHANNELS } from './channels';
import { createDispatch } from './dispatch';
import type { Handlers } from './handlers';
import { paramSchemas } from './schemas';

const seen: unknown[] = [];
const handlers = Object.fromEntries(
  CHANNELS.map((c) => [
    c,
    async (p: unknown) => {
      seen.push(p);
      return { channel: c };
    },
  ]),
) as unknown as Handlers;
const dispatch = createDispatch(handlers);

describe('dispatch', () => {
  it('declares every channel once, with a schema', () => {
    expect([...CHANNELS].sort()).toEqual(Object.keys(paramSchemas).sort());
  });

  it('refuses unknown channels by name', async () => {
    await expect(dispatch('fs:delete', {})).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('fs:delete'),
    });
  });

  it('validates params and passes defaults to the handler', async () => {
    await expect(dispatch('images:list', {})).resolves.toEqual({ channel: 'images:list' });
    expect(seen.at(-1)).toEqual({ page: 1, pageSize: 50, sort: 'name', desc: false });
    await expect(dispatch('images:list', { page: 0 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/invalid params for images:list: page/),
    });
    await expect(dispatch('images:list', { pageSize: 10_000 })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(dispatch('dashboard:get', { extra: 1 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(dispatch('images:list', 'not an object')).rejects.toMatchObject({ code: 'bad_request' });
  });
});
