// libzmq's endpoint calls fail with EINTR when a signal interrupts their wait for the socket's
// commands; the addon repeats them (native/errors.h Uninterrupted). A profiler's SIGPROF is
// the everyday such signal: 566 of these 10,000 calls failed with EINTR before.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, expect, it } from "vitest"
import { killAll, start } from "../support/child.js"

const fixture = fileURLToPath(new URL("./fixtures/interrupted.cjs", import.meta.url))

afterEach(() => killAll())

it.skipIf(process.platform === "win32")(
  "connects, disconnects, binds and unbinds while SIGPROF interrupts them",
  async () => {
    const profiles = mkdtempSync(join(tmpdir(), "zmqt-interrupted-"))
    try {
      const exit = await start(fixture, [], {
        execArgv: ["--cpu-prof", `--cpu-prof-dir=${profiles}`, "--cpu-prof-interval", "1"],
        timeout: 60_000,
      }).exited
      expect({ code: exit.code, stdout: exit.stdout.trim() }).toEqual({ code: 0, stdout: "0 failed" })
    } finally {
      rmSync(profiles, { recursive: true, force: true })
    }
  },
)
