// Differential testing: run one scenario against zeromq.js (the specification) and against
// zeromq-turbo, one after the other, and require the same observations from both.
//
// A scenario receives a Scope (the implementation's exports plus helpers for endpoints and
// cleanup) and returns plain data: values, error shapes, frames as text or hex. Never timings.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { expect, vi } from "vitest"
import { socketOptions } from "../../lib/option-table.js"
import { reference, require, turbo } from "./load.js"

// A parity scenario settles in milliseconds; one that is still pending after 10 s is a
// mismatch (an operation that should have thrown is waiting), so fail it well before the
// project's default timeout.
vi.setConfig({ testTimeout: 10_000 })

export type Zmq = typeof import("zeromq")
export type Draft = typeof import("zeromq/draft")
export type AnySocket = Zmq["Socket"]["prototype"]
export type AnyObserver = InstanceType<Zmq["Observer"]>

export interface Implementation {
  readonly name: "reference" | "turbo"
  readonly zmq: Zmq
  /** The draft entry point, loaded on first use (zeromq.js prints a warning when it loads). */
  readonly draft: Draft
  /** The file Node resolves for the main entry point, for child processes. */
  readonly path: string
}

function implementation(name: "reference" | "turbo", zmq: Zmq, main: string, draft: string): Implementation {
  let loaded: Draft | undefined
  return {
    name,
    zmq,
    path: require.resolve(main),
    get draft() {
      loaded ??= require(draft) as Draft
      return loaded
    },
  }
}

export const impls = {
  reference: implementation("reference", reference, "zeromq", "zeromq/draft"),
  turbo: implementation("turbo", turbo as unknown as Zmq, "zeromq-turbo", "zeromq-turbo/draft"),
} as const

/** The socket classes of the main entry point, and of the draft one. */
export const socketClasses = [
  "Pair",
  "Publisher",
  "Subscriber",
  "Request",
  "Reply",
  "Dealer",
  "Router",
  "Pull",
  "Push",
  "XPublisher",
  "XSubscriber",
  "Stream",
] as const
export const draftClasses = ["Server", "Client", "Radio", "Dish", "Gather", "Scatter", "Datagram"] as const

/** zeromq-turbo's own exports of the main entry point, after zeromq.js's (docs/compatibility.md,
 *  "Additions"); pinned by test/unit/authenticator.test.ts and test/unit/z85.test.ts. */
export const turboOnlyExports: readonly string[] = ["Authenticator", "curvePublicKey", "z85Encode", "z85Decode"]

/** zeromq-turbo's own socket option properties, which zeromq.js does not have. */
export const turboOnlyOptions: readonly string[] = socketOptions.filter(row => row.extension).map(row => row.name)

export const transports = ["tcp", "ipc", "inproc"] as const
export type Transport = (typeof transports)[number]

// One directory for every ipc endpoint of this test file's process.
let ipcDir: string | undefined
function ipcDirectory(): string {
  if (!ipcDir) {
    const dir = mkdtempSync(join(tmpdir(), "zmq-parity-"))
    ipcDir = dir
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }))
  }
  return ipcDir
}

let endpointCounter = 0

/** A fresh address to bind to: tcp on an ephemeral port (read lastEndpoint after binding). */
export function bindAddress(transport: Transport): string {
  const n = endpointCounter++
  switch (transport) {
    case "tcp":
      return "tcp://127.0.0.1:*"
    case "ipc":
      return `ipc://${ipcDirectory()}/${process.pid}-${n}.sock`
    case "inproc":
      return `inproc://parity-${process.pid}-${n}`
  }
}

/** Replaces what differs between two runs of a scenario (ports, paths, inproc names). */
export function anonymize(address: string): string {
  return address
    .replace(/^tcp:\/\/([^:]+|\[[^\]]+\]):\d+$/, "tcp://$1:<port>")
    .replace(/^ipc:\/\/.*$/, "ipc://<path>")
    .replace(/^inproc:\/\/parity-.*$/, "inproc://<name>")
}

