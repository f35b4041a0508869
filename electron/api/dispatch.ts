// The single entry every transport calls: refuse unknown channels, validate params, run the handler.
import type { Channel, InvokeMap } from '../contract/index';
import { isChannel } from './channels';
import { ApiError } from './errors';
import type { Handlers } from './handlers';
import { paramSchemas } from './schemas';

export type Dispatch = (channel: string, rawParams: unknown) => Promise<unknown>;

export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, rawParams) => {
    if (!isChannel(channel)) throw new ApiError('not_found', `unknown API channel "${channel}"`);
    const parsed = paramSchemas[channel].safeParse(rawParams ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`)
        .join('; ');
      throw new ApiError('bad_request', `invalid params for ${channel}: ${issues}`);
    }
    const handler = handlers[channel] as (p: unknown) => Promise<unknown>;
    return handler(parsed.data);
  };
}

/** Typed direct calls for the CLI: the same validation path as the network transports. */
export function directClient(dispatch: Dispatch) {
  return <C extends Channel>(channel: C, params: InvokeMap[C]['params']): Promise<InvokeMap[C]['result']> =>
    dispatch(channel, params) as Promise<InvokeMap[C]['result']>;
}
