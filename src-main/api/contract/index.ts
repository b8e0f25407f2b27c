import * as z from 'zod';
import { mergeContracts, type MethodSpec } from './define';
import { staffContract } from './staff';
import { diskStatus, integrityStatus, systemContract } from './system';
import { devicesContract, deviceStatus } from './devices';
import { lockersContract } from './lockers';
import { fuelContract, fuelOrder } from './fuel';
import { paymentsContract } from './payments';
import { receiptsContract } from './receipts';
import { staffInfo } from './common';
import { syncContract, syncStatusEvent } from './sync';
import { catalogContract } from './catalog';
import { setupContract } from './setup';
import { settlementContract } from './settlement';
import { pointsContract } from './points';
import { memberCardsContract, memberCardsEvents, membersContract } from './member-cards';
import { customerView, shopContract } from './shop';
import { couponsContract } from './coupons';

/** Every method the renderer may call, merged from one module per workflow. */
export const contract = mergeContracts({
  staff: staffContract,
  system: systemContract,
  devices: devicesContract,
  lockers: lockersContract,
  fuel: fuelContract,
  payments: paymentsContract,
  receipts: receiptsContract,
  sync: syncContract,
  catalog: catalogContract,
  setup: setupContract,
  settlement: settlementContract,
  points: pointsContract,
  members: membersContract,
  memberCards: memberCardsContract,
  shop: shopContract,
  coupons: couponsContract,
});
export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** Events main pushes to every window. */
export const events = {
  'session.changed': z.object({ staff: staffInfo.nullable() }),
  'device.status': z.object({ devices: z.array(deviceStatus) }),
  'device.card': z.object({ source: z.enum(['hid', 'wedge']), uid: z.string(), at: z.string() }),
  'device.scan': z.object({ source: z.enum(['serial', 'wedge']), code: z.string(), at: z.string() }),
  'device.pump': z.object({
    pump: z.number(),
    phase: z.enum(['idle', 'authorized', 'filling', 'end-of-transaction', 'offline']),
    nozzle: z.number().optional(),
    volume: z.number(),
    amount: z.number(),
    price: z.number().optional(),
    transaction: z.number().optional(),
  }),
  'device.printJob': z.object({ id: z.string(), state: z.enum(['printed', 'failed']), error: z.string().nullable() }),
  'lockers.changed': z.object({ at: z.string() }),
  'sync.status': syncStatusEvent,
  'fuel.order': fuelOrder,
  'system.disk': diskStatus,
  'system.integrity': integrityStatus,
  'catalog.changed': z.object({ at: z.string() }),
  'setup.changed': z.object({ at: z.string() }),
  'settlement.changed': z.object({ at: z.string() }),
  /** Reference data from the central server was applied (screens showing it reload). */
  'sync.reference': z.object({ streams: z.array(z.string()), at: z.string() }),
  ...memberCardsEvents,
  /** The customer-facing display's promotions and the cart being rung up. */
  'shop.customer': customerView,
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export type { MethodSpec };
export type { StaffInfo } from './common';
import type { PosErrorData } from '../../domain/errors';
export type { PosErrorData, Locale } from '../../domain/errors';

/** The reply of every call: a value, or a plain error object. Nothing else crosses the boundary. */
export type CallResult<T = unknown> = { ok: true; value: T } | { ok: false; error: PosErrorData };

/** What the preload (Electron) or the WebSocket bridge (browser host) exposes as window.posBridge. */
export interface PosBridge {
  invoke(method: string, input: unknown): Promise<CallResult>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  readonly host: 'electron' | 'browser';
}
