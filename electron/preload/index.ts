// Builds window.moat from the channel list; nothing else crosses into the page.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, TOPICS } from '../api/channels';

const channels = new Set<string>(CHANNELS);
const topics = new Set<string>(TOPICS);

contextBridge.exposeInMainWorld('moat', {
  async invoke(channel: string, params: unknown): Promise<unknown> {
    if (!channels.has(channel)) throw new Error(`unknown API channel "${channel}"`);
    const reply = (await ipcRenderer.invoke('moat:invoke', channel, params)) as
      { result: unknown } | { error: { message: string } };
    if ('error' in reply) throw new Error(reply.error.message);
    return reply.result;
  },
  on(topic: string, listener: (payload: unknown) => void): () => void {
    if (!topics.has(topic)) throw new Error(`unknown event topic "${topic}"`);
    const handler = (_e: unknown, t: string, payload: unknown): void => {
      if (t === topic) listener(payload);
    };
    ipcRenderer.on('moat:event', handler);
    return () => ipcRenderer.off('moat:event', handler);
  },
});
