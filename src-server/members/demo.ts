import type { ServerDb } from '../db';
import { ValueLedger } from '../value/value-ledger';
import { createMember, credit, findMember } from './members';

/**
 * The demo's passengers (`npm run server -- --demo STORE`, or SERVER_DEMO=1): one with plenty of miles
 * and one with too few for a miles-only service, so both answers can be tried at a counter. Made
 * once; a restart finds them and credits nothing again (the credit's command id is fixed).
 */
export const DEMO_MEMBERS = [
  { id: '0193a000-0000-7000-8000-000000000001', number: 'CA88001234', phone: '13900139000', name: '张三 ZHANG/SAN', miles: 25_000 },
  { id: '0193a000-0000-7000-8000-000000000002', number: 'CA88005678', phone: '13900139001', name: '李四 LI/SI', miles: 800 },
] as const;

export async function seedDemoMembers(db: ServerDb, now: Date): Promise<void> {
  const ledger = new ValueLedger(db);
  for (const m of DEMO_MEMBERS) {
    if (!(await findMember(db, { id: m.id }))) await createMember(db, m, now);
    await ledger.command(`demo-seed:${m.id}:miles`, 'demo.credit', { memberId: m.id, miles: m.miles }, (tx) => credit(tx, m.id, 'MILES', m.miles, 'demo miles'));
  }
}
