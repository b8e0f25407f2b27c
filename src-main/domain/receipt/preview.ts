// Plain-text preview of a receipt for the screen, from the same lines the printer gets.
import { COLUMNS_BY_PAPER_MM, displayWidth, layoutReceipt } from './layout';
import type { Receipt, ReceiptLine } from './receipt';

export function linesToText(lines: ReceiptLine[], columns: number): string {
  const out: string[] = [];
  for (const line of lines) {
    switch (line.kind) {
      case 'rule':
        out.push('-'.repeat(columns));
        break;
      case 'qr':
        out.push(center(`[QR ${line.payload}]`, columns));
        break;
      case 'feed':
        out.push('');
        break;
      case 'text':
        if (line.align === 'center') out.push(center(line.text, columns));
        else if (line.align === 'right') out.push(' '.repeat(Math.max(0, columns - displayWidth(line.text))) + line.text);
        else out.push(line.text);
    }
  }
  return out.join('\n');
}

function center(text: string, columns: number): string {
  const pad = Math.max(0, Math.floor((columns - displayWidth(text)) / 2));
  return ' '.repeat(pad) + text;
}

/** What the checkout screen shows before or instead of printing. */
export function receiptPreview(receipt: Receipt, paperMm: 58 | 80 = 80): string {
  const columns = COLUMNS_BY_PAPER_MM[paperMm];
  return linesToText(layoutReceipt(receipt, columns), columns);
}
