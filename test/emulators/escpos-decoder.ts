// Decodes the bytes a receipt printer receives into what a person would see on
// paper: text lines (GB18030 in Chinese mode), QR payloads, cuts, drawer kicks
// and raster images. Covers the EPSON ESC/POS and STAR line-mode commands that
// node-thermal-printer emits; an unknown command is recorded, not fatal.
import iconv from 'iconv-lite';

export type CommandSet = 'epson' | 'star';

export interface DecodedJob {
  lines: string[];
  /** All lines joined with \n, for toContain() assertions. */
  text: string;
  qr: string[];
  cuts: number;
  drawerKicks: number;
  images: { widthDots: number; heightDots: number }[];
  /** Whether the job switched the printer into Chinese (GB18030) mode: EPSON FS &, STAR ESC $ 1. */
  chineseMode: boolean;
  /**
   * Columns each line takes on paper, counted from the bytes received: in Chinese mode a
   * GB18030 lead byte starts a 2- or 4-byte character printed 2 columns wide; otherwise one
   * byte is one column; text enlarged with GS ! / ESC i counts its width multiple.
   */
  lineColumns: number[];
  /** The raw bytes of each text line, for checks such as "the yen sign is A3 A4". */
  lineBytes: Buffer[];
  unknown: string[];
}

const CP_BY_ESC_T: Record<number, string> = { 0: 'cp437', 2: 'cp850', 16: 'cp1252', 17: 'cp866', 19: 'cp858' };

