import { EventEmitter } from 'node:events';

/**
 * What services announce (device status, sync status, balance changes). The hosts
 * forward every event to their windows; the contract declares the payload shapes.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  emit(event: string, payload: unknown): void {
    this.emitter.emit('event', event, payload);
  }

  onAny(listener: (event: string, payload: unknown) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
