import type { CallResult, PosBridge, PosErrorData } from '../../../src-main/api/contract';

const CALL_TIMEOUT_MS = 30_000;
const TOKEN_KEY = 'pos.bridgeToken';

type ServerFrame =
  | { type: 'result'; id: number; result: CallResult }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'error'; id: unknown; error: PosErrorData };

function localError(code: 'TIMEOUT' | 'DISCONNECTED'): PosErrorData {
  const messages = {
    TIMEOUT: { en: 'The terminal did not answer in time.', 'zh-CN': '终端响应超时。' },
    DISCONNECTED: { en: 'Lost connection to the terminal.', 'zh-CN': '与终端的连接已断开。' },
  } as const;
  return { code, message: { ...messages[code] }, params: {} };
}

/** Takes the per-run token from the URL fragment once, keeps it for reloads, and removes it from the address bar. */
export function takeToken(): string | null {
  const match = /token=([\w-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * window.posBridge for the browser host: the same invoke/subscribe as the Electron preload,
 * over a WebSocket. Each call has an id and a timeout; a lost socket fails pending calls
 * with DISCONNECTED and reconnects with backoff (the new connection starts signed out).
 */
export function createWebSocketBridge(token: string, onConnection: (state: 'open' | 'closed') => void): PosBridge {
  const pending = new Map<number, { resolve: (r: CallResult) => void; timer: ReturnType<typeof setTimeout> }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket;
  let ready: Promise<void>;
  let backoff = 250;

  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));

  function connect(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge?token=${encodeURIComponent(token)}`;
    socket = new WebSocket(url);
    ready = new Promise((resolve) => {
      socket.addEventListener('open', () => {
        backoff = 250;
        onConnection('open');
        resolve();
      });
    });
    socket.addEventListener('message', (msg) => {
      const frame = JSON.parse(String(msg.data)) as ServerFrame;
      if (frame.type === 'event') return emit(frame.event, frame.payload);
      // A protocol error answers a frame this client never sends (it only sends well-formed calls).
      if (frame.type !== 'result') return;
      const call = pending.get(frame.id);
      if (!call) return;
      clearTimeout(call.timer);
      pending.delete(frame.id);
      call.resolve(frame.result);
    });
    socket.addEventListener('close', () => {
      onConnection('closed');
      for (const [id, call] of pending) {
        clearTimeout(call.timer);
        call.resolve({ ok: false, error: localError('DISCONNECTED') });
        pending.delete(id);
      }
      emit('session.changed', { staff: null });
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 5000);
    });
  }
  connect();

  return {
    host: 'browser',
    async invoke(method, input) {
      await ready;
      const id = nextId++;
      return new Promise<CallResult>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: localError('TIMEOUT') });
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        socket.send(JSON.stringify({ id, method, input }));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
