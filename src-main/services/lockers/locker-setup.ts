import { PosError } from '../../domain/errors';
import type { Receipt } from '../../domain/receipt';
import { DeviceError, type DeviceErrorCode } from '../../devices';
import { newId } from '../../ledger';
import { deviceError } from '../devices/device-service';
import type { StaffInfo } from '../staff/staff-service';
import type { LockerDesk } from './desk';

/** Ranges larger than this are a typing slip (101–1600 instead of 101–160). */
export const MAX_RANGE = 500;

const changed = (): [string, unknown][] => [['lockers.changed', { at: new Date().toISOString() }]];

/**
 * A manager sets the lockers up: adds them in ranges (each then waits for its wristband to be
 * tapped on the reader, `registerLocker`), sees every locker with its wristband, and counts what is
 * still missing. Wristbands are registered, replaced and lockers taken out of service through the
 * LockerService methods that already existed, so there is one path for each change.
 */
export class LockerSetup {
  constructor(private readonly desk: LockerDesk) {}

  /** Every locker, registered or waiting for its wristband, with the wristband UID (managers only see this). */
  view() {
    const { rows } = this.desk;
    const registered = rows.lockers.all().map((l) => ({ number: l.number, uid: l.uid as string | null, state: l.state }));
    const pending = rows.pendingLockers.all().map((p) => ({ number: p.number, uid: null, state: p.state }));
    return { lockers: [...registered, ...pending].sort((a, b) => a.number - b.number), settings: this.desk.lockerSettings() };
  }

  counts() {
    const { rows } = this.desk;
    return { registered: rows.lockers.all().length, withoutWristband: rows.pendingLockers.all().length };
  }

  addRange(by: StaffInfo, input: { from: number; to: number }) {
    const { desk } = this;
    return desk.commands.run({
      commandId: newId(),
      method: 'lockers.addRange',
      body: input,
      actor: by,
      work: (tx) => {
        if (input.to < input.from || input.to - input.from + 1 > MAX_RANGE) throw new PosError('LOCKER_RANGE_INVALID', { max: MAX_RANGE });
        const added: number[] = [];
        for (let n = input.from; n <= input.to; n++) {
          if (!desk.rows.lockerByNumber.get(n) && !desk.rows.pendingLocker.get(n)) added.push(n);
        }
        if (added.length > 0) tx.event({ type: 'lockers.locker.added', lockers: added });
        return { added: added.length, existing: input.to - input.from + 1 - added.length };
      },
      announce: changed,
      audit: (r) => ({ from: input.from, to: input.to, added: r.added }),
    });
  }

  /** The list of lockers and their wristbands (last 4 digits) on the receipt printer, for the manager's drawer. */
  async printList(by: StaffInfo) {
    const { store, terminal } = this.desk.deps.settings.get();
    const zh = store.locale === 'zh-CN';
    const state = { free: zh ? '空闲' : 'free', occupied: zh ? '使用中' : 'in use', out_of_service: zh ? '停用' : 'out of service' };
    const receipt: Receipt = {
      list: true,
      title: zh ? '柜号手牌清单' : 'Lockers and wristbands',
      storeName: store.name,
      terminal: terminal.name,
      cashier: by.name,
      time: this.desk.deps.now().toISOString(),
      timeZone: store.timeZone,
      locale: store.locale,
      currency: store.currency,
      items: [],
      details: this.view().lockers.map((l) => ({ label: String(l.number), value: l.uid ? `…${l.uid.slice(-4)} ${state[l.state]}` : zh ? '未登记手牌' : 'no wristband' })),
      tenders: [],
      balances: [],
      transactionId: newId(),
    };
    const printed = await this.desk.deps.deviceService.manager.printer.print(receipt).catch((e: unknown) => {
      throw deviceError(e, 'printer'); // no printer set up on this counter
    });
    await this.desk.deps.audit.record('lockers.printList', 'ok', by.id, { lockers: receipt.details!.length, state: printed.state });
    if (printed.state === 'failed') {
      const code: DeviceErrorCode = printed.code === 'DEVICE_DISABLED' || printed.code === 'DEVICE_TIMEOUT' ? printed.code : 'DEVICE_OFFLINE';
      throw deviceError(new DeviceError(code, printed.message ?? ''), 'printer');
    }
    return { printed: receipt.details!.length };
  }
}
