// Pump controllers: the forecourt as the counter sees it. Volumes are integer
// centilitres (0.01 L) and money integer minor units; prices are minor units per litre.
import type { DeviceStatus } from '../common';

/** The usual forecourt cycle; 'offline' when the controller or pump does not answer. */
export type PumpPhase = 'idle' | 'authorized' | 'filling' | 'end-of-transaction' | 'offline';

export type DoseType = 'Amount' | 'Volume';

export interface AuthorizeRequest {
  pump: number;
  nozzle: number;
  /** Prepay by money (dose in minor units) or by volume (dose in centilitres). */
  type: DoseType;
  dose: number;
  /** Minor units per litre. */
  price: number;
}

/** Where one pump is; also the payload of the manager's 'pump' event. */
export interface PumpState {
  pump: number;
  phase: PumpPhase;
  nozzle?: number;
  /** Centilitres dispensed in the current or finished transaction. */
  volume: number;
  /** Minor units for that volume. */
  amount: number;
  price?: number;
  /** Controller's transaction number, needed to close an end-of-transaction. */
  transaction?: number;
  /** The preset of an authorized pump, as the controller reports it. */
  preset?: { type: DoseType; dose: number };
}

export interface PumpTotals {
  pump: number;
  nozzle: number;
  /** Centilitres over the pump's life. */
  volume: number;
  /** Minor units over the pump's life. */
  amount: number;
  transactions: number;
}

export interface PumpControllerEvents {
  pump: PumpState;
  status: DeviceStatus;
}

/** One interface for any controller: serial jsonPTS today, HTTP jsonPTS later. */
export interface PumpController {
  start(): void;
  stop(): Promise<void>;
  status(): DeviceStatus;
  /** Last known state of every configured pump. */
  pumps(): PumpState[];
  /** Refused (DEVICE_REFUSED) unless the pump is idle; a finished transaction must be closed first. */
  authorize(request: AuthorizeRequest): Promise<void>;
  /** Asks the controller now (the adapter also polls on its own). */
  refresh(pump: number): Promise<PumpState>;
  /** Clears an end-of-transaction once the sale is settled; the pump returns to idle. */
  closeTransaction(pump: number, transaction: number): Promise<void>;
  /**
   * Emergency or cashier stop: ends the fill where it is. On an authorized pump (nozzle
   * not lifted) the authorization ends as a transaction of zero volume to close.
   */
  stopPump(pump: number): Promise<void>;
  totals(pump: number, nozzle: number): Promise<PumpTotals>;
  on<K extends keyof PumpControllerEvents & string>(event: K, cb: (payload: PumpControllerEvents[K]) => void): () => void;
}
