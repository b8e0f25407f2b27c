import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * Three bundles. main holds two entries: the Electron host (`index`) and the browser
 * host (`browser-host`), which runs under plain Node where Electron is absent. Both
 * share one chunk of services. Dependencies stay external (native modules).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src-main/hosts/electron/main.ts'),
          'browser-host': resolve('src-main/hosts/browser/main.ts'),
          // The central server, for the demo's server next to the terminal (npm start --demo).
          'central-server': resolve('src-server/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load modules: one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
    plugins: [react()],
  },
});
