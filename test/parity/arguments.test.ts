// Argument counts, argument types and calls without `new`, for every public constructor and
// method, generated from one list of signatures (below). zeromq.js's native functions check each argument in turn
// (a missing one is `undefined` and fails its check with that argument's text) and then their
// number ("Expected N arguments but received M", counting a trailing `undefined` too); its
// JavaScript functions take any number. A second test keeps the list complete: it walks both
import { EventEmitter } from "node:events"
// implementations' exports and fails on any constructor or method the list does not name.
import { describe, expect, it } from "vitest"
import { require } from "../support/load.js"
import {
  type AnySocket,
  type Outcome,
  type Scope,
  anonymize,
  attempt,
  bindAddress,
  draftClasses,
  impls,
  run,
  same,
  socketClasses,
} from "../support/parity.js"

type Receiver = object
type Call = (receiver: Receiver, args: unknown[]) => unknown

interface Signature {
  /** "Class#method", "new Class", or "function" for a plain export. */
  name: string
  /** The object the method is called on (for constructors and functions: nothing). */
  receiver?: (scope: Scope) => Receiver
  /** Makes the call with the given arguments. */
  call: (scope: Scope) => Call
  /** Valid arguments, required ones first ({@link made} ones are made per scenario). */
  args: unknown[]
  /** How many of `args` are required. */
  required: number
  /** A rest parameter: every count is valid, so every count from 0 to args + 1 is compared. */
  variadic?: boolean
  /** Only zeromq-turbo has it: compared with what zeromq.js's rule would answer. */
  turboOnly?: boolean
  /** Another signature of a method the walk finds once (send of Server and Radio, join and
   *  leave of Dish: all are Socket's). */
  variant?: boolean
  /** zeromq.js aborts the process from this many arguments on (the padding `undefined` after a
   *  refused group: see differences.test.ts), so these counts run against zeromq-turbo only,
   *  which must answer as for one argument fewer. */
  abortsFrom?: number
  /** Why the valid call is not compared (a deliberate difference, docs/compatibility.md). */
  validDiffers?: string
}

// Calls through untyped views: these tests pass what the type declarations forbid.
type Loose = Record<string | symbol, (...args: unknown[]) => unknown>
type LooseClass = new (...args: unknown[]) => unknown

const method =
  (key: string | symbol): Signature["call"] =>
  () =>
  (receiver, args) =>
    (receiver as Loose)[key](...args)

const construct =
  (get: (scope: Scope) => unknown): Signature["call"] =>
  scope =>
  (_receiver, args) => {
    const value = new (get(scope) as LooseClass)(...args)
    // Close what was made, whatever it is: the scenario's cleanup only knows tracked sockets.
    if (typeof (value as { close?: unknown }).close === "function") scope.defer(() => (value as Loose).close())
    return value
  }

const dealer = ({ zmq, track }: Scope): Receiver => track(new zmq.Dealer())
const observer = ({ zmq, track }: Scope): Receiver => track(new zmq.Dealer()).events
/** An Authenticator of its own context, stopped when the scenario ends. */
const authenticator = ({ zmq, defer }: Scope): Receiver => {
  const Authenticator = (zmq as unknown as { Authenticator: LooseClass }).Authenticator
  const made = new Authenticator({ context: new zmq.Context() }) as Loose
  defer(() => made.stop())
  return made as unknown as Receiver
}
const proxy = ({ zmq, track }: Scope): Receiver => new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer()))

/** An argument made for each scenario, from its scope. */
class Made {
  constructor(readonly make: (scope: Scope) => unknown) {}
}
const made = (make: (scope: Scope) => unknown): Made => new Made(make)

const inproc = (): string => bindAddress("inproc")

// libzmq option ids (zmq.h), one per value type: ZMQ_IMMEDIATE (bool), ZMQ_LINGER (int32),
// ZMQ_TOS (uint32), ZMQ_MAXMSGSIZE (int64), ZMQ_AFFINITY (uint64), ZMQ_ROUTING_ID (string);
// for contexts ZMQ_BLOCKY (bool) and ZMQ_IO_THREADS (int32).
const socketOptionIds = { Bool: [39, false], Int32: [17, 0], Uint32: [57, 0], Int64: [22, -1], Uint64: [4, 1] }
const contextOptionIds = { Bool: [70, false], Int32: [1, 1] }

