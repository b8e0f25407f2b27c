// CSV files a manager opens in Excel: written as UTF-8 with a BOM (without it Excel shows Chinese
// as mojibake), read back as UTF-8 (with or without BOM) or as GBK/GB18030, which is what Excel
// on a Chinese Windows saves by default. Parsing is papaparse's (quoted fields with commas and
// line breaks, "" escapes); this module only decides the encoding and numbers the rows.
import iconv from 'iconv-lite';
import Papa from 'papaparse';

export type CsvEncoding = 'utf-8' | 'gb18030';

export interface CsvTable {
  encoding: CsvEncoding;
  /** Column names as written in the first row, trimmed and lower-cased. */
  header: string[];
  /** Data rows with the row number Excel shows (the header is row 1). */
  rows: { row: number; cells: Record<string, string> }[];
}

export type CsvReadError = { code: 'empty' } | { code: 'utf16' } | { code: 'malformed'; row: number; reason: string };

const BOM = [0xef, 0xbb, 0xbf];

/** Bytes to text: a UTF-8 BOM or valid UTF-8 is UTF-8; anything else is read as GB18030 (a superset of GBK and GB2312). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } | { error: CsvReadError } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return { error: { code: 'utf16' } };
  const hasBom = BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    if (hasBom) return { error: { code: 'malformed', row: 1, reason: 'not UTF-8 after a UTF-8 BOM' } };
    return { text: iconv.decode(Buffer.from(body), 'gb18030'), encoding: 'gb18030' };
  }
}

/** Decodes and parses a whole file; blank lines are skipped, cells are trimmed. */
export function readCsv(bytes: Uint8Array): CsvTable | { error: CsvReadError } {
  const decoded = decodeCsv(bytes);
  if ('error' in decoded) return decoded;
  const parsed = Papa.parse<string[]>(decoded.text, { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) return { error: { code: 'malformed', row: excelRow(decoded.text, fatal.index), reason: fatal.message } };
  const [head, ...data] = parsed.data;
  if (!head || head.every((c) => c.trim() === '')) return { error: { code: 'empty' } };
  const header = head.map((h) => h.trim().toLowerCase());
  // Excel row numbers count physical lines: a quoted cell with a line break spans two.
  const rowStarts = rowNumbers(decoded.text);
  const rows = data.map((cells, i) => ({
    row: rowStarts[i + 1] ?? i + 2,
    cells: Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? '').trim()])),
  }));
  return { encoding: decoded.encoding, header, rows };
}

/** The 1-based line number at which each non-blank record starts (quoted line breaks stay inside their record). */
function rowNumbers(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let inQuotes = false;
  let atStart = true;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (atStart) {
      starts.push(line);
      atStart = false;
      blank = true;
    }
    if (ch === '"') inQuotes = !inQuotes;
    if (ch === '\n') {
      line += 1;
      if (!inQuotes) {
        if (blank) starts.pop();
        atStart = true;
      }
    } else if (ch !== '\r' && !/\s|,/.test(ch)) blank = false;
  }
  if (!atStart && blank) starts.pop();
  return starts;
}

function excelRow(text: string, index: number | undefined): number {
  if (index === undefined) return 1;
  return text.slice(0, index).split('\n').length;
}

/** A table to CSV bytes Excel opens correctly: UTF-8 with BOM, CRLF line ends, quotes where needed. */
export function writeCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): Uint8Array {
  const text = Papa.unparse({ fields: [...header], data: rows.map((r) => r.map(String)) }, { newline: '\r\n', quotes: false, escapeFormulae: true });
  const body = new TextEncoder().encode(`${text}\r\n`);
  const out = new Uint8Array(body.length + 3);
  out.set(BOM, 0);
  out.set(body, 3);
  return out;
}
