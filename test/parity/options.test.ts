import { describe, expect, it } from "vitest"
import { socketOptions } from "../../lib/option-table.js"
import {
  type AnySocket,
  type Scope,
  type Zmq,
  attempt,
  draftClasses,
  outcome,
  same,
  socketClasses,
  turboOnlyOptions,
  withWarnings,
} from "../support/parity.js"

type ClassName = (typeof socketClasses)[number] | (typeof draftClasses)[number]

// A fixed CURVE key (Z85, 40 characters) so both implementations get the same input.
const curveKey = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"

// For every writable option: a valid value that differs from the default. Options whose
// setting libzmq rejects here (vmci* without VMCI support) are included on purpose: the error is
// part of the contract. The table must cover every writable option (checked below).
const candidates: Record<string, unknown> = {
  affinity: 3,
  backlog: 50,
  conflate: true,
  connectTimeout: 500,
  correlate: true,
  curvePublicKey: curveKey,
  curveSecretKey: curveKey,
  curveServer: true,
  curveServerKey: curveKey,
  handover: true,
  handshakeInterval: 5000,
  heartbeatInterval: 1000,
  heartbeatTimeToLive: 2000,
  heartbeatTimeout: 3000,
  immediate: true,
  interface: "lo",
  invertMatching: true,
  ipv6: true,
  linger: 42,
  loopbackFastPath: true,
  mandatory: true,
  manual: true,
  maxMessageSize: 2 ** 40,
  multicastHops: 3,
  multicastMaxTransportDataUnit: 1400,
  noDrop: true,
  notify: false,
  plainPassword: "secret",
  plainServer: true,
  plainUsername: "user",
  probeRouter: true,
  rate: 200,
  receiveBufferSize: 8192,
  receiveHighWaterMark: 500,
  receiveTimeout: 250,
  reconnectInterval: 250,
  reconnectMaxInterval: 1000,
  recoveryInterval: 5000,
  relaxed: true,
  routingId: "abc",
  sendBufferSize: 8192,
  sendHighWaterMark: 500,
  sendTimeout: 250,
  socksProxy: "127.0.0.1:1080",
  tcpAcceptFilter: "127.0.0.1",
  tcpKeepalive: 1,
  tcpKeepaliveCount: 5,
  tcpKeepaliveIdle: 60,
  tcpKeepaliveInterval: 10,
  tcpMaxRetransmitTimeout: 1000,
  typeOfService: 16,
  verbosity: "allSubs",
  vmciBufferMaxSize: 1024,
  vmciBufferMinSize: 1024,
  vmciBufferSize: 1024,
  vmciConnectTimeout: 100,
  welcomeMessage: "welcome",
  zapDomain: "global",
  zapEnforceDomain: true,
}

// A value of the wrong type for each option, by the type of its candidate.
function wrongType(candidate: unknown): unknown {
  if (typeof candidate === "boolean") return 1
  if (typeof candidate === "number") return "1"
  return 1
}

function construct({ zmq, draft }: Scope, name: ClassName): AnySocket {
  const Class = (name in zmq ? zmq[name as keyof Zmq] : draft[name as keyof typeof draft]) as new () => AnySocket
  return new Class()
}

interface Accessor {
  name: string
  get: boolean
  set: boolean
}

