// How a process with an Authenticator lives and ends: kept running while started (as by a
// listening server), ended by stop(), by process.exit() with a request in progress, and by the
// termination of the worker that started it. The fixture is test/process/fixtures/authenticator.cjs.
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { killAll, start, type Child } from "../support/child.js"
import { turbo as zmq } from "../support/load.js"

const fixture = fileURLToPath(new URL("./fixtures/authenticator.cjs", import.meta.url))
const sockets: { close(): void }[] = []

afterEach(() => {
  killAll()
  for (const socket of sockets.splice(0)) socket.close()
})

/** Connects a PLAIN client to the child's server. */
async function connect(child: Child, password = "p"): Promise<void> {
  const [, endpoint] = await child.line(/^serving (\S+)$/)
  const push = new zmq.Push({ plainUsername: "u", plainPassword: password, linger: 0 })
  sockets.push(push)
  push.connect(endpoint)
}

describe("a process with a started Authenticator", () => {
  it("stays alive while it is started, and exits once stop() was called", async () => {
    const child = start(fixture, ["stop"])
    await child.line(/^alive$/)
    await connect(child)
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect((await child.exited).stdout).toMatch(/^serving \S+\nalive\ndecision true\n$/)
  })

  it("exits with process.exit()'s code while a request waits for its check", async () => {
    const child = start(fixture, ["exit"])
    await connect(child)
    const exit = await child.exited
    expect(exit).toMatchObject({ code: 3, signal: null, stderr: "" })
    expect(exit.stdout).toMatch(/\nasked\n$/)
  })

  it("reports a throwing decision listener as an uncaught exception and goes on answering", async () => {
    const child = start(fixture, ["throw"])
    await connect(child, "wrong")
    await child.line(/^uncaught listener failed$/)
    await connect(child)
    const exit = await child.exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).toMatch(/decision 1 false\n(.*\n)*decision 2 true\n$/)
  })

  it("is closed with the worker that started it, freeing the context's ZAP endpoint", async () => {
    const child = start(fixture, ["worker"])
    await child.line(/^alive$/)
    await connect(child)
    const exit = await child.exited
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).toMatch(/\ndecision true\nrestarted\n$/)
  })
})
