// The pump cycle as pure rules, shared by every controller adapter: which commands
// a pump accepts in which phase, and how a controller's report moves the phase.
import type { PumpPhase, PumpState } from './pump';

/** Why a pump refuses to be authorized, or undefined when it may be. */
export function authorizeRefusal(state: PumpState): string | undefined {
  switch (state.phase) {
    case 'idle':
      return undefined;
    case 'end-of-transaction':
      return `pump ${state.pump} has a finished transaction ${state.transaction ?? ''} to close first`.replace('  ', ' ');
    case 'offline':
      return `pump ${state.pump} is offline`;
    default:
      return `pump ${state.pump} is ${state.phase}`;
  }
}

export function closeRefusal(state: PumpState, transaction: number): string | undefined {
  if (state.phase !== 'end-of-transaction') return `pump ${state.pump} has no finished transaction to close (it is ${state.phase})`;
  if (state.transaction !== undefined && state.transaction !== transaction) return `pump ${state.pump} finished transaction ${state.transaction}, not ${transaction}`;
  return undefined;
}

/**
 * Merges a controller report into what we know. The controller reports an authorized
 * pump as such (PumpAuthorizedStatus), so its report is the truth: an 'idle' report
 * after we authorized means the authorization is gone (stopped, timed out at the
 * controller) and the pump must not stay blocked as 'authorized' on our side.
 */
export function applyReport(_known: PumpState, report: PumpState): PumpState {
  return report;
}

export function idlePump(pump: number, phase: PumpPhase = 'idle'): PumpState {
  return { pump, phase, volume: 0, amount: 0 };
}

export function samePumpState(a: PumpState, b: PumpState): boolean {
  return (
    a.phase === b.phase &&
    a.volume === b.volume &&
    a.amount === b.amount &&
    a.transaction === b.transaction &&
    a.nozzle === b.nozzle &&
    a.preset?.type === b.preset?.type &&
    a.preset?.dose === b.preset?.dose
  );
}