const socketMethods: Signature[] = [
  ...["bind", "unbind", "bindSync", "connect", "disconnect"].map((name): Signature => ({
    name: `Socket#${name}`,
    receiver: dealer,
    call: method(name),
    args: [made(inproc)],
    required: 1,
  })),
  {
    name: "Socket#unbindSync",
    receiver: dealer,
    call: method("unbindSync"),
    args: [made(inproc)],
    required: 1,
    validDiffers: "unbindSync() unbinds (zeromq.js binds)",
  },
  { name: "Socket#close", receiver: dealer, call: method("close"), args: [], required: 0 },
  { name: "Socket#send", receiver: dealer, call: method("send"), args: ["message"], required: 1 },
  {
    name: "Server#send",
    receiver: ({ draft, track }) => track(new draft.Server()),
    call: method("send"),
    args: ["message", { routingId: 1 }],
    required: 2,
    variant: true,
  },
  {
    name: "Radio#send",
    receiver: ({ draft, track }) => track(new draft.Radio()),
    call: method("send"),
    args: ["message", { group: "group" }],
    required: 2,
    variant: true,
  },
  { name: "Socket#receive", receiver: dealer, call: method("receive"), args: [], required: 0 },
  {
    name: "Socket#join",
    receiver: dealer,
    call: method("join"),
    args: ["a"],
    required: 0,
    variadic: true,
    abortsFrom: 2,
  },
  {
    name: "Socket#leave",
    receiver: dealer,
    call: method("leave"),
    args: ["a"],
    required: 0,
    variadic: true,
    abortsFrom: 2,
  },
  {
    name: "Socket#Symbol(Symbol.asyncIterator)",
    receiver: dealer,
    call: method(Symbol.asyncIterator),
    args: [],
    required: 0,
  },
  ...Object.entries(socketOptionIds).flatMap(([type, [id, value]]): Signature[] => [
    { name: `Socket#get${type}Option`, receiver: dealer, call: method(`get${type}Option`), args: [id], required: 1 },
    {
      name: `Socket#set${type}Option`,
      receiver: dealer,
      call: method(`set${type}Option`),
      args: [id, value],
      required: 2,
    },
  ]),
  { name: "Socket#getStringOption", receiver: dealer, call: method("getStringOption"), args: [5], required: 1 },
  {
    name: "Socket#setStringOption",
    receiver: dealer,
    call: method("setStringOption"),
    args: [5, "id"],
    required: 2,
  },
  {
    name: "Socket#receiveBatch",
    receiver: dealer,
    call: method("receiveBatch"),
    args: [10],
    required: 0,
    turboOnly: true,
  },
  {
    name: "Socket#sendBatch",
    receiver: dealer,
    call: method("sendBatch"),
    args: [["message"]],
    required: 1,
    turboOnly: true,
  },
]

