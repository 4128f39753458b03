// setsockopt(), getsockopt() and the short option names as properties. See harness.ts for the oracles and how tests are named.
import { describe, expect, it } from "vitest"
import {
  connected,
  curvePublic,
  curveSecret,
  outcome,
  reference,
  run,
  same,
  sameAsBoth,
  sameAsV5,
  socketTypes,
  turbo,
  type Outcome,
  type Scope,
} from "./harness.js"

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
  hwm: 5,
  mcast_loop: 1,
  swap: 5,
}

/** The socket types, without the aliases xreq and xrep. */
const optionTypes = socketTypes.filter(type => type !== "xreq" && type !== "xrep")

/** The samples as zeromq@5's setsockopt() takes them: string options as Buffers. */
const legacySamples: [string, unknown][] = [
  ...samples
    // zeromq@5 says "Invalid argument" for a number it does not know, we say zeromq.js's
    // "Unknown option" (pinned below).
    .filter(([name]) => name !== "ZMQ_MAX_SOCKETS")
    .map(([name, value]): [string, unknown] => [name, typeof value === "string" ? Buffer.from(value) : value]),
  ["ZMQ_HWM", 5],
  ["ZMQ_SWAP", 5],
  ["ZMQ_MCAST_LOOP", 1],
]

/** A descriptor number differs from run to run: only that it is one is compared. */
function withoutDescriptor(name: string, result: Outcome): Outcome {
  if (name === "ZMQ_FD" && "returned" in result && typeof result.returned === "number") return { returned: "fd" }
  return result
}

