/**
 * How an amount of money is read aloud in Chinese, for the counter's voice announcements
 * ("会员卡收款一百二十八元，余额三百七十二元").
 *
 * The reading is a list of tokens, each one recorded clip in `resources/voice/zh-CN`
 * (digits 零..九, the units 十 百 千 万 亿, 元 角 分, 负): the announcer plays the clips in order
 * when the system has no Chinese voice, or speaks the joined text when it has one.
 *
 * The rules, as a cashier hears them on payment terminals:
 * - yuan read as a number with 万 / 亿 groups; a run of zeros inside is read as one 零
 *   (1005 → 一千零五, 10001 → 一万零一, 100010 → 十万零一十);
 * - a leading 一十 is read 十 (10 → 十, 15 → 十五, 100000 → 十万), but not inside (110 → 一百一十);
 * - 二 is always read 二 (二百, 二千): the formal reading, one clip per digit;
 * - 角 and 分 follow the yuan; a missing 角 between yuan and 分 is read 零 (1.05 → 一元零五分);
 *   no yuan → only 角/分 (0.50 → 五角); nothing at all → 零元;
 * - negative amounts (a refund) start with 负.
 * Amounts are integer fen (CNY minor units), never floats.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const SMALL_UNITS = ['', '十', '百', '千'] as const;
const GROUP_UNITS = ['', '万', '亿', '万亿'] as const;

/** Tokens of a whole number 0 < n < 10,000 within one 万 group (1005 → 一千零五). */
function groupTokens(n: number): string[] {
  const out: string[] = [];
  let pendingZero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      if (out.length > 0) pendingZero = true;
      continue;
    }
    if (pendingZero) out.push('零');
    pendingZero = false;
    out.push(DIGITS[d]!);
    if (SMALL_UNITS[pos]) out.push(SMALL_UNITS[pos]!);
  }
  return out;
}

/** Tokens of a whole number of yuan (0 → []). */
export function integerTokens(n: number): string[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole non-negative number: ${n}`);
  if (n === 0) return [];
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  const out: string[] = [];
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const value = groups[g]!;
    if (value === 0) {
      if (out.length > 0) zeroPending = true;
      continue;
    }
    // A group below 1000 after a higher group leaves its thousands place empty: read 零 (1,0005 → 一万零五).
    if (out.length > 0 && (zeroPending || value < 1000)) out.push('零');
    zeroPending = false;
    out.push(...groupTokens(value));
    if (GROUP_UNITS[g]) out.push(GROUP_UNITS[g]!);
  }
  // 一十 at the very start is read 十 (十元, 十五元, 十万).
  if (out[0] === '一' && out[1] === '十') out.shift();
  return out;
}

/** Clip tokens of an amount in fen: 12800 → [一, 百, 二, 十, 八, 元]. */
export function amountTokensZh(fen: number): string[] {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be an integer of fen, got ${fen}`);
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const cents = abs % 10;
  const out: string[] = negative ? ['负'] : [];
  if (yuan > 0) out.push(...integerTokens(yuan), '元');
  if (jiao > 0) out.push(DIGITS[jiao]!, '角');
  else if (cents > 0 && yuan > 0) out.push('零');
  if (cents > 0) out.push(DIGITS[cents]!, '分');
  if (yuan === 0 && jiao === 0 && cents === 0) return ['零', '元'];
  return out;
}

/** The amount as spoken text: 100500 → "一千零五元", 50 → "五角". */
export function readAmountZh(fen: number): string {
  return amountTokensZh(fen).join('');
}

/** English reading for an English screen: 12850 → "128.50 yuan". */
export function readAmountEn(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be an integer of fen, got ${fen}`);
  const sign = fen < 0 ? 'minus ' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${sign}${yuan}${rest ? `.${String(rest).padStart(2, '0')}` : ''} yuan`;
}
