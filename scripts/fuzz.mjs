#!/usr/bin/env node
// npm run fuzz -- [--iterations N] [--seed S] [--batch B] [--jobs J] [--ci] [--replay K] [--verbose]
//
// A seeded fuzzer over every export of "zeromq-turbo", "zeromq-turbo/draft" and
// "zeromq-turbo/v5-compat": constructors, functions, every method and option accessor found on
// the classes' prototypes (the protected raw accessors too), called with hostile values (wrong
// types, NaN, -0, huge and negative numbers, BigInt, symbols, objects whose getters or toString()
// throw or re-enter the socket, Proxies, detached and resizable ArrayBuffers, lying TypedArray
// subclasses, huge strings, sparse arrays, endpoints of every scheme) on sockets in every state
// (fresh, bound, connected, bind running, send pending, receive pending, closed).
//
// The iterations run in batches, each batch in a child process of its own (this script with
// --child), so that a crash ends one batch and is reported, not the run. What counts:
// - a crash: the child dies of a signal or exits non-zero (an abort, a segfault, an uncaught
//   exception or unhandled rejection that the library caused);
// - a hang: an operation that has not settled 5 s after its sockets were closed, or a child that
//   does not exit.
// Every finding is printed with the command that replays its batch (--replay K runs batch K in
// the foreground with every call printed). --ci: the bounded slice `npm test` runs (a fixed seed).
// Exit status 1 if anything was found.
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { fileURLToPath } from "node:url"

// The binary ensure-built just built, as npm test loads it (vitest.config.mts): otherwise a
// prebuild left in prebuilds/ by `npm run prebuild:all` would be found first, and fuzzed
// instead of the code under test (a run here fuzzed an older prebuild that way).
process.env.ZEROMQ_TURBO_BINARY ||= fileURLToPath(new URL("../build/Release/zeromq_turbo.node", import.meta.url))

const script = fileURLToPath(import.meta.url)
const { values: args } = parseArgs({
  options: {
    iterations: { type: "string" },
    seed: { type: "string" },
    batch: { type: "string" },
    jobs: { type: "string" },
    ci: { type: "boolean", default: false },
    replay: { type: "string" },
    verbose: { type: "boolean", default: false },
    child: { type: "boolean", default: false },
    index: { type: "string" },
  },
  strict: true,
})

/** The CI slice: fixed, and a couple of minutes on two shared cores. */
const CI = { iterations: 5000, seed: 17, batch: 250 }
const iterations = Number(args.iterations ?? (args.ci ? CI.iterations : 10_000))
const seed = Number(args.seed ?? (args.ci ? CI.seed : Date.now() % 1_000_000))
const batch = Number(args.batch ?? (args.ci ? CI.batch : 250))
const jobs = Number(args.jobs ?? Math.max(1, Math.min(2, availableParallelism())))
const SETTLE_MS = 5_000

// ---- the random source ------------------------------------------------------------------