function accessors(socket: object): Accessor[] {
  const found = new Map<string, Accessor>()
  for (let p = Object.getPrototypeOf(socket); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      const descriptor = Object.getOwnPropertyDescriptor(p, name)!
      // zeromq-turbo's own options have their own tests (test/unit/batch-size.test.ts).
      if (found.has(name) || !(descriptor.get || descriptor.set) || turboOnlyOptions.includes(name)) continue
      found.set(name, { name, get: !!descriptor.get, set: !!descriptor.set })
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** Reads a value and describes it; objects (context, events) by their class only. */
async function read(socket: AnySocket, name: string) {
  return outcome(() => {
    const value = (socket as unknown as Record<string, unknown>)[name]
    return typeof value === "object" && value !== null && !Buffer.isBuffer(value)
      ? `object:${value.constructor.name}`
      : value
  })
}

const classes = [...socketClasses.map(name => [name] as const), ...draftClasses.map(name => [name] as const)]

describe("socket options", () => {
  it.each(classes)("%s has the same accessors, access and defaults", async name => {
    await same(async scope => {
      const socket = scope.track(construct(scope, name))
      const rows = []
      for (const accessor of accessors(socket)) {
        rows.push({ ...accessor, value: accessor.get ? await read(socket, accessor.name) : "write-only" })
      }
      return rows
    })
  })

  it.each(classes)("%s round-trips a valid value through every writable option", async name => {
    const rows = await same(async scope => {
      const probe = scope.track(construct(scope, name))
      const rows = []
      for (const accessor of accessors(probe).filter(a => a.set)) {
        // A fresh socket per option: security options interact with each other.
        const socket = scope.track(construct(scope, name))
        const set = await outcome(() => {
          ;(socket as unknown as Record<string, unknown>)[accessor.name] = candidates[accessor.name]
        })
        rows.push({ name: accessor.name, set, after: await read(socket, accessor.name) })
        socket.close()
      }
      return rows
    })
    expect(rows.map(row => row.name).filter(option => !(option in candidates))).toEqual([])
  })

  it.each(classes)("%s rejects a value of the wrong type for every writable option", async name => {
    await same(async scope => {
      const socket = scope.track(construct(scope, name))
      const rows = []
      for (const accessor of accessors(socket).filter(a => a.set)) {
        rows.push({
          name: accessor.name,
          set: await outcome(() => {
            ;(socket as unknown as Record<string, unknown>)[accessor.name] = wrongType(candidates[accessor.name])
          }),
        })
      }
      return rows
    })
  })

  it("reports the security mechanism of plain and curve sockets", async () => {
    const result = await same(({ zmq, track }) => {
      const plain = track(new zmq.Dealer({ plainServer: true }))
      const curve = track(new zmq.Dealer({ curveServer: true }))
      const byKey = track(new zmq.Dealer({ curveSecretKey: curveKey }))
      return [plain.securityMechanism, curve.securityMechanism, byKey.securityMechanism]
    })
    expect(result).toEqual(["plain", "curve", "curve"])
  })

  it("applies constructor options", async () => {
    await same(({ zmq, track }) => {
      const socket = track(new zmq.Router({ linger: 5, routingId: "r", receiveHighWaterMark: 7, mandatory: true }))
      return [socket.linger, socket.routingId, socket.receiveHighWaterMark]
    })
  })

  it("uses the default context unless one is given", async () => {
    await same(({ zmq, track }) => {
      const context = new zmq.Context()
      return [track(new zmq.Pull()).context === zmq.context, track(new zmq.Pull({ context })).context === context]
    })
  })
})

describe("option value coercion", () => {
  const numeric: [string, unknown][] = [
    ["linger", 1.5],
    ["linger", -0],
    ["linger", NaN],
    ["linger", Infinity],
    ["linger", -Infinity],
    ["linger", 2 ** 31],
    ["linger", 2 ** 32 + 5],
    ["linger", -2],
    ["typeOfService", -1],
    ["typeOfService", 2 ** 32],
    ["typeOfService", 255],
    ["maxMessageSize", 1.9],
    ["maxMessageSize", -2],
    ["affinity", 2 ** 40],
    ["heartbeatTimeToLive", 2050],
    ["heartbeatTimeout", -1],
  ]
  it.each(numeric)("%s = %s", async (option, value) => {
    await same(({ zmq, track }) => {
      const socket = track(new zmq.Dealer()) as unknown as Record<string, unknown>
      return outcome(() => {
        socket[option] = value
        return socket[option]
      })
    })
  })

  const wrong: [string, string, unknown][] = [
    ["bool", "immediate", 0],
    ["bool", "immediate", "true"],
    ["bool", "immediate", null],
    ["bool", "immediate", undefined],
    ["bool", "immediate", {}],
    ["int32", "linger", "5"],
    ["int32", "linger", 5n],
    ["int32", "linger", true],
    ["int32", "linger", null],
    ["int32", "linger", undefined],
    ["int32", "linger", [5]],
    ["uint32", "typeOfService", "5"],
    ["uint32", "typeOfService", null],
    ["int64", "maxMessageSize", 5n],
    ["int64", "maxMessageSize", "5"],
    ["uint64", "affinity", 5n],
    ["uint64", "affinity", undefined],
    ["string", "routingId", 5],
    ["string", "routingId", undefined],
    ["string", "routingId", true],
    ["string", "routingId", {}],
    ["string", "routingId", ["a"]],
  ]
  it.each(wrong)("%s option %s rejects %s", async (_type, option, value) => {
    const result = await same(({ zmq, track }) => {
      const socket = track(new zmq.Dealer()) as unknown as Record<string, unknown>
      return outcome(() => {
        socket[option] = value
      })
    })
    expect(result).toMatchObject({ threw: { name: "TypeError" } })
  })

  const strings: [string, unknown][] = [
    ["routingId", Buffer.from("buf")],
    ["routingId", Buffer.from([0xff, 0xfe])],
    ["routingId", new Uint8Array([0x61, 0x62])],
    ["routingId", null],
    ["routingId", ""],
    ["routingId", "x".repeat(256)],
    ["zapDomain", "héllo"],
    ["zapDomain", null],
    ["socksProxy", null],
    ["curveSecretKey", "abc"],
    ["curveSecretKey", Buffer.alloc(32, 1)],
  ]
  it.each(strings)("string option %s = %s", async (option, value) => {
    await same(({ zmq, track }) => {
      const socket = track(new zmq.Dealer()) as unknown as Record<string, unknown>
      return outcome(() => {
        socket[option] = value
        return socket[option]
      })
    })
  })

  it.each([["allSubs"], ["allSubsUnsubs"], [null], ["bogus"], [5]])(
    "XPublisher verbosity accepts %s without throwing",
    async value => {
      await same(({ zmq, track }) => {
        const socket = track(new zmq.XPublisher()) as unknown as Record<string, unknown>
        return outcome(() => {
          socket.verbosity = value
          return socket.verbosity
        })
      })
    },
  )
})

describe("context options", () => {
  it("has the same accessors, access and defaults on a new context", async () => {
    await same(({ zmq }) => {
      const context = new zmq.Context()
      return accessors(context).map(a => ({
        ...a,
        value: a.get ? (context as unknown as Record<string, unknown>)[a.name] : "write-only",
      }))
    })
  })

  it("has the same defaults on the default context", async () => {
    await same(({ zmq }) =>
      accessors(zmq.context)
        .filter(a => a.get)
        .map(a => [a.name, (zmq.context as unknown as Record<string, unknown>)[a.name]]),
    )
  })

  const values: [string, unknown][] = [
    ["ioThreads", 2],
    ["ioThreads", 0],
    ["ioThreads", -1],
    ["ioThreads", 1.5],
    ["maxSockets", 10],
    ["maxSockets", 0],
    ["maxMessageSize", 1000],
    ["maxMessageSize", -5],
    ["ipv6", true],
    ["blocky", false],
    ["threadPriority", 5],
    ["threadSchedulingPolicy", 1],
    ["ioThreads", "2"],
    ["blocky", 1],
    ["threadPriority", "x"],
  ]
  it.each(values)("context %s = %s", async (option, value) => {
    await same(({ zmq }) => {
      const context = new zmq.Context() as unknown as Record<string, unknown>
      return outcome(() => {
        context[option] = value
        return context[option]
      })
    })
  })

  it("applies constructor options", async () => {
    const result = await same(({ zmq }) => {
      const context = new zmq.Context({ ioThreads: 2, maxSockets: 64, ipv6: true, blocky: false })
      return [context.ioThreads, context.maxSockets, context.ipv6, context.blocky]
    })
    expect(result).toEqual([2, 64, true, false])
  })

  // libzmq gets one slot more than maxSockets, for a socket of the context's own (native/context.h):
  // the user's sockets still meet the same EMFILE after exactly maxSockets.
  it.each([1, 3])("creates %s sockets with maxSockets = %s, and throws the same error for one more", async max => {
    const result = await same(({ zmq, track }) => {
      const context = new zmq.Context({ maxSockets: max })
      let created = 0
      const failure = outcome(() => {
        for (; created <= max; created++) track(new zmq.Pair({ context }))
      })
      return { created, failure, maxSockets: context.maxSockets }
    })
    expect(result).toMatchObject({ created: max, maxSockets: max })
  })

  it("changes maxSockets after a socket was created on the context", async () => {
    await same(({ zmq, track }) => {
      const context = new zmq.Context()
      track(new zmq.Dealer({ context }))
      context.maxSockets = 5
      return context.maxSockets
    })
  })
})

// Every numeric option, and the raw accessors zeromq.js code reaches for, over the edges of every
// integer type a double can meet: what is set (or thrown), what reads back, and the warnings.
describe("numeric options over the whole range of a double", () => {
  const edges = [
    0,
    -0,
    1,
    -1,
    0.5,
    -0.5,
    1.9,
    -1.9,
    Number.MIN_VALUE,
    -Number.MIN_VALUE,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    -(2 ** 31) - 1,
    2 ** 32 - 1,
    2 ** 32,
    2 ** 32 + 5,
    Number.MAX_SAFE_INTEGER,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    2 ** 63,
    -(2 ** 63),
    2 ** 64 - 2048,
    2 ** 64,
    1e20,
    -1e20,
    Number.MAX_VALUE,
    Infinity,
    -Infinity,
  ]

  type Setter = (target: object, value: number) => unknown
  type Getter = (target: object) => unknown

  /** Sets each edge, then reads back; with the warnings of each step. */
  function sweep(target: object, set: Setter, get: Getter, values: readonly number[] = edges) {
    return values.map(value => {
      const setting = withWarnings(() => attempt(() => set(target, value)))
      const reading = withWarnings(() => attempt(() => get(target)))
      return { value: String(value), set: setting, get: reading }
    })
  }

  const numeric = socketOptions.filter(
    row =>
      ["int32", "uint32", "int64", "uint64"].includes(row.type) &&
      row.access === "rw" &&
      !row.values &&
      !row.extension &&
      (row.on.includes("Socket") || row.on.includes("Dealer")),
  )

  it("covers an option of every numeric type", () => {
    expect(new Set(numeric.map(row => row.type))).toEqual(new Set(["int32", "uint32", "int64", "uint64"]))
  })

  it.each(numeric.map(row => [row.name, row.type] as const))("%s (%s) through its property", async name => {
    await same(({ zmq, track }) =>
      sweep(
        track(new zmq.Dealer()),
        (socket, value) => ((socket as Record<string, unknown>)[name] = value),
        socket => (socket as Record<string, unknown>)[name],
      ),
    )
  })

  // libzmq option ids (zmq.h): ZMQ_LINGER (int32), ZMQ_TOS (uint32), ZMQ_MAXMSGSIZE (int64),
  // ZMQ_AFFINITY (uint64); and a uint64 id read as int64 and the other way round.
  const raw: [string, string, number][] = [
    ["Int32", "Int32", 17],
    ["Uint32", "Uint32", 57],
    ["Int64", "Int64", 22],
    ["Uint64", "Uint64", 4],
    ["Uint64", "Int64", 22],
    ["Int64", "Uint64", 4],
  ]
  it.each(raw)("set%sOption() then get%sOption() of option %i", async (setType, getType, id) => {
    await same(({ zmq, track }) => {
      const socket = track(new zmq.Dealer()) as unknown as Record<string, (...args: unknown[]) => unknown>
      return sweep(
        socket,
        (target, value) => (target as typeof socket)[`set${setType}Option`](id, value),
        target => (target as typeof socket)[`get${getType}Option`](id),
      )
    })
  })

  it("warns for a value above Number.MAX_SAFE_INTEGER on every set, never on a get", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      const set = [1, 2].map(() => withWarnings(() => (socket.affinity = 2 ** 60)).warnings)
      const get = withWarnings(() => socket.affinity)
      const maxMessageSize = withWarnings(() => (socket.maxMessageSize = 2 ** 60)).warnings
      return { set, get, maxMessageSize }
    })
    const warning = "Value is larger than Number.MAX_SAFE_INTEGER and may have been rounded inaccurately."
    expect(result).toEqual({ set: [[warning], [warning]], get: { value: 2 ** 60, warnings: [] }, maxMessageSize: [] })
  })

  it("reads back 0xffffffffffffffff set on affinity as 18446744073709552000", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      socket.affinity = 0xffffffffffffffff
      return socket.affinity
    })
    expect(result).toBe(18446744073709552000)
  })

  it.each(["ioThreads", "maxSockets", "threadPriority", "maxMessageSize"])(
    "context %s through its property",
    async name => {
      await same(({ zmq }) =>
        sweep(
          new zmq.Context(),
          (context, value) => ((context as Record<string, unknown>)[name] = value),
          context => (context as Record<string, unknown>)[name],
        ),
      )
    },
  )
})
