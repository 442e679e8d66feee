import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['scripts/fuzz/*.fuzz.ts'], testTimeout: 6 * 3600_000 },
});
