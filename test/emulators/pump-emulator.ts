// A forecourt pump controller on the device end of a pty pair, speaking the
// line-delimited jsonPTS dialect of src-main/devices/pump/jsonpts.ts. It keeps its
// own pump cycle (written independently of the adapter, like real firmware would
// be), dispenses at a configurable rate and keeps lifetime totals per nozzle.
import { ReadlineParser, SerialPort } from 'serialport';

type Phase = 'idle' | 'authorized' | 'filling' | 'end-of-transaction';

interface EmulatedPump {
  phase: Phase;
  nozzle: number;
  doseType: 'Amount' | 'Volume';
  dose: number;
  price: number;
  volume: number;
  amount: number;
  transaction: number;
  startedAt: number;
  offline: boolean;
  /** The customer has not lifted the nozzle yet and will not until released (holdNozzle). */
  held: boolean;
}

export interface PumpEmulatorOptions {
  devicePath: string;
  pumps?: number[];
  /** Dispensing speed; a real nozzle gives about 40 L/min = 67 cL/s. */
  centilitresPerSecond?: number;
  tickMs?: number;
  /** Delay between authorization and the customer lifting the nozzle. */
  nozzleLiftMs?: number;
  baudRate?: number;
}

/** Money for a volume: centilitres x minor-units-per-litre / 100, rounded half up. */
export function amountFor(volumeCl: number, price: number): number {
  return Math.floor((volumeCl * price + 50) / 100);
}

export class PumpEmulator {
  private port: SerialPort | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private readonly pumps = new Map<number, EmulatedPump>();
  private readonly totals = new Map<string, { volume: number; amount: number; transactions: number }>();
  private muted = false;
  /** Every request line received, for tests that check the wire. */
  readonly received: string[] = [];
  private readonly rate: number;
  private readonly tickMs: number;
  private readonly liftMs: number;

  constructor(private readonly options: PumpEmulatorOptions) {
    for (const n of options.pumps ?? [1]) {
      this.pumps.set(n, { phase: 'idle', nozzle: 0, doseType: 'Amount', dose: 0, price: 0, volume: 0, amount: 0, transaction: 0, startedAt: 0, offline: false, held: false });
    }
    this.rate = options.centilitresPerSecond ?? 67;
    this.tickMs = options.tickMs ?? 200;
    this.liftMs = options.nozzleLiftMs ?? 1500;
  }

  get running(): boolean {
    return this.port?.isOpen ?? false;
  }

