// Garbage collection of sockets, in child processes run with --expose-gc: a socket with a
// pending operation is never collected (where zeromq.js closes it), and sockets dropped without
// close() are collected and release their descriptors.
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { killAll, start } from "../support/child.js"

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
const gc = { execArgv: ["--expose-gc"] }

afterEach(() => killAll())

describe("a socket whose every reference was dropped", () => {
  it("is not collected while a receive is pending, which completes when a message arrives", async () => {
    const child = start(fixture("gc-pending.cjs"), ["zeromq-turbo", "receive"], gc)
    const exit = await child.exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).toBe("collected\nreceived hello\n")
  })

  it("is not collected while a send is pending, which completes when a peer connects", async () => {
    const child = start(fixture("gc-pending.cjs"), ["zeromq-turbo", "send"], gc)
    const exit = await child.exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).toBe("collected\nsent\npeer received hello\n")
  })

  // Parity case where we are deliberately better (docs/compatibility.md, deliberate differences).
  it("is, in zeromq.js, collected and closed while a receive is pending (rejecting it)", async () => {
    const child = start(fixture("gc-pending.cjs"), ["zeromq", "receive"], gc)
    await child.line(/^rejected EAGAIN$/)
    expect(await child.exited).toMatchObject({ code: 0, signal: null })
  })
})

describe("sockets dropped without close()", () => {
  it.runIf(process.platform === "linux")("are collected and release their file descriptors", async () => {
    // 10 rounds of 200 bound and 200 connected sockets: more than a context can hold at once.
    const child = start(fixture("dropped-sockets.cjs"), ["zeromq-turbo", "10", "200"], { ...gc, timeout: 25_000 })
    const exit = await child.exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).not.toMatch(/^leak/m)
    expect(exit.stdout).toMatch(/^done$/m)
  })
})

describe("an Observer dropped without close() or a read", () => {
  // libzmq sends monitor events with blocking sends from the context's I/O thread: the PAIR the
  // Observer reads them from, closed by its finalizer, blocked that thread for good.
  it("leaves the sockets of its context working once it is collected, and the process exits", async () => {
    const child = start(fixture("dropped-observer.cjs"), ["zeromq-turbo"], gc)
    const exit = await child.exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "", stdout: "collected\nreceived hello\n" })
  })
})
