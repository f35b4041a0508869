// Console-wide publish/subscribe of the contract's event topics; every transport forwards from here.
import { EventEmitter } from 'node:events';
import type { EventMap, Topic } from '../contract/index';

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish<T extends Topic>(topic: T, payload: EventMap[T]): void {
    this.emitter.emit(topic, payload);
  }

  subscribe<T extends Topic>(topic: T, listener: (payload: EventMap[T]) => void): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }
}
