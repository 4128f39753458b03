// Whether a v5 socket keeps the process alive, and ref()/unref(): each case runs as a whole
// program in a child process (fixtures/lifetime.cjs), against zeromq-turbo/v5-compat and
// zeromq@5. zeromq.js's compat layer has neither ref() nor unref().
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { killAll, start } from "../../support/child.js"
import { zeromq5Path } from "../../support/zeromq5.js"
import { legacy, outcome, sameAsV5, turbo } from "./harness.js"

const fixture = fileURLToPath(new URL("./fixtures/lifetime.cjs", import.meta.url))
const modules: [string, string | undefined][] = [
  ["zeromq-turbo/v5-compat", "zeromq-turbo/v5-compat"],
  ["zeromq@5", zeromq5Path],
]

afterEach(() => killAll())

/** What zeromq@5 did in each case: "alive" if the socket kept the process running. */
const cases: [string, string][] = [
  ["created", "set up\nalive\n"],
  ["bound", "set up\nalive\n"],
  ["unref", "set up\n"],
  ["unref then ref", "set up\nalive\n"],
  ["unbound", "set up\n"],
  ["disconnected", "set up\n"],
  ["monitored, unref", "set up\nalive\n"],
  ["unmonitored, unref", "set up\n"],
  ["closed", "set up\n"],
]

describe.each(modules)("process lifetime on %s", (_name, module) => {
  const run = module === undefined ? it.skip : it
  run.each(cases)("follows zeromq@5: a socket %s", async (which, stdout) => {
    const child = start(fixture, [module as string, which], { timeout: 10_000 })
    expect(await child.exited).toMatchObject({ code: 0, signal: null, stdout })
  })
})

describe("ref() and unref()", () => {
  it("return undefined, as zeromq@5's did", async () => {
    const result = await sameAsV5(({ zmq, track }) => {
      const socket = track(zmq.socket("pull")) as unknown as { ref(): unknown; unref(): unknown }
      return [socket.unref(), socket.ref()]
    })
    expect(result).toEqual([undefined, undefined])
  })

  it("follows zeromq@5: throw TypeError 'Socket is closed' on a closed socket", async () => {
    const result = await sameAsV5(({ zmq }) => {
      const socket = zmq.socket("pull") as unknown as { close(): void; ref(): void; unref(): void }
      socket.close()
      return [outcome(() => socket.ref()), outcome(() => socket.unref())]
    })
    const closed = { threw: { name: "TypeError", message: "Socket is closed" } }
    expect(result).toEqual([closed, closed])
  })

  it("are methods of the Socket class", () => {
    for (const zmq of legacy === undefined ? [turbo] : [turbo, legacy]) {
      expect(typeof (zmq.Socket.prototype as unknown as { ref: unknown }).ref).toBe("function")
      expect(typeof (zmq.Socket.prototype as unknown as { unref: unknown }).unref).toBe("function")
    }
  })
})
