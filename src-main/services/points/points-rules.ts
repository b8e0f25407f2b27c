import { PosError, type FieldIssue } from '../../domain/errors';
import { ruleProblems, type PointsRule, type RuleProblem } from '../../domain/points';
import { newId } from '../../ledger';
import type { CommandPath } from '../commands';
import type { StaffInfo } from '../staff/staff-service';
import type { PointsStore, RouteGroupRow, StoredRule } from './points-store';

const PROBLEM_TEXT: Record<RuleProblem['reason'], { en: string; 'zh-CN': string }> = {
  range: { en: 'Out of range.', 'zh-CN': '超出范围。' },
  positive: { en: 'Both numbers must be whole and above zero.', 'zh-CN': '两个数都必须是大于零的整数。' },
  beforeFrom: { en: 'The end must be after the start.', 'zh-CN': '结束时间必须晚于开始时间。' },
  needsFullShare: { en: 'A miles-only rule pays 100% in miles.', 'zh-CN': '仅限里程的规则须按 100% 里程支付。' },
  code: { en: 'Two different three-letter airport codes (PEK, SHA).', 'zh-CN': '请填写两个不同的三字机场代码（如 PEK、SHA）。' },
  overlaps: { en: 'Another rule covers the same route and service.', 'zh-CN': '已有规则覆盖相同的航线和服务。' },
};

function refusal(problems: RuleProblem[]): PosError {
  const tie = problems.find((p): p is Extract<RuleProblem, { reason: 'overlaps' }> => p.reason === 'overlaps');
  if (tie) return new PosError('POINTS_RULE_OVERLAPS', { otherId: tie.otherId });
  const fields: FieldIssue[] = problems.map((p) => ({ path: p.field, message: PROBLEM_TEXT[p.reason] }));
  return new PosError('POINTS_RULE_INVALID', {}, fields);
}

/**
 * The miles payment rules at this counter. A manager adds and edits local rules; rules from head
 * office (origin 'central') arrive in batches through `applyCentral` and are read-only here. Every
 * change is a journaled command whose projector writes the rules table, so a rule entered here
 * reaches the server's journal like a sale, and a replayed journal rebuilds the same rules.
 */
export class PointsRules {
  constructor(
    private readonly store: PointsStore,
    private readonly commands: CommandPath,
  ) {}

  list(): { rules: StoredRule[]; groups: RouteGroupRow[] } {
    return { rules: this.store.rules(), groups: this.store.groups() };
  }

  /** Adds (no id) or replaces a local rule; refuses bad ranges and a tie with any other rule. */
  async set(by: StaffInfo | null, input: Omit<PointsRule, 'id'> & { id?: string | undefined }): Promise<StoredRule> {
    const rule: PointsRule = { ...input, id: input.id ?? newId() };
    const existing = this.store.rule(rule.id);
    if (existing?.origin === 'central') throw new PosError('POINTS_RULE_CENTRAL', { id: rule.id });
    const problems = ruleProblems(rule, this.store.rules());
    if (problems.length) throw refusal(problems);
    await this.commands.run({
      commandId: newId(),
      method: 'points.setRule',
      body: rule,
      actor: by,
      work: (tx) => {
        // Checked again inside the transaction: two managers saving tying rules at once cannot both pass.
        const again = ruleProblems(rule, this.store.rules());
        if (again.length) throw refusal(again);
        tx.event({ type: 'points.rule.set', rule, origin: 'local' });
      },
      audit: () => ({ ruleId: rule.id }),
    });
    return this.store.rule(rule.id)!;
  }

  async remove(by: StaffInfo, ruleId: string): Promise<void> {
    const existing = this.store.rule(ruleId);
    if (!existing) throw new PosError('NOT_FOUND', { what: { en: `miles rule ${ruleId}`, 'zh-CN': `里程规则 ${ruleId}` } });
    if (existing.origin === 'central') throw new PosError('POINTS_RULE_CENTRAL', { id: ruleId });
    await this.commands.run({ commandId: newId(), method: 'points.removeRule', body: { ruleId }, actor: by, work: (tx) => tx.event({ type: 'points.rule.removed', ruleId }) });
  }

  /**
   * Rules and route groups from head office, upserted by id in ONE command (one transaction, one
   * journal entry): what a reference-data stream calls with each batch. A batch with a bad rule,
   * or whose rules would tie with each other or with a rule already here, is refused whole.
   */
  applyCentral(rules: PointsRule[], groups: RouteGroupRow[] = []): void {
    const ids = new Set(rules.map((r) => r.id));
    const others = this.store.rules().filter((r) => !ids.has(r.id));
    for (const r of rules) {
      const problems = ruleProblems(
        r,
        [...others, ...rules].filter((o) => o.id !== r.id),
      );
      if (problems.length) throw refusal(problems);
    }
    this.commands.runNow({ commandId: newId(), method: 'points.applyCentralRules', body: { rules, groups }, actor: null, work: (tx) => tx.event({ type: 'points.rules.upserted', origin: 'central', rules, groups }) });
  }
}
