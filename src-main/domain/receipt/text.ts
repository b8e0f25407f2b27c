// Text as it reaches paper: what is safe to send, and how many columns it takes.
//
// The column count must follow the bytes the printer actually receives, not Unicode's idea
// of width: in a printer's Chinese (multi-byte) mode every character sent as more than one
// byte prints full width (2 columns), so `¥`, `·` and `’` take two columns there although
// a terminal shows them narrow. Counting them as 1 made money lines 49/48 columns wide and
// the printer wrapped the last digit onto a line of its own.

/**
 * How text is encoded for the printer, which decides its width:
 * - 'multibyte': GB18030 in the printer's Chinese mode. ASCII is one byte and one column;
 *   every other character is 2 or 4 bytes and prints 2 columns.
 * - 'single-byte': a single-byte code page (no Chinese): every character is one column.
 * - 'unicode': drawn by a font (raster mode, the screen): East Asian wide characters are 2.
 */
export type TextMode = 'multibyte' | 'single-byte' | 'unicode';

function isEastAsianWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Columns one character takes on paper in the given mode. */
export function charWidth(ch: string, mode: TextMode = 'multibyte'): number {
  const cp = ch.codePointAt(0) ?? 0;
  switch (mode) {
    case 'multibyte':
      // GB18030 encodes exactly U+0000..U+007F as one byte; everything else is 2 or 4 bytes.
      return cp < 0x80 ? 1 : 2;
    case 'single-byte':
      return 1;
    case 'unicode':
      return isEastAsianWide(cp) ? 2 : 1;
  }
}

/** Columns a string occupies on the printer in the given mode. */
export function displayWidth(text: string, mode: TextMode = 'multibyte'): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch, mode);
  return width;
}

// C0 controls (ESC, GS, FS, DLE ... and CR/LF/TAB), DEL, C1 controls, and Unicode format
// characters that reorder or hide text (bidi overrides, zero-width joiners, BOM).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;

/**
 * Text a person typed, made safe for a receipt: control characters removed (a note holding
 * `ESC p` would open the drawer, `GS V` would cut the paper), line breaks and tabs turned
 * into spaces. Everything printable is kept.
 */
export function printable(text: string): string {
  return text.replace(/[\t\n\r\v\f\u2028\u2029]+/g, ' ').replace(CONTROL, '');
}

/** True when text holds a character that `printable` would remove (refuse it where a name is stored). */
export function hasControlCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}

/**
 * Splits text into lines of at most `columns` display columns, breaking after a space when
 * the line has one (English words stay whole) and anywhere otherwise (Chinese has no spaces).
 */
export function wrapToWidth(text: string, columns: number, mode: TextMode = 'multibyte'): string[] {
  const out: string[] = [];
  let line: string[] = [];
  let width = 0;
  for (const ch of text) {
    const w = charWidth(ch, mode);
    if (width + w > columns && line.length > 0) {
      const space = line.lastIndexOf(' ');
      const carry = space > 0 ? line.splice(space + 1) : [];
      out.push(line.join('').trimEnd());
      line = carry;
      width = displayWidth(carry.join(''), mode);
    }
    if (line.length === 0 && ch === ' ') continue;
    line.push(ch);
    width += w;
  }
  if (line.length > 0 || out.length === 0) out.push(line.join(''));
  return out;
}
