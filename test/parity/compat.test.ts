// "zeromq-turbo/v5-compat" against "zeromq/v5-compat" (zeromq.js 6.8.0): every scenario runs
// against zeromq.js first, then against zeromq-turbo, and the observations (plain data: values,
// frames as text, error shapes, event arguments) must be equal. Most tests also pin what
// zeromq.js observes, so that two implementations broken the same way still fail.
//
// Where zeromq.js is broken (its compat layer, or its v6 core underneath), zeromq-turbo is
// deliberately better: those tests are in the describe block "deliberate differences", each
// named after the case; where zeromq.js would hang or crash the test process, only zeromq-turbo
// runs the scenario.
import { execFileSync } from "node:child_process"
import { once } from "node:events"
import { createRequire } from "node:module"
import { createServer } from "node:net"
import { describe, expect, it } from "vitest"

const require = createRequire(import.meta.url)

type Compat = typeof import("zeromq/v5-compat")
type Sock = InstanceType<Compat["Socket"]>
type Transport = "tcp" | "inproc"

const reference = require("zeromq/v5-compat") as Compat
const turbo = require("zeromq-turbo/v5-compat") as Compat
const turboV6 = require("zeromq-turbo") as typeof import("zeromq")
const referenceV6 = require("zeromq") as typeof import("zeromq")

const transports: Transport[] = ["tcp", "inproc"]
const socketTypes = [
  "pair",
  "req",
  "rep",
  "pub",
  "sub",
  "dealer",
  "xreq",
  "router",
  "xrep",
  "pull",
  "push",
  "xpub",
  "xsub",
  "stream",
] as const

// ---- the harness ------------------------------------------------------------------------------

interface Scope {
  readonly zmq: Compat
  /** Closes the socket (linger 0) when the scenario ends, however it ends. */
  track<S extends Sock>(socket: S): S
  /** A fresh address to bind to (tcp: an ephemeral port, read last_endpoint after binding). */
  address(transport: Transport): string
}

let names = 0

async function run<T>(zmq: Compat, scenario: (scope: Scope) => T | Promise<T>): Promise<T> {
  const sockets: Sock[] = []
  const scope: Scope = {
    zmq,
    track(socket) {
      sockets.push(socket)
      return socket
    },
    address(transport) {
      return transport === "tcp" ? "tcp://127.0.0.1:*" : `inproc://compat-${process.pid}-${names++}`
    },
  }
  try {
    return await scenario(scope)
  } finally {
    for (const socket of sockets) {
      if (!socket.closed) {
        socket.linger = 0
        socket.close()
      }
    }
  }
}

/** Runs the scenario against zeromq.js, then zeromq-turbo; expects equal results, returns them. */
async function same<T>(scenario: (scope: Scope) => T | Promise<T>): Promise<T> {
  const expected = await run(reference, scenario)
  const actual = await run(turbo, scenario)
  expect(actual).toEqual(expected)
  return expected
}

/** The observable shape of a thrown value. */
function shape(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { thrown: String(error) }
  const result: Record<string, unknown> = { name: error.constructor.name, message: error.message }
  for (const key of ["code", "errno", "address"]) {
    if (Object.hasOwn(error, key)) result[key] = normalize((error as unknown as Record<string, unknown>)[key])
  }
  return result
}

/** Ports and inproc names differ between runs; everything else must not. */
function normalize(value: unknown): unknown {
  if (typeof value === "string") {
    return value
      .replace(/^(tcp:\/\/)?127\.0\.0\.1:\d+$/, "$1127.0.0.1:<port>")
      .replace(/^inproc:\/\/compat-\d+-\d+$/, "inproc://<name>")
  }
  if (Buffer.isBuffer(value)) return `hex:${value.toString("hex")}`
  if (value instanceof Error) return shape(value)
  if (Array.isArray(value)) return value.map(normalize)
  return value
}

type Outcome = { returned: unknown } | { threw: Record<string, unknown> }

function outcome(fn: () => unknown): Outcome {
  try {
    return { returned: normalize(fn()) }
  } catch (error) {
    return { threw: shape(error) }
  }
}

/** The arguments of a "message" event: each frame as text, or what it is if not a Buffer. */
function frames(args: unknown[]): string[] {
  return args.map(frame => (Buffer.isBuffer(frame) ? frame.toString() : `not a Buffer: ${typeof frame}`))
}

/** Resolves with the next `count` messages of a socket, each as the text of its frames. */
function messages(socket: Sock, count: number, skip?: (message: string[]) => boolean): Promise<string[][]> {
  return new Promise(resolve => {
    const received: string[][] = []
    const listener = (...args: unknown[]): void => {
      const message = frames(args)
      if (skip?.(message)) return
      received.push(message)
      if (received.length === count) {
        socket.removeListener("message", listener)
        resolve(received)
      }
    }
    socket.on("message", listener)
  })
}

/** Binds through the callback; resolves with last_endpoint. */
function bind(socket: Sock, address: string): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.bind(address, error => (error ? reject(error) : resolve(socket.last_endpoint as string)))
  })
}

/** Sends and resolves with the callback's arguments. */
function send(socket: Sock, message: unknown, flags = 0): Promise<unknown[]> {
  return new Promise(resolve => {
    socket.send(message as string, flags, (...args: unknown[]) => resolve(args))
  })
}

/** One turn of the event loop: nextTick and promise callbacks queued before it have run. */
const turn = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

/** A TCP port nobody listens on: bound through node:net with port 0, then released. */
async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, "close")
  return port
}

/** Binds `server` and connects `client` to it; resolves with the endpoint. */
async function connected(server: Sock, client: Sock, transport: Transport, scope: Scope): Promise<string> {
  const endpoint = await bind(server, scope.address(transport))
  client.connect(endpoint)
  return endpoint
}

// Two valid Z85 CURVE keys (zmq_curve(7)'s example pair), the same in every run.
const curvePublic = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID"
const curveSecret = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs"

// ---- exports ----------------------------------------------------------------------------------

