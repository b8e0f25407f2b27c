import type { Services } from '../../services';
import { PosError } from '../../domain/errors';
import type { Session } from '../context';
import type { HandlerMap } from './types';

export function staffHandlers(s: Services) {
  // The resume token each window holds now: renewing or signing out revokes it.
  const resumeTokens = new WeakMap<Session, string>();
  const issueResume = (session: Session) => {
    s.resume.revoke(resumeTokens.get(session));
    const issued = s.resume.issue(session.staff!);
    resumeTokens.set(session, issued.token);
    return issued;
  };
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
      s.resume.revoke(resumeTokens.get(ctx.session));
      resumeTokens.delete(ctx.session);
      ctx.session.set(null);
      return { ok: true as const };
    },
    'staff.current': async (_input, ctx) => ({ staff: ctx.session.staff }),
    'staff.resumeToken': (_input, ctx) => issueResume(ctx.session),
    'staff.resume': async (input, ctx) => {
      const claimed = s.resume.take(input.token);
      // Still on the staff list (not removed since), with the name and role as they are now.
      const staff = claimed && (await s.staff.list()).find((p) => p.id === claimed.id);
      if (!staff) throw new PosError('RESUME_EXPIRED');
      ctx.session.set(staff);
      await s.audit.record('staff.resume', 'ok', staff.id);
      return { staff, ...issueResume(ctx.session) };
    },
    'staff.create': (input, ctx) => s.staff.create(ctx.session.staff!, input),
    'staff.audit': (input) => s.audit.recent(input.limit),
    'staff.update': (input, ctx) => {
      const { commandId, staffId, ...changes } = input;
      return s.staff.update(ctx.session.staff!, staffId, changes, commandId);
    },
  } satisfies HandlerMap<'staff.'>;
}
