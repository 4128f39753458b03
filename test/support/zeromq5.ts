// zeromq@5 (the legacy binding zeromq-turbo/v5-compat must behave like), built by the global
// setup (test/support/zeromq5-setup.ts, scripts/zeromq5.mjs). Where it could not be built the
// tests that need it are skipped with the reason, except in CI (CI=true), where that fails.
import { createRequire } from "node:module"
import { inject } from "vitest"

const require = createRequire(import.meta.url)
const built = inject("zeromq5")

if (built.error !== undefined) {
  if (process.env.CI) throw new Error(built.error)
  console.warn(`skipping the zeromq@5 oracle: ${built.error}`)
}

/** zeromq@5's package directory (for child processes), or undefined if it could not be built. */
export const zeromq5Path: string | undefined = built.path

/** zeromq@5 itself, loaded into this process, or undefined. */
export const zeromq5: typeof import("zeromq/v5-compat") | undefined =
  built.path === undefined ? undefined : require(built.path)
