import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../ops/logging';
import { createServices, type Services } from '../../services';
import { DEMO_STAFF } from '../../services/demo';
import { APP_VERSION } from '../../version';
import { parseHostArgs } from '../shared/data-dir';
import { startProblem } from '../shared/start-errors';
import { startBrowserHost } from './server';
import { startDemoEmulators } from './demo-emulators';
import { clockFromEnv } from '../shared/test-clock';
import { DEMO_ADMIN, connectDemoServer, startDemoServer, wantsDemoServer, type DemoServer } from '../shared/demo-server';
import { DEMO_STORE_NAME } from '../../services/demo';

/**
 * The browser host: the same services as the Electron app, served to a browser on
 * loopback. Used for development, for the end-to-end tests, and where Electron is absent.
 */
async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = process.env.POS_RENDERER_DIR ?? path.join(here, '../renderer');
  let services: Services;
  const now = clockFromEnv();
  // The demo store runs on emulated devices: a LAN printer, a serial scanner and pump
  // controller on socat ptys, and a card reader fed by `demo.tapCard`.
  const emulators = args.emulators ? await startDemoEmulators(args.dataDir) : null;
  // And a central server next to it, with the back office, that the demo terminal enrolls with.
  let demoServer: DemoServer | null = null;
  try {
    if (args.demo && wantsDemoServer(process.argv)) {
      demoServer = await startDemoServer({ entry: path.join(here, 'central-server.js'), dataDir: path.join(args.dataDir, 'server'), storeName: DEMO_STORE_NAME });
    }
    services = await createServices({
      dataDir: args.dataDir,
      host: 'browser',
      version: APP_VERSION,
      demo: args.demo,
      logger: createLogger(args.dataDir, { echo: true }),
      // POS_LOW_DISK_BYTES moves the free-space warning's threshold (tests; a store with a small disk).
      ...(Number(process.env.POS_LOW_DISK_BYTES) > 0 ? { lowDiskBytes: Number(process.env.POS_LOW_DISK_BYTES) } : {}),
      ...(emulators ? { devices: emulators.services } : {}),
      ...(now ? { now } : {}),
    });
  } catch (e) {
    const problem = startProblem(e);
    await emulators?.stop();
    await demoServer?.stop();
    if (problem) {
      console.error(problem);
      process.exit(1);
    }
    throw e;
  }
  if (demoServer) await connectDemoServer(services.sync, demoServer).catch((e: unknown) => console.error('The demo terminal could not enroll with the demo server:', e));
  const host = await startBrowserHost({ services, rendererDir, port: args.port });
  console.log(`Counter POS ${APP_VERSION} (browser host) is running at ${host.openUrl}`);
  console.log(`Data: ${args.dataDir}`);
  if (args.demo) {
    console.log('Demo store. Sign in as:');
    for (const s of DEMO_STAFF) console.log(`  ${s.name.padEnd(16)} ${s.role.padEnd(8)} PIN ${s.pin}`);
    if (demoServer) console.log(`Demo central server: back office at ${demoServer.backOfficeUrl} (user ${DEMO_ADMIN.username}, password ${DEMO_ADMIN.password}); the terminal is enrolled with it. Stop and start it from the Sync screen.`);
  }
  if (emulators) console.log(`Emulated devices: receipt printer at ${emulators.printerAddress} (what it prints goes to ${emulators.printLog}), scanner, pump controller, card reader.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await services.close();
    await emulators?.stop();
    await demoServer?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Test harnesses start the host with a pipe on stdin: when their process ends, so does the host.
  if (process.env.POS_EXIT_WITH_PARENT === '1') {
    process.stdin.on('end', () => void stop());
    process.stdin.on('error', () => void stop());
    process.stdin.resume();
  }
}

main().catch((e: unknown) => {
  console.error('Counter POS could not start:', e);
  process.exit(1);
});