/** mulberry32: small, seedable, the same sequence everywhere. */
function random(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ---- the child: one batch ---------------------------------------------------------------

async function child(index) {
  const { createRequire } = await import("node:module")
  const require = createRequire(join(process.cwd(), "package.json"))
  process.removeAllListeners("warning")
  process.on("warning", () => undefined)
  const zmq = require("zeromq-turbo")
  const draft = require("zeromq-turbo/draft")
  const compat = require("zeromq-turbo/v5-compat")
  const rnd = random(seed * 1_000_003 + index)
  const pick = list => list[Math.floor(rnd() * list.length)]
  const chance = p => rnd() < p
  const verbose = args.verbose
  const dir = mkdtempSync(join(tmpdir(), "zmqt-fuzz-"))
  let endpoints = 0
  const live = new Set() // sockets, proxies, observers to close after the iteration
  const pending = new Set() // operations that must settle

  const socketClasses = [
    ...["Pair", "Publisher", "Subscriber", "Request", "Reply", "Dealer", "Router", "Pull", "Push"].map(n => zmq[n]),
    ...["XPublisher", "XSubscriber", "Stream"].map(n => zmq[n]),
    ...["Server", "Client", "Radio", "Dish", "Gather", "Scatter", "Datagram"].map(n => draft[n]),
  ]

  const endpoint = () => {
    const n = `${process.pid}-${index}-${++endpoints}`
    return pick([
      "tcp://127.0.0.1:*",
      "tcp://127.0.0.1:0",
      "tcp://localhost:*",
      "tcp://[::1]:*",
      "tcp://*:*",
      `inproc://fuzz-${n}`,
      `ipc://${join(dir, n)}`,
      "udp://127.0.0.1:*",
      "udp://127.0.0.1:59999",
      "ws://127.0.0.1:*",
      "pgm://127.0.0.1;239.192.1.1:5555",
      "epgm://eth0;239.192.1.1:5555",
      "tipc://{5560,0,0}",
      "norm://1.2.3.4:5",
      "vmci://1:2",
      "tcp://",
      "tcp://999.1.1.1:1",
      "tcp://127.0.0.1:99999",
      "tcp://127.0.0.1:-1",
      "inproc://",
      `ipc://${"x".repeat(200)}`,
      "garbage",
      "",
      "tcp://127.0.0.1:*\0tail",
    ])
  }

  let current // the socket under test, for values that re-enter it
  const reenter = () => {
    const socket = current
    if (socket === undefined) return
    const action = pick(["send", "sendBatch", "close", "bind", "receive", "option", "events", "connect"])
    if (verbose) console.log(`    re-entered: ${action}`)
    try {
      if (action === "send") track(socket.send("re-entered"))
      else if (action === "sendBatch") track(socket.sendBatch(["r1", "r2"]))
      else if (action === "close") socket.close()
      else if (action === "bind") track(socket.bind(endpoint()))
      else if (action === "receive") track(socket.receive())
      else if (action === "option") socket.linger = 0
      else if (action === "events") live.add(socket.events)
      else socket.connect(endpoint())
    } catch {
      // a synchronous throw is a fine answer
    }
  }

  // Made once: a dense array of 2^24 + 1 holes is 128 MiB, a sparse one of 2^32 - 1 is not.
  const large = {
    strings: [255, 256, 4096, 1 << 20].map(n => "a".repeat(n)),
    arrays: [new Array(2 ** 32 - 1), new Array(2 ** 24 + 1)],
  }

  const buffers = () => {
    const detached = new ArrayBuffer(16384)
    const detachedView = new Uint8Array(detached)
    structuredClone(detached, { transfer: [detached] })
    const resizable = new ArrayBuffer(16384, { maxByteLength: 65536 })
    const view = new Uint8Array(resizable)
    resizable.resize(8)
    class Lying extends Uint8Array {
      get length() {
        return 2 ** 32
      }
      get byteLength() {
        return 2 ** 40
      }
    }
    const shrinking = new ArrayBuffer(16384, { maxByteLength: 16384 })
    const shrinkView = new Uint8Array(shrinking)
    return [
      Buffer.alloc(0),
      Buffer.from("abc"),
      Buffer.alloc(9000, 1),
      new Uint16Array(3),
      new Float64Array(2),
      new BigInt64Array(2),
      new DataView(new ArrayBuffer(8)),
      new ArrayBuffer(5000),
      new SharedArrayBuffer(5000),
      new Uint8Array(new SharedArrayBuffer(8192)),
      detached,
      detachedView,
      view,
      new Lying(8),
      {
        get [Symbol.toStringTag]() {
          throw new Error("tag")
        },
        toString: () => (shrinking.resize(0), "shrunk"),
      },
      shrinkView,
    ]
  }

  const hostile = () => {
    const which = Math.floor(rnd() * 14)
    switch (which) {
      case 0:
        return pick([undefined, null, true, false, 0, -0, NaN, Infinity, -Infinity, 1, -1, 1.5, -1.5])
      case 1:
        return pick([2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32 - 1, 2 ** 32, 2 ** 53, -(2 ** 53), 1e300, 5e-324])
      case 2:
        return pick([10n, -1n, 2n ** 64n, Symbol("s"), Symbol.iterator, () => undefined, new Date(0), /x/])
      case 3:
        return pick(["", "x", "\0", ...large.strings, "é€😀", endpoint()])
      case 4:
        return pick(buffers())
      case 5:
        return pick([{}, [], [[]], [null], [undefined], Object.freeze({}), Object.create(null), [1, "2", null]])
      case 6:
        return pick([...large.arrays, Object.assign([], { length: 5 }), [, , "hole"]])
      case 7: // a toString that throws
        return {
          toString: () =>
            pick([
              () => {
                throw new Error("toString")
              },
              () => {
                throw 42
              },
              () => {
                throw Symbol("t")
              },
            ])(),
        }
      case 8: // a toString or valueOf that re-enters the socket
        return chance(0.5)
          ? { toString: () => (reenter(), "re") }
          : { valueOf: () => (reenter(), 7), toString: () => (reenter(), "7") }
      case 9: // a throwing getter
        return Object.defineProperty({}, pick(["context", "group", "routingId", "linger", "sendTimeout"]), {
          get() {
            reenter()
            throw new Error("getter")
          },
          enumerable: true,
        })
      case 10: // a Proxy whose traps throw or re-enter
        return new Proxy([], {
          get(target, key) {
            if (chance(0.3)) throw new Error("trap")
            if (chance(0.3)) reenter()
            return key === "length" ? pick([0, 1, 3, 2 ** 32 - 1]) : Reflect.get(target, key)
          },
          has: () => chance(0.5),
          ownKeys: () => (chance(0.5) ? [] : ["length"]),
        })
      case 11: {
        // an array with a getter element
        const array = ["a", "b", "c"]
        Object.defineProperty(array, 1, {
          get() {
            reenter()
            if (chance(0.3)) throw new Error("element")
            return pick(["b", Buffer.from("b"), 3, null])
          },
        })
        return array
      }
      case 12: // options objects
        return {
          [pick(["linger", "sendTimeout", "receiveTimeout", "context", "routingId", "group", "immediate"])]: hostile(),
        }
      default: // a message of several hostile frames
        return [hostile(), hostile()]
    }
  }

  let doing = "" // what the iteration is calling, for the report of an operation that never settles
  function track(value) {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return value
    if (typeof value.then !== "function") return value
    const operation = { settled: false, label: doing, socket: current }
    pending.add(operation)
    Promise.resolve(value).then(
      () => ((operation.settled = true), pending.delete(operation)),
      () => ((operation.settled = true), pending.delete(operation)),
    )
    return value
  }

  /** Every callable and accessor name on `target` and its prototypes (up to Object). */
  function members(target) {
    const names = new Map()
    for (let p = target; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      for (const name of Object.getOwnPropertyNames(p)) {
        if (name === "constructor" || names.has(name)) continue
        const descriptor = Object.getOwnPropertyDescriptor(p, name)
        names.set(name, descriptor)
      }
    }
    return [...names.entries()]
  }

  /** One call or property access on `target` with hostile arguments. */
  function poke(target, label) {
    const entries = members(target)
    if (entries.length === 0) return
    const [name, descriptor] = pick(entries)
    const argc = Math.floor(rnd() * 4)
    const argv = Array.from({ length: argc }, () =>
      chance(0.2) ? pick([endpoint(), 5, "x", Buffer.from("m")]) : hostile(),
    )
    doing = `${label}.${name}(${argv.map(describe).join(", ")})`
    if (verbose) console.log(`  ${doing}`)
    try {
      if (typeof descriptor.value === "function") {
        track(Reflect.apply(descriptor.value, target, argv))
      } else if (descriptor.set && chance(0.6)) {
        target[name] = argv[0]
      } else {
        track(target[name])
      }
    } catch {
      // a synchronous throw is a fine answer
    }
  }

  async function socketInState(Class) {
    let socket
    try {
      socket = chance(0.1) ? new Class(hostile()) : new Class(chance(0.5) ? { linger: 0 } : undefined)
    } catch {
      return undefined
    }
    live.add(socket)
    const state = pick(["fresh", "bound", "connected", "binding", "sending", "receiving", "closed", "events"])
    doing = `${Class.name}[${state}]`
    try {
      if (state === "bound") await socket.bind(endpoint()).catch(() => undefined)
      else if (state === "connected") socket.connect(endpoint())
      else if (state === "binding") track(socket.bind(endpoint()))
      else if (state === "sending") {
        socket.connect(`inproc://fuzz-nobody-${process.pid}-${++endpoints}`)
        track(socket.send(chance(0.5) ? "m" : ["a", "b"], { group: "g", routingId: 1 }))
      } else if (state === "receiving") track(socket.receive())
      else if (state === "closed") socket.close()
      else if (state === "events") live.add(socket.events)
    } catch {
      // some types refuse some states
    }
    return { socket, state }
  }

  async function iteration(n) {
    const kind = rnd()
    if (kind < 0.7) {
      const Class = pick(socketClasses)
      const made = await socketInState(Class)
      if (made === undefined) return
      current = made.socket
      const label = `${Class.name}[${made.state}]`
      if (verbose) console.log(`#${n} ${label}`)
      const calls = 1 + Math.floor(rnd() * 5)
      for (let i = 0; i < calls; i++) {
        // An observer is closed with the rest: one whose socket closed while libzmq kept that
        // socket alive (a pending inproc connect) gets no end event until then (zeromq.js too).
        let target = made.socket
        try {
          if (chance(0.1) && !made.socket.closed) live.add((target = made.socket.events))
        } catch {
          // refused, e.g. EMFILE: the observer's socket is one more than a small maxSockets allows
          // (batch 160 of seed 424242 set the default context's to 5; whether the slot is free
          // depends on how soon libzmq's reaper frees the last iteration's sockets)
        }
        poke(target, label)
        if (chance(0.2)) await new Promise(resolve => setImmediate(resolve))
      }
      if (chance(0.15)) {
        // A proxy between this socket and another, run and steered with hostile calls.
        try {
          const other = new (pick(socketClasses))()
          live.add(other)
          other.bind(endpoint()).catch(() => undefined)
          const proxy = new zmq.Proxy(made.socket, other)
          live.add(proxy)
          doing = `Proxy(${label}, ${other.constructor.name}).run()`
          track(proxy.run())
          poke(proxy, "Proxy")
        } catch {
          // refused
        }
      }
    } else if (kind < 0.8) {
      const context = chance(0.5) ? zmq.context : new zmq.Context()
      if (verbose) console.log(`#${n} Context`)
      for (let i = 0; i < 3; i++) poke(context, "Context")
      try {
        live.add(new zmq.Push({ context, linger: 0 }))
      } catch {
        // the settings were refused
      }
    } else if (kind < 0.9) {
      const name = pick(["curveKeyPair", "curvePublicKey", "z85Encode", "z85Decode", "Proxy", "Observer", "Context"])
      if (verbose) console.log(`#${n} ${name}`)
      try {
        const argv = [hostile(), hostile()]
        const made = /^[A-Z]/.test(name) ? new zmq[name](...argv) : zmq[name](...argv)
        if (made && typeof made.close === "function") live.add(made)
      } catch {
        // refused
      }
    } else {
      // v5-compat: its sockets, functions and options.
      if (verbose) console.log(`#${n} v5-compat`)
      try {
        const type = pick(["pub", "sub", "push", "pull", "req", "rep", "dealer", "router", "pair", hostile()])
        const socket = compat.socket(type)
        live.add(socket)
        current = undefined
        for (let i = 0; i < 3; i++) poke(socket, "compat")
      } catch {
        // refused
      }
    }
  }

  async function closeAll() {
    for (const object of live) {
      try {
        if (typeof object.terminate === "function") object.terminate()
      } catch {
        // not running
      }
      try {
        object.close()
      } catch {
        // some throw when closed twice (v5-compat)
      }
    }
    live.clear()
    current = undefined
    const deadline = Date.now() + SETTLE_MS
    while (pending.size > 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 5))
    return pending.size
  }

  const first = index * batch
  const last = Math.min(iterations, first + batch)
  for (let n = first; n < last; n++) {
    const began = Date.now()
    await iteration(n)
    const unsettled = await closeAll()
    if (verbose) console.log(`  (${Date.now() - began} ms)`)
    if (unsettled > 0) {
      const labels = [...pending]
        .map(
          ({ label, socket }) => `${label} (socket ${socket === undefined ? "?" : socket.closed ? "closed" : "open"})`,
        )
        .join("; ")
      console.log(`HANG iteration ${n}: ${unsettled} operations unsettled ${SETTLE_MS} ms after close: ${labels}`)
      rmSync(dir, { recursive: true, force: true })
      process.exit(3)
    }
  }
  rmSync(dir, { recursive: true, force: true })
  console.log(`OK ${last - first}`)
  // Whatever a proxy thread or a context still holds is the library's to end at exit.
  process.exit(0)
}

