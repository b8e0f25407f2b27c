import { parseMoney } from '../../format/money';

/** 2635 centilitres -> "26.35", as text so no float ever holds the volume. */
export function formatLitres(centilitres: number): string {
  const abs = String(Math.abs(centilitres)).padStart(3, '0');
  return `${centilitres < 0 ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/** Typed litres to centilitres, exactly ("30" -> 3000, "30.25" -> 3025); more than two decimals is refused. */
export function parseLitres(text: string): number | null {
  const parsed = parseMoney(text.replace(/\s*[lL升]$/, ''), 2);
  return parsed.ok ? parsed.minor : null;
}

/** Typed yuan to fen. */
export function parseAmount(text: string): number | null {
  const parsed = parseMoney(text, 2);
  return parsed.ok ? parsed.minor : null;
}
