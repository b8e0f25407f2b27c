// Short receipt numbers a person can read out over the counter: terminal, day, sequence.
// "C1-20261122-0042" is the 42nd receipt of terminal "Counter 1" on 22 Nov 2026 (store time).

/**
 * A short code for a terminal name: the initials of its words and its digits
 * ("Counter 1" -> "C1", "Fuel Desk 2" -> "FD2"); names without Latin letters or digits
 * ("收银台") get "T". At most 6 characters.
 */
export function terminalCode(name: string): string {
  const words = name.normalize('NFKC').split(/[^A-Za-z0-9]+/).filter(Boolean);
  let code = '';
  for (const w of words) code += /^\d+$/.test(w) ? w : w[0]!.toUpperCase() + (w.match(/\d+$/)?.[0] ?? '');
  return (code || 'T').slice(0, 6);
}

/** The store's calendar day of an instant, as YYYYMMDD. */
export function receiptDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at).replaceAll('-', '');
}

export function formatReceiptNumber(code: string, day: string, sequence: number): string {
  return `${code}-${day}-${String(sequence).padStart(4, '0')}`;
}