export interface Scope {
  readonly impl: Implementation
  readonly zmq: Zmq
  readonly draft: Draft
  /** Closes the socket (linger 0) when the scenario ends, however it ends. */
  track<S extends AnySocket>(socket: S): S
  /** Registers any other cleanup, run in reverse order after the sockets are closed. */
  defer(cleanup: () => unknown): void
  /** Binds `server` on a fresh endpoint of `transport`, connects `client` to it, returns it. */
  pair(server: AnySocket, client: AnySocket, transport: Transport): Promise<string>
}

export type Scenario<T> = (scope: Scope) => T | Promise<T>

/** Runs a scenario against one implementation and cleans up after it. */
export async function run<T>(impl: Implementation, scenario: Scenario<T>): Promise<T> {
  const sockets: AnySocket[] = []
  const cleanups: (() => unknown)[] = []
  const scope: Scope = {
    impl,
    zmq: impl.zmq,
    get draft() {
      return impl.draft
    },
    track(socket) {
      sockets.push(socket)
      return socket
    },
    defer(cleanup) {
      cleanups.push(cleanup)
    },
    async pair(server, client, transport) {
      await server.bind(bindAddress(transport))
      const endpoint = server.lastEndpoint as string
      client.connect(endpoint)
      return endpoint
    },
  }
  try {
    return await scenario(scope)
  } finally {
    closeAll(sockets)
    for (const cleanup of cleanups.reverse()) await cleanup()
  }
}