  async start(): Promise<void> {
    if (this.port?.isOpen) return;
    const port = new SerialPort({ path: this.options.devicePath, baudRate: this.options.baudRate ?? 57600, autoOpen: false });
    port.on('error', () => {});
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    port.pipe(new ReadlineParser({ delimiter: '\n' })).on('data', (line: string) => this.onLine(line));
    this.port = port;
    this.ticker = setInterval(() => this.tick(), this.tickMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.ticker);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /** Stops answering while the line stays up (a hung controller). */
  mute(muted: boolean): void {
    this.muted = muted;
  }

  /** Reports one pump offline (its cable to the controller is cut). */
  setPumpOffline(pump: number, offline: boolean): void {
    this.pump(pump).offline = offline;
  }

  /** The customer waits with the nozzle on its hook (held) or lifts it as usual. */
  holdNozzle(pump: number, held: boolean): void {
    const p = this.pump(pump);
    p.held = held;
    if (!held && p.phase === 'authorized') p.startedAt = Date.now();
  }

  /** The customer hangs the nozzle up before the dose is reached. */
  hangUp(pump: number): void {
    const p = this.pump(pump);
    if (p.phase === 'filling') this.finish(p);
  }

  state(pump: number): Readonly<EmulatedPump> {
    return { ...this.pump(pump) };
  }

  totalsFor(pump: number, nozzle: number) {
    return { ...(this.totals.get(`${pump}/${nozzle}`) ?? { volume: 0, amount: 0, transactions: 0 }) };
  }

  /** Writes any line to the app, e.g. a malformed frame. */
  async sendRaw(line: string): Promise<void> {
    const port = this.port;
    if (!port) throw new Error('pump emulator is not running');
    await new Promise<void>((resolve) => port.write(line, () => port.drain(() => resolve())));
  }

  private pump(n: number): EmulatedPump {
    const p = this.pumps.get(n);
    if (!p) throw new Error(`no pump ${n}`);
    return p;
  }

  private tick(): void {
    const now = Date.now();
    for (const p of this.pumps.values()) {
      if (p.phase === 'authorized' && !p.held && now - p.startedAt >= this.liftMs) {
        p.phase = 'filling';
        p.startedAt = now;
      }
      if (p.phase !== 'filling') continue;
      const flowed = Math.floor((this.rate * (now - p.startedAt)) / 1000);
      if (p.doseType === 'Volume') {
        p.volume = Math.min(flowed, p.dose);
        p.amount = amountFor(p.volume, p.price);
        if (p.volume >= p.dose) this.finish(p);
      } else {
        // Prepaid money: stop at the last whole centilitre the money buys; the customer pays the dose.
        const maxVolume = Math.floor((p.dose * 100) / p.price);
        p.volume = Math.min(flowed, maxVolume);
        p.amount = p.volume >= maxVolume ? p.dose : amountFor(p.volume, p.price);
        if (p.volume >= maxVolume) this.finish(p);
      }
    }
  }

  private finish(p: EmulatedPump): void {
    p.phase = 'end-of-transaction';
    if (p.volume === 0) return; // an authorization stopped before the lift: nothing to total
    const key = `${this.pumpNumber(p)}/${p.nozzle}`;
    const t = this.totals.get(key) ?? { volume: 0, amount: 0, transactions: 0 };
    this.totals.set(key, { volume: t.volume + p.volume, amount: t.amount + p.amount, transactions: t.transactions + 1 });
  }

  private pumpNumber(p: EmulatedPump): number {
    for (const [n, q] of this.pumps) if (q === p) return n;
    return 0;
  }

  private onLine(line: string): void {
    this.received.push(line);
    if (this.muted) return;
    let packets: { Id: number; Type: string; Data: Record<string, number | string> }[];
    try {
      packets = JSON.parse(line).Packets;
    } catch {
      return; // a real controller ignores garbage too
    }
    const replies = packets.map((packet) => this.handle(packet));
    // A request that arrives while the emulator is being stopped goes unanswered, like a controller switched off.
    this.sendRaw(JSON.stringify({ Protocol: 'jsonPTS', Packets: replies }) + '\n').catch(() => {});
  }

  private handle(packet: { Id: number; Type: string; Data: Record<string, number | string> }): object {
    const { Id, Type, Data } = packet;
    const ok = { Id, Type, Message: 'OK' };
    const error = (Code: number, Message: string) => ({ Id, Type, Error: true, Code, Message });
    const p = this.pumps.get(Number(Data.Pump));
    if (!p) return error(1, `no pump ${Data.Pump}`);
    if (p.offline && Type !== 'PumpGetStatus') return error(4, `pump ${Data.Pump} is offline`);
    switch (Type) {
      case 'PumpGetStatus': {
        const Pump = Number(Data.Pump);
        if (p.offline) return { Id, Type: 'PumpOfflineStatus', Data: { Pump } };
        if (p.phase === 'idle') return { Id, Type: 'PumpIdleStatus', Data: { Pump } };
        if (p.phase === 'authorized') {
          return { Id, Type: 'PumpAuthorizedStatus', Data: { Pump, Nozzle: p.nozzle, Type: p.doseType, Dose: p.dose, Price: p.price, Transaction: p.transaction } };
        }
        const body = { Pump, Nozzle: p.nozzle, Volume: p.volume, Amount: p.amount, Price: p.price, Transaction: p.transaction };
        return { Id, Type: p.phase === 'filling' ? 'PumpFillingStatus' : 'PumpEndOfTransactionStatus', Data: body };
      }
      case 'PumpAuthorize':
        if (p.phase !== 'idle') return error(2, `pump ${Data.Pump} is not idle (${p.phase})`);
        Object.assign(p, {
          phase: 'authorized',
          nozzle: Number(Data.Nozzle),
          doseType: Data.Type === 'Volume' ? 'Volume' : 'Amount',
          dose: Number(Data.Dose),
          price: Number(Data.Price),
          volume: 0,
          amount: 0,
          transaction: p.transaction + 1,
          startedAt: Date.now(),
        });
        return ok;
      case 'PumpCloseTransaction':
        if (p.phase !== 'end-of-transaction' || Number(Data.Transaction) !== p.transaction) return error(3, 'no such finished transaction');
        p.phase = 'idle';
        return ok;
      case 'PumpStop':
        // Before the lift the authorization ends like a fill: a transaction of zero volume to close.
        if (p.phase === 'filling' || p.phase === 'authorized') this.finish(p);
        return ok;
      case 'PumpGetTotals': {
        const t = this.totalsFor(Number(Data.Pump), Number(Data.Nozzle));
        return { Id, Type: 'PumpTotals', Data: { Pump: Number(Data.Pump), Nozzle: Number(Data.Nozzle), Volume: t.volume, Amount: t.amount, Transactions: t.transactions } };
      }
      default:
        return error(9, `unknown request ${Type}`);
    }
  }
}

export async function startPumpEmulator(options: PumpEmulatorOptions): Promise<PumpEmulator> {
  const emulator = new PumpEmulator(options);
  await emulator.start();
  return emulator;
}