export function decodeEscPos(data: Buffer, commandSet: CommandSet = 'epson'): DecodedJob {
  const job: DecodedJob = { lines: [], text: '', qr: [], cuts: 0, drawerKicks: 0, images: [], chineseMode: false, lineColumns: [], lineBytes: [], unknown: [] };
  let chinese = false;
  let widthMultiple = 1;
  let columns = 0;
  let codePage = 'cp437';
  let pending: number[] = [];
  let qrStore = '';

  const flush = (force: boolean) => {
    if (!force && pending.length === 0) return;
    const bytes = Buffer.from(pending);
    // GB18030 only inside the printer's Chinese mode (EPSON FS &, STAR ESC $ 1).
    const encoding = chinese ? 'gb18030' : codePage;
    job.lines.push(iconv.decode(bytes, encoding));
    job.lineBytes.push(bytes);
    job.lineColumns.push(columns);
    columns = 0;
    pending = [];
  };
  /** Takes the text bytes from i on, counting their printed columns; returns how many bytes it took. */
  const takeText = (): number => {
    const b = data[i]!;
    let n = 1;
    if (chinese && b >= 0x81 && b <= 0xfe) n = data[i + 1] !== undefined && data[i + 1]! >= 0x30 && data[i + 1]! <= 0x39 ? 4 : 2;
    for (let k = 0; k < n && i + k < data.length; k++) pending.push(data[i + k]!);
    columns += (n > 1 ? 2 : 1) * widthMultiple;
    return n;
  };

  let i = 0;
  const at = (k: number) => data[i + k] ?? 0;
  while (i < data.length) {
    const b = data[i]!;
    if (b === 0x0a) {
      flush(true);
      i += 1;
    } else if (b === 0x0d || b === 0x09 || b === 0x0b || b === 0x0f || b === 0x12) {
      // CR, HT, (STAR) VT, (STAR) upside-down on/off: no visible text
      i += 1;
    } else if (b === 0x07 && commandSet === 'star') {
      job.drawerKicks += 1; // BEL fires drawer 1 after ESC BEL set its pulse
      i += 1;
    } else if (b === 0x1b) {
      i += decodeEsc();
    } else if (b === 0x1d) {
      i += decodeGs();
    } else if (b === 0x1c) {
      const c = at(1);
      if (c === 0x26) {
        chinese = true;
        job.chineseMode = true;
        i += 2;
      } else if (c === 0x2e) {
        chinese = false;
        i += 2;
      } else if (c === 0x43 || c === 0x21) {
        i += 3; // FS C n (code system), FS ! n (kanji print mode)
      } else {
        job.unknown.push(`FS ${c.toString(16)}`);
        i += 2;
      }
    } else if (b < 0x20) {
      job.unknown.push(`CTL ${b.toString(16)}`);
      i += 1;
    } else {
      i += takeText();
    }
  }
  flush(false);
  job.text = job.lines.join('\n');
  return job;

  function decodeEsc(): number {
    const c = at(1);
    if (commandSet === 'star') {
      if (c === 0x1d) {
        const d = at(2);
        if (d === 0x61 || d === 0x74) return 4; // ESC GS a n (align), ESC GS t n (code page)
        if (d === 0x79) return decodeStarQr();
      }
      if (c === 0x64) {
        if (at(2) === 2 || at(2) === 3) job.cuts += 1; // ESC d 2/3: full/partial cut
        return 3;
      }
      if (c === 0x69) {
        widthMultiple = at(3) + 1; // ESC i n1 n2: height n1+1, width n2+1
        return 4;
      }
      if (c === 0x24) {
        // ESC $ n: multi-byte (Kanji/Chinese) character mode on (1, '1') or off (0, '0')
        chinese = at(2) === 1 || at(2) === 0x31;
        if (chinese) job.chineseMode = true;
        return 3;
      }
      if (c === 0x45 || c === 0x46 || c === 0x34 || c === 0x35 || c === 0x40) return 2;
      if (c === 0x1e) return 4; // ESC RS F n font
      if (c === 0x07) return 4; // ESC BEL n1 n2 drawer pulse width
    }
    switch (c) {
      case 0x40: // ESC @ init: modes reset, Chinese mode off
        chinese = false;
        widthMultiple = 1;
        return 2;
      case 0x32:
        return 2;
      case 0x21: // ESC ! n: print mode; bit 5 is double width
        widthMultiple = at(2) & 0x20 ? 2 : 1;
        return 3;
      case 0x61: case 0x45: case 0x47: case 0x2d: case 0x4d: case 0x7b: case 0x33: case 0x52: case 0x3d:
        return 3;
      case 0x74:
        codePage = CP_BY_ESC_T[at(2)] ?? 'cp437';
        return 3;
      case 0x64: // ESC d n: feed n lines
        for (let n = 0; n < at(2); n++) flush(true);
        return 3;
      case 0x70: // ESC p m t1 t2: drawer kick
        job.drawerKicks += 1;
        return 5;
      case 0x42:
        return 4; // ESC B n t beep
      default:
        job.unknown.push(`ESC ${c.toString(16)}`);
        return 2;
    }
  }

  function decodeGs(): number {
    const c = at(1);
    switch (c) {
      case 0x56: // GS V m [n]: cut
        job.cuts += 1;
        return at(2) === 65 || at(2) === 66 ? 4 : 3;
      case 0x21: // GS ! n: character size, width multiple in the high nibble
        widthMultiple = ((at(2) >> 4) & 7) + 1;
        return 3;
      case 0x42:
        return 3;
      case 0x28: {
        // GS ( k pL pH cn fn ...: 2D symbols; fn 0x50 stores QR data, fn 0x51 prints it
        const len = at(3) + at(4) * 256;
        if (at(2) === 0x6b && at(5) === 0x31) {
          if (at(6) === 0x50) qrStore = data.subarray(i + 8, i + 5 + len).toString('latin1');
          if (at(6) === 0x51) job.qr.push(qrStore);
        }
        return 5 + len;
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d1...dk: raster bit image
        const widthBytes = at(4) + at(5) * 256;
        const height = at(6) + at(7) * 256;
        job.images.push({ widthDots: widthBytes * 8, heightDots: height });
        return 8 + widthBytes * height;
      }
      default:
        job.unknown.push(`GS ${c.toString(16)}`);
        return 2;
    }
  }

  function decodeStarQr(): number {
    // ESC GS y S 0|1|2 n: model, correction, cell size; ESC GS y D 1 m nL nH d...: data; ESC GS y P: print
    const op = at(3);
    if (op === 0x53) return 6;
    if (op === 0x44) {
      const len = at(6) + at(7) * 256;
      qrStore = data.subarray(i + 8, i + 8 + len).toString('latin1');
      return 8 + len;
    }
    if (op === 0x50) {
      job.qr.push(qrStore);
      return 4;
    }
    job.unknown.push(`ESC GS y ${op.toString(16)}`);
    return 4;
  }
}
