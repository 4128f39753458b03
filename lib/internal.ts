/**
 * How the modules of lib/ reach each other's private state: the one mechanism for it, never
 * exported from an entry point.
 *
 * - A class that lends private state registers accessors in `internal` once, from a static
 *   block of its own (which sees its #private fields): `internal.socket` (socket.ts) for Proxy,
 *   Observer and the v5-compat layer, `internal.context` (context.ts) for Socket.
 * - What a socket type does differently is declared by its class (sockets.ts, draft-sockets.ts)
 *   with `defineKind()`; the Socket constructor looks it up by the class being constructed.
 * - `sharedContext`, a symbol no entry point exports, is the option that makes a Context use
 *   the process-wide libzmq context (only the default context does).
 */
import type { Context } from "./context.js"
import type { NativeContext, NativeSocket } from "./native.js"
import type { Message, Socket } from "./socket.js"

/** What Observer needs of the socket it observes. */
export interface ObservedSocket {
  native: NativeSocket
  /** Whether the observed socket was closed. */
  closed(): boolean
  /** Tells the socket that a libzmq call was made on it (see Socket#recheckSoon). */
  touched(): void
  /** A Pair socket in the observed socket's context, connected to `endpoint`. */
  monitor(endpoint: string): Socket & { receive(): Promise<Message[]> }
}

export interface SocketInternals {
  /** The native object of a socket (throws for anything else), for Proxy. */
  native(socket: Socket): NativeSocket
  /** For Proxy: blocks (1) a socket while the proxy thread owns it, as a bind does (but saying
   *  that a proxy uses it), and unblocks (-1) it. */
  block(socket: Socket, delta: 1 | -1): void
  /** For Observer; throws as zeromq.js does for a closed socket or something else. */
  observed(socket: Socket): ObservedSocket
  /**
   * For the v5-compat layer, which hands each message to libzmq within send() as zeromq@5 did:
   * one send attempt now. True if libzmq took the message; false if it must wait (libzmq said
   * EAGAIN, or a send() is pending ahead of it). A bad frame throws its TypeError and a libzmq
   * error throws, as the same message would make send() throw or reject.
   */
  trySend(socket: Socket, message: unknown): boolean
  /** For the v5-compat layer's read(): the next message if one is ready now, else undefined. */
  tryReceive(socket: Socket): Message[] | undefined
}

export interface ContextInternals {
  /** The native object of a Context, for the Socket constructor. */
  native(context: Context): NativeContext
}

export const internal = {} as { socket: SocketInternals; context: ContextInternals }

/** The Context option (a key no user can write) that selects the process-wide libzmq context. */
export const sharedContext: unique symbol = Symbol("zeromq-turbo.sharedContext")

/** Draft send options (Server: routingId; Radio: group), as the addon takes them. */
export interface Address {
  routingId?: number
  group?: string | Buffer
}

/** What a socket type does differently from the plain path of lib/socket.ts. */
export interface SocketKind {
  /** Server, Dish: what receive() returns for a message, from its frames and the routing id or
   *  group that came with it (zeromq.js appends them). */
  received?(frames: Message[], routingId: number, group: Buffer | undefined): unknown[]
  /** Server, Radio: send()'s options checked as zeromq.js checks them (synchronously) and
   *  reduced to what the addon takes. */
  address?(options: object): Address
  /** Server, Radio: the array sendBatch() hands the addon the addresses in, entry for entry. */
  addresses?(length: number): Uint32Array | (string | Buffer)[]
  /** REQ, REP: a receive follows a send of the socket's own (see Socket#defers). */
  lockstep?: true
}

const kinds = new WeakMap<Function, SocketKind>()
const plain: SocketKind = Object.freeze({})

/** Declares what a socket class (and every class extending it) does differently. */
export function defineKind(type: Function, kind: SocketKind): void {
  kinds.set(type, Object.freeze(kind))
}

/** The kind of the class being constructed (`new.target`): its own or its nearest ancestor's. */
export function kindOf(type: Function | undefined): SocketKind {
  for (let c = type; typeof c === "function"; c = Object.getPrototypeOf(c) as Function | undefined) {
    const kind = kinds.get(c)
    if (kind !== undefined) return kind
  }
  return plain
}
