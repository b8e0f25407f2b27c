import { LEGACY_PRICE_FROM } from '../../domain/catalog';
import { newId } from '../../ledger';
import type { LockerService } from './locker-service';

/** Demo lockers 101–130; wristband UIDs are A1B2 + the locker number (4-byte UIDs, as MIFARE Classic wristbands have), so a person can read them. */
export const DEMO_LOCKERS = Array.from({ length: 30 }, (_, i) => ({ number: 101 + i, uid: `A1B2${String(101 + i).padStart(4, '0')}` }));
/** Spare wristbands for lost-wristband replacements in the demo. */
export const DEMO_SPARE_UIDS = ['FFEE0001', 'FFEE0002', 'FFEE0003'];

const DEMO_ITEMS: [string, string, string, string, number][] = [
  ['demo-rest-noodles', 'restaurant', '牛肉面', 'Beef noodles', 3800],
  ['demo-rest-chicken', 'restaurant', '宫保鸡丁', 'Kung pao chicken', 4800],
  ['demo-rest-beer', 'restaurant', '青岛啤酒', 'Tsingtao beer', 1500],
  ['demo-rest-tea', 'restaurant', '菊花茶', 'Chrysanthemum tea', 1200],
  ['demo-mass-foot', 'massage', '足疗 60 分钟', 'Foot massage 60 min', 16800],
  ['demo-mass-back', 'massage', '肩颈推拿 45 分钟', 'Neck and back 45 min', 19800],
  ['demo-mass-full', 'massage', '全身按摩 90 分钟', 'Full body 90 min', 29800],
  ['demo-shop-slippers', 'shop', '一次性拖鞋', 'Slippers', 500],
  ['demo-shop-shampoo', 'shop', '洗发水', 'Shampoo', 2500],
  ['demo-shop-water', 'shop', '矿泉水', 'Mineral water', 300],
];

/** Demo reference data for the lockers workflow, journaled like a manager's set-up; what exists already is left alone. */
export function seedLockerDemo(lockers: LockerService): void {
  const { desk } = lockers;
  const lockersMissing = DEMO_LOCKERS.filter((l) => !desk.rows.lockerByNumber.get(l.number));
  const itemsMissing = DEMO_ITEMS.filter(([id]) => !desk.deps.catalog.store.item(id));
  if (lockersMissing.length === 0 && itemsMissing.length === 0) return;
  desk.commands.runNow({
    commandId: newId(),
    method: 'lockers.seedDemo',
    body: { lockers: lockersMissing.length, items: itemsMissing.length },
    actor: null,
    work: (tx) => {
      for (const l of lockersMissing) tx.event({ type: 'lockers.locker.registered', locker: l.number, uid: l.uid });
      // Priced from the start of time, so the demo sells at these prices whatever the clock says.
      for (const [id, outletId, nameZh, nameEn, price] of itemsMissing) {
        tx.event({
          type: 'catalog.item.saved',
          item: { id, outletId, nameZh, nameEn, category: '', barcode: null, active: true, origin: 'local' },
          price: { price, effectiveFrom: LEGACY_PRICE_FROM },
        });
      }
      return null;
    },
  });
}