function describe(value) {
  try {
    if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)
    if (typeof value === "bigint") return `${value}n`
    if (typeof value === "symbol") return value.toString()
    if (Array.isArray(value)) return `Array(${value.length})`
    if (value === null || typeof value !== "object") return String(value)
    return Object.prototype.toString.call(value)
  } catch {
    return "<hostile>"
  }
}

// ---- the parent: batches in children ----------------------------------------------------

function runBatch(index, foreground) {
  return new Promise(resolve => {
    const argv = [script, "--child", "--index", String(index), "--seed", String(seed)]
    argv.push("--iterations", String(iterations), "--batch", String(batch))
    if (foreground) argv.push("--verbose")
    const started = Date.now()
    const proc = spawn(process.execPath, argv, { stdio: foreground ? "inherit" : ["ignore", "pipe", "pipe"] })
    let output = ""
    proc.stdout?.on("data", chunk => (output = (output + chunk).slice(-4000)))
    proc.stderr?.on("data", chunk => (output = (output + chunk).slice(-4000)))
    // A batch that neither finishes nor reports a hang itself is a hang too.
    const limit = 60_000 + batch * 400
    const timer = setTimeout(() => proc.kill("SIGKILL"), limit)
    proc.on("close", (code, signal) => {
      clearTimeout(timer)
      resolve({ index, code, signal, output, elapsed: Date.now() - started, timedOut: Date.now() - started >= limit })
    })
  })
}

