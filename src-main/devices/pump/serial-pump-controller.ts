// Pump controller on a serial line speaking our jsonPTS dialect (jsonpts.ts).
// Requests carry an Id and are matched to replies; the adapter polls each pump's
// status so the screen follows the fill, and a silent controller becomes 'offline'.
import { DeviceError, StatusHolder, TypedEmitter, defaultTiming, errorReason, type DeviceLogger, type DeviceStatus, type DeviceTiming } from '../common';
import { SerialLine } from '../serial/serial-line';
import type { PumpSettings } from '../settings';
import { ResponseSchema, requestLine, statusFromPacket, totalsFromPacket, type Packet, type RequestType } from './jsonpts';
import type { AuthorizeRequest, PumpController, PumpControllerEvents, PumpState, PumpTotals } from './pump';
import { applyReport, authorizeRefusal, closeRefusal, idlePump, samePumpState } from './pump-cycle';

interface Pending {
  resolve: (packet: Packet) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

const MAX_DOSE = 100_000_000; // a million yuan or a million litres: anything above is a typo

export class SerialPumpController implements PumpController {
  private readonly events = new TypedEmitter<PumpControllerEvents>();
  private readonly holder = new StatusHolder('pump', (s) => this.onStatus(s));
  private readonly line: SerialLine;
  private readonly pending = new Map<number, Pending>();
  private readonly states = new Map<number, PumpState>();
  private nextId = 1;
  private pollTimer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly settings: PumpSettings,
    private readonly logger: DeviceLogger,
    private readonly timing: DeviceTiming = defaultTiming,
  ) {
    for (const pump of settings.pumps) this.states.set(pump, idlePump(pump, 'offline'));
    this.line = new SerialLine({
      path: settings.path,
      baudRate: settings.baudRate,
      delimiter: '\n',
      timing,
      logger,
      status: this.holder,
      onLine: (line) => this.onLine(line),
      onOpen: () => void this.pollAll(),
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.line.start();
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.pollTimer);
    this.failPending(new DeviceError('DEVICE_OFFLINE', 'pump controller stopped'));
    await this.line.stop();
    this.holder.set('disabled');
  }

  status(): DeviceStatus {
    return this.holder.get();
  }

  pumps(): PumpState[] {
    return [...this.states.values()].map((s) => ({ ...s }));
  }

  on<K extends keyof PumpControllerEvents & string>(event: K, cb: (payload: PumpControllerEvents[K]) => void): () => void {
    return this.events.on(event, cb);
  }

  async authorize(req: AuthorizeRequest): Promise<void> {
    this.checkPump(req.pump);
    for (const [name, value] of [['nozzle', req.nozzle], ['dose', req.dose], ['price', req.price]] as const) {
      if (!Number.isSafeInteger(value) || value <= 0 || value > MAX_DOSE) throw new DeviceError('INVALID_INPUT', `${name} must be a positive integer`);
    }
    const current = await this.refresh(req.pump);
    const refusal = authorizeRefusal(current);
    if (refusal) throw new DeviceError('DEVICE_REFUSED', refusal);
    await this.request('PumpAuthorize', { Pump: req.pump, Nozzle: req.nozzle, Type: req.type, Dose: req.dose, Price: req.price });
    // The controller's next status carries its transaction number; until then we know the preset.
    this.update({ pump: req.pump, phase: 'authorized', nozzle: req.nozzle, volume: 0, amount: 0, price: req.price, preset: { type: req.type, dose: req.dose } }, true);
  }

  async refresh(pump: number): Promise<PumpState> {
    this.checkPump(pump);
    const packet = await this.request('PumpGetStatus', { Pump: pump });
    let report: PumpState;
    try {
      report = statusFromPacket(packet);
    } catch (err) {
      this.logger.warn({ device: 'pump', type: packet.Type, err: errorReason(err) }, 'malformed pump status ignored');
      throw new DeviceError('DEVICE_REFUSED', 'pump controller sent a malformed status');
    }
    return this.update(report);
  }

  async closeTransaction(pump: number, transaction: number): Promise<void> {
    const current = await this.refresh(pump);
    const refusal = closeRefusal(current, transaction);
    if (refusal) throw new DeviceError('DEVICE_REFUSED', refusal);
    await this.request('PumpCloseTransaction', { Pump: pump, Transaction: transaction });
    this.update(idlePump(pump), true);
  }

  /** After the stop the controller's report is taken as is: an end of transaction (zero volume before the lift) or idle. */
  async stopPump(pump: number): Promise<void> {
    this.checkPump(pump);
    await this.request('PumpStop', { Pump: pump });
    await this.refresh(pump);
  }

  async totals(pump: number, nozzle: number): Promise<PumpTotals> {
    this.checkPump(pump);
    const packet = await this.request('PumpGetTotals', { Pump: pump, Nozzle: nozzle });
    try {
      return totalsFromPacket(packet);
    } catch (err) {
      this.logger.warn({ device: 'pump', err: errorReason(err) }, 'malformed pump totals ignored');
      throw new DeviceError('DEVICE_REFUSED', 'pump controller sent malformed totals');
    }
  }

  private checkPump(pump: number): void {
    if (!this.states.has(pump)) throw new DeviceError('INVALID_INPUT', `pump ${pump} is not configured on this counter`);
  }

  /** Stores a state and emits it when it changed; `force` trusts our own command over a stale report. */
  private update(report: PumpState, force = false): PumpState {
    const known = this.states.get(report.pump) ?? idlePump(report.pump);
    const next = force ? report : applyReport(known, report);
    this.states.set(report.pump, next);
    if (!samePumpState(known, next)) this.events.emit('pump', { ...next });
    return next;
  }

  private request(type: RequestType, data: Record<string, unknown>): Promise<Packet> {
    if (!this.line.isOpen) return Promise.reject(new DeviceError('DEVICE_OFFLINE', `pump controller ${this.settings.path || '(no port)'} is offline`));
    const id = this.nextId++;
    return new Promise<Packet>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.holder.set('offline', 'pump controller does not answer');
        this.markPumpsOffline();
        reject(new DeviceError('DEVICE_TIMEOUT', `pump controller did not answer ${type}`));
      }, this.timing.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.line.write(requestLine(id, type, data)).catch((err: unknown) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new DeviceError('DEVICE_OFFLINE', `pump controller write failed: ${errorReason(err)}`));
      });
    }).then((packet) => {
      if (packet.Error) throw new DeviceError('DEVICE_REFUSED', packet.Message ?? `pump controller refused ${type}`);
      return packet;
    });
  }

  private onLine(line: string): void {
    const text = line.trim();
    if (!text) return;
    let packets: Packet[];
    try {
      packets = ResponseSchema.parse(JSON.parse(text)).Packets;
    } catch (err) {
      // Line noise or a firmware bug: log it and carry on with the next line.
      this.logger.warn({ device: 'pump', frame: text.slice(0, 120), err: errorReason(err).slice(0, 200) }, 'malformed pump frame ignored');
      return;
    }
    for (const packet of packets) {
      const pending = this.pending.get(packet.Id);
      if (!pending) {
        this.logger.warn({ device: 'pump', id: packet.Id, type: packet.Type }, 'pump reply to no request ignored');
        continue;
      }
      this.pending.delete(packet.Id);
      clearTimeout(pending.timer);
      // A reply proves the controller is alive again after a timeout.
      this.holder.set('online');
      pending.resolve(packet);
    }
  }

  private onStatus(status: DeviceStatus): void {
    if (status.state !== 'online') {
      this.failPending(new DeviceError('DEVICE_OFFLINE', `pump controller ${status.state}`));
      this.markPumpsOffline();
    }
    this.events.emit('status', status);
  }

  private markPumpsOffline(): void {
    for (const state of this.states.values()) {
      if (state.phase !== 'offline') this.update({ ...state, phase: 'offline' }, true);
    }
  }

  private failPending(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(err);
    }
  }

  private schedulePoll(): void {
    if (!this.running) return;
    this.pollTimer = setTimeout(async () => {
      await this.pollAll();
      this.schedulePoll();
    }, this.timing.pollMs);
  }

  private async pollAll(): Promise<void> {
    if (!this.line.isOpen) return;
    for (const pump of this.states.keys()) {
      try {
        await this.refresh(pump);
      } catch {
        // Already reflected in status; the next poll tries again.
      }
    }
  }
}
