import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

// `npm test`: unit, parity, process, worker and example tests against the built addon and dist/: the
// binary scripts/ensure-built.mjs just built, named explicitly (lib/native.ts), never a prebuild
// in prebuilds/, unless ZEROMQ_TURBO_BINARY is set already (CI names a prebuild that way to run
// the suite against it); test files and the processes they start inherit the variable.
// Test files run in parallel child processes (2 on this project's reference machine); the tests
// inside a file run in order. No retries: a flaky test is a bug to fix, not to hide.
export default defineConfig({
  test: {
    include: ["test/{unit,parity,process,workers,scripts,examples}/**/*.test.ts"],
    // Builds zeromq@5, the v5-compat tests' second oracle, once (test/support/zeromq5-setup.ts).
    globalSetup: ["test/support/zeromq5-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    retry: 0,
    env: {
      ZEROMQ_TURBO_BINARY:
        process.env.ZEROMQ_TURBO_BINARY || fileURLToPath(new URL("./build/Release/zeromq_turbo.node", import.meta.url)),
    },
  },
})
