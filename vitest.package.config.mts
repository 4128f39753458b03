import { defineConfig } from "vitest/config"

// `npm run test:package`: the packaging checks (slow: npm pack, installs, source builds).
export default defineConfig({
  test: {
    include: ["test/package/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
    retry: 0,
  },
})
