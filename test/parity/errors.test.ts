import { describe, expect, it } from "vitest"
import { type Outcome, type Scope, anonymize, attempt, bindAddress, outcome, same } from "../support/parity.js"

type Case = [string, (scope: Scope) => Promise<Outcome>]

// Calls through an untyped view: these tests pass what the type declarations forbid.
type Loose = Record<string, (...args: unknown[]) => unknown>
const loose = (target: unknown) => target as Loose
type LooseClass = new (...args: unknown[]) => unknown
const looseClass = (target: unknown) => target as LooseClass

/** Endpoint errors carry the address; tcp ports differ between runs. */
function anonymized(result: Outcome): Outcome {
  for (const key of ["threw", "rejected"] as const) {
    if (key in result) {
      const error = (result as Record<typeof key, { address?: unknown }>)[key]
      if (typeof error.address === "string") error.address = anonymize(error.address)
    }
  }
  return result
}

async function expectSame(scenario: (scope: Scope) => Promise<Outcome>) {
  const result = await same(async scope => anonymized(await scenario(scope)))
  // Every case in this file is an error case; a scenario that stopped failing is a broken case.
  expect(Object.keys(result)).toEqual([expect.stringMatching(/^(threw|rejected)$/)])
  return result
}

describe("constructor errors", () => {
  const cases: Case[] = [
    ["new Socket() without a type", async ({ zmq }) => attempt(() => new (looseClass(zmq.Socket))())],
    ["new Socket('x')", async ({ zmq }) => attempt(() => new (looseClass(zmq.Socket))("x"))],
    ["new Socket(99)", async ({ zmq }) => attempt(() => new (looseClass(zmq.Socket))(99))],
    ["new Socket(-1)", async ({ zmq }) => attempt(() => new (looseClass(zmq.Socket))(-1))],
    ["new Socket(0, 5)", async ({ zmq }) => attempt(() => new (looseClass(zmq.Socket))(0, 5))],
    ["new Pull(null)", async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))(null))],
    ["new Pull('x')", async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))("x"))],
    ["new Pull(5)", async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))(5))],
    ["new Pull({ unknown: 1 })", async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))({ unknown: 1 }))],
    [
      "new Pull({ sendTimeout: 5 }) (an option of other classes)",
      async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))({ sendTimeout: 5 })),
    ],
    ["new Pull({ type: 5 }) (read-only)", async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))({ type: 5 }))],
    [
      "new Pull({ closed: true }) (read-only)",
      async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))({ closed: true })),
    ],
    [
      "new Pull({ receive: 1 }) (a method)",
      async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))({ receive: 1 })),
    ],
    ["new Pull({ linger: 'x' })", async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))({ linger: "x" }))],
    [
      "new Pull({ linger: undefined })",
      async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))({ linger: undefined })),
    ],
    ["new Pull({ context: {} })", async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))({ context: {} }))],
    ["new Pull({ context: null })", async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))({ context: null }))],
    [
      "new Pull({ context: undefined })",
      async ({ zmq }) => attempt(() => new (looseClass(zmq.Pull))({ context: undefined })),
    ],
    ["new Context(5)", async ({ zmq }) => attempt(() => new (looseClass(zmq.Context))(5))],
    ["new Context(null)", async ({ zmq }) => attempt(() => new (looseClass(zmq.Context))(null))],
    ["new Context({ unknown: 1 })", async ({ zmq }) => attempt(() => new (looseClass(zmq.Context))({ unknown: 1 }))],
    [
      "new Context({ maxSocketsLimit: 1 }) (read-only)",
      async ({ zmq }) => attempt(() => new (looseClass(zmq.Context))({ maxSocketsLimit: 1 })),
    ],
    [
      "new Context({ ioThreads: 'x' })",
      async ({ zmq }) => attempt(() => new (looseClass(zmq.Context))({ ioThreads: "x" })),
    ],
    [
      "new Context({ ioThreads: -1 })",
      async ({ zmq }) => attempt(() => new (looseClass(zmq.Context))({ ioThreads: -1 })),
    ],
    ["Pull() without new", async ({ zmq }) => attempt(() => (zmq.Pull as unknown as () => unknown)())],
    // Socket() and Context() without new: see differences.test.ts.
    ["new Observer()", async ({ zmq }) => attempt(() => new (looseClass(zmq.Observer))())],
    ["new Observer(5)", async ({ zmq }) => attempt(() => new (looseClass(zmq.Observer))(5))],
    ["new Observer({})", async ({ zmq }) => attempt(() => new (looseClass(zmq.Observer))({}))],
    [
      "new Observer(closed socket)",
      async ({ zmq }) => {
        const socket = new zmq.Dealer()
        socket.close()
        return attempt(() => new zmq.Observer(socket))
      },
    ],
    ["new Proxy()", async ({ zmq }) => attempt(() => new (looseClass(zmq.Proxy))())],
    ["new Proxy(1, 2)", async ({ zmq }) => attempt(() => new (looseClass(zmq.Proxy))(1, 2))],
    [
      "new Proxy(socket)",
      async ({ zmq, track }) => attempt(() => new (looseClass(zmq.Proxy))(track(new zmq.Router()))),
    ],
    ["new Proxy({}, {})", async ({ zmq }) => attempt(() => new (looseClass(zmq.Proxy))({}, {}))],
  ]
  it.each(cases)("%s", async (_name, scenario) => {
    await expectSame(scenario)
  })
})

