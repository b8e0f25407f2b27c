import type { Services } from '../../services';
import { PosError } from '../../domain/errors';
import type { HandlerMap } from './types';

export function staffHandlers(s: Services) {
  return {
    'staff.setupStatus': async () => ({ needsSetup: await s.staff.needsSetup(), storeName: s.settings.get().store.name }),
    'staff.setup': async (input, ctx) => {
      const manager = await s.staff.setup(input);
      ctx.session.set(manager);
      return manager;
    },
    'staff.list': () => s.staff.list(),
    'staff.signIn': async (input, ctx) => {
      const staff = await s.staff.signIn(input.staffId, input.pin);
      ctx.session.set(staff);
      return staff;
    },
    'staff.signOut': async (_input, ctx) => {
      const staff = ctx.session.staff;
      if (!staff) throw new PosError('NOT_SIGNED_IN');
      await s.staff.signOut(staff);
      ctx.session.set(null);
      return { ok: true as const };
    },
    'staff.current': async (_input, ctx) => ({ staff: ctx.session.staff }),
    'staff.create': (input, ctx) => s.staff.create(ctx.session.staff!, input),
    'staff.audit': (input) => s.audit.recent(input.limit),
  } satisfies HandlerMap<'staff.'>;
}
