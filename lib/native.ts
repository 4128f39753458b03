/**
 * Loads the native addon and declares, in this one place, everything it exposes.
 *
 * The binary is the file named by ZEROMQ_TURBO_BINARY when it is set (`npm test` names
 * build/Release's, so that a prebuild cannot shadow what the tests just built; an ASan build
 * can be named the same way). Otherwise it is looked for in `prebuilds/<platform>-<arch>/`
 * first (what the npm package ships, tagged by prebuildify with N-API and libc), then in
 * `build/Release/` (a source build).
 */
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
import type { NativeType } from "./wire.generated.js"

/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const nodeGypBuild = require("node-gyp-build") as {
  parseTags(
    file: string,
  ): { file: string; napi?: boolean; abi?: string; libc?: string; runtime?: string; specificity: number } | undefined
}

export { NativeType } from "./wire.generated.js"

export type OptionValue = boolean | number | string | Buffer | null

/** native/context.cc */
export interface NativeContext {
  getOption(id: number, type: NativeType): boolean | number
  setOption(id: number, type: NativeType, value: boolean | number): void
}

/**
 * A receive batch (layout: lib/wire-table.ts; read by lib/io/receive-batch.ts): the batch memory
 * (an ArrayBuffer when small, else a Buffer), or an Array of it followed by the external frames
 * and groups in order.
 */
export type NativeBatch = ArrayBuffer | Buffer | [ArrayBuffer | Buffer, ...Buffer[]]

/** native/socket.cc */
export interface NativeSocket {
  getOption(id: number, type: NativeType): OptionValue
  setOption(id: number, type: NativeType, value: OptionValue): void
  bind(address: string): Promise<void>
  unbind(address: string): Promise<void>
  bindSync(address: string): void
  unbindSync(address: string): void
  connect(address: string): void
  disconnect(address: string): void
  close(): void
  /** Up to `messages` whole messages (or `bytes` copied bytes) without blocking. */
  receive(messages: number, bytes: number): NativeBatch | undefined
  /** Sends one message (a frame or an array of frames); false if libzmq said EAGAIN. */
  send(message: unknown, routingId?: number, group?: string | Buffer): boolean
  /** Sends messages[start..end) until EAGAIN; returns how many were sent. Server and Radio
   *  give each message's routing id or group in `addresses`, entry for entry. */
  sendBatch(
    messages: readonly unknown[],
    start: number,
    end: number,
    addresses?: Uint32Array | readonly (string | Buffer)[],
  ): number
  /** Sends `count` one-frame messages packed into `bytes` (message i ends at ends[i]) until
   *  EAGAIN; returns how many were sent. */
  sendPacked(bytes: Uint8Array, ends: Uint32Array, count: number): number
  /** Waits for ZMQ_POLLIN/ZMQ_POLLOUT (0: nothing). Returns what is ready now, or 0 when armed. */
  wait(mask: number): number
  join(group: string | Buffer): void
  leave(group: string | Buffer): void
  /** Starts (endpoint) or stops (null) publishing this socket's events on an inproc PAIR. */
  monitor(endpoint: string | null): void
  /** This socket (an Observer's PAIR) reads `observed`'s monitor: see Socket::EndObservation. */
  readsMonitorOf(observed: NativeSocket): void
  /** Whether a pending wait keeps the event loop alive (true until set; for v5-compat). */
  keepLoopAlive(flag: boolean): void
}

/** native/proxy.cc: zmq_proxy_steerable() on a thread of its own. */
export interface NativeProxy {
  /** Lends both sockets to the proxy thread; settles (without closing them) when it ends. */
  run(): Promise<void>
  /** Send PAUSE, RESUME and TERMINATE to the running proxy; EBADF when it is not running. */
  pause(): void
  resume(): void
  terminate(): void
}

export interface NativeAddon {
  version(): string
  capability(): Record<"ipc" | "pgm" | "tipc" | "norm" | "curve" | "gssapi" | "draft", boolean>
  curveKeyPair(): { publicKey: string; secretKey: string }
  /** zmq_curve_public() of a 40-character Z85 secret key; null if libzmq rejects it. */
  curvePublic(secretKey: string): string | null
  /** zmq_z85_encode(); null unless the length is a multiple of 4. */
  z85Encode(data: Uint8Array): string | null
  /** zmq_z85_decode(); null for a length that is no multiple of 5 or what libzmq rejects. */
  z85Decode(text: string): Buffer | null
  /** An Error for an errno value: zmq_strerror() text, code and errno. */
  errnoError(errno: number): Error & { code: string; errno: number }
  /** For the v5-compat layer at process.exit(): closes every socket of the main thread and
   *  terminates the default context, waiting at most `limit` ms for queued messages; whether
   *  they were all delivered (native/module.cc). */
  flushAtExit(limit: number): boolean
  /** The counters of the pool that large sent frames are copied into (native/pool.h). */
  copyPoolStats(): { reused: number; fresh: number; idleBytes: number; busyBytes: number }
  /** libzmq constants by their zmq.h names (native/constants.generated.h). */
  constants: Record<string, number>
  Context: new (shared: boolean) => NativeContext
  Socket: new (context: NativeContext, type: number, onReady: (events: number) => void) => NativeSocket
  Proxy: new (frontEnd: NativeSocket, backEnd: NativeSocket) => NativeProxy
}