/** Fails, naming the implementation, if `promise` takes longer than a scenario may. */
async function within<T>(promise: Promise<T>, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not finish the scenario within 4 s`)), 4000)
  })
  try {
    return await Promise.race([promise, deadline])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Runs `scenario` against zeromq.js, then against zeromq-turbo, and expects equal results.
 * Returns zeromq.js's result so a test can also pin what the specification does.
 */
export async function same<T>(scenario: Scenario<T>): Promise<T> {
  const expected = await within(run(impls.reference, scenario), "zeromq")
  const actual = await within(run(impls.turbo, scenario), "zeromq-turbo")
  expect(actual).toEqual(expected)
  return expected
}

export interface ErrorShape {
  name?: string
  message?: string
  code?: unknown
  errno?: unknown
  address?: unknown
  status?: unknown
  thrown?: string
}

/** The observable shape of a thrown value: its class name, message and zeromq fields. */
export function errorOf(error: unknown): ErrorShape {
  if (!(error instanceof Error)) return { thrown: String(error) }
  const shape: ErrorShape = { name: error.constructor.name, message: error.message }
  const fields = error as unknown as Record<string, unknown>
  for (const key of ["code", "errno", "address", "status"] as const) {
    if (Object.prototype.hasOwnProperty.call(error, key)) shape[key] = fields[key]
  }
  return shape
}

/** Buffers and views become "hex:..." so results compare and print as plain data. */
export function plain(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `hex:${value.toString("hex")}`
  if (Array.isArray(value)) return value.map(plain)
  if (typeof value === "bigint") return `bigint:${value}`
  if (typeof value === "function") return `function:${value.name}`
  return value
}

export type Outcome = { returned: unknown } | { threw: ErrorShape } | { resolved: unknown } | { rejected: ErrorShape }

/** Calls `fn` and tells a synchronous throw apart from a rejected promise. */
export async function outcome(fn: () => unknown): Promise<Outcome> {
  let value: unknown
  try {
    value = fn()
  } catch (error) {
    return { threw: errorOf(error) }
  }
  if (value instanceof Promise) return settle(value)
  return { returned: plain(value) }
}

/**
 * Calls `fn` and describes only what happens synchronously: a throw, or the value returned.
 * For calls that must throw at once (argument errors): a returned promise is reported as
 * "a Promise" instead of being awaited, so a mismatch fails fast instead of hanging.
 */
export function attempt(fn: () => unknown): Outcome {
  try {
    const value = fn()
    if (value instanceof Promise) {
      // Not part of this observation; the socket's cleanup settles it.
      value.then(ignore, ignore)
      return { returned: "a Promise" }
    }
    return { returned: plain(value) }
  } catch (error) {
    return { threw: errorOf(error) }
  }
}

function ignore(): void {}

/** Waits for a promise and describes how it settled. */
export async function settle(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { resolved: plain(await promise) }
  } catch (error) {
    return { rejected: errorOf(error) }
  }
}

/** A Router -> Dealer proxy over inproc, running: for what its sockets do meanwhile. */
export async function runningProxy({ zmq, track }: Scope) {
  const front = track(new zmq.Router())
  const back = track(new zmq.Dealer())
  await front.bind(bindAddress("inproc"))
  await back.bind(bindAddress("inproc"))
  const proxy = new zmq.Proxy(front, back)
  return { front, back, proxy, running: proxy.run() }
}

/**
 * Runs `fn` and returns what it returned with the texts of the process warnings emitted
 * meanwhile. zeromq.js emits them from native code through `process.emitWarning`, which is
 * replaced for the call, so they are seen synchronously and in order.
 */
export function withWarnings<T>(fn: () => T): { value: T; warnings: string[] } {
  const warnings: string[] = []
  const emitWarning = process.emitWarning
  process.emitWarning = ((warning: string | Error) => {
    warnings.push(typeof warning === "string" ? warning : warning.message)
  }) as typeof process.emitWarning
  try {
    return { value: fn(), warnings }
  } finally {
    process.emitWarning = emitWarning
  }
}

/** Message frames as UTF-8 text. */
export function text(message: Buffer[]): string[] {
  return message.map(frame => frame.toString("utf8"))
}

/** Message frames as hex. */
export function hex(message: Buffer[]): string[] {
  return message.map(frame => frame.toString("hex"))
}

export interface EventShape {
  type: string
  address?: string
  interval?: string
  error?: ErrorShape
}

/** An observer event with the run-specific parts replaced (address, retry interval). */
export function eventOf(event: object): EventShape {
  const fields = event as Record<string, unknown>
  const shape: EventShape = { type: String(fields.type) }
  if ("address" in fields) shape.address = anonymize(String(fields.address))
  // libzmq randomises the reconnect interval, so only its type is comparable.
  if ("interval" in fields) shape.interval = typeof fields.interval
  if ("error" in fields) shape.error = errorOf(fields.error)
  return shape
}

/** Receives events until one of type `last` arrives; returns all of them, in order. */
export async function eventsUntil(observer: AnyObserver, last: string): Promise<EventShape[]> {
  const seen: EventShape[] = []
  for (;;) {
    const event = eventOf(await observer.receive())
    seen.push(event)
    if (event.type === last) return seen
  }
}

/** Resolves after the next macrotask: lets libuv poll once (never used to wait for delivery). */
export function tick(ms = 0): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/**
 * PUB drops messages until it has processed a subscriber's subscription, and there is no
 * event for that moment. Publishes `probe` until the subscriber receives one, then returns;
 * callers skip leftover probe messages with `receiveSkipping`.
 */
export async function awaitSubscription(
  publish: () => Promise<void>,
  subscriber: { receive(): Promise<Buffer[]> },
  probe: string,
): Promise<void> {
  let arrived = false
  const first = subscriber.receive().then(message => {
    arrived = true
    return message
  })
  while (!arrived) {
    await publish()
    await Promise.race([first, tick(10)])
  }
  expect(text(await first)).toEqual([probe])
}

/** Receives the next message whose first frame is not `skip`. */
export async function receiveSkipping(socket: { receive(): Promise<Buffer[]> }, skip: string): Promise<Buffer[]> {
  for (;;) {
    const message = await socket.receive()
    if (message[0].toString() !== skip) return message
  }
}

/** Closes every socket of a scenario that it left open, without waiting for unsent messages. */
export function closeAll(sockets: Iterable<{ closed: boolean; linger: number; close(): void }>): void {
  for (const socket of sockets) {
    if (!socket.closed) {
      socket.linger = 0
      socket.close()
    }
  }
}
