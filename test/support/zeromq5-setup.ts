// vitest global setup: builds zeromq@5 (the v5-compat tests' second oracle) once, before any
// test file runs, and hands its location (or why it could not be built) to the test files
// through provide()/inject(); see test/support/zeromq5.ts.
import type { TestProject } from "vitest/node"
import { ensureZeromq5 } from "../../scripts/zeromq5.mjs"

export default function setup(project: TestProject): void {
  project.provide("zeromq5", ensureZeromq5())
}

declare module "vitest" {
  export interface ProvidedContext {
    zeromq5: { path: string; error?: undefined } | { path?: undefined; error: string }
  }
}