describe("setsockopt() and getsockopt()", () => {
  it.each(optionTypes)(
    "follows zeromq@5: reads, sets and reads again every option by number on a %s socket",
    async type => {
      const result = await sameAsV5(({ zmq, track }) => {
        const socket = track(zmq.socket(type))
        const numbers = zmq as unknown as Record<string, number>
        return legacySamples.map(([name, value]) => {
          const option = numbers[name]
          return [
            name,
            withoutDescriptor(
              name,
              outcome(() => socket.getsockopt(option)),
            ),
            outcome(() => socket.setsockopt(option, value) === socket),
            withoutDescriptor(
              name,
              outcome(() => socket.getsockopt(option)),
            ),
          ]
        })
      })
      expect(result).toHaveLength(legacySamples.length)
      const row = (name: string): unknown[] | undefined => result.find(([option]) => option === name)
      const invalid = { threw: { name: "Error", message: "Invalid argument", code: "EINVAL", errno: 22 } }
      // libzmq decides: ZMQ_IDENTITY works on every type, ZMQ_ROUTER_MANDATORY is write-only
      // and ROUTER's (and REP's, a ROUTER inside), the options libzmq 4 dropped fail everywhere.
      expect(row("ZMQ_IDENTITY")?.slice(2)).toEqual([{ returned: true }, { returned: "ident" }])
      if (type === "router" || type === "rep")
        expect(row("ZMQ_ROUTER_MANDATORY")?.slice(2)).toEqual([{ returned: true }, invalid])
      else expect(row("ZMQ_ROUTER_MANDATORY")?.slice(2)).toEqual([invalid, invalid])
      for (const dropped of ["ZMQ_HWM", "ZMQ_SWAP", "ZMQ_MCAST_LOOP"]) {
        expect(row(dropped)?.slice(1)).toEqual([invalid, invalid, invalid])
      }
    },
  )

  it.each(optionTypes)("follows zeromq@5: reads and assigns every short-name property on a %s socket", async type => {
    const result = await sameAsV5(({ zmq, track }) => {
      const socket = track(zmq.socket(type)) as unknown as Record<string, unknown>
      return Object.keys(zmq.options).map(name => [
        name,
        withoutDescriptor(
          name === "_fd" ? "ZMQ_FD" : name,
          outcome(() => socket[name]),
        ),
        outcome(() => {
          socket[name] = propertySamples[name]
        }),
        withoutDescriptor(
          name === "_fd" ? "ZMQ_FD" : name,
          outcome(() => socket[name]),
        ),
      ])
    })
    expect(result).toHaveLength(31)
    expect(result.find(([name]) => name === "identity")?.[3]).toEqual({ returned: "ident" })
  })

  it("follows zeromq@5: ZMQ_IPV4ONLY reads as a number; strings and booleans are accepted as in zeromq.js", async () => {
    const scenario = ({ zmq, track }: Scope): unknown => {
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
    }
    // zeromq@5 took only Buffers and numbers in setsockopt() (it threw for "me" and true).
    expect(await run(turbo, scenario)).toEqual([7, "me", 1, 0, 1])
    expect(await run(reference, scenario)).toEqual([7, "me", 1, false, 1])
  })

  it("passes a string assigned to an option property on as UTF-8 bytes", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.socket("dealer"))
      socket.identity = "Grüße"
      return [socket.identity, outcome(() => (socket.linger = "5"))]
    })
    expect(result).toEqual(["Grüße", { threw: { name: "TypeError", message: "Option value must be a number" } }])
  })

  // Numbers zeromq@5 knew without a constant: libzmq 3's ZMQ_RECOVERY_IVL_MSEC (20),
  // ZMQ_RCVLABEL (29) and ZMQ_RCVCMD (30) of libzmq 3.0, ZMQ_PROBE_ROUTER (51) and
  // ZMQ_HANDSHAKE_IVL (66).
  it.each(["dealer", "router", "sub"] as const)(
    "follows zeromq@5: options known only by number go to libzmq, which decides (%s)",
    async type => {
      const result = await sameAsV5(({ track, zmq }) => {
        const socket = track(zmq.socket(type))
        return [20, 29, 30, 51, 66].map(option => [
          option,
          outcome(() => socket.getsockopt(option)),
          outcome(() => socket.setsockopt(option, 1) === socket),
          outcome(() => socket.getsockopt(option)),
        ])
      })
      const invalid = { threw: { name: "Error", message: "Invalid argument", code: "EINVAL", errno: 22 } }
      expect(result.find(([option]) => option === 66)).toEqual([
        66,
        { returned: 30000 },
        { returned: true },
        { returned: 1 },
      ])
      expect(result.find(([option]) => option === 29)).toEqual([29, invalid, invalid, invalid])
      // ZMQ_PROBE_ROUTER is write-only, and for ROUTER and DEALER sockets.
      expect((result.find(([option]) => option === 51) as unknown[])[2]).toEqual(
        type === "sub" ? invalid : { returned: true },
      )
    },
  )

  it("throws Unknown option for an unknown number or name", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(zmq.socket("dealer"))
      return [
        outcome(() => socket.getsockopt(9999)),
        outcome(() => socket.setsockopt(9999, 1)),
        outcome(() => socket.getsockopt("bogus" as "linger")),
        outcome(() => socket.setsockopt("toString" as "linger", 1)),
        outcome(() => socket.setsockopt(zmq.ZMQ_MAX_SOCKETS, 1)),
      ]
    })
    expect(result).toEqual(Array(5).fill({ threw: { name: "Error", message: "Unknown option" } }))
  })

  it("reports ZMQ_MECHANISM as a number", async () => {
    const result = await sameAsBoth(({ zmq, track }) => {
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
    const result = await sameAsBoth(async ({ zmq, track, address }) => {
      const server = track(zmq.socket("dealer"))
      const client = track(zmq.socket("dealer"))
      const before = client.getsockopt(zmq.ZMQ_EVENTS)
      await connected(server, client, "inproc", { zmq, track, address })
      return [before, client.getsockopt(zmq.ZMQ_EVENTS)]
    })
    expect(result).toEqual([0, 2])
  })

  it("follows zeromq@5: identity on a SUB socket is ZMQ_IDENTITY (zeromq.js: not extensible)", async () => {
    const scenario = ({ zmq, track }: Scope): unknown => {
      const socket = track(zmq.socket("sub"))
      return outcome(() => {
        socket.identity = "Hello"
        return socket.identity
      })
    }
    expect(await sameAsV5(scenario)).toEqual({ returned: "Hello" })
    expect(await run(reference, scenario)).toEqual({
      threw: { name: "TypeError", message: "Cannot add property routingId, object is not extensible" },
    })
  })

  it("follows zeromq@5: hwm, swap and mcast_loop throw EINVAL (libzmq 4 has no such options)", async () => {
    const result = await sameAsV5(({ zmq, track }) => {
      const socket = track(zmq.socket("push")) as unknown as Record<string, unknown>
      return ["hwm", "swap", "mcast_loop"].map(name => outcome(() => (socket[name] = 5)))
    })
    expect(result).toEqual(
      Array(3).fill({ threw: { name: "Error", message: "Invalid argument", code: "EINVAL", errno: 22 } }),
    )
  })

  it("follows zeromq@5: setsockopt(ZMQ_SUBSCRIBE) on a socket that is not SUB throws EINVAL", async () => {
    // zeromq.js throws V8's TypeError "this._socket.subscribe is not a function".
    const scenario = ({ zmq, track }: Scope): Outcome => {
      const socket = track(zmq.socket("xsub"))
      return outcome(() => socket.setsockopt(zmq.ZMQ_SUBSCRIBE, Buffer.from("a")))
    }
    expect(await sameAsV5(scenario)).toEqual({
      threw: { name: "Error", message: "Invalid argument", code: "EINVAL", errno: 22 },
    })
    expect(await run(reference, scenario)).toMatchObject({ threw: { name: "TypeError" } })
  })
})
