import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from bundled files only (app:// in Electron, http in the e2e harness).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, sourcemap: false, target: 'chrome130' },
});
