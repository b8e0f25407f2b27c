// Wire format of the serial pump controller: one JSON object per line, modelled on
// the public jsonPTS protocol of forecourt controllers (Protocol + Packets with Id,
// Type and Data). Our dialect carries integers only: Volume in centilitres, Amount
// and Price in minor units, so no float ever crosses the wire.
import { z } from 'zod';
import type { PumpState, PumpTotals } from './pump';

export const PROTOCOL = 'jsonPTS';

export type RequestType = 'PumpAuthorize' | 'PumpGetStatus' | 'PumpCloseTransaction' | 'PumpStop' | 'PumpGetTotals';

export function requestLine(id: number, type: RequestType, data: Record<string, unknown>): string {
  return JSON.stringify({ Protocol: PROTOCOL, Packets: [{ Id: id, Type: type, Data: data }] }) + '\n';
}

const int = z.number().int();
const nonNeg = int.nonnegative();

const PacketSchema = z.object({
  Id: int,
  Type: z.string(),
  Error: z.boolean().optional(),
  Code: int.optional(),
  Message: z.string().optional(),
  Data: z.record(z.string(), z.unknown()).optional(),
});
export type Packet = z.infer<typeof PacketSchema>;

export const ResponseSchema = z.object({ Protocol: z.literal(PROTOCOL), Packets: z.array(PacketSchema).min(1) });

const FillingData = z.object({ Pump: int, Nozzle: int, Volume: nonNeg, Amount: nonNeg, Price: nonNeg, Transaction: int });
const IdleData = z.object({ Pump: int });
const AuthorizedData = z.object({ Pump: int, Nozzle: int, Type: z.enum(['Amount', 'Volume']), Dose: nonNeg, Price: nonNeg, Transaction: int });
const TotalsData = z.object({ Pump: int, Nozzle: int, Volume: nonNeg, Amount: nonNeg, Transactions: nonNeg });

/** Turns a status packet into a pump state; throws (zod) when a field is missing or not an integer. */
export function statusFromPacket(packet: Packet): PumpState {
  switch (packet.Type) {
    case 'PumpIdleStatus':
      return { pump: IdleData.parse(packet.Data).Pump, phase: 'idle', volume: 0, amount: 0 };
    case 'PumpOfflineStatus':
      return { pump: IdleData.parse(packet.Data).Pump, phase: 'offline', volume: 0, amount: 0 };
    case 'PumpAuthorizedStatus': {
      // Released with a preset, nozzle not lifted yet: the controller says so, so an
      // authorization survives a restart of the counter and a stop before the lift is seen.
      const d = AuthorizedData.parse(packet.Data);
      return { pump: d.Pump, phase: 'authorized', nozzle: d.Nozzle, volume: 0, amount: 0, price: d.Price, transaction: d.Transaction, preset: { type: d.Type, dose: d.Dose } };
    }
    case 'PumpFillingStatus':
    case 'PumpEndOfTransactionStatus': {
      const d = FillingData.parse(packet.Data);
      return {
        pump: d.Pump,
        phase: packet.Type === 'PumpFillingStatus' ? 'filling' : 'end-of-transaction',
        nozzle: d.Nozzle,
        volume: d.Volume,
        amount: d.Amount,
        price: d.Price,
        transaction: d.Transaction,
      };
    }
    default:
      throw new Error(`unexpected status packet ${packet.Type}`);
  }
}

export function totalsFromPacket(packet: Packet): PumpTotals {
  const d = TotalsData.parse(packet.Data);
  return { pump: d.Pump, nozzle: d.Nozzle, volume: d.Volume, amount: d.Amount, transactions: d.Transactions };
}
