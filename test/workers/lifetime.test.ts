// Sockets of worker threads: closed when their worker ends, and no crash however the worker
// ends. Each scenario runs in a child process whose main thread starts the workers
// (test/workers/fixtures), and the test asserts that child's exit: a crash during a worker's
// teardown is a signal there, not a dead test runner.
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { killAll, start } from "../support/child.js"

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

/** Exiting "promptly" (as in test/process/exit.test.ts). */
const PROMPT_MS = 1500

afterEach(() => killAll())

describe("a worker's sockets", () => {
  it("are closed when the worker exits by itself", async () => {
    const exit = await start(fixture("closed-on-exit.cjs"), ["zeromq-turbo", "exit"]).exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "", stdout: "worker exit 0\ndisconnected\n" })
  })

  it("are closed when the worker is terminated with a receive pending", async () => {
    const exit = await start(fixture("closed-on-exit.cjs"), ["zeromq-turbo", "terminate"]).exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "", stdout: "worker exit 1\ndisconnected\n" })
  })
})

describe("worker.terminate()", () => {
  it("does not crash the process when 50 workers with open sockets are terminated", async () => {
    const child = start(fixture("churn.cjs"), ["zeromq-turbo", "50", "main"], { timeout: 25_000 })
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "", stdout: "done 50\n" })
  })

  it("does not crash the process when 50 workers with open sockets are terminated and only workers load the addon", async () => {
    const child = start(fixture("churn.cjs"), ["zeromq-turbo", "50", "workers-only"], { timeout: 25_000 })
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "", stdout: "done 50\n" })
  })

  // UV_THREADPOOL_SIZE=1 and a busy threadpool keep the bind queued until after terminate().
  const busyPool = { env: { UV_THREADPOOL_SIZE: "1" } }

  it("does not crash the process when the worker has a pending receive and a bind in progress", async () => {
    const child = start(fixture("terminate-busy.cjs"), ["zeromq-turbo", "no-message"], busyPool)
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "", stdout: "worker exit 1\ndone\n" })
  })

  it("does not crash the process when a message for the pending receive arrives during the teardown", async () => {
    const child = start(fixture("terminate-busy.cjs"), ["zeromq-turbo", "message-during-teardown"], busyPool)
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "", stdout: "worker exit 1\ndone\n" })
  })

  it("does not crash the process when terminated in a readiness callback with another one due", async () => {
    const child = start(fixture("terminate-in-callback.cjs"), ["zeromq-turbo"])
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "", stdout: "worker exit 1\ndone\n" })
  })
})

describe("the process exit after worker.terminate()", () => {
  it("is not held up by a worker's proxy that was blocked sending in the default context", async () => {
    const child = start(fixture("proxy-abandoned.cjs"), ["zeromq-turbo"], { timeout: 5_000 })
    await child.line(/^worker exit 1$/)
    const since = Date.now()
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(Date.now() - since).toBeLessThan(PROMPT_MS)
  })
})

// libzmq sends monitor events with blocking sends from the context's I/O thread: an observation
// the worker's teardown ended badly blocked that thread, and every socket served by it.
describe("the default context after workers that observed a socket ended without closing it", () => {
  it.each([
    ["exited", "exit"],
    ["were terminated", "terminate"],
  ])("still connects the main thread's sockets and passes their messages when the workers %s", async (_, mode) => {
    const child = start(fixture("observed-on-exit.cjs"), ["zeromq-turbo", mode, "5", "4"])
    expect(await child.exited).toMatchObject({
      code: 0,
      signal: null,
      stderr: "",
      stdout: "workers ended\nreceived hello\n",
    })
  })
})