describe("exports", () => {
  it("has zeromq.js's export keys in the same order", () => {
    expect(Object.keys(turbo)).toEqual(Object.keys(reference))
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
    expect(constants(turbo)).toEqual(constants(reference))
    expect(Object.keys(constants(reference))).toHaveLength(76)
    expect(constants(reference)).toMatchObject({
      ZMQ_SNDMORE: 2,
      ZMQ_IDENTITY: 5,
      ZMQ_ROUTER_HANDOVER: 56,
      ZMQ_XREP: 6,
      STATE_CLOSED: 2,
    })
  })

  it("has zeromq.js's short option names and numbers", () => {
    expect(turbo.options).toEqual(reference.options)
    expect(Object.keys(reference.options)).toHaveLength(28)
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
    expect(result.turbo).toEqual(result.reference)
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

  it("reads the default context's I/O threads and socket limit", async () => {
    const result = await same(({ zmq }) => [zmq.Context.getMaxThreads(), zmq.Context.getMaxSockets()])
    expect(result).toEqual([1, 1023])
  })

  it("sets the default context's I/O threads and socket limit", async () => {
    const result = await same(({ zmq }) => {
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

// ---- creating sockets -------------------------------------------------------------------------

describe("Socket", () => {
  it.each(socketTypes)("creates a %s socket with its type name and ZMQ_TYPE", async type => {
    const result = await same(({ zmq, track }) => {
      const socket = track(new zmq.Socket(type))
      return {
        type: socket.type,
        zmqType: socket.getsockopt(zmq.ZMQ_TYPE),
        closed: socket.closed,
        emitter: typeof socket.on,
      }
    })
    expect(result.type).toBe(type)
    expect(result.closed).toBe(false)
  })

  it("throws for an unknown socket type", async () => {
    const result = await same(({ zmq }) => outcome(() => new zmq.Socket("bogus" as "pair")))
    expect(result).toEqual({ threw: { name: "Error", message: "Invalid socket type: bogus" } })
  })

  it("read() throws: messages arrive as events", async () => {
    const result = await same(({ zmq, track }) => outcome(() => track(zmq.socket("pull")).read()))
    expect(result).toEqual({
      threw: {
        name: "Error",
        message: "read() has been removed from compatibility mode; use on('message', ...) instead.",
      },
    })
  })

  it("returns what zeromq.js returns from each chainable method", async () => {
    const result = await same(async ({ zmq, track, address }) => {
      const socket = track(zmq.socket("sub"))
      const remote = address("inproc")
      return {
        bindSync: socket.bindSync(address("inproc")) === undefined,
        connect: socket.connect(remote) === socket,
        disconnect: socket.disconnect(remote) === socket,
        subscribe: socket.subscribe("a") === socket,
        unsubscribe: socket.unsubscribe("a") === socket,
        setsockopt: socket.setsockopt(zmq.ZMQ_LINGER, 0) === socket,
        pause: socket.pause() === undefined,
        resume: socket.resume() === undefined,
        monitor: socket.monitor() === socket,
        close: socket.close() === socket,
      }
    })
    expect(Object.values(result).every(Boolean)).toBe(true)
  })
})

describe("createSocket()", () => {
  it("assigns option properties and any other own key", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.createSocket("dealer", { linger: 5, identity: "abc", sndhwm: 7, custom: "kept" }))
      return [socket.linger, socket.identity, socket.getsockopt(zmq.ZMQ_SNDHWM), socket.sndhwm, socket.custom]
    })
    // sndhwm is not a short option name: it becomes a plain property, ZMQ_SNDHWM keeps its default.
    expect(result).toEqual([5, "abc", 1000, 7, "kept"])
  })

  it("throws an option's error", async () => {
    const result = await same(({ zmq }) => outcome(() => zmq.createSocket("push", { linger: "soon" })))
    expect(result).toEqual({ threw: { name: "TypeError", message: "Option value must be a number" } })
  })
})

// ---- options ----------------------------------------------------------------------------------

/** A value to set for each option number, and the options in the order they are tried. */
const samples: [string, unknown][] = [
  ["ZMQ_AFFINITY", 3],
  ["ZMQ_IDENTITY", "ident"],
  ["ZMQ_SUBSCRIBE", "topic"],
  ["ZMQ_UNSUBSCRIBE", "topic"],
  ["ZMQ_RATE", 200],
  ["ZMQ_RECOVERY_IVL", 5000],
  ["ZMQ_SNDBUF", 65536],
  ["ZMQ_RCVBUF", 65536],
  ["ZMQ_RCVMORE", 1],
  ["ZMQ_FD", 1],
  ["ZMQ_EVENTS", 1],
  ["ZMQ_TYPE", 1],
  ["ZMQ_LINGER", 5],
  ["ZMQ_RECONNECT_IVL", 200],
  ["ZMQ_BACKLOG", 50],
  ["ZMQ_RECONNECT_IVL_MAX", 1000],
  ["ZMQ_MAXMSGSIZE", 4096],
  ["ZMQ_SNDHWM", 10],
  ["ZMQ_RCVHWM", 20],
  ["ZMQ_MULTICAST_HOPS", 2],
  ["ZMQ_RCVTIMEO", 60000],
  ["ZMQ_SNDTIMEO", 60000],
  ["ZMQ_IPV4ONLY", 0],
  ["ZMQ_LAST_ENDPOINT", "x"],
  ["ZMQ_ROUTER_MANDATORY", 1],
  ["ZMQ_TCP_KEEPALIVE", 1],
  ["ZMQ_TCP_KEEPALIVE_CNT", 3],
  ["ZMQ_TCP_KEEPALIVE_IDLE", 60],
  ["ZMQ_TCP_KEEPALIVE_INTVL", 10],
  ["ZMQ_TCP_ACCEPT_FILTER", "127.0.0.1"],
  ["ZMQ_DELAY_ATTACH_ON_CONNECT", 1],
  ["ZMQ_XPUB_VERBOSE", 1],
  ["ZMQ_ROUTER_RAW", 1],
  ["ZMQ_IPV6", 0],
  ["ZMQ_MECHANISM", 1],
  ["ZMQ_PLAIN_USERNAME", "user"],
  ["ZMQ_PLAIN_PASSWORD", "pass"],
  ["ZMQ_PLAIN_SERVER", 1],
  ["ZMQ_CURVE_SERVER", 1],
  ["ZMQ_CURVE_PUBLICKEY", curvePublic],
  ["ZMQ_CURVE_SECRETKEY", curveSecret],
  ["ZMQ_CURVE_SERVERKEY", curvePublic],
  ["ZMQ_ZAP_DOMAIN", "domain"],
  ["ZMQ_HEARTBEAT_IVL", 1000],
  ["ZMQ_HEARTBEAT_TTL", 2000],
  ["ZMQ_HEARTBEAT_TIMEOUT", 3000],
  ["ZMQ_CONNECT_TIMEOUT", 500],
  ["ZMQ_IO_THREADS", 2],
  ["ZMQ_MAX_SOCKETS", 2],
  ["ZMQ_ROUTER_HANDOVER", 1],
]

/**
 * setsockopt(ZMQ_SUBSCRIBE/ZMQ_UNSUBSCRIBE) on a socket that is not SUB throws a TypeError in both;
 * zeromq.js's message is V8's text for its own source ("this._socket.subscribe is not a
 * function"), ours "socket.subscribe is not a function". Only that message is left out.
 */
function withoutSubscribeMessage(result: Outcome): Outcome {
  if ("threw" in result && /subscribe is not a function$/.test(String(result.threw.message))) {
    return { threw: { name: result.threw.name, message: "<x>.subscribe is not a function" } }
  }
  return result
}

/** A value to assign to each short-name property. */
const propertySamples: Record<string, unknown> = {
  _fd: 1,
  _ioevents: 1,
  _receiveMore: 1,
  _subscribe: "topic",
  _unsubscribe: "topic",
  affinity: 3,
  backlog: 50,
  identity: "ident",
  linger: 5,
  rate: 200,
  rcvbuf: 65536,
  last_endpoint: "x",
  reconnect_ivl: 200,
  recovery_ivl: 5000,
  sndbuf: 65536,
  mechanism: 1,
  plain_server: 1,
  plain_username: "user",
  plain_password: "pass",
  curve_server: 1,
  curve_publickey: curvePublic,
  curve_secretkey: curveSecret,
  curve_serverkey: curvePublic,
  zap_domain: "domain",
  heartbeat_ivl: 1000,
  heartbeat_ttl: 2000,
  heartbeat_timeout: 3000,
  connect_timeout: 500,
}

const optionTypes = [
  "pair",
  "req",
  "rep",
  "pub",
  "sub",
  "dealer",
  "router",
  "pull",
  "push",
  "xpub",
  "xsub",
  "stream",
] as const

describe("setsockopt() and getsockopt()", () => {
  it.each(optionTypes)("read, set and read again every option by number on a %s socket", async type => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.socket(type))
      const numbers = zmq as unknown as Record<string, number>
      return samples.map(([name, value]) => {
        const option = numbers[name]
        return [
          name,
          outcome(() => socket.getsockopt(option)),
          withoutSubscribeMessage(outcome(() => socket.setsockopt(option, value) === socket)),
          outcome(() => socket.getsockopt(option)),
        ]
      })
    })
    expect(result).toHaveLength(samples.length)
    // Reading ZMQ_ROUTER_MANDATORY back fails in libzmq itself (write-only there); on other
    // types the v6 property does not exist, so it reads as 0 and setting it throws.
    const mandatory = result.find(([name]) => name === "ZMQ_ROUTER_MANDATORY")
    if (type === "router") expect(mandatory?.[3]).toMatchObject({ threw: { code: "EINVAL" } })
    else expect(mandatory?.slice(2)).toMatchObject([{ threw: { name: "TypeError" } }, { returned: 0 }])
  })

  it.each(optionTypes)("read and assign every short-name property on a %s socket", async type => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.socket(type)) as unknown as Record<string, unknown>
      return Object.keys(zmq.options).map(name => [
        name,
        outcome(() => socket[name]),
        withoutSubscribeMessage(
          outcome(() => {
            socket[name] = propertySamples[name]
          }),
        ),
        outcome(() => socket[name]),
      ])
    })
    expect(result).toHaveLength(28)
  })

  it("round-trips numbers, strings and flags as zeromq.js reports them", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.socket("router"))
      socket.setsockopt(zmq.ZMQ_LINGER, 7)
      socket.setsockopt("identity", "me")
      socket.setsockopt(zmq.ZMQ_DELAY_ATTACH_ON_CONNECT, true)
      socket.setsockopt(zmq.ZMQ_IPV4ONLY, 0)
      return [
        socket.getsockopt(zmq.ZMQ_LINGER),
        socket.getsockopt(zmq.ZMQ_IDENTITY),
        socket.getsockopt(zmq.ZMQ_DELAY_ATTACH_ON_CONNECT),
        socket.getsockopt(zmq.ZMQ_IPV4ONLY),
        socket.getsockopt(zmq.ZMQ_IPV6),
      ]
    })
    expect(result).toEqual([7, "me", 1, false, 1])
  })

  it("passes a string assigned to an option property on as UTF-8 bytes", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.socket("dealer"))
      socket.identity = "Grüße"
      return [socket.identity, outcome(() => (socket.linger = "5"))]
    })
    expect(result).toEqual(["Grüße", { threw: { name: "TypeError", message: "Option value must be a number" } }])
  })

  it("throws Unknown option for an unknown number or name", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.socket("dealer"))
      return [
        outcome(() => socket.getsockopt(9999)),
        outcome(() => socket.setsockopt(9999, 1)),
        outcome(() => socket.getsockopt("bogus" as "linger")),
        outcome(() => socket.setsockopt("toString" as "linger", 1)),
      ]
    })
    expect(result).toEqual(Array(4).fill({ threw: { name: "Error", message: "Unknown option" } }))
  })

  it("reports ZMQ_MECHANISM as a number", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.socket("dealer"))
      const before = socket.mechanism
      socket.plain_server = 1
      const plain = socket.mechanism
      socket.curve_server = 1
      return [before, plain, socket.mechanism]
    })
    expect(result).toEqual([0, 1, 2])
  })

  it("reports ZMQ_EVENTS as POLLOUT once a dealer is connected", async () => {
    const result = await same(async ({ zmq, track, address }) => {
      const server = track(zmq.socket("dealer"))
      const client = track(zmq.socket("dealer"))
      const before = client.getsockopt(zmq.ZMQ_EVENTS)
      await connected(server, client, "inproc", { zmq, track, address })
      return [before, client.getsockopt(zmq.ZMQ_EVENTS)]
    })
    expect(result).toEqual([0, 2])
  })

  it("setsockopt(ZMQ_SUBSCRIBE) on a socket that is not SUB throws a TypeError", async () => {
    // zeromq.js's message is V8's "this._socket.subscribe is not a function"; only the class is
    // the same.
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.socket("xsub"))
      const thrown = outcome(() => socket.setsockopt(zmq.ZMQ_SUBSCRIBE, "a"))
      return "threw" in thrown ? thrown.threw.name : "returned"
    })
    expect(result).toBe("TypeError")
  })
})