const root = join(__dirname, "..")
const binaryName = "zeromq_turbo.node"

/** The C library of this process on Linux (glibc or musl); undefined elsewhere. */
function libc(): string | undefined {
  if (process.env.LIBC) return process.env.LIBC
  if (process.platform !== "linux") return undefined
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined
  return report?.header?.glibcVersionRuntime ? "glibc" : "musl"
}

/**
 * The prebuilds of one platform-arch directory that may load here, best first, by the rules
 * node-gyp-build applies at install time (so both pick the same file): runtime node or none, an
 * N-API build or this ABI, and a libc tag equal to this process's. node-gyp-build takes every
 * non-Alpine system for glibc, so off Linux a .glibc file (prebuildify tags one on every
 * platform) is accepted and a .musl file is not; on Linux the libc is the one actually running
 * (node-gyp-build's Alpine test would call a musl distribution without /etc/alpine-release
 * glibc). Among files with the same tags the directory's (sorted) order stands, as in
 * node-gyp-build: `zeromq-turbo.glibc.node`, built for a recent glibc, before
 * `zeromq-turbo.glibc.portable.node`, the fallback for old ones. Exported for the tests of every
 * target's choice.
 */
export function prebuildCandidates(files: readonly string[], wantLibc: string | undefined): string[] {
  const libcTag = wantLibc ?? "glibc"
  return (
    files
      .map(file => nodeGypBuild.parseTags(file))
      .filter(tags => tags !== undefined)
      .filter(tags => tags.runtime === undefined || tags.runtime === "node")
      // prebuildify names N-API builds without an abi tag; an abi-tagged one must match exactly.
      .filter(tags => tags.napi || tags.abi === undefined || tags.abi === process.versions.modules)
      .filter(tags => tags.libc === undefined || tags.libc === libcTag)
      .sort((a, b) => b.specificity - a.specificity)
      .map(tags => tags.file)
  )
}

/** Every binary that may serve this process, in the order they are tried. */
function candidates(): string[] {
  const dir = join(root, "prebuilds", `${process.platform}-${process.arch}`)
  const found = existsSync(dir) ? prebuildCandidates(readdirSync(dir).sort(), libc()).map(file => join(dir, file)) : []
  const built = join(root, "build", "Release", binaryName)
  if (existsSync(built)) found.push(built)
  return found
}

const howToBuild =
  "build one from source (needs python3, make, cmake and a C++17 compiler): " +
  "npm explore zeromq-turbo -- npm run build:native"

/**
 * Loads the binary ZEROMQ_TURBO_BINARY names, or else the first candidate that loads. One that exists but fails (a C library or OS too old
 * for it, a damaged file) does not end the search: the next is tried, and the final error says
 * what was tried and why each failed.
 */
function load(): NativeAddon {
  const named = process.env.ZEROMQ_TURBO_BINARY
  if (named) {
    // Never another binary instead: whoever names one means that one.
    if (!existsSync(named)) throw new Error(`zeromq-turbo: ZEROMQ_TURBO_BINARY names ${named}, which does not exist`)
    /* eslint-disable-next-line @typescript-eslint/no-require-imports */
    return require(named) as NativeAddon
  }
  const target = `platform=${process.platform} arch=${process.arch} libc=${libc() ?? "n/a"} node=${process.versions.node} (N-API 8)`
  const tried: string[] = []
  let firstError: unknown
  for (const file of candidates()) {
    try {
      /* eslint-disable-next-line @typescript-eslint/no-require-imports */
      return require(file) as NativeAddon
    } catch (err) {
      firstError ??= err
      tried.push(`  ${file}: ${(err as Error).message.split("\n")[0]}`)
    }
  }
  const dir = join(root, "prebuilds", `${process.platform}-${process.arch}`)
  const built = join(root, "build", "Release", binaryName)
  const error =
    tried.length === 0
      ? new Error(
          `zeromq-turbo: no native binary for ${target}.\n` +
            `  Looked in ${dir} and ${built}.\n` +
            `  No prebuilt binary is shipped for this platform; ${howToBuild}`,
        )
      : new Error(
          `zeromq-turbo: no native binary could be loaded for ${target}. Tried:\n${tried.join("\n")}\n` +
            `  To use this platform anyway, ${howToBuild}`,
        )
  if (firstError !== undefined) (error as Error & { cause?: unknown }).cause = firstError
  throw error
}

export const native: NativeAddon = load()
