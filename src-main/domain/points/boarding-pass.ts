/**
 * The bar-coded boarding pass (IATA BCBP, Resolution 792, format "M"), as a travel-desk scanner
 * reads it from a PDF417 or QR code: who flies, which flight, the route and the date. Only the
 * mandatory items are read; each leg's conditional/airline section is skipped by its stated size,
 * and the security data after the legs is ignored.
 *
 * Layout (characters): format 'M' (1), legs 1–4 (1), passenger name (20), e-ticket flag (1); then
 * per leg: PNR (7), from (3), to (3), carrier (3), flight number (5), Julian date of flight (3),
 * compartment (1), seat (4), check-in sequence (5), passenger status (1), size of the variable
 * section in hex (2), the variable section.
 */

export interface BoardingPassLeg {
  pnr: string;
  origin: string;
  destination: string;
  carrier: string;
  /** Carrier and number as printed on screens: "AC834". */
  flight: string;
  /** Day of the year of the flight (1–366), as encoded. */
  dayOfYear: number;
  /** The flight date (YYYY-MM-DD) nearest to the reference date with that day of year. */
  date: string;
  compartment: string;
  seat: string;
  /** The frequent flyer programme and number, when the leg's conditional section carries them (items 236, 237). */
  frequentFlyer?: { airline: string; number: string };
}

export interface BoardingPass {
  /** "SURNAME/GIVEN NAMES" as encoded, trimmed. */
  passengerName: string;
  surname: string;
  givenNames: string;
  electronicTicket: boolean;
  legs: BoardingPassLeg[];
}

export type BoardingPassError =
  | { reason: 'notBcbp' }
  | { reason: 'tooShort'; at: number }
  | { reason: 'badField'; field: 'legs' | 'name' | 'airport' | 'carrier' | 'flight' | 'date' | 'variableSize'; leg?: number };

export type BoardingPassResult = { ok: true; pass: BoardingPass } | { ok: false; error: BoardingPassError };

const AIRPORT = /^[A-Z]{3}$/;
const CARRIER = /^[A-Z0-9]{2}[A-Z ]?$/;
const FLIGHT = /^\d{1,4}[A-Z]?\s*$/;
const DAY = /^\d{3}$/;
const HEX2 = /^[0-9A-Fa-f]{2}$/;

/** The calendar date with `dayOfYear` nearest to `reference` (a pass is scanned days, not months, from its flight). */
export function resolveFlightDate(dayOfYear: number, reference: Date): string {
  const y = reference.getUTCFullYear();
  let best: Date | null = null;
  for (const year of [y - 1, y, y + 1]) {
    const d = new Date(Date.UTC(year, 0, dayOfYear));
    if (d.getUTCFullYear() !== year) continue; // day 366 of a common year
    if (!best || Math.abs(d.getTime() - reference.getTime()) < Math.abs(best.getTime() - reference.getTime())) best = d;
  }
  return (best ?? new Date(Date.UTC(y, 0, dayOfYear))).toISOString().slice(0, 10);
}

/** Reads a scanned BCBP string. `reference` resolves the year of each flight date (the scan time). */
export function parseBoardingPass(raw: string, reference: Date): BoardingPassResult {
  const text = raw.replace(/[\r\n]+$/, '');
  if (text[0] !== 'M') return { ok: false, error: { reason: 'notBcbp' } };
  if (text.length < 23 + 37) return { ok: false, error: { reason: 'tooShort', at: text.length } };
  const legCount = Number(text[1]);
  if (!Number.isInteger(legCount) || legCount < 1 || legCount > 4) return { ok: false, error: { reason: 'badField', field: 'legs' } };
  const passengerName = text.slice(2, 22).trim();
  if (!passengerName) return { ok: false, error: { reason: 'badField', field: 'name' } };
  const [surname = '', givenNames = ''] = passengerName.split('/', 2);
  const legs: BoardingPassLeg[] = [];
  let at = 23;
  for (let i = 0; i < legCount; i++) {
    if (text.length < at + 37) return { ok: false, error: { reason: 'tooShort', at: text.length } };
    const field = (len: number): string => {
      const v = text.slice(at, at + len);
      at += len;
      return v;
    };
    const pnr = field(7).trim();
    const origin = field(3);
    const destination = field(3);
    const carrier = field(3);
    const flightNumber = field(5);
    const day = field(3);
    const compartment = field(1);
    const seat = field(4);
    field(5); // check-in sequence number
    field(1); // passenger status
    const size = field(2);
    if (!AIRPORT.test(origin) || !AIRPORT.test(destination)) return { ok: false, error: { reason: 'badField', field: 'airport', leg: i + 1 } };
    if (!CARRIER.test(carrier)) return { ok: false, error: { reason: 'badField', field: 'carrier', leg: i + 1 } };
    if (!FLIGHT.test(flightNumber)) return { ok: false, error: { reason: 'badField', field: 'flight', leg: i + 1 } };
    const dayOfYear = Number(day);
    if (!DAY.test(day) || dayOfYear < 1 || dayOfYear > 366) return { ok: false, error: { reason: 'badField', field: 'date', leg: i + 1 } };
    if (!HEX2.test(size)) return { ok: false, error: { reason: 'badField', field: 'variableSize', leg: i + 1 } };
    const variable = parseInt(size, 16);
    if (text.length < at + variable) return { ok: false, error: { reason: 'tooShort', at: text.length } };
    const frequentFlyer = frequentFlyerOf(text.slice(at, at + variable), i === 0);
    at += variable;
    const number = flightNumber.trim().replace(/^0+(?=\d)/, '');
    legs.push({
      pnr,
      origin,
      destination,
      carrier: carrier.trim(),
      flight: `${carrier.trim()}${number}`,
      dayOfYear,
      date: resolveFlightDate(dayOfYear, reference),
      compartment: compartment.trim(),
      seat: seat.trim().replace(/^0+(?=\d)/, ''),
      ...(frequentFlyer ? { frequentFlyer } : {}),
    });
  }
  return { ok: true, pass: { passengerName, surname: surname.trim(), givenNames: givenNames.trim(), electronicTicket: text[22] === 'E', legs } };
}

const FF_NUMBER = /^[A-Z0-9]{4,16}$/;

/**
 * The frequent flyer airline and number from a leg's variable section, or null. The first leg's
 * section opens with '>' , the version and the size (hex) of the items unique to the pass, which
 * are skipped; every leg's repeated items then start with their size (hex): airline numeric code
 * (3), document serial (10), selectee (1), document verification (1), marketing carrier (3),
 * frequent flyer airline (3), frequent flyer number (16). Anything that does not fit that layout
 * (no conditional items, a size that is not hex, blanks) reads as no number.
 */
export function frequentFlyerOf(variable: string, firstLeg: boolean): { airline: string; number: string } | null {
  let rest = variable;
  if (firstLeg) {
    if (rest[0] !== '>' || rest.length < 4 || !HEX2.test(rest.slice(2, 4))) return null;
    rest = rest.slice(4 + parseInt(rest.slice(2, 4), 16));
  }
  if (!HEX2.test(rest.slice(0, 2))) return null;
  const repeated = rest.slice(2, 2 + parseInt(rest.slice(0, 2), 16));
  const airline = repeated.slice(18, 21).trim();
  const number = repeated.slice(21, 37).trim();
  if (!CARRIER.test(repeated.slice(18, 21)) || !FF_NUMBER.test(number)) return null;
  return { airline, number };
}