// ---- sending and receiving --------------------------------------------------------------------

describe.each(transports)("messages over %s", transport => {
  it("push/pull: each message is one 'message' event with a Buffer argument per frame", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, transport, scope)
      const received = messages(pull, 4)
      push.send("one")
      push.send(["two", "frames"])
      push.send("three", scope.zmq.ZMQ_SNDMORE)
      push.send(["and", "more"], scope.zmq.ZMQ_SNDMORE)
      push.send("last")
      push.send(Buffer.from("bytes"))
      return received
    })
    expect(result).toEqual([["one"], ["two", "frames"], ["three", "and", "more", "last"], ["bytes"]])
  })

  it("push/pull: frames given as numbers, null, typed arrays and empty strings arrive as bytes", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, transport, scope)
      const received = new Promise<unknown[]>(resolve =>
        pull.once("message", (...args: unknown[]) => resolve(normalize(args) as unknown[])),
      )
      push.send([42, null, new Uint8Array([1, 2, 3]), "", Buffer.alloc(0)] as unknown as string[])
      return received
    })
    expect(result).toEqual(["hex:3432", "hex:", "hex:010203", "hex:", "hex:"])
  })

  it("push/pull: 2000 messages arrive in order, large frames intact", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, transport, scope)
      const received = messages(pull, 2001)
      for (let i = 0; i < 2000; i++) push.send(String(i))
      push.send(Buffer.alloc(1 << 20, "z"))
      const all = await received
      const numbers = all.slice(0, 2000).map(message => Number(message[0]))
      return { inOrder: numbers.every((value, index) => value === index), last: all[2000][0].length }
    })
    expect(result).toEqual({ inOrder: true, last: 1 << 20 })
  })

  it("req/rep: a request and its reply", async () => {
    const result = await same(async scope => {
      const rep = scope.track(scope.zmq.socket("rep"))
      const req = scope.track(scope.zmq.socket("req"))
      await connected(rep, req, transport, scope)
      rep.on("message", (...args: Buffer[]) => rep.send(["re:", ...args]))
      const reply = messages(req, 1)
      req.send(["hello", "world"])
      return reply
    })
    expect(result).toEqual([["re:", "hello", "world"]])
  })

  it("dealer/router: the router sees the dealer's identity frame and routes the reply by it", async () => {
    const result = await same(async scope => {
      const router = scope.track(scope.zmq.socket("router"))
      const dealer = scope.track(scope.zmq.createSocket("dealer", { identity: "dealer-1" }))
      await connected(router, dealer, transport, scope)
      const request = messages(router, 1)
      dealer.send(["", "request"])
      const [[identity, ...rest]] = await request
      const reply = messages(dealer, 1)
      router.send([identity, "", "reply"])
      return [[identity, ...rest], await reply]
    })
    expect(result).toEqual([["dealer-1", "", "request"], [["", "reply"]]])
  })

  it("xpub/sub: the xpub receives the subscription, the sub only what it subscribed to", async () => {
    const result = await same(async scope => {
      const xpub = scope.track(scope.zmq.socket("xpub"))
      const sub = scope.track(scope.zmq.socket("sub"))
      await connected(sub, xpub, transport, scope)
      const subscription = new Promise<unknown[]>(resolve =>
        xpub.once("message", (...args: unknown[]) => resolve(normalize(args) as unknown[])),
      )
      sub.subscribe("news")
      const seen = await subscription
      const received = messages(sub, 2)
      xpub.send("sports: 1")
      xpub.send(["news", "first"])
      xpub.send("weather")
      xpub.send("news: second")
      return [seen, await received]
    })
    expect(result).toEqual([["hex:016e657773"], [["news", "first"], ["news: second"]]])
  })

  it("pub/sub: subscribe(), setsockopt(ZMQ_SUBSCRIBE) and unsubscribe() filter by prefix", async () => {
    const result = await same(async scope => {
      const pub = scope.track(scope.zmq.socket("pub"))
      const sub = scope.track(scope.zmq.socket("sub"))
      await connected(sub, pub, transport, scope)
      sub.subscribe("a")
      sub.setsockopt(scope.zmq.ZMQ_SUBSCRIBE, "b")
      sub.subscribe("c")
      sub.unsubscribe("c")
      sub.subscribe("probe")
      // The slow joiner: nothing tells a PUB when a subscription has reached it, so publish a
      // probe until the subscriber sees one; the subscriptions before it are in effect then.
      const probed = messages(sub, 1)
      const probing = setInterval(() => pub.send("probe"), 2)
      try {
        await probed
      } finally {
        clearInterval(probing)
      }
      const received = messages(sub, 2, message => message[0] === "probe")
      for (const topic of ["a1", "c1", "d1", "b1"]) pub.send(topic)
      return received
    })
    expect(result).toEqual([["a1"], ["b1"]])
  })
})