const signatures: Signature[] = [
  {
    name: "function curveKeyPair",
    call:
      ({ zmq }) =>
      (_, args) =>
        zmq.curveKeyPair(...(args as [])),
    args: [],
    required: 0,
  },
  { name: "new Context", call: construct(({ zmq }) => zmq.Context), args: [{}], required: 0 },
  ...Object.entries(contextOptionIds).flatMap(([type, [id, value]]): Signature[] => [
    {
      name: `Context#get${type}Option`,
      receiver: ({ zmq }) => new zmq.Context(),
      call: method(`get${type}Option`),
      args: [id],
      required: 1,
    },
    {
      name: `Context#set${type}Option`,
      receiver: ({ zmq }) => new zmq.Context(),
      call: method(`set${type}Option`),
      args: [id, value],
      required: 2,
    },
  ]),
  { name: "new Socket", call: construct(({ zmq }) => zmq.Socket), args: [5, {}], required: 1 },
  ...socketMethods,
  ...socketClasses.map((name): Signature => ({
    name: `new ${name}`,
    call: construct(({ zmq }) => zmq[name]),
    args: [{}],
    required: 0,
  })),
  ...draftClasses.map((name): Signature => ({
    name: `new ${name}`,
    call: construct(({ draft }) => draft[name]),
    args: [{}],
    required: 0,
  })),
  ...["subscribe", "unsubscribe"].map((name): Signature => ({
    name: `Subscriber#${name}`,
    receiver: ({ zmq, track }) => track(new zmq.Subscriber()),
    call: method(name),
    args: ["a", "b"],
    required: 0,
    variadic: true,
  })),
  {
    name: "Router#connect",
    receiver: ({ zmq, track }) => track(new zmq.Router()),
    call: method("connect"),
    args: [made(inproc), {}],
    required: 1,
  },
  {
    name: "Stream#connect",
    receiver: ({ zmq, track }) => track(new zmq.Stream()),
    call: method("connect"),
    args: ["tcp://127.0.0.1:1", {}],
    required: 1,
  },
  ...["join", "leave"].map((name): Signature => ({
    name: `Dish#${name}`,
    // leave() is given groups it joined: one it did not is refused, and a refused group followed
    // by a value that is not a group aborts zeromq.js (see Socket#join).
    receiver: ({ draft, track }) => {
      const dish = track(new draft.Dish())
      if (name === "leave") dish.join("a", "b")
      return dish
    },
    call: method(name),
    args: ["a", "b"],
    required: 0,
    variadic: true,
    variant: true,
  })),
  {
    name: "new Observer",
    call: construct(({ zmq }) => zmq.Observer),
    args: [made(({ zmq, track }) => track(new zmq.Dealer()))],
    required: 1,
  },
  { name: "Observer#close", receiver: observer, call: method("close"), args: [], required: 0 },
  { name: "Observer#receive", receiver: observer, call: method("receive"), args: [], required: 0 },
  { name: "Observer#on", receiver: observer, call: method("on"), args: ["bind", () => {}], required: 2 },
  { name: "Observer#off", receiver: observer, call: method("off"), args: ["bind", () => {}], required: 2 },
  {
    name: "Observer#Symbol(Symbol.asyncIterator)",
    receiver: observer,
    call: method(Symbol.asyncIterator),
    args: [],
    required: 0,
  },
  {
    name: "new Proxy",
    call: construct(({ zmq }) => zmq.Proxy),
    args: [made(({ zmq, track }) => track(new zmq.Router())), made(({ zmq, track }) => track(new zmq.Dealer()))],
    required: 2,
  },
  ...["run", "pause", "resume", "terminate"].map((name): Signature => ({
    name: `Proxy#${name}`,
    receiver: proxy,
    call: method(name),
    args: [],
    required: 0,
  })),
  // zeromq-turbo's additions (docs/security.md).
  ...(["z85Encode", "z85Decode", "curvePublicKey"] as const).map((name): Signature => ({
    name: `function ${name}`,
    call:
      ({ zmq }) =>
      (_, args) =>
        (zmq as unknown as Loose)[name](...args),
    args: [
      name === "z85Encode"
        ? Buffer.alloc(4)
        : name === "z85Decode"
          ? "HelloWorld"
          : made(({ zmq }) => zmq.curveKeyPair().secretKey),
    ],
    required: 1,
    turboOnly: true,
  })),
  {
    name: "new Authenticator",
    call: construct(({ zmq }) => (zmq as unknown as Record<string, unknown>).Authenticator),
    args: [made(({ zmq }) => ({ context: new zmq.Context() }))],
    required: 0,
    turboOnly: true,
  },
  ...(
    [
      ["allow", ["127.0.0.1", "::1"], true],
      ["deny", ["127.0.0.2", "::2"], true],
      ["configurePlain", [{ users: { user: "password" } }], false],
      ["configureCurve", [{ any: true }], false],
      ["start", [], false],
      ["stop", [], false],
    ] as const
  ).map(([name, args, variadic]): Signature => ({
    name: `Authenticator#${name}`,
    receiver: authenticator,
    call: method(name),
    args: [...args],
    required: variadic ? 0 : args.length,
    variadic,
    turboOnly: true,
  })),
  {
    name: "Authenticator#Symbol(Symbol.asyncIterator)",
    receiver: authenticator,
    call: method(Symbol.asyncIterator),
    args: [],
    required: 0,
    turboOnly: true,
  },
]

/** The argument counts to try: too few (each count below the required), valid, too many. */
function counts(signature: Signature, valid: number): number[] {
  const below = Array.from({ length: signature.required }, (_, n) => n)
  return signature.variadic
    ? [...below, ...Array.from({ length: valid + 2 - below.length }, (_, n) => below.length + n)]
    : [...below, valid, valid + 1]
}

/** What a call returned, described so both implementations' values compare. */
function described(result: Outcome): Outcome {
  if ("threw" in result) {
    const address = result.threw.address
    return typeof address === "string" ? { threw: { ...result.threw, address: anonymize(address) } } : result
  }
  if (!("returned" in result)) return result
  const value = result.returned
  if (typeof value !== "object" || value === null || Array.isArray(value)) return result
  return { returned: `object:${value.constructor.name}` }
}