describe("argument errors", () => {
  const methods = ["bind", "unbind", "bindSync", "unbindSync", "connect", "disconnect"] as const
  const cases: Case[] = [
    ...methods.map((method): Case => [
      `${method}() without an address`,
      async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer()))[method]()),
    ]),
    ...methods.map((method): Case => [
      `${method}(5)`,
      async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer()))[method](5)),
    ]),
    ...methods.map((method): Case => [
      `${method}(null)`,
      async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer()))[method](null)),
    ]),
    ...methods.map((method): Case => [
      `${method}(a, b)`,
      async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer()))[method]("inproc://a", "b")),
    ]),
    [
      "bind(5, 6) (arity checked first)",
      async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer())).bind(5, 6)),
    ],
    ["send() without a message", async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer())).send())],
    ["send(undefined)", async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer())).send(undefined))],
    ["send(a, b)", async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer())).send("a", "b"))],
    ["send(Symbol())", async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer())).send(Symbol("s")))],
    ["send([Symbol()])", async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer())).send([Symbol("s")]))],
    ...(["thrown", 42, undefined, null] as const).map((value): Case => [
      `send([a frame whose toString() throws ${String(value)}])`,
      async ({ zmq, track }) =>
        attempt(() =>
          loose(track(new zmq.Dealer())).send([
            {
              toString() {
                throw value
              },
            },
          ]),
        ),
    ]),
    ["receive(1)", async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer())).receive(1))],
    ["close(1)", async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer())).close(1))],
    ["events.receive(1)", async ({ zmq, track }) => attempt(() => loose(track(new zmq.Dealer()).events).receive(1))],
    ["Router.connect(5)", async ({ zmq, track }) => attempt(() => loose(track(new zmq.Router())).connect(5))],
    [
      "Router.connect(address, { routingId: 5 })",
      async ({ zmq, track }) =>
        attempt(() => loose(track(new zmq.Router())).connect("tcp://127.0.0.1:1", { routingId: 5 })),
    ],
    [
      "Router.connect(address, null)",
      async ({ zmq, track }) => attempt(() => loose(track(new zmq.Router())).connect("tcp://127.0.0.1:1", null)),
    ],
    [
      "Stream.connect(address, { routingId: 5 })",
      async ({ zmq, track }) =>
        attempt(() => loose(track(new zmq.Stream())).connect("tcp://127.0.0.1:1", { routingId: 5 })),
    ],
    [
      "Subscriber.subscribe(5)",
      async ({ zmq, track }) => attempt(() => loose(track(new zmq.Subscriber())).subscribe(5)),
    ],
    [
      "Subscriber.subscribe(undefined)",
      async ({ zmq, track }) => attempt(() => loose(track(new zmq.Subscriber())).subscribe(undefined)),
    ],
    [
      "Subscriber.subscribe({})",
      async ({ zmq, track }) => attempt(() => loose(track(new zmq.Subscriber())).subscribe({})),
    ],
    [
      "Subscriber.subscribe('a', 5)",
      async ({ zmq, track }) => attempt(() => loose(track(new zmq.Subscriber())).subscribe("a", 5)),
    ],
    [
      "Subscriber.unsubscribe(5)",
      async ({ zmq, track }) => attempt(() => loose(track(new zmq.Subscriber())).unsubscribe(5)),
    ],
  ]
  it.each(cases)("%s", async (_name, scenario) => {
    await expectSame(scenario)
  })
})

