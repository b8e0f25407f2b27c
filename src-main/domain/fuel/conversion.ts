// Money <-> volume at a unit price, exactly. Money is integer minor units (fen), volume
// integer centilitres (0.01 L), price minor units per litre. Arithmetic runs in BigInt so
// a product never loses a digit; results must fit a safe integer.
//
// The rounding, stated once:
// - By money (the customer asks for 200.00 yuan): the customer pays exactly that amount
//   and the pump may run to the last whole centilitre the money buys, volume =
//   floor(amount x 100 / price). The customer is short by less than 0.01 L (one minor
//   unit of volume) and the controller, prepaid by money, stops at the same point.
// - By volume (30.00 L): the customer pays volume x price / 100 rounded half up to the
//   fen, so at most 0.005 yuan more than the exact value (less than one minor unit).
// - After an underrun the customer keeps paying for what was dispensed only, rounded
//   half up (at most 0.005 yuan), and never more than was prepaid.

export type OrderMode = 'amount' | 'volume';

export interface FuelQuote {
  mode: OrderMode;
  /** Minor units per litre. */
  price: number;
  /** What the customer pays, minor units. */
  amount: number;
  /** The prepaid volume, centilitres. */
  volume: number;
}

export class ConversionError extends Error {
  constructor(
    readonly reason: 'not-positive' | 'too-small' | 'too-large' | 'bad-price',
    message: string,
  ) {
    super(message);
    this.name = 'ConversionError';
  }
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function positive(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value) || value <= 0) throw new ConversionError('not-positive', `${what} must be a positive whole number`);
  return BigInt(value);
}

function safe(value: bigint): number {
  if (value > MAX) throw new ConversionError('too-large', 'the result does not fit');
  return Number(value);
}

function checkPrice(price: number): bigint {
  if (!Number.isSafeInteger(price) || price <= 0) throw new ConversionError('bad-price', 'a price is a positive number of minor units per litre');
  return BigInt(price);
}

/** Centilitres the money buys: rounded down to the whole centilitre (see above). */
export function volumeForAmount(amount: number, price: number): number {
  return safe((positive(amount, 'amount') * 100n) / checkPrice(price));
}

/** Money for a volume: rounded half up to the minor unit. Zero volume costs nothing. */
export function amountForVolume(volume: number, price: number): number {
  if (volume === 0) return 0;
  return safe((positive(volume, 'volume') * checkPrice(price) + 50n) / 100n);
}

/** A quote for an order by money. Refused when the money does not buy one centilitre. */
export function quoteByAmount(amount: number, price: number): FuelQuote {
  const volume = volumeForAmount(amount, price);
  if (volume === 0) throw new ConversionError('too-small', 'the amount does not buy 0.01 L');
  return { mode: 'amount', price, amount, volume };
}

/** A quote for an order by volume. */
export function quoteByVolume(volume: number, price: number): FuelQuote {
  positive(volume, 'volume');
  const amount = amountForVolume(volume, price);
  if (amount === 0) throw new ConversionError('too-small', 'the volume costs less than 0.01 yuan');
  return { mode: 'volume', price, volume, amount };
}

export function quote(mode: OrderMode, quantity: number, price: number): FuelQuote {
  return mode === 'amount' ? quoteByAmount(quantity, price) : quoteByVolume(quantity, price);
}

export interface Settlement {
  /** Centilitres the pump reported, capped at the prepaid volume (an overrun is not charged). */
  dispensed: number;
  /** What the customer pays in the end, minor units. */
  charged: number;
  /** What goes back to the customer's tender. */
  refund: number;
  underrun: boolean;
}

/** Settles a prepaid order once the pump reports the dispensed volume. */
export function settle(order: FuelQuote, dispensedVolume: number): Settlement {
  if (!Number.isSafeInteger(dispensedVolume) || dispensedVolume < 0) throw new ConversionError('not-positive', 'dispensed volume must be a whole number of centilitres');
  if (dispensedVolume >= order.volume) return { dispensed: order.volume, charged: order.amount, refund: 0, underrun: false };
  const used = Math.min(order.amount, amountForVolume(dispensedVolume, order.price));
  return { dispensed: dispensedVolume, charged: used, refund: order.amount - used, underrun: true };
}
