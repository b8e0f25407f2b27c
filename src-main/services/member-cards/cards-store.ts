// The counter's mirror of member-card movements (migration 0015) on the ledger's SQLite
// connection. Synchronous prepared statements: the projector writes them inside the command's
// one transaction, and it is their only writer.
import type { Sqlite } from '../../ledger/types';

export type MovementKind = 'open' | 'recharge' | 'redemption' | 'payment';
export type CaptureState = 'none' | 'pending' | 'captured' | 'failed';

export interface MovementRow {
  /** The command id both ledgers know this movement by (the phone's own id for a phone payment). */
  commandId: string;
  kind: MovementKind;
  source: 'counter' | 'phone';
  day: string;
  createdAt: string;
  staffId: string | null;
  staffName: string | null;
  merchantId: string;
  cardId: string;
  productName: string;
  memberId: string;
  memberName: string;
  unit: 'CNY' | 'USES';
  /** Taken from (redemption, payment) or put on (recharge: paid + bonus) the card: fen or uses. */
  amount: number;
  paidPart: number;
  bonusPart: number;
  /** Money that changed hands at this counter, fen: a recharge or a card's price paid in, a redemption's value. */
  money: number;
  /** How a recharge or a card's price was paid; null for redemptions and phone payments. */
  tender: 'cash' | 'bankCard' | 'mobile' | null;
  /** The card right after, as the server said (null: not known yet). */
  paidAfter: number | null;
  bonusAfter: number | null;
  usesAfter: number | null;
  transferId: string | null;
  /** Redemptions: 'pending' until the server captured the hold. */
  captureState: CaptureState;
  captureProblem: string | null;
  reversibleUntil: string | null;
  state: 'made' | 'reversed';
  reversalCommandId: string | null;
  reversalTransferId: string | null;
  updatedAt: string;
}

const COLUMNS: [keyof MovementRow, string][] = [
  ['commandId', 'command_id'],
  ['kind', 'kind'],
  ['source', 'source'],
  ['day', 'day'],
  ['createdAt', 'created_at'],
  ['staffId', 'staff_id'],
  ['staffName', 'staff_name'],
  ['merchantId', 'merchant_id'],
  ['cardId', 'card_id'],
  ['productName', 'product_name'],
  ['memberId', 'member_id'],
  ['memberName', 'member_name'],
  ['unit', 'unit'],
  ['amount', 'amount'],
  ['paidPart', 'paid_part'],
  ['bonusPart', 'bonus_part'],
  ['money', 'money'],
  ['tender', 'tender'],
  ['paidAfter', 'paid_after'],
  ['bonusAfter', 'bonus_after'],
  ['usesAfter', 'uses_after'],
  ['transferId', 'transfer_id'],
  ['captureState', 'capture_state'],
  ['captureProblem', 'capture_problem'],
  ['reversibleUntil', 'reversible_until'],
  ['state', 'state'],
  ['reversalCommandId', 'reversal_command_id'],
  ['reversalTransferId', 'reversal_transfer_id'],
  ['updatedAt', 'updated_at'],
];
const COLUMN_OF = new Map(COLUMNS);

function fromDb(r: Record<string, unknown>): MovementRow {
  const out: Record<string, unknown> = {};
  for (const [key, col] of COLUMNS) out[key] = r[col];
  return out as unknown as MovementRow;
}

export class CardsStore {
  private readonly s;

  constructor(readonly db: Sqlite) {
    this.s = {
      insert: db.prepare(`INSERT INTO member_card_movement (${COLUMNS.map(([, c]) => c).join(', ')}) VALUES (${COLUMNS.map(([k]) => `@${k}`).join(', ')})`),
      byCommand: db.prepare(`SELECT * FROM member_card_movement WHERE command_id = ?`),
      ofDay: db.prepare(`SELECT * FROM member_card_movement WHERE day = ? ORDER BY created_at DESC, command_id DESC`),
      ofCard: db.prepare(`SELECT * FROM member_card_movement WHERE card_id = ? ORDER BY created_at DESC LIMIT 50`),
      pending: db.prepare(`SELECT * FROM member_card_movement WHERE capture_state = 'pending' ORDER BY created_at`),
    };
  }

  insert(r: MovementRow): void {
    this.s.insert.run(r);
  }

  update(commandId: string, changes: Partial<MovementRow>, at: string): void {
    const entries = Object.entries({ ...changes, updatedAt: at }).filter(([k]) => COLUMN_OF.has(k as keyof MovementRow) && k !== 'commandId');
    const sql = `UPDATE member_card_movement SET ${entries.map(([k]) => `${COLUMN_OF.get(k as keyof MovementRow)} = ?`).join(', ')} WHERE command_id = ?`;
    this.db.prepare(sql).run(...entries.map(([, v]) => v as string | number | null), commandId);
  }

  byCommand(commandId: string): MovementRow | null {
    const r = this.s.byCommand.get(commandId) as Record<string, unknown> | undefined;
    return r ? fromDb(r) : null;
  }

  ofDay(day: string): MovementRow[] {
    return (this.s.ofDay.all(day) as Record<string, unknown>[]).map(fromDb);
  }

  ofCard(cardId: string): MovementRow[] {
    return (this.s.ofCard.all(cardId) as Record<string, unknown>[]).map(fromDb);
  }

  pendingCaptures(): MovementRow[] {
    return (this.s.pending.all() as Record<string, unknown>[]).map(fromDb);
  }
}
