// The default context is one libzmq context shared by the main thread and every worker thread,
// so inproc:// endpoints connect across threads. Each scenario runs in a child process whose
// main thread starts the workers (test/workers/fixtures/inproc.cjs), so a crash at a worker's
// exit shows up as that child's exit signal.
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { killAll, start } from "../support/child.js"

const fixture = fileURLToPath(new URL("./fixtures/inproc.cjs", import.meta.url))

afterEach(() => killAll())

describe("inproc:// between threads", () => {
  it("delivers a message from a worker to the main thread", async () => {
    const exit = await start(fixture, ["zeromq-turbo", "worker-sends"]).exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).toBe("main received from worker\nworker exit 0\n")
  })

  it("delivers a message from the main thread to a worker", async () => {
    const exit = await start(fixture, ["zeromq-turbo", "main-sends"]).exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).toBe("worker received from main\nworker exit 0\n")
  })

  it("carries a request and its reply between two workers", async () => {
    const exit = await start(fixture, ["zeromq-turbo", "between-workers"]).exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).toBe("worker A received ping\nworker B received pong\nworker A exit 0\nworker B exit 0\n")
  })

  it("completes round trips between a Request on the main thread and a Reply in a worker", async () => {
    const exit = await start(fixture, ["zeromq-turbo", "request-reply"]).exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).toBe("main received 1000 answers\nworker exit 0\n")
  })
})