/** Calls the signature with its first `count` valid arguments, padded with `undefined`. */
function callWith(signature: Signature, count: number) {
  return (scope: Scope): Outcome => {
    const receiver = signature.receiver?.(scope) ?? {}
    const args = Array.from({ length: count }, (_, i) => {
      const value = signature.args[i]
      return value instanceof Made ? value.make(scope) : value
    })
    return described(attempt(() => signature.call(scope)(receiver, args)))
  }
}

const cases = signatures.flatMap(signature => {
  const valid = signature.args.length
  return counts(signature, valid)
    .filter(count => !(count === valid && signature.validDiffers))
    .map(count => [`${signature.name} with ${count} argument${count === 1 ? "" : "s"}`, signature, count] as const)
})

describe("argument counts", () => {
  const compared = cases.filter(
    ([, signature, count]) => !signature.turboOnly && count < (signature.abortsFrom ?? Infinity),
  )
  it.each(compared)("%s", async (_name, signature, count) => {
    const result = await same(callWith(signature, count))
    // The valid call must not fail on its arguments, or the other counts would test nothing.
    if (count === signature.args.length) expect(result).not.toMatchObject({ threw: { name: "TypeError" } })
  })

  const aborting = cases.filter(([, signature, count]) => count >= (signature.abortsFrom ?? Infinity))
  it.each(aborting)("%s (zeromq.js aborts)", async (_name, signature, count) => {
    expect(await run(impls.turbo, callWith(signature, count))).toEqual(
      await run(impls.turbo, callWith(signature, count - 1)),
    )
  })

  // zeromq-turbo's own methods and functions follow the rule of zeromq.js's native methods.
  const own = cases.filter(([, signature]) => signature.turboOnly)
  it.each(own)("%s (by zeromq.js's rule)", async (_name, signature, count) => {
    const result = await run(impls.turbo, callWith(signature, count))
    const valid = signature.args.length
    if (count > valid && !signature.variadic) {
      expect(result).toEqual({
        threw: {
          name: "TypeError",
          message: `Expected ${valid} argument${valid === 1 ? "" : "s"} but received ${count}`,
        },
      })
    } else if (count < signature.required || count > valid) {
      // Too few; or, for a rest parameter, the padding `undefined`, which is not a valid value.
      expect(result).toMatchObject({ threw: { name: "TypeError" } })
    } else {
      expect(result).not.toHaveProperty("threw")
    }
  })
})

/** `Class#method` for every method reachable on an export's prototype, `new Class` for classes. */
function surface(exports: Record<string, unknown>): string[] {
  const found = new Set<string>()
  for (const [key, value] of Object.entries(exports)) {
    if (typeof value !== "function") continue
    if (!/^[A-Z]/.test(key)) {
      found.add(`function ${key}`)
      continue
    }
    found.add(`new ${key}`)
    // Up to the prototypes of the language and of Node (the Authenticator is an EventEmitter).
    const builtIn = (p: object) => p === Object.prototype || p === EventEmitter.prototype
    for (let p: object | null = value.prototype; p && !builtIn(p); p = Object.getPrototypeOf(p)) {
      const owner = (p as { constructor: { name: string } }).constructor.name
      for (const name of Reflect.ownKeys(p)) {
        if (name !== "constructor" && typeof Object.getOwnPropertyDescriptor(p, name)?.value === "function") {
          found.add(`${owner}#${String(name)}`)
        }
      }
    }
  }
  return [...found].sort()
}

describe("the list of signatures", () => {
  it("names every constructor and method of zeromq.js and zeromq-turbo, and nothing else", () => {
    const listed = signatures.filter(signature => !signature.variant).map(signature => signature.name)
    const both = new Set([
      ...surface({ ...impls.reference.zmq, ...impls.reference.draft }),
      ...surface({ ...impls.turbo.zmq, ...impls.turbo.draft }),
    ])
    expect([...listed].sort()).toEqual([...both].sort())
  })

  it("marks exactly the methods zeromq.js lacks as zeromq-turbo's own", () => {
    const reference = new Set(surface({ ...impls.reference.zmq, ...impls.reference.draft }))
    const own = signatures.filter(signature => !signature.variant && !reference.has(signature.name))
    expect(own.map(signature => signature.name)).toEqual(
      signatures.filter(signature => signature.turboOnly).map(signature => signature.name),
    )
  })
})

