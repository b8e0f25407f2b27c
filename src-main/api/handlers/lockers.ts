import type { Services } from '../../services';
import { findByPhoneTail } from '../../services/lockers/find-party';
import type { HandlerMap } from './types';

/**
 * Thin: the contract validated the input; LockerService owns the rules, and the command path
 * announces each change (lockers.changed). The dispatcher guarantees a signed-in staff.
 */
export function lockersHandlers(s: Services) {
  const l = s.lockers;
  return {
    'lockers.overview': () => l.overview(s.config.demo),
    'lockers.lookup': (input) => l.lookup(input.wristband),
    'lockers.findByPhone': (input) => findByPhoneTail(l.desk, input.phoneTail),
    'lockers.bind': (input, ctx) => l.bind(ctx.session.staff!, input),
    'lockers.addWristband': (input, ctx) => l.addWristband(ctx.session.staff!, input),
    'lockers.reportLost': (input, ctx) => l.reportLost(ctx.session.staff!, input),
    'lockers.charge': (input, ctx) => l.charge(ctx.session.staff!, input),
    'lockers.voidCharge': (input, ctx) => l.voidCharge(ctx.session.staff!, input),
    'lockers.checkout': (input, ctx) => l.checkout(ctx.session.staff!, input),
    'lockers.setLockerState': (input, ctx) => l.setLockerState(ctx.session.staff!, input),
    'lockers.registerLocker': (input, ctx) => l.registerLocker(ctx.session.staff!, input),
    'lockers.updateSettings': (input, ctx) => l.updateSettings(ctx.session.staff!, input),
    'lockers.addRange': (input, ctx) => l.setup.addRange(ctx.session.staff!, input),
    'lockers.setupView': () => l.setup.view(),
    'lockers.printList': (_input, ctx) => l.setup.printList(ctx.session.staff!),
  } satisfies HandlerMap<'lockers.'>;
}