/**
 * A ROUTER with ZMQ_ROUTER_MANDATORY and one connected peer: libzmq reports a mandatory ROUTER
 * writable only while it has a peer, and then fails a message for an unknown one at once.
 */
async function mandatoryRouter(scope: Scope): Promise<Sock> {
  const router = scope.track(scope.zmq.socket("router"))
  router.setsockopt(scope.zmq.ZMQ_ROUTER_MANDATORY, 1)
  const dealer = scope.track(scope.zmq.socket("dealer"))
  await connected(router, dealer, "tcp", scope)
  const hello = messages(router, 1)
  dealer.send("hello")
  await hello
  return router
}

describe("send()", () => {
  it("calls the callback without arguments once libzmq took the message", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, "inproc", scope)
      return send(push, "x")
    })
    expect(result).toEqual([])
  })

  it("calls only the last part's callback of a ZMQ_SNDMORE message", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, "inproc", scope)
      const calls: string[] = []
      const received = messages(pull, 1)
      push.send("first", scope.zmq.ZMQ_SNDMORE, () => calls.push("first"))
      await send(push, "second")
      calls.push("second")
      await received
      await turn()
      return calls
    })
    expect(result).toEqual(["second"])
  })

  it("ignores a callback passed in place of the flags", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, "inproc", scope)
      let called = false
      const received = messages(pull, 2)
      push.send("flagless", (() => (called = true)) as unknown as number)
      await send(push, "after")
      await turn()
      return { called, received: await received }
    })
    expect(result).toEqual({ called: false, received: [["flagless"], ["after"]] })
  })

  it("calls back with EHOSTUNREACH for an unroutable message on a mandatory router", async () => {
    const result = await same(async scope => {
      const router = await mandatoryRouter(scope)
      const [error] = await send(router, ["nobody", "x"])
      return normalize(error)
    })
    expect(result).toEqual({ name: "Error", message: "Host unreachable", code: "EHOSTUNREACH", errno: 113 })
  })

  it("emits 'error' for a failed send without a callback", async () => {
    const result = await same(async scope => {
      const router = await mandatoryRouter(scope)
      const error = once(router, "error")
      router.send(["nobody", "x"])
      return normalize((await error)[0])
    })
    expect(result).toMatchObject({ code: "EHOSTUNREACH" })
  })
})

