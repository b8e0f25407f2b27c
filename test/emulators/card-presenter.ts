// Presents cards to the HID card reader path. No USB reader exists on build and
// CI machines, so this is a fake node-hid device behind the reader's injectable
// `openDevice`: it sends the raw reports a vendor-mode reader would send.
import { EventEmitter } from 'node:events';

export interface FakeHidTarget {
  vendorId: number;
  productId: number;
  path?: string;
}

export class CardPresenter {
  private device: (EventEmitter & { close(): void }) | undefined;
  private plugged = true;
  opens = 0;

  constructor(
    /** Whether the emulated reader numbers its reports (first byte = report id). */
    private readonly reportId = false,
    private readonly reportSize = 16,
  ) {}

  /** Pass this as the card reader's openDevice. */
  readonly openDevice = async (_target: FakeHidTarget) => {
    if (!this.plugged) throw new Error('could not open HID device (unplugged)');
    const device = Object.assign(new EventEmitter(), {
      close: () => {
        if (this.device === device) this.device = undefined;
      },
    });
    this.device = device;
    this.opens += 1;
    return device;
  };

  get connected(): boolean {
    return this.device !== undefined;
  }

  /** A card lies on the reader: one report with its UID (hex). */
  present(uidHex: string): void {
    const uid = Buffer.from(uidHex, 'hex');
    const body = Buffer.alloc(this.reportSize);
    body[0] = uid.length;
    uid.copy(body, 1);
    this.sendRaw(this.reportId ? Buffer.concat([Buffer.from([1]), body]) : body);
  }

  /** The card is lifted: an all-zero report. */
  remove(): void {
    this.sendRaw(Buffer.alloc(this.reportSize + (this.reportId ? 1 : 0)));
  }

  sendRaw(report: Buffer): void {
    if (!this.device) throw new Error('card reader is not open');
    this.device.emit('data', report);
  }

  /** Pulls the USB cable: the open device errors and reopening fails until replug(). */
  unplug(): void {
    this.plugged = false;
    const device = this.device;
    this.device = undefined;
    device?.emit('error', new Error('could not read from HID device'));
  }

  replug(): void {
    this.plugged = true;
  }
}

export function createCardPresenter(options: { reportId?: boolean } = {}): CardPresenter {
  return new CardPresenter(options.reportId ?? false);
}
