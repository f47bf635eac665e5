import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Unit and service tests sit beside their code. Renderer tests opt into happy-dom per file.
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A private TMPDIR for the run; fails the run when a test leaves something in it.
    globalSetup: ['scripts/test-temp-guard.ts'],
  },
});