describe("endpoint errors", () => {
  const bindErrors = [
    "foo",
    "",
    "tcp://",
    "inproc://",
    "foo://bar",
    "pgm://127.0.0.1;239.192.1.1:5555",
    "udp://127.0.0.1:5555",
    "tcp://no-such-interface.invalid:5555",
    "tcp://[::1]:*",
    "tcp://8.8.8.8:5555",
    "ipc:///nonexistent-parity-dir/socket",
  ]
  it.each(bindErrors)("bind(%j) rejects", async address => {
    await expectSame(async ({ zmq, track }) => outcome(() => track(new zmq.Dealer()).bind(address)))
  })

  it.each(bindErrors)("bindSync(%j) throws", async address => {
    await expectSame(async ({ zmq, track }) => outcome(() => track(new zmq.Dealer()).bindSync(address)))
  })

  const connectErrors = ["foo", "tcp://", "tcp://127.0.0.1", "tcp://127.0.0.1:x", "foo://bar"]
  it.each(connectErrors)("connect(%j) throws", async address => {
    await expectSame(async ({ zmq, track }) => outcome(() => track(new zmq.Dealer()).connect(address)))
  })

  it("rejects a tcp bind to a port in use with EADDRINUSE", async () => {
    const result = await expectSame(async ({ zmq, track }) => {
      const first = track(new zmq.Dealer())
      await first.bind("tcp://127.0.0.1:*")
      return outcome(() => track(new zmq.Dealer()).bind(first.lastEndpoint!))
    })
    expect(result).toMatchObject({ rejected: { code: "EADDRINUSE", errno: 98 } })
  })

  it("throws EADDRINUSE from bindSync to a port in use", async () => {
    await expectSame(async ({ zmq, track }) => {
      const first = track(new zmq.Dealer())
      await first.bind("tcp://127.0.0.1:*")
      return outcome(() => track(new zmq.Dealer()).bindSync(first.lastEndpoint!))
    })
  })

  it("rejects a bind to an inproc name in use with EADDRINUSE", async () => {
    await expectSame(async ({ zmq, track }) => {
      const address = bindAddress("inproc")
      await track(new zmq.Dealer()).bind(address)
      return outcome(() => track(new zmq.Dealer()).bind(address))
    })
  })

  it("rejects unbind of an endpoint that is not bound with ENOENT", async () => {
    await expectSame(async ({ zmq, track }) => outcome(() => track(new zmq.Dealer()).unbind("tcp://127.0.0.1:2")))
  })

  it("rejects unbind of a malformed endpoint with EINVAL", async () => {
    await expectSame(async ({ zmq, track }) => outcome(() => track(new zmq.Dealer()).unbind("foo")))
  })

  it("rejects a second unbind of the same endpoint with ENOENT", async () => {
    await expectSame(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      await socket.bind("tcp://127.0.0.1:*")
      await socket.unbind(socket.lastEndpoint!)
      return outcome(() => socket.unbind(socket.lastEndpoint!))
    })
  })

  it("throws ENOENT from disconnect of an endpoint that is not connected", async () => {
    await expectSame(async ({ zmq, track }) => outcome(() => track(new zmq.Dealer()).disconnect("tcp://127.0.0.1:2")))
  })

  it("throws EINVAL from disconnect of a malformed endpoint", async () => {
    await expectSame(async ({ zmq, track }) => outcome(() => track(new zmq.Dealer()).disconnect("foo")))
  })
})