// ---- pause and resume -------------------------------------------------------------------------

describe("pause() and resume()", () => {
  it("holds messages received while paused and emits them in order on resume()", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, "inproc", scope)
      pull.pause()
      const events: string[] = []
      pull.on("message", (frame: Buffer) => events.push(String(frame)))
      for (const n of ["1", "2", "3"]) await send(push, n)
      for (let i = 0; i < 5; i++) await turn()
      events.push("resume")
      const received = messages(pull, 3)
      pull.resume()
      await received
      return events
    })
    expect(result).toEqual(["resume", "1", "2", "3"])
  })

  it("keeps messages queued while paused and sends them on resume()", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, "inproc", scope)
      const events: string[] = []
      push.pause()
      const sent = new Promise(resolve => push.send("queued", 0, () => resolve(events.push("sent"))))
      await turn()
      events.push("resume")
      const received = messages(pull, 1)
      push.resume()
      await sent
      return [events, await received]
    })
    expect(result).toEqual([["resume", "sent"], [["queued"]]])
  })
})

// ---- endpoints --------------------------------------------------------------------------------

describe("bind(), unbind(), connect()", () => {
  it("bind() emits 'bind' with the address given, then calls back without arguments", async () => {
    const result = await same(async ({ zmq, track, address }) => {
      const socket = track(zmq.socket("pull"))
      const order: unknown[] = []
      socket.on("bind", (...args: unknown[]) => order.push(["bind", ...args]))
      await new Promise(resolve =>
        socket.bind(address("tcp"), (...args: unknown[]) => resolve(order.push(["callback", ...args]))),
      )
      return order
    })
    expect(result).toEqual([["bind", "tcp://127.0.0.1:*"], ["callback"]])
  })

  it("bind() calls back with the error for an unsupported protocol", async () => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(zmq.socket("pull"))
      const [error] = await new Promise<unknown[]>(resolve =>
        socket.bind("bogus://x", (...args: unknown[]) => resolve(args)),
      )
      return normalize(error)
    })
    expect(result).toEqual({
      name: "Error",
      message: "Protocol not supported",
      code: "EPROTONOSUPPORT",
      errno: 93,
      address: "bogus://x",
    })
  })

  it("bind() without a callback emits 'error' for an address in use", async () => {
    const result = await same(async ({ zmq, track }) => {
      const first = track(zmq.socket("pull"))
      const endpoint = await bind(first, "tcp://127.0.0.1:*")
      const second = track(zmq.socket("pull"))
      second.bind(endpoint)
      const [error] = await once(second, "error")
      return normalize(error)
    })
    expect(result).toEqual({
      name: "Error",
      message: "Address already in use",
      code: "EADDRINUSE",
      errno: 98,
      address: "tcp://127.0.0.1:<port>",
    })
  })

  it("bind() with a non-string address throws a TypeError at once", async () => {
    const result = await same(({ zmq, track }) =>
      outcome(() => track(zmq.socket("pull")).bind(123 as unknown as string)),
    )
    expect(result).toEqual({ threw: { name: "TypeError", message: "Address must be a string" } })
  })

  it("connect() with a non-string address throws a TypeError", async () => {
    const result = await same(({ zmq, track }) =>
      outcome(() => track(zmq.socket("push")).connect(null as unknown as string)),
    )
    expect(result).toEqual({ threw: { name: "TypeError", message: "Address must be a string" } })
  })

  it("connect() to an unsupported protocol throws", async () => {
    const result = await same(({ zmq, track }) => outcome(() => track(zmq.socket("push")).connect("bogus://x")))
    expect(result).toMatchObject({ threw: { code: "EPROTONOSUPPORT" } })
  })

  it("unbind() emits 'unbind' and calls back; the endpoint is free again", async () => {
    // inproc: libzmq releases an inproc name inside zmq_unbind, while a tcp port is closed later
    // by the I/O thread, so "free again" would race over tcp.
    const result = await same(async ({ zmq, track, address }) => {
      const socket = track(zmq.socket("pull"))
      const endpoint = await bind(socket, address("inproc"))
      const order: unknown[] = []
      socket.on("unbind", (...args: unknown[]) => order.push(["unbind", ...args.map(normalize)]))
      await new Promise(resolve =>
        socket.unbind(endpoint, (...args: unknown[]) => resolve(order.push(["callback", ...args]))),
      )
      const again = track(zmq.socket("pull"))
      again.bindSync(endpoint)
      return order
    })
    expect(result).toEqual([["unbind", "inproc://<name>"], ["callback"]])
  })

  it("bindSync() binds before it returns", async () => {
    const result = await same(async ({ zmq, track, address }) => {
      const pull = track(zmq.socket("pull"))
      const push = track(zmq.socket("push"))
      const endpoint = address("inproc")
      const returned = pull.bindSync(endpoint)
      push.connect(endpoint)
      const received = messages(pull, 1)
      push.send("via bindSync")
      return [returned, await received]
    })
    expect(result).toEqual([undefined, [["via bindSync"]]])
  })

  it("bindSync() to an address in use throws", async () => {
    const result = await same(async ({ zmq, track }) => {
      const endpoint = await bind(track(zmq.socket("pull")), "tcp://127.0.0.1:*")
      return normalize(outcome(() => track(zmq.socket("pull")).bindSync(endpoint)))
    })
    expect(result).toMatchObject({ threw: { code: "EADDRINUSE", address: "tcp://127.0.0.1:<port>" } })
  })
})

