import { describe, expect, it } from "vitest"
import {
  draftClasses,
  impls,
  same,
  socketClasses,
  turboOnlyExports,
  turboOnlyOptions,
  type Zmq,
} from "../support/parity.js"

// zeromq.js exposes its native option helpers (getBoolOption, setStringOption, ...) on
// Socket.prototype and Context.prototype as an implementation detail (they are `protected` in
// its .d.ts); zeromq-turbo keeps the native object private instead, so they are not compared.
const optionHelper = /^(get|set)(Bool|Int32|Uint32|Int64|Uint64|String)Option$/

// zeromq-turbo's additions to the API (docs/compatibility.md, "Additions": the batch methods and
// the batch size options of lib/option-table.ts); pinned by their own tests.
const extensions = ["receiveBatch", "sendBatch", ...turboOnlyOptions]

/** Every name reachable through the prototype chain, with how it is defined. */
function surface(prototype: object): string[] {
  const names = new Map<string, string>()
  for (let p: object | null = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const key of Reflect.ownKeys(p)) {
      const name = String(key)
      if (optionHelper.test(name) || extensions.includes(name) || name === "constructor" || names.has(name)) continue
      const descriptor = Object.getOwnPropertyDescriptor(p, key)!
      const kind =
        typeof descriptor.value === "function"
          ? "method"
          : descriptor.get && descriptor.set
            ? "get/set"
            : descriptor.get
              ? "get"
              : descriptor.set
                ? "set"
                : "value"
      names.set(name, kind)
    }
  }
  return [...names].map(([name, kind]) => `${name}: ${kind}`).sort()
}

/** The exports both have: zeromq-turbo's additions (which come after them) left out. */
function shared(zmq: Zmq): [string, unknown][] {
  return Object.entries(zmq).filter(([key]) => !turboOnlyExports.includes(key))
}

describe("module exports", () => {
  it("has the same keys in the same order", async () => {
    const keys = await same(({ zmq }) => shared(zmq).map(([key]) => key))
    expect(keys).toContain("Proxy")
  })

  it("has the same type for every export", async () => {
    await same(({ zmq }) => shared(zmq).map(([key, value]) => [key, typeof value]))
  })

  it("names every class after its export", async () => {
    await same(({ zmq }) =>
      shared(zmq)
        .filter(([, value]) => typeof value === "function" && /^[A-Z]/.test((value as { name: string }).name))
        .map(([key, value]) => [key, (value as { name: string }).name]),
    )
  })

  it("zeromq-turbo adds Authenticator, curvePublicKey, z85Encode and z85Decode after zeromq.js's exports", () => {
    const keys = Object.keys(impls.turbo.zmq)
    expect(keys.slice(-turboOnlyExports.length)).toEqual(turboOnlyExports)
    expect(turboOnlyExports.filter(key => key in impls.reference.zmq)).toEqual([])
    const turbo = impls.turbo.zmq as unknown as Record<string, { name: string }>
    expect(turboOnlyExports.map(key => [typeof turbo[key], turbo[key].name])).toEqual([
      ["function", "Authenticator"],
      ["function", "curvePublicKey"],
      ["function", "z85Encode"],
      ["function", "z85Decode"],
    ])
  })

  it("exports capability with the same keys", async () => {
    await same(({ zmq }) => Object.keys(zmq.capability))
  })

  it("exports a version string of the form x.y.z", async () => {
    // The value names the bundled libzmq (4.3.5 in zeromq.js 6.8.0, 4.3.4 pinned here).
    await same(({ zmq }) => /^\d+\.\d+\.\d+$/.test(zmq.version))
  })

  it("exports the default context as a Context", async () => {
    await same(({ zmq }) => zmq.context instanceof zmq.Context)
  })

  it("has the same draft exports", async () => {
    await same(({ draft }) => Object.keys(draft))
  })
})

describe("class surfaces", () => {
  it.each(socketClasses)("%s has the same methods and accessors", async name => {
    await same(({ zmq }) => surface(zmq[name].prototype))
  })

  it.each(draftClasses)("draft %s has the same methods and accessors", async name => {
    await same(({ draft }) => surface(draft[name].prototype))
  })

  it.each(["Socket", "Context", "Observer", "Proxy"] as const)("%s has the same methods and accessors", async name => {
    await same(({ zmq }) => surface(zmq[name].prototype))
  })

  it("zeromq-turbo adds receiveBatch() and sendBatch() to Socket", () => {
    const prototype = impls.turbo.zmq.Socket.prototype as unknown as Record<string, unknown>
    expect(["receiveBatch", "sendBatch"].map(name => typeof prototype[name])).toEqual(["function", "function"])
  })

  it("zeromq-turbo adds the inBatchSize and outBatchSize accessors to Socket", () => {
    expect(turboOnlyOptions).toEqual(["inBatchSize", "outBatchSize"])
    const kinds = turboOnlyOptions.map(name => {
      const descriptor = Object.getOwnPropertyDescriptor(impls.turbo.zmq.Socket.prototype, name)
      return [typeof descriptor?.get, typeof descriptor?.set]
    })
    expect(kinds).toEqual(turboOnlyOptions.map(() => ["function", "function"]))
    expect(turboOnlyOptions.filter(name => name in impls.reference.zmq.Socket.prototype)).toEqual([])
  })

  it.each(socketClasses)("%s extends Socket", async name => {
    await same(({ zmq }) => Object.getPrototypeOf(zmq[name].prototype) === zmq.Socket.prototype)
  })

  it("makes sockets and observers async iterable", async () => {
    await same(({ zmq }) =>
      [zmq.Socket.prototype, zmq.Observer.prototype].map(
        prototype => typeof Reflect.get(prototype, Symbol.asyncIterator),
      ),
    )
  })
})

describe("sealed objects", () => {
  it("seals sockets", async () => {
    const result = await same(({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      return {
        sealed: Object.isSealed(socket),
        extensible: Object.isExtensible(socket),
        own: Reflect.ownKeys(socket).map(String),
      }
    })
    expect(result.sealed).toBe(true)
  })

  it("seals contexts", async () => {
    await same(({ zmq }) => {
      const context = new zmq.Context()
      return [Object.isSealed(context), Object.isExtensible(context), Reflect.ownKeys(context).map(String)]
    })
  })

  it("seals the default context", async () => {
    await same(({ zmq }) => [Object.isSealed(zmq.context), Object.isExtensible(zmq.context)])
  })

  it("leaves observers extensible", async () => {
    await same(({ zmq, track }) => {
      const observer = track(new zmq.Dealer()).events
      return [Object.isSealed(observer), Object.isExtensible(observer)]
    })
  })

  it("leaves proxies extensible", async () => {
    await same(({ zmq, track }) => {
      const proxy = new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer()))
      return [Object.isSealed(proxy), Object.isExtensible(proxy)]
    })
  })

  it("ignores an unknown property assigned in sloppy mode", async () => {
    await same(({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      // Reflect.set reports what a sloppy-mode assignment does silently.
      return [Reflect.set(socket, "unknownProperty", 1), (socket as unknown as Record<string, unknown>).unknownProperty]
    })
  })
})

describe("test harness", () => {
  it("loads two distinct implementations", () => {
    expect(impls.turbo.zmq).not.toBe(impls.reference.zmq)
    expect(impls.turbo.path).not.toBe(impls.reference.path)
  })
})
