// How a process using sockets exits: promptly when nothing is pending, not while a receive or
// send is pending, and with queued undelivered messages as zeromq.js does (linger and blocky).
// Each scenario runs in a child process (test/process/fixtures) and the test asserts its exit.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, afterEach, describe, expect, it } from "vitest"
import { implementations, killAll, start } from "../support/child.js"
import { turbo as zmq } from "../support/load.js"

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

/** Exiting "promptly": well under a second on an idle machine; this allows for a busy one. */
const PROMPT_MS = 1500

const sockets: { close(): void }[] = []
const ipcDir = mkdtempSync(join(tmpdir(), "zmqt-exit-"))
let ipcCount = 0
const ipc = () => `ipc://${ipcDir}/${++ipcCount}.sock`

afterEach(() => {
  killAll()
  for (const socket of sockets.splice(0)) socket.close()
})

afterAll(() => rmSync(ipcDir, { recursive: true, force: true }))

describe("a process with open sockets", () => {
  it("exits promptly when the sockets are idle", async () => {
    const child = start(fixture("idle.cjs"), ["zeromq-turbo"])
    await child.line(/^idle hello$/)
    const since = Date.now()
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(Date.now() - since).toBeLessThan(PROMPT_MS)
  })

  it("exits promptly when a socket's receive completed after waiting", async () => {
    const child = start(fixture("was-waiting.cjs"), ["zeromq-turbo", "received"])
    await child.line(/^idle after receiving hello$/)
    const since = Date.now()
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(Date.now() - since).toBeLessThan(PROMPT_MS)
  })

  it("exits promptly when a socket's receive timed out", async () => {
    const child = start(fixture("was-waiting.cjs"), ["zeromq-turbo", "timed-out"])
    await child.line(/^idle after EAGAIN$/)
    const since = Date.now()
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(Date.now() - since).toBeLessThan(PROMPT_MS)
  })

  it("stays alive while a receive is pending, and exits once it completed", async () => {
    const child = start(fixture("pending-receive.cjs"), ["zeromq-turbo"])
    const [, endpoint] = await child.line(/^waiting (\S+)$/)
    await child.line(/^alive$/)
    expect(child.running).toBe(true)
    const push = new zmq.Push()
    sockets.push(push)
    push.connect(endpoint)
    await push.send("hello")
    await child.line(/^received hello$/)
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "" })
  })

  it("stays alive while a send is pending, and exits once it completed", async () => {
    const child = start(fixture("pending-send.cjs"), ["zeromq-turbo"])
    const [, endpoint] = await child.line(/^waiting (\S+)$/)
    await child.line(/^alive$/)
    expect(child.running).toBe(true)
    const pull = new zmq.Pull()
    sockets.push(pull)
    pull.connect(endpoint)
    const [message] = await pull.receive()
    expect(message.toString()).toBe("hello")
    await child.line(/^sent$/)
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "" })
  })
})

describe("process.exit() with a pending receive", () => {
  it("exits with the given code when an 'exit' listener closes the sockets", async () => {
    const child = start(fixture("exit-pending.cjs"), ["zeromq-turbo", "close"])
    const exit = await child.exited
    expect(exit).toMatchObject({ code: 7, signal: null, stderr: "" })
    expect(exit.stdout).toBe("exiting\nclosed true\n")
  })

  it("exits with the given code when the sockets are left open", async () => {
    const child = start(fixture("exit-pending.cjs"), ["zeromq-turbo", "leave"])
    expect(await child.exited).toMatchObject({ code: 7, signal: null, stdout: "exiting\n", stderr: "" })
  })
})

// The same child script against both implementations: the exit with a message still queued for
// a peer that is not there (yet) is zeromq.js's behaviour, which we match.
describe.each(implementations)("exit with queued undelivered messages (%s)", implementation => {
  it("waits for delivery with the default linger on a blocky context, warning once", async () => {
    const endpoint = ipc()
    const child = start(fixture("queued.cjs"), [implementation, endpoint, "default"])
    await child.line(/^queued linger=-1$/)
    await child.stderr(/WARNING: Waiting for queued ZeroMQ messages to be delivered\. Set 'context\.blocky = false'/)
    expect(child.running).toBe(true)
    const pull = new zmq.Pull()
    sockets.push(pull)
    await pull.bind(endpoint)
    const [message] = await pull.receive()
    expect(message.toString()).toBe("hello")
    const exit = await child.exited
    expect(exit).toMatchObject({ code: 0, signal: null })
    expect(exit.stderr.match(/WARNING/g)).toHaveLength(1)
  })

  it("waits for delivery with the default linger in a context of its own, warning once", async () => {
    const endpoint = ipc()
    const child = start(fixture("queued.cjs"), [implementation, endpoint, "own-context"])
    await child.line(/^queued linger=-1$/)
    await child.stderr(/WARNING: Waiting for queued ZeroMQ messages to be delivered\./)
    expect(child.running).toBe(true)
    const pull = new zmq.Pull()
    sockets.push(pull)
    await pull.bind(endpoint)
    const [message] = await pull.receive()
    expect(message.toString()).toBe("hello")
    const exit = await child.exited
    expect(exit).toMatchObject({ code: 0, signal: null })
    expect(exit.stderr.match(/WARNING/g)).toHaveLength(1)
  })

  it("exits promptly with linger 0", async () => {
    const child = start(fixture("queued.cjs"), [implementation, ipc(), "linger-0"])
    await child.line(/^queued linger=0$/)
    const since = Date.now()
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(Date.now() - since).toBeLessThan(PROMPT_MS)
  })

  it("exits promptly when the context is not blocky", async () => {
    const child = start(fixture("queued.cjs"), [implementation, ipc(), "non-blocky"])
    await child.line(/^queued linger=0$/)
    const since = Date.now()
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(Date.now() - since).toBeLessThan(PROMPT_MS)
  })
})