// ---- close ------------------------------------------------------------------------------------

describe("close()", () => {
  it("returns the socket, sets closed, and may be called twice", async () => {
    const result = await same(({ zmq }) => {
      const socket = zmq.socket("pull")
      return [socket.close() === socket, socket.closed, outcome(() => socket.close() === socket)]
    })
    expect(result).toEqual([true, true, { returned: true }])
  })

  it("ends receiving without an 'error' event", async () => {
    const result = await same(async ({ zmq }) => {
      const socket = zmq.socket("pull")
      const errors: unknown[] = []
      socket.on("error", error => errors.push(error))
      socket.close()
      await turn()
      return errors
    })
    expect(result).toEqual([])
  })

  it("fails a pending send: its callback gets EAGAIN", async () => {
    const result = await same(async ({ zmq }) => {
      const push = zmq.socket("push")
      const sent = send(push, "nowhere to go")
      push.close()
      const [error] = await sent
      return normalize(error)
    })
    expect(result).toEqual({
      name: "Error",
      message: "Operation was not possible or timed out",
      code: "EAGAIN",
      errno: 11,
    })
  })

  it("drops a message sent after it, without a callback or an error", async () => {
    const result = await same(async ({ zmq }) => {
      const push = zmq.socket("push")
      push.close()
      const calls: unknown[] = []
      push.on("error", error => calls.push(["error", error]))
      const returned = push.send("late", 0, (...args: unknown[]) => calls.push(["callback", ...args])) === push
      await turn()
      return { returned, calls }
    })
    expect(result).toEqual({ returned: true, calls: [] })
  })

  it("connect() after close() throws EBADF", async () => {
    const result = await same(({ zmq }) => {
      const socket = zmq.socket("push")
      socket.close()
      return outcome(() => socket.connect("inproc://closed"))
    })
    expect(result).toEqual({ threw: { name: "Error", message: "Socket is closed", code: "EBADF", errno: 9 } })
  })

  it("bind() after close() throws EBADF at once", async () => {
    const result = await same(({ zmq }) => {
      const socket = zmq.socket("pull")
      socket.close()
      return outcome(() => socket.bind("inproc://closed", () => undefined))
    })
    expect(result).toEqual({ threw: { name: "Error", message: "Socket is closed", code: "EBADF", errno: 9 } })
  })

  it("options after close() throw ENOTSOCK", async () => {
    const result = await same(({ zmq }) => {
      const socket = zmq.socket("pull")
      socket.close()
      return [outcome(() => socket.linger), outcome(() => (socket.linger = 0))]
    })
    expect(result).toEqual(
      Array(2).fill({
        threw: { name: "Error", message: "Socket operation on non-socket", code: "ENOTSOCK", errno: 88 },
      }),
    )
  })
})

// ---- monitor ----------------------------------------------------------------------------------

/** Resolves with the arguments of a socket's next `event`, normalized. */
async function nextEvent(socket: Sock, event: string): Promise<unknown[]> {
  const args = await once(socket, event)
  return args.map(normalize)
}

