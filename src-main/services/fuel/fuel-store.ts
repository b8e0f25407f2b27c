// The fuel tables on the ledger's SQLite connection. Synchronous prepared statements so
// an order row and its ledger transfer commit in one transaction (see fuel-service.ts).
import type { Sqlite } from '../../ledger/types';
import type { OrderMode, OrderState } from '../../domain/fuel';
import type { CounterTender } from '../../domain/payments';

export interface StationRow {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
}
export interface LocationRow {
  latitude: number;
  longitude: number;
  radiusMetres: number;
}
export interface GradeRow {
  id: string;
  name: string;
}
export interface PriceRow {
  gradeId: string;
  price: number;
  effectiveFrom: string;
}
export interface PumpRow {
  number: number;
  stationId: string;
  /** Centilitres one order may take at most. */
  maxVolume: number;
  nozzles: { nozzle: number; gradeId: string }[];
}

export interface Problem {
  code: string;
  message: { en: string; 'zh-CN': string };
}

export interface OrderRow {
  id: string;
  commandId: string;
  fingerprint: string;
  day: string;
  createdAt: string;
  updatedAt: string;
  staffId: string;
  staffName: string;
  stationId: string;
  stationName: string;
  pump: number;
  nozzle: number;
  gradeId: string;
  gradeName: string;
  price: number;
  mode: OrderMode;
  amount: number;
  volume: number;
  tender: CounterTender;
  customerPhone: string | null;
  memberId: string | null;
  state: OrderState;
  paymentTransferId: string;
  reversalTransferId: string | null;
  pumpTransaction: number | null;
  dispensedVolume: number | null;
  chargedAmount: number | null;
  refundAmount: number | null;
  refundTransferId: string | null;
  passJobId: string | null;
  passState: string | null;
  problem: Problem | null;
}

const ORDER_COLUMNS = `id, command_id AS commandId, fingerprint, day, created_at AS createdAt, updated_at AS updatedAt,
  staff_id AS staffId, staff_name AS staffName, station_id AS stationId, station_name AS stationName, pump, nozzle,
  grade_id AS gradeId, grade_name AS gradeName, price, mode, amount, volume, tender, customer_phone AS customerPhone,
  member_id AS memberId, state, payment_transfer_id AS paymentTransferId, reversal_transfer_id AS reversalTransferId,
  pump_transaction AS pumpTransaction, dispensed_volume AS dispensedVolume, charged_amount AS chargedAmount,
  refund_amount AS refundAmount, refund_transfer_id AS refundTransferId, pass_job_id AS passJobId, pass_state AS passState, problem`;

function order(row: unknown): OrderRow | undefined {
  if (!row) return undefined;
  const r = row as OrderRow & { problem: string | null };
  return { ...r, problem: r.problem ? (JSON.parse(r.problem) as Problem) : null };
}

export class FuelStore {
  constructor(readonly db: Sqlite) {}

  /** Runs `fn` in one immediate transaction (nested ledger commands become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  location(): LocationRow | undefined {
    return this.db.prepare(`SELECT latitude, longitude, radius_m AS radiusMetres FROM fuel_location WHERE id = 1`).get() as LocationRow | undefined;
  }

  setLocation(l: LocationRow): void {
    this.db
      .prepare(`INSERT INTO fuel_location (id, latitude, longitude, radius_m) VALUES (1, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude, radius_m = excluded.radius_m`)
      .run(l.latitude, l.longitude, l.radiusMetres);
  }

  stations(): StationRow[] {
    return this.db.prepare(`SELECT id, name, latitude, longitude FROM fuel_station ORDER BY id`).all() as StationRow[];
  }

  /** The station list as a whole (it will arrive from the central server the same way). */
  replaceStations(stations: StationRow[]): void {
    this.transaction(() => {
      // A station kept in the list keeps its address and origin (set by store setup or sync).
      const kept = new Map(this.stationDirectory().map((s) => [s.id, s]));
      this.db.prepare(`DELETE FROM fuel_station`).run();
      const insert = this.db.prepare(`INSERT INTO fuel_station (id, name, latitude, longitude, address, origin) VALUES (?, ?, ?, ?, ?, ?)`);
      for (const s of stations) insert.run(s.id, s.name, s.latitude, s.longitude, kept.get(s.id)?.address ?? '', kept.get(s.id)?.origin ?? 'local');
    });
  }