describe("assignment errors in strict mode", () => {
  const cases: Case[] = [
    [
      "an unknown property on a socket",
      async ({ zmq, track }) =>
        outcome(() => ((track(new zmq.Dealer()) as unknown as Record<string, unknown>).unknown = 1)),
    ],
    [
      "an unknown symbol on a socket",
      async ({ zmq, track }) =>
        outcome(() => ((track(new zmq.Dealer()) as unknown as Record<symbol, unknown>)[Symbol("s")] = 1)),
    ],
    [
      "socket.type",
      async ({ zmq, track }) =>
        outcome(() => ((track(new zmq.Dealer()) as unknown as Record<string, unknown>).type = 1)),
    ],
    [
      "socket.lastEndpoint",
      async ({ zmq, track }) =>
        outcome(() => ((track(new zmq.Dealer()) as unknown as Record<string, unknown>).lastEndpoint = "x")),
    ],
    [
      "socket.closed",
      async ({ zmq, track }) =>
        outcome(() => ((track(new zmq.Dealer()) as unknown as Record<string, unknown>).closed = true)),
    ],
    [
      "socket.events",
      async ({ zmq, track }) =>
        outcome(() => ((track(new zmq.Dealer()) as unknown as Record<string, unknown>).events = null)),
    ],
    [
      "socket.threadSafe",
      async ({ zmq, track }) =>
        outcome(() => ((track(new zmq.Dealer()) as unknown as Record<string, unknown>).threadSafe = true)),
    ],
    [
      "socket.securityMechanism",
      async ({ zmq, track }) =>
        outcome(() => ((track(new zmq.Dealer()) as unknown as Record<string, unknown>).securityMechanism = "plain")),
    ],
    [
      "an option of another class (Pull.sendTimeout)",
      async ({ zmq, track }) =>
        outcome(() => ((track(new zmq.Pull()) as unknown as Record<string, unknown>).sendTimeout = 1)),
    ],
    [
      "an unknown property on a context",
      async ({ zmq }) => outcome(() => ((new zmq.Context() as unknown as Record<string, unknown>).unknown = 1)),
    ],
    [
      "context.maxSocketsLimit",
      async ({ zmq }) => outcome(() => ((new zmq.Context() as unknown as Record<string, unknown>).maxSocketsLimit = 1)),
    ],
  ]
  // Test files are ES modules, so these assignments run in strict mode.
  it.each(cases)("%s throws", async (_name, scenario) => {
    await expectSame(scenario)
  })
})

describe("Router mandatory", () => {
  it("rejects a message for an unknown peer with EHOSTUNREACH", async () => {
    const result = await expectSame(async ({ zmq, track, pair }) => {
      const router = track(new zmq.Router({ mandatory: true }))
      const dealer = track(new zmq.Dealer({ routingId: "known" }))
      await pair(router, dealer, "tcp")
      await dealer.send("hello")
      await router.receive()
      return outcome(() => router.send(["unknown", "message"]))
    })
    expect(result).toMatchObject({ rejected: { code: "EHOSTUNREACH", errno: 113 } })
  })
})

describe("Proxy errors", () => {
  const cases: Case[] = [
    [
      "terminate() before run()",
      async ({ zmq, track }) =>
        outcome(() => new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer())).terminate()),
    ],
    [
      "pause() before run()",
      async ({ zmq, track }) => outcome(() => new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer())).pause()),
    ],
    [
      "resume() before run()",
      async ({ zmq, track }) => outcome(() => new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer())).resume()),
    ],
    [
      "run() with an unbound front-end",
      async ({ zmq, track }) => outcome(() => new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer())).run()),
    ],
    [
      "run() with an unbound back-end",
      async ({ zmq, track }) => {
        const front = track(new zmq.Router())
        await front.bind(bindAddress("inproc"))
        return outcome(() => new zmq.Proxy(front, track(new zmq.Dealer())).run())
      },
    ],
  ]
  it.each(cases)("%s", async (_name, scenario) => {
    await expectSame(scenario)
  })
})
