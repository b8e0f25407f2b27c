import type { PointsRule } from '../../domain/points';
import type { EventProjector } from '../../ledger';
import type { PointsStore, RedemptionRow, RouteGroupRow, RuleOrigin } from './points-store';

/**
 * Miles in business terms (version 1 of the `points.*` events). The projector is the only writer
 * of the points tables, live and on replay.
 * - `points.rule.set` / `points.rule.removed`: a manager's rule at this counter (origin 'local');
 * - `points.rules.upserted`: rules and route groups from head office (origin 'central'), many at
 *   once, in one command: what a reference-data stream applies;
 * - `points.redemption.made`: a service paid with miles (held on the server under the same command
 *   id) and cash (the payment in this entry's ops); `captured` / `captureFailed`: the server's
 *   capture of that hold; `refunded`: both parts returned.
 */
export type PointsEvent =
  | { type: 'points.rule.set'; rule: PointsRule; origin: RuleOrigin }
  | { type: 'points.rule.removed'; ruleId: string }
  | { type: 'points.rules.upserted'; origin: 'central'; rules: PointsRule[]; groups: RouteGroupRow[] }
  | { type: 'points.redemption.made'; redemption: Omit<RedemptionRow, 'updatedAt'> }
  | { type: 'points.redemption.captured'; redemptionId: string; pointsLeft: number | null }
  | { type: 'points.redemption.captureFailed'; redemptionId: string; problem: string }
  | { type: 'points.redemption.refunded'; redemptionId: string; refundCommandId: string; reversalTransferId: string; pointsLeft: number | null };

export function pointsProjector(store: PointsStore): EventProjector {
  return (raw, at) => {
    const e = raw as PointsEvent;
    switch (e.type) {
      case 'points.rule.set':
        store.upsertRule(e.rule, e.origin, at);
        return;
      case 'points.rule.removed':
        store.deleteRule(e.ruleId);
        return;
      case 'points.rules.upserted':
        for (const g of e.groups) store.upsertGroup(g);
        for (const r of e.rules) store.upsertRule(r, e.origin, at);
        return;
      case 'points.redemption.made':
        store.insertRedemption({ ...e.redemption, updatedAt: at });
        return;
      case 'points.redemption.captured':
        store.updateRedemption(e.redemptionId, { captureState: 'captured', captureProblem: null, ...(e.pointsLeft !== null ? { pointsLeft: e.pointsLeft } : {}) }, at);
        return;
      case 'points.redemption.captureFailed':
        store.updateRedemption(e.redemptionId, { captureState: 'failed', captureProblem: e.problem }, at);
        return;
      case 'points.redemption.refunded':
        store.updateRedemption(e.redemptionId, { state: 'refunded', refundCommandId: e.refundCommandId, reversalTransferId: e.reversalTransferId, refundedAt: at, ...(e.pointsLeft !== null ? { pointsLeft: e.pointsLeft } : {}) }, at);
        return;
      default:
        throw new Error(`unknown points event ${(e as { type: string }).type}`);
    }
  };
}
