// The X/Z report as a PDF (A4, one table of the same rows as the paper and the CSV), drawn by
// pdfkit with a CJK font so Chinese names print. The font is located, not shipped (a Noto CJK
// collection is ~19 MB): POS_CJK_FONT names a .ttf/.otf/.ttc file; otherwise the usual places of
// Debian's fonts-noto-cjk, Windows (Microsoft YaHei, SimSun) and macOS (PingFang) are tried.
// Without any, the export is refused with PDF_FONT_MISSING rather than printing empty boxes.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { PosError } from '../../domain/errors';
import { reportRows, type DayReport } from '../../domain/settlement';
import type { ReceiptLocale } from '../../domain/receipt';

/** Font files tried in order, with the face to take from a collection (.ttc). */
const CANDIDATES: { file: string; face?: string }[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { file: 'C:\\Windows\\Fonts\\msyh.ttc', face: 'MicrosoftYaHei' },
  { file: 'C:\\Windows\\Fonts\\simsun.ttc', face: 'SimSun' },
  { file: '/System/Library/Fonts/PingFang.ttc', face: 'PingFangSC-Regular' },
];

export function locateCjkFont(env: NodeJS.ProcessEnv = process.env): { file: string; face?: string } | null {
  const own = env.POS_CJK_FONT;
  if (own) return fs.existsSync(own) ? { file: own, ...(env.POS_CJK_FONT_FACE ? { face: env.POS_CJK_FONT_FACE } : {}) } : null;
  return CANDIDATES.find((c) => fs.existsSync(c.file)) ?? null;
}

export function reportPdf(report: DayReport, ctx: { storeName: string; locale: ReceiptLocale }): Promise<Buffer> {
  const font = locateCjkFont();
  if (!font) throw new PosError('PDF_FONT_MISSING');
  return new Promise<Buffer>((resolve, reject) => {
    // A fixed creation date keeps the file the same for the same report (no clock in the PDF).
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `${report.kind} ${report.day}`, CreationDate: new Date(report.generatedAt) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', font.file, font.face);
    doc.font('cjk');
    const title = ctx.locale === 'zh-CN' ? (report.kind === 'Z' ? 'Z 日结报表' : 'X 报表') : report.kind === 'Z' ? 'Z report' : 'X report';
    doc.fontSize(16).text(`${ctx.storeName} · ${title} · ${report.day}`);
    doc.moveDown(0.5);
    let section = '';
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    for (const row of reportRows(report, ctx.locale)) {
      if (row.section !== section) {
        section = row.section;
        doc.moveDown(0.4).fontSize(12).text(section, left);
      }
      const y = doc.y;
      doc.fontSize(10).text(row.label, left + 12, y, { width: width * 0.62 });
      const after = doc.y;
      doc.text(row.value, left + width * 0.64, y, { width: width * 0.36, align: 'right' });
      doc.y = Math.max(after, doc.y);
    }
    doc.end();
  });
}
