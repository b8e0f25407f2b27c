import type * as z from 'zod';
import { PosError } from '../../../domain/errors';
import { ruleProblems, type PointsRule } from '../../../domain/points';
import { pointsRuleRecord } from '../../../domain/sync/reference';
import type { PointsEvent } from '../../points/points-events';
import type { PointsStore } from '../../points/points-store';
import type { ReferenceStream } from '../reference/reference-data';

export const POINTS_RULES = 'points.rules';

function invalid(stream: string, record: string, reason: string): PosError {
  return new PosError('SYNC_REFERENCE_INVALID', { stream, record, reason });
}

/**
 * Miles payment rules from head office. The batch is checked as a whole against the rules already
 * here (ties are refused at entry, as for a rule typed at the counter); a rule deleted centrally is
 * removed (a redemption keeps the plan it was paid under).
 */
export function pointsRulesStream(store: PointsStore): ReferenceStream<z.infer<typeof pointsRuleRecord>> {
  return {
    name: POINTS_RULES,
    schema: pointsRuleRecord,
    apply(tx, changes) {
      const removed = new Set(changes.filter((c) => c.record === null).map((c) => c.id));
      const rules: PointsRule[] = changes.flatMap((c) => (c.record === null ? [] : [{ id: c.id, ...c.record }]));
      const ids = new Set(rules.map((r) => r.id));
      const others = store.rules().filter((r) => !ids.has(r.id) && !removed.has(r.id));
      for (const r of rules) {
        const problems = ruleProblems(r, [...others, ...rules].filter((o) => o.id !== r.id));
        if (problems.length) throw invalid(POINTS_RULES, r.id, problems.map((p) => p.reason).join(', '));
      }
      for (const id of removed) if (store.rule(id)) tx.event({ type: 'points.rule.removed', ruleId: id } satisfies PointsEvent);
      if (rules.length) tx.event({ type: 'points.rules.upserted', origin: 'central', rules, groups: [] } satisfies PointsEvent);
    },
  };
}
