import { PosError } from '../domain/errors';
import type { Services } from '../services';
import { callFrame, type ServerFrame } from './bridge-protocol';
import { Session } from './context';
import type { Dispatch } from './dispatcher';

/**
 * One renderer attached to main, whatever the transport: its own session, every service
 * event forwarded, calls dispatched. The Electron host and the browser host each wrap it.
 */
export class Connection {
  readonly session: Session;
  private readonly unsubscribe: () => void;

  constructor(
    services: Services,
    private readonly dispatch: Dispatch,
    private readonly send: (frame: ServerFrame) => void,
  ) {
    this.session = new Session((staff) => send({ type: 'event', event: 'session.changed', payload: { staff } }));
    this.unsubscribe = services.events.onAny((event, payload) => send({ type: 'event', event, payload }));
  }

  call(method: string, input: unknown) {
    return this.dispatch({ session: this.session }, method, input);
  }

  /** A raw text frame from a WebSocket: malformed frames get an INVALID_INPUT reply when they carry an id. */
  async receive(text: string): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return;
    }
    const frame = callFrame.safeParse(raw);
    if (!frame.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number') this.send({ type: 'result', id, result: { ok: false, error: new PosError('INVALID_INPUT').toData() } });
      return;
    }
    const result = await this.call(frame.data.method, frame.data.input);
    this.send({ type: 'result', id: frame.data.id, result });
  }

  close(): void {
    this.unsubscribe();
  }
}