  /** The station list with addresses and where each record came from (the set-up screen's list). */
  stationDirectory(): (StationRow & { address: string; origin: 'local' | 'central' })[] {
    return this.db.prepare(`SELECT id, name, latitude, longitude, address, origin FROM fuel_station ORDER BY name, id`).all() as (StationRow & { address: string; origin: 'local' | 'central' })[];
  }

  /** One station by id (a screen, an import, later a sync stream): an upsert, the others stay. */
  upsertStation(s: StationRow & { address: string; origin: 'local' | 'central' }): void {
    this.db
      .prepare(`INSERT INTO fuel_station (id, name, latitude, longitude, address, origin) VALUES (@id, @name, @latitude, @longitude, @address, @origin)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, latitude = excluded.latitude, longitude = excluded.longitude, address = excluded.address, origin = excluded.origin`)
      .run(s);
  }

  grades(): GradeRow[] {
    return this.db.prepare(`SELECT id, name FROM fuel_grade ORDER BY id`).all() as GradeRow[];
  }

  grade(id: string): GradeRow | undefined {
    return this.db.prepare(`SELECT id, name FROM fuel_grade WHERE id = ?`).get(id) as GradeRow | undefined;
  }

  upsertGrade(g: GradeRow): void {
    this.db.prepare(`INSERT INTO fuel_grade (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name`).run(g.id, g.name);
  }

  prices(gradeId?: string): PriceRow[] {
    const sql = `SELECT grade_id AS gradeId, price, effective_from AS effectiveFrom FROM fuel_price ${gradeId ? 'WHERE grade_id = ?' : ''} ORDER BY grade_id, effective_from`;
    return (gradeId ? this.db.prepare(sql).all(gradeId) : this.db.prepare(sql).all()) as PriceRow[];
  }

  setPrice(p: PriceRow): void {
    this.db
      .prepare(`INSERT INTO fuel_price (grade_id, price, effective_from) VALUES (?, ?, ?) ON CONFLICT (grade_id, effective_from) DO UPDATE SET price = excluded.price`)
      .run(p.gradeId, p.price, p.effectiveFrom);
  }

  /** A grade's whole price list (a price head office withdrew must not stay scheduled here). */
  replacePrices(gradeId: string, prices: { price: number; effectiveFrom: string }[]): void {
    this.transaction(() => {
      this.db.prepare(`DELETE FROM fuel_price WHERE grade_id = ?`).run(gradeId);
      for (const p of prices) this.setPrice({ gradeId, ...p });
    });
  }

  pumps(): PumpRow[] {
    const pumps = this.db.prepare(`SELECT number, station_id AS stationId, max_volume AS maxVolume FROM fuel_pump ORDER BY number`).all() as Omit<PumpRow, 'nozzles'>[];
    const nozzles = this.db.prepare(`SELECT pump, nozzle, grade_id AS gradeId FROM fuel_nozzle ORDER BY pump, nozzle`).all() as { pump: number; nozzle: number; gradeId: string }[];
    return pumps.map((p) => ({ ...p, nozzles: nozzles.filter((n) => n.pump === p.number).map(({ nozzle, gradeId }) => ({ nozzle, gradeId })) }));
  }

  setPump(p: PumpRow): void {
    this.transaction(() => {
      this.db
        .prepare(`INSERT INTO fuel_pump (number, station_id, max_volume) VALUES (?, ?, ?)
          ON CONFLICT (number) DO UPDATE SET station_id = excluded.station_id, max_volume = excluded.max_volume`)
        .run(p.number, p.stationId, p.maxVolume);
      this.db.prepare(`DELETE FROM fuel_nozzle WHERE pump = ?`).run(p.number);
      const insert = this.db.prepare(`INSERT INTO fuel_nozzle (pump, nozzle, grade_id) VALUES (?, ?, ?)`);
      for (const n of p.nozzles) insert.run(p.number, n.nozzle, n.gradeId);
    });
  }

