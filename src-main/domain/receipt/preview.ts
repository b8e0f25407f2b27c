// Plain-text preview of a receipt for the screen, from the same lines the printer gets.
import { COLUMNS_BY_PAPER_MM, layoutReceipt } from './layout';
import type { Receipt, ReceiptLine } from './receipt';
import { displayWidth, type TextMode } from './text';

export function linesToText(lines: ReceiptLine[], columns: number, mode: TextMode = 'multibyte'): string {
  const center = (text: string) => ' '.repeat(Math.max(0, Math.floor((columns - displayWidth(text, mode)) / 2))) + text;
  const out: string[] = [];
  for (const line of lines) {
    switch (line.kind) {
      case 'rule':
        out.push('-'.repeat(columns));
        break;
      case 'qr':
        out.push(center(`[QR ${line.payload}]`));
        break;
      case 'feed':
        out.push('');
        break;
      case 'text':
        if (line.align === 'center') out.push(center(line.text));
        else if (line.align === 'right') out.push(' '.repeat(Math.max(0, columns - displayWidth(line.text, mode))) + line.text);
        else out.push(line.text);
    }
  }
  return out.join('\n');
}

/** What the screen shows: the receipt laid out exactly as the printer lays it out. */
export function receiptPreview(receipt: Receipt, paperMm: 58 | 80 = 80, mode: TextMode = 'multibyte'): string {
  const columns = COLUMNS_BY_PAPER_MM[paperMm];
  return linesToText(layoutReceipt(receipt, columns, mode), columns, mode);
}
