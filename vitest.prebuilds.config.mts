import { defineConfig } from "vitest/config"

// `npm run test:prebuilds`: every prebuild of `npm run prebuild:all`, checked statically and run
// wherever this machine can run it (other Node versions, Debian 11's glibc, qemu, wine). Slow the
// first time on a machine: it fetches Node binaries and Debian 11 packages into the user cache.
export default defineConfig({
  test: {
    include: ["test/platforms/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 600_000,
    retry: 0,
  },
})