describe("calling a class without new", () => {
  const classes = (exports: Record<string, unknown>) =>
    Object.entries(exports).filter(([key, value]) => typeof value === "function" && /^[A-Z]/.test(key))
  const entries = [
    ...classes(impls.reference.zmq).map(([key]) => ["zeromq", key] as const),
    ...classes(impls.reference.draft).map(([key]) => ["zeromq/draft", key] as const),
    ...classes(require("zeromq/v5-compat")).map(([key]) => ["zeromq/v5-compat", key] as const),
  ]
  it.each(entries)("%s %s() throws the same TypeError", async (entry, key) => {
    const result = await same(({ impl }) => {
      const path = impl.name === "reference" ? entry : entry.replace("zeromq", "zeromq-turbo")
      const Class = (require(path) as Record<string, () => unknown>)[key]
      return attempt(() => Class())
    })
    expect(result).toMatchObject({ threw: { name: "TypeError" } })
  })
})

// Each argument of every signature replaced by a value of each other kind.
describe("argument types", () => {
  const wrong: [string, unknown][] = [
    ["undefined", undefined],
    ["null", null],
    ["a number", 7],
    ["a string", "x"],
    ["an object", {}],
    ["an array", []],
    ["a function", () => {}],
    ["a Symbol", Symbol("s")],
    ["a BigInt", 5n],
    ["a Buffer", Buffer.from("b")],
    ["a DataView", new DataView(new ArrayBuffer(2))],
  ]
  const typeCases = signatures.flatMap(signature =>
    signature.args.flatMap((_, position) =>
      wrong.map(
        ([what, value]) =>
          [`${signature.name} with ${what} as argument ${position + 1}`, signature, position, value] as const,
      ),
    ),
  )
  // A DataView message is sent as its bytes (zeromq.js throws): differences.test.ts.
  const deliberate = (name: string, position: number, value: unknown) =>
    name.endsWith("#send") && position === 0 && value instanceof DataView
  it.each(
    typeCases.filter(
      ([, signature, position, value]) => !signature.turboOnly && !deliberate(signature.name, position, value),
    ),
  )("%s", async (_name, signature, position, value) => {
    await same(scope => {
      const receiver = signature.receiver?.(scope) ?? {}
      const args = signature.args.map((arg, i) =>
        i === position ? value : arg instanceof Made ? arg.make(scope) : arg,
      )
      return described(attempt(() => signature.call(scope)(receiver, args)))
    })
  })
})

// Every socket method, with valid arguments, on a socket in each state that makes zeromq.js
// refuse calls: closed (EBADF, or ENOTSOCK for options), during a bind (EBUSY, options allowed)
// and closed during a bind (still EBUSY until the bind settles).
describe("socket methods in every state", () => {
  const states: Record<string, (socket: AnySocket) => void> = {
    closed: socket => socket.close(),
    binding: socket => void socket.bind(bindAddress("tcp")).catch(() => undefined),
    "closed while binding": socket => {
      void socket.bind(bindAddress("tcp")).catch(() => undefined)
      socket.close()
    },
  }
  const isSocket = (value: unknown): value is AnySocket => typeof (value as AnySocket).bind === "function"
  const stateCases = signatures
    .filter(
      signature => signature.receiver !== undefined && !/^(Context|Observer|Proxy|Authenticator)#/.test(signature.name),
    )
    .flatMap(signature =>
      Object.keys(states).map(state => [`${signature.name} when ${state}`, signature, state] as const),
    )

  it.each(stateCases.filter(([, signature]) => !signature.turboOnly))("%s", async (_name, signature, state) => {
    await same(scope => {
      const receiver = signature.receiver!(scope)
      if (!isSocket(receiver)) throw new Error(`${signature.name} is not called on a socket`)
      const args = signature.args.map(arg => (arg instanceof Made ? arg.make(scope) : arg))
      states[state](receiver)
      return described(attempt(() => signature.call(scope)(receiver, args)))
    })
  })

  // receiveBatch() and sendBatch() answer as receive() and send() do.
  it.each(stateCases.filter(([, signature]) => signature.turboOnly))("%s", async (_name, signature, state) => {
    const single = signatures.find(other => other.name === signature.name.replace("Batch", ""))!
    const call = (chosen: Signature) => (scope: Scope) => {
      const receiver = chosen.receiver!(scope) as AnySocket
      const args = chosen.args.map(arg => (arg instanceof Made ? arg.make(scope) : arg))
      states[state](receiver)
      return described(attempt(() => chosen.call(scope)(receiver, args)))
    }
    expect(await run(impls.turbo, call(signature))).toEqual(await run(impls.reference, call(single)))
  })
})