async function parent() {
  const replay = `npm run fuzz -- --iterations ${iterations} --seed ${seed} --batch ${batch} --replay`
  if (args.replay !== undefined) {
    const result = await runBatch(Number(args.replay), true)
    console.log(`batch ${result.index}: exit ${result.code}, signal ${result.signal}`)
    process.exit(result.code === 0 ? 0 : 1)
  }
  const started = Date.now()
  const batches = Math.ceil(iterations / batch)
  console.log(`fuzz: ${iterations} iterations, seed ${seed}, ${batches} batches of ${batch}, ${jobs} at a time`)
  const findings = []
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < batches) {
      const index = next++
      const result = await runBatch(index, false)
      done++
      if (result.code !== 0 || result.signal !== null) {
        const what = result.timedOut
          ? "HANG (the batch did not finish)"
          : result.code === 3
            ? "HANG"
            : `CRASH (exit ${result.code}, signal ${result.signal})`
        findings.push({ ...result, what })
        console.log(`\n${what} in batch ${index}; replay: ${replay} ${index}\n${result.output.trim()}\n`)
      }
      if (done % 10 === 0 || done === batches) {
        const seconds = (Date.now() - started) / 1000
        console.log(`${done}/${batches} batches, ${findings.length} findings, ${seconds.toFixed(0)} s`)
      }
    }
  }
  await Promise.all(Array.from({ length: jobs }, worker))
  const seconds = (Date.now() - started) / 1000
  const crashes = findings.filter(f => f.what.startsWith("CRASH")).length
  console.log(
    `fuzz: ${iterations} iterations in ${seconds.toFixed(0)} s: ${crashes} crashes, ${findings.length - crashes} hangs`,
  )
  process.exit(findings.length === 0 ? 0 : 1)
}

if (args.child) await child(Number(args.index))
else await parent()
