// What a new store still has to set up before it can sell, in the words the home screen shows.
import type { Locale } from '../errors';

/** The workflows a venue may use; the home screen shows only the chosen ones. */
export const WORKFLOWS = ['lockers', 'fuel', 'cards', 'coupons', 'miles', 'shop'] as const;
export type Workflow = (typeof WORKFLOWS)[number];

/** The steps of the first-run guide, in order. */
export const GUIDE_STEPS = ['store', 'workflows', 'devices', 'lockers', 'catalog', 'fuel'] as const;
export type GuideStep = (typeof GUIDE_STEPS)[number];

export interface SetupFacts {
  workflows: readonly Workflow[] | null;
  address: string;
  lockersRegistered: number;
  lockersWithoutWristband: number;
  activeItems: number;
  /** True when no station is found within the radius of this terminal. */
  stationProblem: boolean;
  pricedGrades: number;
  pumps: number;
  printer: boolean;
  cardReader: boolean;
}

export interface Missing {
  code: string;
  step: GuideStep;
  message: Record<Locale, string>;
}

const m = (code: string, step: GuideStep, en: string, zh: string): Missing => ({ code, step, message: { en, 'zh-CN': zh } });

/** Everything still missing, in guide order; empty when the store can sell every chosen workflow. */
export function missingSetup(f: SetupFacts): Missing[] {
  const out: Missing[] = [];
  const uses = (w: Workflow) => f.workflows?.includes(w) ?? false;
  if (f.address.trim() === '') out.push(m('storeDetails', 'store', 'Store address and phone are not filled in.', '尚未填写门店地址和电话。'));
  if (!f.workflows) out.push(m('workflows', 'workflows', 'Choose which workflows this venue uses.', '请选择本店使用的业务。'));
  if (!f.printer) out.push(m('noPrinter', 'devices', 'No receipt printer is set up.', '尚未设置小票打印机。'));
  if (uses('lockers') && !f.cardReader) out.push(m('noCardReader', 'devices', 'No card reader for wristbands is set up.', '尚未设置手牌读卡器。'));
  if (uses('lockers') && f.lockersRegistered === 0) out.push(m('noLockers', 'lockers', 'No lockers registered.', '尚未登记柜号。'));
  if (uses('lockers') && f.lockersWithoutWristband > 0) {
    out.push(m('lockersWithoutWristband', 'lockers', `${f.lockersWithoutWristband} lockers have no wristband yet.`, `${f.lockersWithoutWristband} 个柜号还没有登记手牌。`));
  }
  if ((uses('lockers') || uses('shop')) && f.activeItems === 0) out.push(m('noItems', 'catalog', 'The catalog has no items.', '价目表中还没有商品。'));
  if (uses('fuel') && f.stationProblem) out.push(m('noStation', 'fuel', 'This terminal has no fuel station yet.', '本终端尚未选定加油站。'));
  if (uses('fuel') && f.pricedGrades === 0) out.push(m('noGrades', 'fuel', 'No fuel grade has a price.', '尚未设置油品和油价。'));
  if (uses('fuel') && f.pumps === 0) out.push(m('noPumps', 'fuel', 'No pumps are set up.', '尚未设置油枪。'));
  return out;
}

/** The guide steps a store goes through: workflow set-up only for the workflows it uses. */
export function guideSteps(workflows: readonly Workflow[] | null): GuideStep[] {
  const uses = (w: Workflow) => workflows?.includes(w) ?? false;
  return GUIDE_STEPS.filter((s) => (s === 'lockers' ? uses('lockers') : s === 'catalog' ? uses('lockers') || uses('shop') : s === 'fuel' ? uses('fuel') : true));
}
