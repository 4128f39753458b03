// The harness of the v5-compat parity tests (test/parity/compat/*.test.ts), which hold
// "zeromq-turbo/v5-compat" to two oracles:
// - zeromq.js 6.8.0's "zeromq/v5-compat", the reference for the API surface: same() runs a
//   scenario against it, then against zeromq-turbo, and the observations (plain data: values,
//   frames as text, error shapes, event arguments) must be equal;
// - zeromq@5 (built by test/support/zeromq5-setup.ts), the reference for behaviour where the
//   two disagree: sameAsV5() runs the scenario against it and zeromq-turbo. zeromq@5's errors
//   carry no code or errno, so only their class and message are compared with it.
// Most tests also pin what the oracle observes, so that two implementations broken the same way
// still fail, and so that a test still pins zeromq-turbo where zeromq@5 could not be built.
//
// Tests named "zeromq.js bug: ..." pin a case where zeromq.js's compat layer (or its v6 core
// underneath) is broken and zeromq-turbo deliberately is not; where zeromq.js would hang or
// crash the test process, only zeromq-turbo runs the scenario. Tests named "follows zeromq@5:
// ..." pin a case where zeromq.js's compat layer and zeromq@5 disagree, and zeromq-turbo does
// what zeromq@5 did (docs/compatibility.md, "v5-compat").
import { once } from "node:events"
import { createRequire } from "node:module"
import { createServer } from "node:net"
import { expect, it } from "vitest"
import { closeAll } from "../../support/parity.js"
import { zeromq5 } from "../../support/zeromq5.js"

export const require = createRequire(import.meta.url)

export type Compat = typeof import("zeromq/v5-compat")
export type Sock = InstanceType<Compat["Socket"]>
export type Transport = "tcp" | "inproc"

export const reference = require("zeromq/v5-compat") as Compat
export const turbo = require("zeromq-turbo/v5-compat") as Compat
export const turboV6 = require("zeromq-turbo") as typeof import("zeromq")
export const referenceV6 = require("zeromq") as typeof import("zeromq")
/** zeromq@5, or undefined where it could not be built (see test/support/zeromq5.ts). */
export const legacy = zeromq5

export const transports: Transport[] = ["tcp", "inproc"]
export const socketTypes = [
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

export interface Scope {
  readonly zmq: Compat
  /** Closes the socket (linger 0) when the scenario ends, however it ends. */
  track<S extends Sock>(socket: S): S
  /** A fresh address to bind to (tcp: an ephemeral port, read last_endpoint after binding). */
  address(transport: Transport): string
}

export let names = 0

export async function run<T>(zmq: Compat, scenario: (scope: Scope) => T | Promise<T>): Promise<T> {
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
    closeAll(sockets)
  }
}

/** Runs the scenario against zeromq.js, then zeromq-turbo; expects equal results, returns them. */
export async function same<T>(scenario: (scope: Scope) => T | Promise<T>): Promise<T> {
  const expected = await run(reference, scenario)
  const actual = await run(turbo, scenario)
  expect(actual).toEqual(expected)
  return expected
}

/**
 * Runs the scenario against zeromq@5, then zeromq-turbo; expects equal results (errors by class
 * and message only) and returns zeromq-turbo's. Without zeromq@5 it runs zeromq-turbo alone.
 */
export async function sameAsV5<T>(scenario: (scope: Scope) => T | Promise<T>): Promise<T> {
  const expected = legacy === undefined ? undefined : await run(legacy, scenario)
  const actual = await run(turbo, scenario)
  if (legacy !== undefined) expect(withoutCodes(actual)).toEqual(withoutCodes(expected))
  return actual
}

/** Runs the scenario against all three; expects equal results as same() and sameAsV5() do. */
export async function sameAsBoth<T>(scenario: (scope: Scope) => T | Promise<T>): Promise<T> {
  const result = await same(scenario)
  if (legacy !== undefined) expect(withoutCodes(await run(legacy, scenario))).toEqual(withoutCodes(result))
  return result
}

/** A test that needs zeromq@5 itself (it compares with something else than zeromq-turbo). */
export const itWithV5 = legacy === undefined ? it.skip : it

/** The value with every error shape reduced to its class and message (zeromq@5's errors have
 *  no code, errno or address). */
function withoutCodes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCodes)
  if (typeof value !== "object" || value === null) return value
  const entries = Object.entries(value).map(([key, inner]) => [key, withoutCodes(inner)])
  const isError = "name" in value && "message" in value
  return Object.fromEntries(
    isError ? entries.filter(([key]) => !["code", "errno", "address"].includes(key as string)) : entries,
  )
}

/** The observable shape of a thrown value. */
export function shape(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { thrown: String(error) }
  const result: Record<string, unknown> = { name: error.constructor.name, message: error.message }
  for (const key of ["code", "errno", "address"]) {
    if (Object.hasOwn(error, key)) result[key] = normalize((error as unknown as Record<string, unknown>)[key])
  }
  return result
}

/** Ports and inproc names differ between runs; everything else must not. */
export function normalize(value: unknown): unknown {
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

export type Outcome = { returned: unknown } | { threw: Record<string, unknown> }

export function outcome(fn: () => unknown): Outcome {
  try {
    return { returned: normalize(fn()) }
  } catch (error) {
    return { threw: shape(error) }
  }
}

/** The arguments of a "message" event: each frame as text, or what it is if not a Buffer. */
export function frames(args: unknown[]): string[] {
  return args.map(frame => (Buffer.isBuffer(frame) ? frame.toString() : `not a Buffer: ${typeof frame}`))
}

/** Resolves with the next `count` messages of a socket, each as the text of its frames. */
export function messages(socket: Sock, count: number, skip?: (message: string[]) => boolean): Promise<string[][]> {
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
export function bind(socket: Sock, address: string): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.bind(address, error => (error ? reject(error) : resolve(socket.last_endpoint as string)))
  })
}

/** Sends and resolves with the callback's arguments. */
export function send(socket: Sock, message: unknown, flags = 0): Promise<unknown[]> {
  return new Promise(resolve => {
    socket.send(message as string, flags, (...args: unknown[]) => resolve(args))
  })
}

/** One turn of the event loop: nextTick and promise callbacks queued before it have run. */
export const turn = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

/** A TCP port nobody listens on: bound through node:net with port 0, then released. */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, "close")
  return port
}

/** Binds `server` and connects `client` to it; resolves with the endpoint. */
export async function connected(server: Sock, client: Sock, transport: Transport, scope: Scope): Promise<string> {
  const endpoint = await bind(server, scope.address(transport))
  client.connect(endpoint)
  return endpoint
}

// Two valid Z85 CURVE keys (zmq_curve(7)'s example pair), the same in every run.
export const curvePublic = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID"
export const curveSecret = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs"
