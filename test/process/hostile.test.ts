// One line of JS that used to abort the whole process (issue 17), each in a child process of
// its own (test/process/fixtures/hostile.cjs): the child must print what happened and exit 0.
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { killAll, root, start } from "../support/child.js"

const fixture = fileURLToPath(new URL("./fixtures/hostile.cjs", import.meta.url))
const canLimit = process.platform === "linux" && spawnSync("prlimit", ["--version"]).status === 0

afterEach(() => killAll())

async function scenario(name: string) {
  const exit = await start(fixture, [name], { timeout: 20_000 }).exited
  return { code: exit.code, signal: exit.signal, stdout: exit.stdout.trim() }
}

describe.skipIf(process.platform === "win32")("context settings libzmq asserts on when it starts its threads", () => {
  // libzmq applies them inside each new thread (src/thread.cpp) and aborts if that fails; the
  // first socket of the context now tries them on probe threads and throws instead.
  it.each([
    ["an unknown scheduling policy", "sched-policy-invalid"],
    ["SCHED_FIFO with the default priority (0, outside 1-99)", "sched-policy-fifo-priority-0"],
    ["a CPU affinity of a CPU the machine does not have", "affinity-missing-cpu"],
  ])("makes the first socket throw for %s", async (_, name) => {
    const result = await scenario(name)
    expect(result.signal).toBeNull()
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^socket threw (EINVAL|EPERM)$/)
  })

  it.each([
    ["more I/O threads than a context may start (1024)", "io-threads-huge"],
    ["maxSockets of 2^31 - 1 (libzmq's slot count overflows an int)", "max-sockets-overflow"],
    ["maxSockets + ioThreads beyond an int", "max-sockets-and-io-threads-overflow"],
  ])("makes the first socket throw EINVAL for %s", async (_, name) => {
    expect(await scenario(name)).toEqual({ code: 0, signal: null, stdout: "socket threw EINVAL" })
  })

  it.skipIf(!canLimit)("makes the first socket throw EMFILE for I/O threads the descriptor limit cannot open", () => {
    const result = spawnSync("prlimit", ["--nofile=512", process.execPath, fixture, "io-threads-beyond-descriptors"], {
      cwd: root,
      encoding: "utf8",
      timeout: 20_000,
    })
    expect({ status: result.status, signal: result.signal, stdout: result.stdout.trim() }).toEqual({
      status: 0,
      signal: null,
      stdout: "socket threw EMFILE",
    })
  })
})

describe("a context whose socket slots are all taken, with inproc connects to names nobody bound", () => {
  // The sockets stay alive after close() until the context is terminated (as in zeromq.js),
  // and libzmq's termination creates a socket for each pending connect: it aborted (ctx.cpp:169)
  // when none could be created.
  it.each([
    ["a context of its own, one pending connect", "pending-inproc-connects-fill-a-context", 0],
    ["a context of its own, 40 pending connects from two sockets", "many-pending-inproc-connects-fill-a-context", 1],
    ["the default context", "pending-inproc-connects-fill-the-default-context", 1],
  ])("is terminated at exit without aborting, in %s", async (_, name, more) => {
    expect(await scenario(name)).toEqual({
      code: 0,
      signal: null,
      stdout: `slots full after ${more} more: threw EMFILE`,
    })
  })
})

describe("closed Routers whose inproc connects are still pending", () => {
  // libzmq completes a pending connect by sending the connecting socket a command and then
  // reading it (ctx.cpp:855 of 4.3.4); a closed Router could be freed by libzmq's reaper in
  // between. Seen only as AddressSanitizer reports (npm run test:asan), which these produced.
  it("exits cleanly when the process ends with them pending", async () => {
    expect(await scenario("closed-routers-pending-then-exit")).toEqual({
      code: 0,
      signal: null,
      stdout: "closed 300 routers",
    })
  })

  it("binds each of their names afterwards", async () => {
    expect(await scenario("closed-routers-pending-then-bound")).toEqual({
      code: 0,
      signal: null,
      stdout: "bound 300 names",
    })
  })
})

describe("a message whose frame's toString() uses the same socket", () => {
  it("sends the whole message when it closes the socket, and closes it afterwards", async () => {
    expect(await scenario("send-frame-closes-socket")).toEqual({
      code: 0,
      signal: null,
      stdout: 'resolved ["A","B","C"]',
    })
  })

  it("rejects a bind started from it with EBUSY", async () => {
    expect(await scenario("send-frame-binds-socket")).toEqual({ code: 0, signal: null, stdout: "bind rejected EBUSY" })
  })
})
