export type { Receipt, ReceiptItem, ReceiptTender, ReceiptBalance, ReceiptLine, ReceiptLocale } from './receipt';
export { layoutReceipt, displayWidth, wrapToWidth, formatReceiptTime, COLUMNS_BY_PAPER_MM } from './layout';
export { receiptPreview, linesToText } from './preview';
export { formatMoney, toDecimalString, minorDigits } from './money';
