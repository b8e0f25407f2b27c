// Money on receipts: integer minor units formatted by Intl, never through a float.

// Building an Intl formatter costs far more than using one (most of a receipt's layout time): keep them.
const formats = new Map<string, Intl.NumberFormat>();
function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { style: 'currency', currency })));
  return f;
}

/** Decimal places of a currency (CNY 2, JPY 0), as Intl knows them. */
export function minorDigits(currency: string): number {
  return currencyFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Exact decimal string of an integer minor-unit amount: 1230 CNY -> "12.30". */
export function toDecimalString(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money must be an integer of minor units, got ${minor}`);
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return sign + abs;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** Localized money text: 1230 CNY in zh-CN -> "¥12.30". Intl formats the exact decimal string. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const fmt = currencyFormat(locale, currency);
  // A decimal string keeps the value exact (Intl.NumberFormat v3 accepts numeric strings).
  return fmt.format(toDecimalString(minor, currency) as Intl.StringNumericLiteral);
}

/** A money parameter of a refusal in both languages: `{shortEn}` "CN¥3.00", `{shortZh}` "¥3.00". */
export function moneyParams(name: string, minor: number, currency: string): Record<string, string> {
  return { [`${name}En`]: formatMoney(minor, currency, 'en'), [`${name}Zh`]: formatMoney(minor, currency, 'zh-CN') };
}

export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}
