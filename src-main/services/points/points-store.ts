// The miles tables on the ledger's SQLite connection (migration 0014). Synchronous prepared
// statements: the projector writes them inside the command's one transaction.
import type { PointsRule, RouteScope } from '../../domain/points';
import type { Tender } from '../../domain/payments';
import type { Sqlite } from '../../ledger/types';

export type RuleOrigin = 'local' | 'central';
export interface StoredRule extends PointsRule {
  origin: RuleOrigin;
  updatedAt: string;
}

export interface RouteGroupRow {
  group: string;
  origin: string;
  destination: string;
}

export type CaptureState = 'none' | 'pending' | 'captured' | 'failed';

export interface RedemptionRow {
  id: string;
  commandId: string;
  day: string;
  createdAt: string;
  staffId: string;
  staffName: string;
  memberId: string;
  memberNumber: string;
  memberName: string;
  flight: string;
  origin: string;
  destination: string;
  flightDate: string | null;
  serviceType: string;
  price: number;
  points: number;
  pointsValue: number;
  cash: number;
  sharePct: number;
  roundedUp: number;
  /** The member's miles left after this redemption, as the server said (null: not known yet). */
  pointsLeft: number | null;
  ruleId: string;
  /** The cash part's tenders as kept (cash net of change). */
  tenders: Tender[];
  change: number;
  paymentTransferId: string;
  /** 'none' when no miles were used (0%); 'pending' until the server captured the hold. */
  captureState: CaptureState;
  captureProblem: string | null;
  state: 'made' | 'refunded';
  refundCommandId: string | null;
  reversalTransferId: string | null;
  refundedAt: string | null;
  updatedAt: string;
}

type RuleDb = Record<string, string | number | null>;

function ruleFromDb(r: RuleDb): StoredRule {
  const route: RouteScope =
    r.route_kind === 'route' ? { kind: 'route', origin: String(r.route_origin), destination: String(r.route_destination) } : r.route_kind === 'group' ? { kind: 'group', group: String(r.route_group) } : { kind: 'any' };
  return {
    id: String(r.id),
    origin: r.origin as RuleOrigin,
    route,
    serviceType: (r.service_type as string | null) ?? null,
    maxSharePct: Number(r.max_share_pct),
    exchange: { points: Number(r.exchange_points), fen: Number(r.exchange_fen) },
    pointsOnly: r.points_only === 1,
    minPointsPerUse: Number(r.min_points),
    validFrom: (r.valid_from as number | null) ?? null,
    validTo: (r.valid_to as number | null) ?? null,
    updatedAt: String(r.updated_at),
  };
}

const COLUMNS: [keyof RedemptionRow, string][] = [
  ['id', 'id'],
  ['commandId', 'command_id'],
  ['day', 'day'],
  ['createdAt', 'created_at'],
  ['staffId', 'staff_id'],
  ['staffName', 'staff_name'],
  ['memberId', 'member_id'],
  ['memberNumber', 'member_number'],
  ['memberName', 'member_name'],
  ['flight', 'flight'],
  ['origin', 'route_origin'],
  ['destination', 'route_destination'],
  ['flightDate', 'flight_date'],
  ['serviceType', 'service_type'],
  ['price', 'price'],
  ['points', 'points'],
  ['pointsValue', 'points_value'],
  ['cash', 'cash'],
  ['sharePct', 'share_pct'],
  ['roundedUp', 'rounded_up'],
  ['pointsLeft', 'points_left'],
  ['ruleId', 'rule_id'],
  ['tenders', 'tenders'],
  ['change', 'change'],
  ['paymentTransferId', 'payment_transfer_id'],
  ['captureState', 'capture_state'],
  ['captureProblem', 'capture_problem'],
  ['state', 'state'],
  ['refundCommandId', 'refund_command_id'],
  ['reversalTransferId', 'reversal_transfer_id'],
  ['refundedAt', 'refunded_at'],
  ['updatedAt', 'updated_at'],
];
const COLUMN_OF = new Map(COLUMNS);

function redemptionFromDb(r: Record<string, unknown>): RedemptionRow {
  const out: Record<string, unknown> = {};
  for (const [key, col] of COLUMNS) out[key] = r[col];
  out.tenders = JSON.parse(String(r.tenders)) as Tender[];
  return out as unknown as RedemptionRow;
}

export class PointsStore {
  private readonly s;

