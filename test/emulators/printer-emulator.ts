// A receipt printer on a loopback TCP port (like a LAN printer on 9100). Every
// connection that carries bytes is one job, decoded into readable text, QR
// payloads, cuts and drawer kicks. stop() then start() simulates unplugging and
// replugging: the port stays the same and jobs received so far are kept.
import net from 'node:net';
import { decodeEscPos, type CommandSet, type DecodedJob } from './escpos-decoder';

export interface PrintedJob extends DecodedJob {
  id: number;
  receivedAt: string;
  bytes: number;
  raw: Buffer;
}

export interface PrinterEmulatorOptions {
  /** 0 picks a free port; the chosen port is reported and reused by restarts. */
  port?: number;
  host?: string;
  commandSet?: CommandSet;
}

export class PrinterEmulator {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly received: PrintedJob[] = [];
  private readonly waiters: (() => void)[] = [];
  private chosenPort: number;
  private readonly host: string;
  private readonly commandSet: CommandSet;

  constructor(options: PrinterEmulatorOptions = {}) {
    this.chosenPort = options.port ?? 0;
    this.host = options.host ?? '127.0.0.1';
    this.commandSet = options.commandSet ?? 'epson';
  }

  get port(): number {
    return this.chosenPort;
  }

  /** The address to put in printer settings. */
  get address(): string {
    return `tcp://${this.host}:${this.chosenPort}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<{ port: number; address: string }> {
    if (this.server) return { port: this.port, address: this.address };
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.chosenPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.chosenPort = (server.address() as net.AddressInfo).port;
    this.server = server;
    return { port: this.port, address: this.address };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      this.sockets.delete(socket);
      const raw = Buffer.concat(chunks);
      // Status probes connect and hang up without data: not a job.
      if (raw.length === 0) return;
      this.received.push({
        id: this.received.length + 1,
        receivedAt: new Date().toISOString(),
        bytes: raw.length,
        raw,
        ...decodeEscPos(raw, this.commandSet),
      });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Decoded jobs so far, oldest first (the e2e test and the demo read these). */
  jobs(): PrintedJob[] {
    return [...this.received];
  }

  /** Readable log of everything printed, one block per job. */
  log(): string {
    return this.received.map((j) => `#${j.id} ${j.receivedAt}\n${j.text}\n[qr: ${j.qr.join(', ')}] [cuts: ${j.cuts}] [drawer: ${j.drawerKicks}]`).join('\n\n');
  }

  clear(): void {
    this.received.length = 0;
  }

  /** Resolves once at least `count` jobs have arrived. */
  async waitForJobs(count: number, timeoutMs = 5000): Promise<PrintedJob[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`printer emulator: expected ${count} job(s), got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.jobs();
  }
}

/** Starts a printer emulator; `port: 0` picks a free port (see `.port` / `.address`). */
export async function startPrinterEmulator(options: PrinterEmulatorOptions = {}): Promise<PrinterEmulator> {
  const emulator = new PrinterEmulator(options);
  await emulator.start();
  return emulator;
}
