import type { Services } from '../../services';
import type { HandlerMap } from './types';

/** Thin: the contract validated the input; LockerService owns the rules. The dispatcher guarantees a signed-in staff. */
export function lockersHandlers(s: Services) {
  const l = s.lockers;
  /** After a change, every counter's locker screen refreshes (the venue has several counters). */
  const announce = async <T>(work: () => T | Promise<T>): Promise<T> => {
    const result = await work();
    s.events.emit('lockers.changed', { at: new Date().toISOString() });
    return result;
  };
  return {
    'lockers.overview': () => l.overview(s.config.demo),
    'lockers.lookup': (input) => l.lookup(input.wristband),
    'lockers.bind': (input, ctx) => announce(() => l.bind(ctx.session.staff!, input)),
    'lockers.addWristband': (input) => announce(() => l.addWristband(input)),
    'lockers.reportLost': (input, ctx) => announce(() => l.reportLost(ctx.session.staff!, input)),
    'lockers.charge': (input, ctx) => announce(() => l.charge(ctx.session.staff!, input)),
    'lockers.voidCharge': (input, ctx) => announce(() => l.voidCharge(ctx.session.staff!, input)),
    'lockers.checkout': (input, ctx) => announce(() => l.checkout(ctx.session.staff!, input)),
    'lockers.setLockerState': (input, ctx) => announce(() => l.setLockerState(ctx.session.staff!, input)),
    'lockers.registerLocker': (input, ctx) => announce(() => l.registerLocker(ctx.session.staff!, input)),
    'lockers.updateSettings': (input, ctx) => announce(() => l.updateSettings(ctx.session.staff!, input)),
  } satisfies HandlerMap<'lockers.'>;
}