describe("monitor()", () => {
  it("emits 'listen' and 'accept' on the binding side as (undefined, address, undefined)", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull")).monitor()
      const push = scope.track(scope.zmq.socket("push"))
      const listen = nextEvent(pull, "listen")
      const accept = nextEvent(pull, "accept")
      await connected(pull, push, "tcp", scope)
      return [await listen, await accept]
    })
    expect(result).toEqual([
      [undefined, "tcp://127.0.0.1:<port>", undefined],
      [undefined, "tcp://127.0.0.1:<port>", undefined],
    ])
  })

  it("emits 'connect' on the connecting side", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push")).monitor()
      const connect = nextEvent(push, "connect")
      await connected(pull, push, "tcp", scope)
      return connect
    })
    expect(result).toEqual([undefined, "tcp://127.0.0.1:<port>", undefined])
  })

  it("emits 'connect_retry' with the retry interval when nobody listens", async () => {
    const port = await freePort()
    const result = await same(async ({ zmq, track }) => {
      const push = track(zmq.createSocket("push", { reconnect_ivl: 10 })).monitor()
      const retry = nextEvent(push, "connect_retry")
      push.connect(`tcp://127.0.0.1:${port}`)
      const [interval, address, error] = await retry
      return [typeof interval, address, error]
    })
    expect(result).toEqual(["number", "tcp://127.0.0.1:<port>", undefined])
  })

  it("emits 'bind_error' with the errno and the error when the address is in use", async () => {
    const result = await same(async ({ zmq, track }) => {
      const endpoint = await bind(track(zmq.socket("pull")), "tcp://127.0.0.1:*")
      const second = track(zmq.socket("pull")).monitor()
      const event = nextEvent(second, "bind_error")
      second.bind(endpoint, () => undefined)
      return event
    })
    // libzmq reports the address of a failed bind without its "tcp://".
    expect(result).toEqual([
      98,
      "127.0.0.1:<port>",
      { name: "Error", message: "Address already in use", code: "EADDRINUSE", errno: 98 },
    ])
  })

  it("emits 'disconnect' when the peer goes away and 'close' when unbinding", async () => {
    const result = await same(async scope => {
      const pull = scope.track(scope.zmq.socket("pull")).monitor()
      const push = scope.track(scope.zmq.socket("push")).monitor()
      const connect = nextEvent(push, "connect")
      const endpoint = await connected(pull, push, "tcp", scope)
      await connect
      const disconnect = nextEvent(push, "disconnect")
      const close = nextEvent(pull, "close")
      pull.unbind(endpoint)
      return [await close, await disconnect]
    })
    expect(result).toEqual([
      [undefined, "tcp://127.0.0.1:<port>", undefined],
      [undefined, "tcp://127.0.0.1:<port>", undefined],
    ])
  })

  it("warns that its arguments are ignored", async () => {
    const result = await same(async ({ zmq, track }) => {
      const warning = once(process, "warning")
      track(zmq.socket("push")).monitor(10, 0)
      const [{ name, message }] = (await warning) as Error[]
      return { name, message }
    })
    expect(result).toEqual({
      name: "Warning",
      message: "Arguments to monitor() are ignored in compatibility mode; all events are read automatically",
    })
  })
})

// ---- subscriptions ----------------------------------------------------------------------------

describe("subscribe() and unsubscribe()", () => {
  it.each(["xsub", "pub", "pull"] as const)("throw on a %s socket", async type => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.socket(type))
      return [outcome(() => socket.subscribe("a")), outcome(() => socket.unsubscribe("a"))]
    })
    expect(result).toEqual(Array(2).fill({ threw: { name: "Error", message: "Subscriber socket required" } }))
  })

  it("subscribe() with a bad filter throws the v6 option error", async () => {
    const result = await same(({ zmq, track }) =>
      outcome(() => track(zmq.socket("sub")).subscribe(42 as unknown as string)),
    )
    expect(result).toEqual({ threw: { name: "TypeError", message: "Option value must be a string or buffer" } })
  })
})

// ---- proxy ------------------------------------------------------------------------------------

describe("proxy()", () => {
  it("forwards a pipeline through pull/push", async () => {
    const result = await same(async scope => {
      const { zmq, track } = scope
      const frontend = track(zmq.socket("pull"))
      const backend = track(zmq.socket("push"))
      const producer = track(zmq.socket("push"))
      const consumer = track(zmq.socket("pull"))
      await connected(frontend, producer, "tcp", scope)
      await connected(backend, consumer, "tcp", scope)
      zmq.proxy(frontend, backend)
      const received = messages(consumer, 2)
      producer.send(["job", "1"])
      producer.send("job 2")
      return received
    })
    expect(result).toEqual([["job", "1"], ["job 2"]])
  })

  it("forwards requests and replies through router/dealer", async () => {
    const result = await same(async scope => {
      const { zmq, track } = scope
      const frontend = track(zmq.socket("router"))
      const backend = track(zmq.socket("dealer"))
      const client = track(zmq.socket("req"))
      const service = track(zmq.socket("rep"))
      await connected(frontend, client, "tcp", scope)
      await connected(backend, service, "tcp", scope)
      zmq.proxy(frontend, backend)
      service.on("message", (request: Buffer) => service.send(`reply to ${request}`))
      const reply = messages(client, 1)
      client.send("request")
      return reply
    })
    expect(result).toEqual([["reply to request"]])
  })

  it("sends replies to the capture socket, without the envelope behind router/dealer", async () => {
    const result = await same(async scope => {
      const { zmq, track } = scope
      const frontend = track(zmq.socket("router"))
      const backend = track(zmq.socket("dealer"))
      const capture = track(zmq.socket("push"))
      const captured = track(zmq.socket("pull"))
      const client = track(zmq.socket("req"))
      const service = track(zmq.socket("rep"))
      await connected(frontend, client, "tcp", scope)
      await connected(backend, service, "tcp", scope)
      await connected(captured, capture, "tcp", scope)
      zmq.proxy(frontend, backend, capture)
      service.on("message", () => service.send("reply"))
      const copy = messages(captured, 1)
      const reply = messages(client, 1)
      client.send("request")
      return [await reply, await copy]
    })
    expect(result).toEqual([[["reply"]], [["reply"]]])
  })

  it("throws for an unsupported pairing", async () => {
    const result = await same(({ zmq, track }) =>
      outcome(() => zmq.proxy(track(zmq.socket("dealer")), track(zmq.socket("router")))),
    )
    expect(result).toEqual({
      threw: { name: "Error", message: "This socket type order is not supported in compatibility mode" },
    })
  })
})

// ---- deliberate differences -------------------------------------------------------------------

