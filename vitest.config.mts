import { defineConfig } from "vitest/config"

// `npm test`: unit, parity, process, worker and example tests against the built addon and dist/.
// Test files run in parallel child processes (2 on this project's reference machine); the tests
// inside a file run in order. No retries: a flaky test is a bug to fix, not to hide.
export default defineConfig({
  test: {
    include: ["test/{unit,parity,process,workers,scripts,examples}/**/*.test.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    retry: 0,
  },
})
