/**
 * Money on screen: integer minor units formatted by Intl in the store currency.
 * The amount goes to Intl as an exact decimal string, never through a float.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const nf = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = nf.resolvedOptions().maximumFractionDigits ?? 2;
  const negative = minor < 0;
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const decimal = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return nf.format(`${negative ? '-' : ''}${decimal}` as unknown as number);
}

export type ParsedMoney = { ok: true; minor: number } | { ok: false; reason: 'empty' | 'format' | 'precision' | 'tooLarge' };

/** The largest amount a cashier may type: 100 million in major units. Anything above is a slip of the finger. */
export const MAX_TYPED_MAJOR = 100_000_000;

/**
 * A typed amount to integer minor units, exactly: "12.3" and "12.30" are 1230, "¥1,200" is
 * 120000. More decimals than the currency has are refused, never rounded; so are signs,
 * exponents and anything that is not a plain amount.
 */
export function parseMoney(text: string, fractionDigits = 2): ParsedMoney {
  const s = text.trim().replace(/^[¥￥$]/, '').replace(/,/g, '');
  if (s === '') return { ok: false, reason: 'empty' };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, reason: 'format' };
  const whole = m[1]!;
  const frac = m[2] ?? '';
  if (frac.length > fractionDigits) return { ok: false, reason: 'precision' };
  // Digits are joined as text, so no float ever holds a fraction of the amount.
  if (whole.replace(/^0+/, '').length > String(MAX_TYPED_MAJOR).length) return { ok: false, reason: 'tooLarge' };
  const minor = Number(whole + frac.padEnd(fractionDigits, '0'));
  if (minor > MAX_TYPED_MAJOR * 10 ** fractionDigits) return { ok: false, reason: 'tooLarge' };
  return { ok: true, minor };
}