describe("deliberate differences", () => {
  it("pause() in a 'message' listener stops the messages already received (zeromq.js emits them)", async () => {
    const scenario = async (scope: Scope): Promise<string[]> => {
      const pull = scope.track(scope.zmq.socket("pull"))
      const push = scope.track(scope.zmq.socket("push"))
      await connected(pull, push, "inproc", scope)
      const events: string[] = []
      const all = messages(pull, 3)
      pull.on("message", (frame: Buffer) => {
        events.push(String(frame))
        if (events.length === 1) pull.pause()
      })
      // Three messages in the pipe at once, so the receiver takes them as one burst.
      pull.pause()
      for (const n of ["1", "2", "3"]) await send(push, n)
      const first = messages(pull, 1)
      pull.resume()
      await first
      for (let i = 0; i < 5; i++) await turn()
      events.push("resume")
      pull.resume()
      await all
      return events
    }
    expect(await run(turbo, scenario)).toEqual(["1", "resume", "2", "3"])
    expect(await run(reference, scenario)).toEqual(["1", "2", "3", "resume"])
  })

  it("unbindSync() unbinds (zeromq.js's throws EADDRINUSE and stays bound)", async () => {
    const scenario = ({ zmq, track, address }: Scope): unknown => {
      const endpoint = address("inproc")
      const socket = track(zmq.socket("pull"))
      socket.bindSync(endpoint)
      return [outcome(() => socket.unbindSync(endpoint)), outcome(() => track(zmq.socket("pull")).bindSync(endpoint))]
    }
    expect(await run(turbo, scenario)).toEqual([{ returned: undefined }, { returned: undefined }])
    expect(await run(reference, scenario)).toMatchObject([
      { threw: { code: "EADDRINUSE" } },
      { threw: { code: "EADDRINUSE" } },
    ])
  })

  it("unmonitor() emits no error (zeromq.js emits ENOTSOCK)", async () => {
    const scenario = async ({ zmq, track }: Scope): Promise<unknown[]> => {
      const socket = track(zmq.socket("push")).monitor()
      const errors: unknown[] = []
      socket.on("error", error => errors.push(normalize(error)))
      socket.unmonitor()
      for (let i = 0; i < 3; i++) await turn()
      return errors
    }
    expect(await run(turbo, scenario)).toEqual([])
    expect(await run(reference, scenario)).toEqual([
      { name: "Error", message: "Socket operation on non-socket", code: "ENOTSOCK", errno: 88 },
    ])
  })

  // zeromq.js is not run here: after its unmonitor() libzmq blocks on the next monitor event
  // (a bind never completes), and monitor() twice loops forever.
  it("after unmonitor() the socket binds, emits no monitor events, and monitor() resumes them", async () => {
    const result = await run(turbo, async scope => {
      const pull = scope.track(scope.zmq.socket("pull")).monitor()
      const events: string[] = []
      for (const name of ["listen", "accept", "close"]) pull.on(name, () => events.push(name))
      pull.unmonitor()
      const first = scope.track(scope.zmq.socket("push")).monitor()
      const firstConnect = once(first, "connect")
      const endpoint = await connected(pull, first, "tcp", scope)
      await firstConnect
      await turn()
      events.push("monitor")
      pull.monitor()
      const accept = once(pull, "accept")
      scope.track(scope.zmq.socket("push")).connect(endpoint)
      await accept
      return events
    })
    // Nothing while unmonitored. (An event libzmq reported while unmonitored but that was read
    // only after monitor() may still come first: libzmq does not say when it happened.)
    expect(result[0]).toBe("monitor")
    expect(result.at(-1)).toBe("accept")
  })

  it("monitor() twice emits each event once (zeromq.js loops forever)", async () => {
    const result = await run(turbo, async scope => {
      const pull = scope.track(scope.zmq.socket("pull")).monitor().monitor()
      const listens: unknown[] = []
      pull.on("listen", (...args: unknown[]) => listens.push(args.map(normalize)))
      const push = scope.track(scope.zmq.socket("push")).monitor()
      const connect = once(push, "connect")
      await connected(pull, push, "tcp", scope)
      await connect
      await turn()
      return listens
    })
    expect(result).toEqual([[undefined, "tcp://127.0.0.1:<port>", undefined]])
  })

  // zeromq.js is not run here: its send loop rejects a promise nobody handles, which ends the
  // process (or this test file).
  it("send() on a PULL socket calls back with an error (zeromq.js: an unhandled rejection)", async () => {
    const result = await run(turbo, async ({ zmq, track }) => {
      const [error] = await send(track(zmq.socket("pull")), "x")
      return normalize(error)
    })
    expect(result).toEqual({ name: "Error", message: "Cannot send on this socket type." })
  })

  it("send() on a SUB socket without a callback emits 'error'", async () => {
    const result = await run(turbo, async ({ zmq, track }) => {
      const sub = track(zmq.socket("sub"))
      const error = once(sub, "error")
      sub.send("x")
      return normalize((await error)[0])
    })
    expect(result).toEqual({ name: "Error", message: "Cannot send on this socket type." })
  })

  // A compat socket keeps a v6 receive() pending from its construction, and libzmq's
  // zmq_connect() processes the socket's commands, which can consume the edge of ZMQ_FD: unless
  // the pending receive is retried after connect(), it never sees the peer's messages. zeromq.js
  // hangs here (so it is not run); our v6 core retries.
  it("a socket that connects over inproc after it was created receives (zeromq.js never does)", async () => {
    const result = await run(turbo, async ({ zmq, track, address }) => {
      const push = track(zmq.socket("push"))
      const pull = track(zmq.socket("pull"))
      const endpoint = address("inproc")
      push.bindSync(endpoint)
      pull.connect(endpoint)
      const received = messages(pull, 1)
      push.send("after connect")
      return received
    })
    expect(result).toEqual([["after connect"]])
  })

  it("keeps its bookkeeping private: no internal keys or event names", async () => {
    const scenario = ({ zmq, track }: Scope): unknown => {
      const socket = track(zmq.socket("pull"))
      return {
        keys: Object.keys(socket).filter(key => !["_events", "_eventsCount", "_maxListeners"].includes(key)),
        events: socket.eventNames(),
      }
    }
    expect(await run(turbo, scenario)).toEqual({ keys: ["type"], events: [] })
    expect(await run(reference, scenario)).toEqual({
      keys: ["_msg", "_recvQueue", "_sendQueue", "_paused", "_count", "type", "_socket"],
      events: ["_flushSend"],
    })
  })
})
