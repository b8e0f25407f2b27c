import type { Services } from '../../services';
import type { HandlerMap } from './types';

export function syncHandlers(s: Services) {
  return {
    'sync.status': () => ({ ...s.sync.status(), update: s.updates.status() }),
    'sync.enroll': async (input, ctx) => {
      try {
        const status = await s.sync.enroll(input.serverUrl, input.code);
        await s.audit.record('sync.enroll', 'ok', ctx.session.staff?.id ?? null, { serverUrl: status.serverUrl, store: status.storeName });
        return status;
      } catch (e) {
        await s.audit.record('sync.enroll', 'refused', ctx.session.staff?.id ?? null, { serverUrl: input.serverUrl });
        throw e;
      }
    },
    'sync.pushNow': () => {
      s.sync.pushNow();
      return s.sync.status();
    },
    'sync.demoServer': async (input, ctx) => {
      const status = await s.sync.demoServer(input.action);
      await s.audit.record('sync.demoServer', 'ok', ctx.session.staff?.id ?? null, { action: input.action });
      return status;
    },
  } satisfies HandlerMap<'sync.'>;
}
