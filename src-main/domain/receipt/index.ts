export type { Receipt, ReceiptItem, ReceiptTender, ReceiptBalance, ReceiptLine, ReceiptLocale, ReceiptKind, ReceiptDetail, ReceiptHeader, ReceiptLookup } from './receipt';
export { layoutReceipt, formatReceiptTime, printedMoney, COLUMNS_BY_PAPER_MM } from './layout';
export { displayWidth, charWidth, wrapToWidth, printable, hasControlCharacters, type TextMode } from './text';
export { receiptTotals, receiptProblems, type ReceiptTotals } from './totals';
export { terminalCode, receiptDay, formatReceiptNumber } from './number';
export { receiptPreview, linesToText } from './preview';
export { formatMoney, moneyParams, toDecimalString, minorDigits } from './money';
