// Presents a barcode to a serial scanner port: writes the code and the scanner's
// terminator into the device end of a pty pair, as a real scanner would.
import { SerialPort } from 'serialport';

export type Terminator = 'CR' | 'LF' | 'CRLF' | 'TAB';
const BYTES: Record<Terminator, string> = { CR: '\r', LF: '\n', CRLF: '\r\n', TAB: '\t' };

export class ScannerPresenter {
  private port: SerialPort | undefined;

  constructor(
    private readonly devicePath: string,
    private readonly terminator: Terminator = 'CR',
    private readonly baudRate = 9600,
  ) {}

  async start(): Promise<void> {
    if (this.port?.isOpen) return;
    const port = new SerialPort({ path: this.devicePath, baudRate: this.baudRate, autoOpen: false });
    port.on('error', () => {});
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    this.port = port;
  }

  /** Scans one code: the bytes of the code followed by the terminator. */
  async scan(code: string): Promise<void> {
    await this.writeRaw(Buffer.from(code + BYTES[this.terminator], 'utf8'));
  }

  /** Writes arbitrary bytes, e.g. a malformed frame. */
  async writeRaw(bytes: Buffer): Promise<void> {
    if (!this.port?.isOpen) await this.start();
    const port = this.port!;
    await new Promise<void>((resolve, reject) => port.write(bytes, (err) => (err ? reject(err) : port.drain(() => resolve()))));
  }

  async stop(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}

export async function startScannerPresenter(devicePath: string, terminator: Terminator = 'CR'): Promise<ScannerPresenter> {
  const presenter = new ScannerPresenter(devicePath, terminator);
  await presenter.start();
  return presenter;
}
