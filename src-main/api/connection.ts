import { PosError } from '../domain/errors';
import type { Services } from '../services';
import { callFrame, type FrameProblem, type ServerFrame } from './bridge-protocol';
import type { CallResult } from './contract';
import { Session } from './context';
import type { Dispatch } from './dispatcher';

/** PIN attempts one screen may make per minute, whoever they are for (on top of the per-person lockout). */
export const PIN_ATTEMPTS_PER_MINUTE = 10;
const MINUTE_MS = 60_000;
/** No call nests deeper than this; a deeper frame is refused before it is parsed. */
export const MAX_FRAME_DEPTH = 64;

/**
 * One renderer attached to main, whatever the transport: its own session, every service
 * event forwarded, calls dispatched. The Electron host and the browser host each wrap it.
 */
export class Connection {
  readonly session: Session;
  private readonly unsubscribe: () => void;
  /** When this screen's recent PIN attempts were made (epoch ms), oldest first. */
  private pinAttempts: number[] = [];
  private readonly now: () => number;

  constructor(
    private readonly services: Services,
    private readonly dispatch: Dispatch,
    private readonly send: (frame: ServerFrame) => void,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.session = new Session((staff) => send({ type: 'event', event: 'session.changed', payload: { staff } }));
    this.unsubscribe = services.events.onAny((event, payload) => send({ type: 'event', event, payload }));
  }

  /**
   * Dispatches one call. PIN attempts are counted here, synchronously, before anything is
   * awaited: a screen that fires hundreds at once gets PIN_ATTEMPTS_PER_MINUTE through.
   */
  call(method: string, input: unknown): Promise<CallResult> {
    if (carriesPin(method, input)) {
      const now = this.now();
      this.pinAttempts = this.pinAttempts.filter((t) => t > now - MINUTE_MS);
      if (this.pinAttempts.length >= PIN_ATTEMPTS_PER_MINUTE) {
        const seconds = Math.max(1, Math.ceil((this.pinAttempts[0]! + MINUTE_MS - now) / 1000));
        return Promise.resolve({ ok: false, error: new PosError('TOO_MANY_ATTEMPTS', { seconds }).toData() });
      }
      this.pinAttempts.push(now);
    }
    return this.dispatch({ session: this.session }, method, input);
  }

  /**
   * A raw text frame from a WebSocket. Every frame gets an answer: a call gets its result; a
   * malformed call with a usable id gets INVALID_INPUT under that id; anything else (not JSON,
   * not an object, a string id, too deep) gets a PROTOCOL_ERROR frame. Never throws.
   */
  async receive(text: string): Promise<void> {
    let id: number | string | null = null;
    try {
      if (nestingDepth(text) > MAX_FRAME_DEPTH) return this.refuse('too deep', null);
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return this.refuse('not JSON', null);
      }
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return this.refuse('not an object', null);
      const given = (raw as { id?: unknown }).id;
      if (typeof given === 'string') id = given.slice(0, 100);
      const frame = callFrame.safeParse(raw);
      if (!frame.success) {
        if (typeof given === 'number' && Number.isSafeInteger(given) && given >= 0) {
          const error = new PosError('INVALID_INPUT', {}, frame.error.issues.map((i) => ({ path: i.path.join('.'), message: { en: 'Not a valid call.', 'zh-CN': '请求格式无效。' } })));
          return this.send({ type: 'result', id: given, result: { ok: false, error: error.toData() } });
        }
        if (typeof given === 'number' && Number.isFinite(given)) id = given;
        return this.refuse('no usable id', id);
      }
      id = frame.data.id;
      const result = await this.call(frame.data.method, frame.data.input);
      this.send({ type: 'result', id: frame.data.id, result });
    } catch (e) {
      // A handler bug or a result that cannot be sent: still an answer, never an unhandled rejection.
      this.services.log.error({ err: e }, 'frame failed');
      try {
        const error = new PosError('INTERNAL').toData();
        this.send(typeof id === 'number' ? { type: 'result', id, result: { ok: false, error } } : { type: 'error', id, error });
      } catch {
        /* the socket is gone */
      }
    }
  }

  private refuse(reason: FrameProblem, id: number | string | null): void {
    this.services.log.warn({ reason }, 'frame refused');
    this.send({ type: 'error', id, error: new PosError('PROTOCOL_ERROR', { reason }).toData() });
  }

  close(): void {
    this.unsubscribe();
  }
}

/** A sign-in, or a manager's approval typed on a cashier's screen. */
function carriesPin(method: string, input: unknown): boolean {
  if (method === 'staff.signIn') return true;
  return typeof input === 'object' && input !== null && 'approval' in input && (input as { approval?: unknown }).approval != null;
}

/** How deeply a JSON text nests arrays and objects, counted without parsing (brackets in strings skipped). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123 /* [ { */) {
      if (++depth > max) max = depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}