  constructor(readonly db: Sqlite) {
    this.s = {
      rules: db.prepare(`SELECT * FROM points_rule ORDER BY origin, id`),
      rule: db.prepare(`SELECT * FROM points_rule WHERE id = ?`),
      upsertRule: db.prepare(`INSERT INTO points_rule (id, origin, route_kind, route_origin, route_destination, route_group, service_type, max_share_pct, exchange_points, exchange_fen, points_only, min_points, valid_from, valid_to, updated_at)
        VALUES (@id, @origin, @route_kind, @route_origin, @route_destination, @route_group, @service_type, @max_share_pct, @exchange_points, @exchange_fen, @points_only, @min_points, @valid_from, @valid_to, @updated_at)
        ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, route_kind = excluded.route_kind, route_origin = excluded.route_origin, route_destination = excluded.route_destination,
          route_group = excluded.route_group, service_type = excluded.service_type, max_share_pct = excluded.max_share_pct, exchange_points = excluded.exchange_points,
          exchange_fen = excluded.exchange_fen, points_only = excluded.points_only, min_points = excluded.min_points, valid_from = excluded.valid_from, valid_to = excluded.valid_to, updated_at = excluded.updated_at`),
      deleteRule: db.prepare(`DELETE FROM points_rule WHERE id = ?`),
      groups: db.prepare(`SELECT route_group AS "group", route_origin AS origin, route_destination AS destination FROM points_route_group ORDER BY route_group, route_origin, route_destination`),
      groupsOf: db.prepare(`SELECT route_group FROM points_route_group WHERE route_origin = ? AND route_destination = ?`).pluck(),
      upsertGroup: db.prepare(`INSERT OR IGNORE INTO points_route_group (route_group, route_origin, route_destination) VALUES (?, ?, ?)`),
      insertRedemption: db.prepare(`INSERT INTO points_redemption (${COLUMNS.map(([, c]) => c).join(', ')}) VALUES (${COLUMNS.map(([k]) => `@${k}`).join(', ')})`),
      byId: db.prepare(`SELECT * FROM points_redemption WHERE id = ?`),
      byCommand: db.prepare(`SELECT * FROM points_redemption WHERE command_id = ?`),
      ofDay: db.prepare(`SELECT * FROM points_redemption WHERE day = ? ORDER BY created_at DESC`),
      pending: db.prepare(`SELECT * FROM points_redemption WHERE capture_state = 'pending' ORDER BY created_at`),
    };
  }

  rules(): StoredRule[] {
    return (this.s.rules.all() as RuleDb[]).map(ruleFromDb);
  }

  rule(id: string): StoredRule | null {
    const r = this.s.rule.get(id) as RuleDb | undefined;
    return r ? ruleFromDb(r) : null;
  }

  upsertRule(rule: PointsRule, origin: RuleOrigin, at: string): void {
    this.s.upsertRule.run({
      id: rule.id,
      origin,
      route_kind: rule.route.kind,
      route_origin: rule.route.kind === 'route' ? rule.route.origin : null,
      route_destination: rule.route.kind === 'route' ? rule.route.destination : null,
      route_group: rule.route.kind === 'group' ? rule.route.group : null,
      service_type: rule.serviceType,
      max_share_pct: rule.maxSharePct,
      exchange_points: rule.exchange.points,
      exchange_fen: rule.exchange.fen,
      points_only: rule.pointsOnly ? 1 : 0,
      min_points: rule.minPointsPerUse,
      valid_from: rule.validFrom,
      valid_to: rule.validTo,
      updated_at: at,
    });
  }

  deleteRule(id: string): void {
    this.s.deleteRule.run(id);
  }

  groups(): RouteGroupRow[] {
    return this.s.groups.all() as RouteGroupRow[];
  }

  groupsOf(origin: string, destination: string): string[] {
    return this.s.groupsOf.all(origin, destination) as string[];
  }

  upsertGroup(g: RouteGroupRow): void {
    this.s.upsertGroup.run(g.group, g.origin, g.destination);
  }

  insertRedemption(r: RedemptionRow): void {
    this.s.insertRedemption.run({ ...r, tenders: JSON.stringify(r.tenders) });
  }

  updateRedemption(id: string, changes: Partial<RedemptionRow>, at: string): void {
    const entries = Object.entries({ ...changes, updatedAt: at }).filter(([k]) => COLUMN_OF.has(k as keyof RedemptionRow) && k !== 'id');
    const sql = `UPDATE points_redemption SET ${entries.map(([k]) => `${COLUMN_OF.get(k as keyof RedemptionRow)} = ?`).join(', ')} WHERE id = ?`;
    this.db.prepare(sql).run(...entries.map(([k, v]) => (k === 'tenders' ? JSON.stringify(v) : (v as string | number | null))), id);
  }

  redemption(id: string): RedemptionRow | null {
    const r = this.s.byId.get(id) as Record<string, unknown> | undefined;
    return r ? redemptionFromDb(r) : null;
  }

  byCommand(commandId: string): RedemptionRow | null {
    const r = this.s.byCommand.get(commandId) as Record<string, unknown> | undefined;
    return r ? redemptionFromDb(r) : null;
  }

  ofDay(day: string): RedemptionRow[] {
    return (this.s.ofDay.all(day) as Record<string, unknown>[]).map(redemptionFromDb);
  }

  pendingCaptures(): RedemptionRow[] {
    return (this.s.pending.all() as Record<string, unknown>[]).map(redemptionFromDb);
  }
}