  orderByCommand(commandId: string): OrderRow | undefined {
    return order(this.db.prepare(`SELECT ${ORDER_COLUMNS} FROM fuel_order WHERE command_id = ?`).get(commandId));
  }

  order(id: string): OrderRow | undefined {
    return order(this.db.prepare(`SELECT ${ORDER_COLUMNS} FROM fuel_order WHERE id = ?`).get(id));
  }

  /** The order holding a pump (paid, released or dispensing), if any. */
  activeOrder(pump: number): OrderRow | undefined {
    return order(
      this.db.prepare(`SELECT ${ORDER_COLUMNS} FROM fuel_order WHERE pump = ? AND state IN ('paid','released','dispensing') ORDER BY created_at DESC LIMIT 1`).get(pump),
    );
  }

  /** Orders in one state, oldest first (recovery looks for 'paid' ones). */
  ordersInState(state: OrderState): OrderRow[] {
    return (this.db.prepare(`SELECT ${ORDER_COLUMNS} FROM fuel_order WHERE state = ? ORDER BY created_at, id`).all(state) as unknown[]).map((r) => order(r)!);
  }

  /** The latest order on this pump that recorded a controller transaction (controllers' numbers wrap, so only the latest counts). */
  lastPumpTransaction(pump: number): OrderRow | undefined {
    return order(this.db.prepare(`SELECT ${ORDER_COLUMNS} FROM fuel_order WHERE pump = ? AND pump_transaction IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT 1`).get(pump));
  }

  ordersOfDay(day: string): OrderRow[] {
    return (this.db.prepare(`SELECT ${ORDER_COLUMNS} FROM fuel_order WHERE day = ? ORDER BY created_at DESC, id DESC`).all(day) as unknown[]).map((r) => order(r)!);
  }

  insertOrder(o: OrderRow): void {
    this.db
      .prepare(
        `INSERT INTO fuel_order (id, command_id, fingerprint, day, created_at, updated_at, staff_id, staff_name, station_id, station_name,
          pump, nozzle, grade_id, grade_name, price, mode, amount, volume, tender, customer_phone, member_id, state, payment_transfer_id)
         VALUES (@id, @commandId, @fingerprint, @day, @createdAt, @updatedAt, @staffId, @staffName, @stationId, @stationName,
          @pump, @nozzle, @gradeId, @gradeName, @price, @mode, @amount, @volume, @tender, @customerPhone, @memberId, @state, @paymentTransferId)`,
      )
      .run({ ...o, problem: undefined, reversalTransferId: undefined, pumpTransaction: undefined, dispensedVolume: undefined, chargedAmount: undefined, refundAmount: undefined, refundTransferId: undefined, passJobId: undefined, passState: undefined });
  }

  /** Updates the named columns of an order. */
  updateOrder(id: string, changes: Partial<Omit<OrderRow, 'id'>>, at: string): void {
    const columns: Record<string, string> = {
      state: 'state',
      reversalTransferId: 'reversal_transfer_id',
      pumpTransaction: 'pump_transaction',
      dispensedVolume: 'dispensed_volume',
      chargedAmount: 'charged_amount',
      refundAmount: 'refund_amount',
      refundTransferId: 'refund_transfer_id',
      passJobId: 'pass_job_id',
      passState: 'pass_state',
      problem: 'problem',
    };
    const sets: string[] = ['updated_at = @updatedAt'];
    const params: Record<string, unknown> = { id, updatedAt: at };
    for (const [key, value] of Object.entries(changes)) {
      const column = columns[key];
      if (!column) throw new Error(`fuel_order.${key} cannot be changed`);
      sets.push(`${column} = @${key}`);
      params[key] = key === 'problem' ? (value === null ? null : JSON.stringify(value)) : value;
    }
    this.db.prepare(`UPDATE fuel_order SET ${sets.join(', ')} WHERE id = @id`).run(params);
  }
}
