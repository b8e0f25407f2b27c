// Shared vocabulary of the device layer: the status every device reports, the
// logger it writes to, the typed errors it throws and a tiny typed event emitter.
// Kept free of any device library so every adapter and the manager can share it.
import { EventEmitter } from 'node:events';

export type DeviceKind = 'printer' | 'scanner' | 'cardReader' | 'pump';

/** What the status bar shows. An unplugged device is 'offline', never an exception. */
export type DeviceState = 'online' | 'offline' | 'connecting' | 'disabled';

export interface DeviceStatus {
  device: DeviceKind;
  state: DeviceState;
  /** Short English reason for logs and tooltips ("ENOENT /dev/ttyUSB0"); the UI localizes by state. */
  reason?: string;
  /** ISO time of the last state change. */
  since: string;
}

/** pino-compatible subset, so the composition root can pass its pino logger as is. */
export interface DeviceLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: DeviceLogger = { info() {}, warn() {}, error() {} };

/** Stable codes the API layer maps to its typed errors (DESIGN.md, "Errors and bad input"). */
export type DeviceErrorCode = 'DEVICE_OFFLINE' | 'DEVICE_DISABLED' | 'DEVICE_TIMEOUT' | 'DEVICE_REFUSED' | 'INVALID_INPUT' | 'NOT_FOUND';

export class DeviceError extends Error {
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}

/** Card UIDs identify wristbands and members: logs only ever see the last 4 characters. */
export function maskId(id: string): string {
  if (id.length <= 4) return '*'.repeat(id.length);
  return '*'.repeat(id.length - 4) + id.slice(-4);
}

export function errorReason(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Timing knobs: real defaults for the counter, tiny values in tests. */
export interface DeviceTiming {
  /** First reconnect delay after a device drops. */
  backoffInitialMs: number;
  /** Reconnect delays double up to this cap, so a replugged device is found within it. */
  backoffMaxMs: number;
  /** How often pump status is polled while the controller is online (the screen follows the fill). */
  pollMs: number;
  /** How often an online printer is probed; slower, as many LAN printers take one connection at a time. */
  probeMs: number;
  /** How long to wait for a device to answer a request. */
  requestTimeoutMs: number;
}

export const defaultTiming: DeviceTiming = {
  backoffInitialMs: 500,
  backoffMaxMs: 15_000,
  pollMs: 1_000,
  probeMs: 5_000,
  requestTimeoutMs: 2_000,
};

export function nextBackoff(previousMs: number | undefined, timing: DeviceTiming): number {
  if (previousMs === undefined) return timing.backoffInitialMs;
  return Math.min(previousMs * 2, timing.backoffMaxMs);
}

/** EventEmitter with a typed map; on() returns an unsubscribe so React effects can clean up. */
export class TypedEmitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly emitter = new EventEmitter();

  constructor() {
    // The manager fans events out to many screens; not a leak.
    this.emitter.setMaxListeners(100);
  }

  on<K extends keyof Events & string>(event: K, cb: (payload: Events[K]) => void): () => void {
    this.emitter.on(event, cb);
    return () => this.emitter.off(event, cb);
  }

  emit<K extends keyof Events & string>(event: K, payload: Events[K]): void {
    this.emitter.emit(event, payload);
  }

  removeAll(): void {
    this.emitter.removeAllListeners();
  }
}

/** Holds one device's status and reports changes only, so the status bar does not flicker. */
export class StatusHolder {
  private current: DeviceStatus;

  constructor(
    private readonly device: DeviceKind,
    private readonly onChange: (status: DeviceStatus) => void,
    initial: DeviceState = 'disabled',
  ) {
    this.current = { device, state: initial, since: new Date().toISOString() };
  }

  get(): DeviceStatus {
    return { ...this.current };
  }

  set(state: DeviceState, reason?: string): void {
    if (state === this.current.state && reason === this.current.reason) return;
    this.current = { device: this.device, state, since: new Date().toISOString(), ...(reason ? { reason } : {}) };
    this.onChange(this.get());
  }
}
