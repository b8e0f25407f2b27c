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
