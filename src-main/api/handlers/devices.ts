import type { Services } from '../../services';
import type { HandlerMap } from './types';

export function devicesHandlers(s: Services) {
  const d = s.deviceService;
  return {
    'devices.status': async () => d.overview(),
    'devices.settings': async () => d.manager.settings(),
    'devices.configure': (input, ctx) => d.configure(ctx.session.staff!, input),
    'devices.discover': () => d.discover(),
    'devices.testPrint': (_input, ctx) => d.testPrint(ctx.session.staff!),
    'devices.reprint': (input, ctx) => d.reprint(input.jobId, ctx.session.staff),
    'devices.wedge': async (input) => {
      d.wedge(input.kind, input.text);
      return { ok: true as const };
    },
  } satisfies HandlerMap<'devices.'>;
}

export function demoHandlers(s: Services) {
  const d = s.deviceService;
  return {
    'demo.tapCard': async (input) => {
      d.demoHooks().tapCard(input.uid.toUpperCase());
      return { ok: true as const };
    },
    'demo.scan': async (input) => {
      await d.demoHooks().scan(input.code);
      return { ok: true as const };
    },
  } satisfies HandlerMap<'demo.'>;
}
