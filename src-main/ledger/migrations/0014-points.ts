import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Miles / points redemption (issue 18). Written only by the `points` projector (live and on
 * journal replay).
 * - points_rule: payment rules by route and service type; `origin` says who owns a rule: 'local'
 *   (entered by a manager at this counter) or 'central' (pushed by head office, read-only here). A
 *   reference-data stream upserts rules by id in one transaction (PointsRules.applyCentral).
 * - points_route_group: which routes a named route group contains (rules may apply to a group).
 * - points_redemption: each service paid with miles (and cash), with the server hold it captured
 *   and its refund.
 */
export class Points1763700000014 implements MigrationInterface {
  name = 'Points1763700000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE points_rule (
      id TEXT PRIMARY KEY NOT NULL,
      origin TEXT NOT NULL CHECK (origin IN ('local', 'central')),
      route_kind TEXT NOT NULL CHECK (route_kind IN ('route', 'group', 'any')),
      route_origin TEXT,
      route_destination TEXT,
      route_group TEXT,
      service_type TEXT,
      max_share_pct INTEGER NOT NULL,
      exchange_points INTEGER NOT NULL,
      exchange_fen INTEGER NOT NULL,
      points_only INTEGER NOT NULL,
      min_points INTEGER NOT NULL,
      valid_from INTEGER,
      valid_to INTEGER,
      updated_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE points_route_group (
      route_group TEXT NOT NULL,
      route_origin TEXT NOT NULL,
      route_destination TEXT NOT NULL,
      PRIMARY KEY (route_group, route_origin, route_destination)
    )`);
    await q.query(`CREATE TABLE points_redemption (
      id TEXT PRIMARY KEY NOT NULL,
      command_id TEXT NOT NULL UNIQUE,
      day TEXT NOT NULL,
      created_at TEXT NOT NULL,
      staff_id TEXT NOT NULL,
      staff_name TEXT NOT NULL,
      member_id TEXT NOT NULL,
      member_number TEXT NOT NULL,
      member_name TEXT NOT NULL,
      flight TEXT NOT NULL,
      route_origin TEXT NOT NULL,
      route_destination TEXT NOT NULL,
      flight_date TEXT,
      service_type TEXT NOT NULL,
      price INTEGER NOT NULL,
      points INTEGER NOT NULL,
      points_value INTEGER NOT NULL,
      cash INTEGER NOT NULL,
      share_pct INTEGER NOT NULL,
      rounded_up INTEGER NOT NULL,
      points_left INTEGER,
      rule_id TEXT NOT NULL,
      tenders TEXT NOT NULL,
      change INTEGER NOT NULL,
      payment_transfer_id TEXT NOT NULL,
      capture_state TEXT NOT NULL CHECK (capture_state IN ('none', 'pending', 'captured', 'failed')),
      capture_problem TEXT,
      state TEXT NOT NULL CHECK (state IN ('made', 'refunded')),
      refund_command_id TEXT,
      reversal_transfer_id TEXT,
      refunded_at TEXT,
      updated_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX points_redemption_day ON points_redemption (day, created_at)`);
    await q.query(`CREATE INDEX points_redemption_capture ON points_redemption (capture_state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['points_redemption', 'points_route_group', 'points_rule']) await q.query(`DROP TABLE ${t}`);
  }
}
