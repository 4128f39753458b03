// The exports of "zeromq-turbo/v5-compat" and the legacy Context. See harness.ts for the oracles and how tests are named.
import { execFileSync } from "node:child_process"
import { describe, expect, it } from "vitest"
import { evaluate } from "../../support/child.js"
import { zeromq5Path } from "../../support/zeromq5.js"
import {
  itWithV5,
  legacy,
  reference,
  require,
  turbo,
  turboV6,
  referenceV6,
  same,
  sameAsBoth,
  outcome,
  type Compat,
} from "./harness.js"

/** What zeromq-turbo exports beyond zeromq.js's list: the names zeromq@5 also had. */
const legacyOnly = ["ZMQ_HWM", "ZMQ_SWAP", "ZMQ_MCAST_LOOP", "types", "events", "zmqVersion", "zmqCurveKeypair"]

// ---- exports ----------------------------------------------------------------------------------

describe("exports", () => {
  it("has zeromq.js's export keys in the same order, and zeromq@5's others", () => {
    expect(Object.keys(turbo).filter(key => !legacyOnly.includes(key))).toEqual(Object.keys(reference))
    expect(
      Object.keys(turbo)
        .filter(key => legacyOnly.includes(key))
        .sort(),
    ).toEqual([...legacyOnly].sort())
    expect(Object.keys(reference).slice(0, 8)).toEqual([
      "Context",
      "Socket",
      "createSocket",
      "curveKeypair",
      "proxy",
      "version",
      "socket",
      "options",
    ])
  })

  it("has zeromq.js's constant values", () => {
    const constants = (zmq: Compat): Record<string, unknown> =>
      Object.fromEntries(Object.entries(zmq).filter(([key]) => key.startsWith("ZMQ_") || key.startsWith("STATE_")))
    expect(constants(turbo)).toEqual({ ...constants(reference), ZMQ_HWM: 1, ZMQ_SWAP: 3, ZMQ_MCAST_LOOP: 10 })
    expect(Object.keys(constants(reference))).toHaveLength(76)
    expect(constants(reference)).toMatchObject({
      ZMQ_SNDMORE: 2,
      ZMQ_IDENTITY: 5,
      ZMQ_ROUTER_HANDOVER: 56,
      ZMQ_XREP: 6,
      STATE_CLOSED: 2,
    })
  })

  it("has zeromq.js's short option names and numbers, and zeromq@5's hwm, mcast_loop and swap", () => {
    expect(turbo.options).toEqual({ ...reference.options, hwm: 1, mcast_loop: 10, swap: 3 })
    expect(Object.keys(reference.options)).toHaveLength(28)
  })

  itWithV5("follows zeromq@5: its option names in its order, and its constants' values", () => {
    const zmq5 = legacy as Compat
    expect(Object.keys(turbo.options)).toEqual(Object.keys(zmq5.options))
    expect(turbo.options).toEqual(zmq5.options)
    const numbers = (zmq: Compat): Record<string, unknown> =>
      Object.fromEntries(Object.entries(zmq).filter(([key]) => key.startsWith("ZMQ_") || key.startsWith("STATE_")))
    // zeromq@5's ZMQ_RECOVERY_IVL_MSEC is libzmq 3's 20, which libzmq 4 refuses; zeromq.js's (and
    // ours) is ZMQ_RECOVERY_IVL, which works.
    expect({ ...numbers(zmq5), ZMQ_RECOVERY_IVL_MSEC: 9 }).toEqual(numbers(turbo))
    expect((zmq5 as unknown as { types: unknown }).types).toEqual((turbo as unknown as { types: unknown }).types)
    expect((zmq5 as unknown as { events: unknown }).events).toEqual((turbo as unknown as { events: unknown }).events)
  })

  it("follows zeromq@5: zmqVersion() is the version and zmqCurveKeypair() makes { public, secret }", () => {
    const describe = (zmq: Record<string, any>): unknown => {
      const pair = zmq.zmqCurveKeypair()
      return [zmq.zmqVersion() === zmq.version, Object.keys(pair), pair.public.length, pair.secret.length]
    }
    const expected = [true, ["public", "secret"], 40, 40]
    expect(describe(turbo)).toEqual(expected)
    if (legacy !== undefined) expect(describe(legacy)).toEqual(expected)
  })

  itWithV5("follows zeromq@5: exports its names but SocketBinding (its native class)", () => {
    const missing = Object.keys(legacy as Compat).filter(key => !Object.hasOwn(turbo, key))
    expect(missing).toEqual(["SocketBinding"])
  })

  it("exports socket as an alias of createSocket", () => {
    expect(turbo.socket).toBe(turbo.createSocket)
    expect(reference.socket).toBe(reference.createSocket)
  })

  it("exports version as the v6 entry point's libzmq version", () => {
    // The versions themselves differ: zeromq.js 6.8.0 ships libzmq 4.3.5, we pin 4.3.4.
    expect(turbo.version).toBe(turboV6.version)
    expect(reference.version).toBe(referenceV6.version)
    expect(turbo.version).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it("curveKeypair() returns { public, secret } as 40-character Z85 keys", () => {
    const describe = (zmq: Compat): unknown => {
      const pair = zmq.curveKeypair()
      return {
        keys: Object.keys(pair),
        lengths: [pair.public.length, pair.secret.length],
        z85: /^[0-9a-zA-Z.\-:+=^!/*?&<>()[\]{}@%$#]{40}$/.test(pair.public),
      }
    }
    expect(describe(turbo)).toEqual(describe(reference))
    expect(describe(reference)).toEqual({ keys: ["public", "secret"], lengths: [40, 40], z85: true })
  })

  it("gives Node's ESM loader every export as a named export and the module as default", () => {
    // Node's own loader in a child process (vitest's module graph would not show what Node does).
    const script = `
      const turbo = await import("zeromq-turbo/v5-compat")
      const reference = await import("zeromq/v5-compat.js")
      const names = m => Object.keys(m).filter(k => k !== "default")
      console.log(JSON.stringify({ turbo: names(turbo), reference: names(reference), defaultIsModule: turbo.default.Socket === turbo.Socket }))`
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: process.cwd(),
      encoding: "utf8",
    })
    const result = JSON.parse(output)
    expect(result.turbo).toEqual([...result.reference, ...legacyOnly].sort())
    expect(result.turbo).toContain("ZMQ_SNDMORE")
    expect(result.defaultIsModule).toBe(true)
  })
})

// ---- Context ----------------------------------------------------------------------------------

describe("Context", () => {
  it("cannot be instantiated", async () => {
    const result = await same(({ zmq }) => outcome(() => new zmq.Context()))
    expect(result).toEqual({
      threw: { name: "Error", message: "Context cannot be instantiated in compatibility mode" },
    })
  })

  // In child processes: the variable is read when the first socket is made.
  it.each([
    ["3", "3\n", ""],
    ["none", "1\n", "Invalid number in ZMQ_IO_THREADS, using 1 IO thread.\n"],
  ])("follows zeromq@5: ZMQ_IO_THREADS=%s in the environment sets the I/O threads", async (given, stdout, stderr) => {
    const modules = [require.resolve("zeromq-turbo/v5-compat"), ...(zeromq5Path === undefined ? [] : [zeromq5Path])]
    for (const module of modules) {
      const source = `const zmq = require(${JSON.stringify(module)}); zmq.socket("pull").close(); console.log(zmq.Context.getMaxThreads())`
      const exit = await evaluate(source, { env: { ...process.env, ZMQ_IO_THREADS: given } })
      expect([module, exit.code, exit.stdout, exit.stderr]).toEqual([module, 0, stdout, stderr])
    }
  })

  it("reads the default context's I/O threads and socket limit", async () => {
    const result = await sameAsBoth(({ zmq }) => [zmq.Context.getMaxThreads(), zmq.Context.getMaxSockets()])
    expect(result).toEqual([1, 1023])
  })

  it("sets the default context's I/O threads and socket limit", async () => {
    const result = await sameAsBoth(({ zmq }) => {
      const [threads, sockets] = [zmq.Context.getMaxThreads(), zmq.Context.getMaxSockets()]
      try {
        zmq.Context.setMaxThreads(2)
        zmq.Context.setMaxSockets(512)
        return [zmq.Context.getMaxThreads(), zmq.Context.getMaxSockets()]
      } finally {
        zmq.Context.setMaxThreads(threads)
        zmq.Context.setMaxSockets(sockets)
      }
    })
    expect(result).toEqual([2, 512])
  })
})
