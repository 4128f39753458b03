/**
 * Observer: a socket's events (zmq_socket_monitor), read through async iteration, receive(), or
 * on()/off() listeners. libzmq publishes them on an inproc PAIR socket, which the observer reads
 * as a Pair socket of its own (in the observed socket's context): through the same receive path
 * as every socket, so the receive batch is decoded in one place (lib/io/receive-batch.ts).
 */
import { EventEmitter } from "node:events"
import { endianness } from "node:os"
import { arity, errnoError, isObject, messages, napiClass, type ErrnoError } from "./errors.js"
import { internal, type ObservedSocket } from "./internal.js"
import { native } from "./native.js"
import { lockMethods, zmqConstant, type Expand } from "./options.js"
import type { Message, Socket } from "./socket.js"

export type { ErrnoError }

/** The error of a `handshake:error:auth` event: the ZAP handler refused the peer. */
export interface AuthError extends Error {
  /** The ZAP status code: 300 a temporary error, 400 an authentication failure, 500 an internal error. */
  status: 300 | 400 | 500
}

/**
 * The error of a `handshake:error:protocol` event: the peer (or the ZAP handler) broke the ZMTP
 * or ZAP protocol during the handshake.
 */
export interface ProtoError extends Error {
  /** Which rule was broken: libzmq's ZMQ_PROTOCOL_ERROR_* name, as `ERR_ZMTP_...` or `ERR_ZAP_...`. */
  code:
    | "ERR_ZMTP_UNSPECIFIED"
    | "ERR_ZMTP_UNEXPECTED_COMMAND"
    | "ERR_ZMTP_INVALID_SEQUENCE"
    | "ERR_ZMTP_KEY_EXCHANGE"
    | "ERR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED"
    | "ERR_ZMTP_MALFORMED_COMMAND_MESSAGE"
    | "ERR_ZMTP_MALFORMED_COMMAND_HELLO"
    | "ERR_ZMTP_MALFORMED_COMMAND_INITIATE"
    | "ERR_ZMTP_MALFORMED_COMMAND_ERROR"
    | "ERR_ZMTP_MALFORMED_COMMAND_READY"
    | "ERR_ZMTP_MALFORMED_COMMAND_WELCOME"
    | "ERR_ZMTP_INVALID_METADATA"
    | "ERR_ZMTP_CRYPTOGRAPHIC"
    | "ERR_ZMTP_MECHANISM_MISMATCH"
    | "ERR_ZAP_UNSPECIFIED"
    | "ERR_ZAP_MALFORMED_REPLY"
    | "ERR_ZAP_BAD_REQUEST_ID"
    | "ERR_ZAP_BAD_VERSION"
    | "ERR_ZAP_INVALID_STATUS_CODE"
    | "ERR_ZAP_INVALID_METADATA"
}

/** The part of an event that names the endpoint it is about. */
export interface EventAddress {
  /** The endpoint, e.g. `tcp://127.0.0.1:5555`. */
  address: string
}

/** The part of a `connect:retry` event that says when the next attempt is made. */
export interface EventInterval {
  /** Milliseconds until the next connection attempt (libzmq recomputes it at each retry). */
  interval: number
}

/**
 * The part of a failure event that says what failed.
 *
 * @typeParam E The kind of error.
 */
export interface EventError<E = ErrnoError> {
  /** What went wrong. */
  error: E
}

/**
 * One kind of {@link Event}: an object with its `type` and the properties `D` that kind
 * carries.
 *
 * ```typescript
 * type Bind = zmq.EventFor<"bind", { address: string }> // { type: "bind"; address: string }
 * ```
 *
 * @typeParam T The event's `type`.
 * @typeParam D The other properties of the event.
 */
export type EventFor<T extends string, D = {}> = Expand<
  {
    /** What kind of event this is. */
    type: T
  } & D
>

/**
 * An event of a socket, as {@link Observer} delivers it: an object whose `type` says what
 * happened, with the properties that kind of event carries. The names follow Node's `net`
 * module and this package's methods; failures of an operation are `operation:error`. (There is
 * no `error` event, which Node's EventEmitter would throw when nobody listens.)
 *
 * - `accept` (ZMQ_EVENT_ACCEPTED): a connection from a peer was accepted. `address`.
 * - `accept:error` (ZMQ_EVENT_ACCEPT_FAILED): a connection from a peer could not be accepted.
 *   `address`, `error`.
 * - `bind` (ZMQ_EVENT_LISTENING): the socket is listening on an endpoint. `address`.
 * - `bind:error` (ZMQ_EVENT_BIND_FAILED): the socket could not listen on an endpoint.
 *   `address`, `error`.
 * - `connect` (ZMQ_EVENT_CONNECTED): a connection to a peer was made. `address`.
 * - `connect:delay` (ZMQ_EVENT_CONNECT_DELAYED): a connection attempt is in progress.
 *   `address`.
 * - `connect:retry` (ZMQ_EVENT_CONNECT_RETRIED): a connection attempt failed and will be
 *   retried. `address`, `interval` (milliseconds until the next attempt).
 * - `close` (ZMQ_EVENT_CLOSED): a connection or listener was closed. `address`.
 * - `close:error` (ZMQ_EVENT_CLOSE_FAILED): closing failed (ipc only). `address`, `error`.
 * - `disconnect` (ZMQ_EVENT_DISCONNECTED): a connection was lost unexpectedly. `address`.
 * - `handshake` (ZMQ_EVENT_HANDSHAKE_SUCCEEDED): the ZMTP handshake, security included,
 *   succeeded. `address`.
 * - `handshake:error:protocol` (ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL): the handshake failed on
 *   a protocol error of the peer or of the ZAP handler. `address`, `error` ({@link ProtoError}).
 * - `handshake:error:auth` (ZMQ_EVENT_HANDSHAKE_FAILED_AUTH): the ZAP handler refused the peer.
 *   `address`, `error` ({@link AuthError}).
 * - `handshake:error:other` (ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL): the handshake failed for
 *   another reason. `address`, `error`.
 * - `end` (ZMQ_EVENT_MONITOR_STOPPED): observing ended (the socket was closed); nothing follows.
 * - `unknown`: an event this package does not know (a newer libzmq's).
 */
export type Event =
  | EventFor<"accept", EventAddress>
  | EventFor<"accept:error", EventAddress & EventError>
  | EventFor<"bind", EventAddress>
  | EventFor<"bind:error", EventAddress & EventError>
  | EventFor<"connect", EventAddress>
  | EventFor<"connect:delay", EventAddress>
  | EventFor<"connect:retry", EventAddress & EventInterval>
  | EventFor<"close", EventAddress>
  | EventFor<"close:error", EventAddress & EventError>
  | EventFor<"disconnect", EventAddress>
  | EventFor<"end">
  | EventFor<"handshake", EventAddress>
  | EventFor<"handshake:error:protocol", EventAddress & EventError<ProtoError>>
  | EventFor<"handshake:error:auth", EventAddress & EventError<AuthError>>
  | EventFor<"handshake:error:other", EventAddress & EventError>
  | EventFor<"unknown">

/** The `type` of every kind of {@link Event}: `"accept"`, `"bind"`, `"connect:retry"`, ... */
export type EventType = Event["type"]
/**
 * The event object of one event type, e.g. `EventOfType<"connect:retry">` is
 * `{ type: "connect:retry"; address: string; interval: number }`.
 *
 * @typeParam E The event type.
 */
export type EventOfType<E extends EventType = EventType> = Expand<Extract<Event, Event & EventFor<E>>>

/** What {@link Observer.on}() and {@link Observer.off}() return: something to chain them on. */
export interface EventSubscriber {
  /**
   * Calls `listener` with every event of this type (see {@link Observer.on}).
   *
   * @param type The event type to listen for.
   * @param listener Called with each event of that type.
   * @returns This, for chaining.
   */
  on<E extends EventType>(type: E, listener: (data: EventOfType<E>) => void): EventSubscriber
  /**
   * Removes a listener added with on().
   *
   * @param type The event type it listened for.
   * @param listener The listener given to on().
   * @returns This, for chaining.
   */
  off<E extends EventType>(type: E, listener: (data: EventOfType<E>) => void): EventSubscriber
}

const eventNames = new Map<number, EventType>([
  [zmqConstant("ZMQ_EVENT_CONNECTED"), "connect"],
  [zmqConstant("ZMQ_EVENT_CONNECT_DELAYED"), "connect:delay"],
  [zmqConstant("ZMQ_EVENT_CONNECT_RETRIED"), "connect:retry"],
  [zmqConstant("ZMQ_EVENT_LISTENING"), "bind"],
  [zmqConstant("ZMQ_EVENT_BIND_FAILED"), "bind:error"],
  [zmqConstant("ZMQ_EVENT_ACCEPTED"), "accept"],
  [zmqConstant("ZMQ_EVENT_ACCEPT_FAILED"), "accept:error"],
  [zmqConstant("ZMQ_EVENT_CLOSED"), "close"],
  [zmqConstant("ZMQ_EVENT_CLOSE_FAILED"), "close:error"],
  [zmqConstant("ZMQ_EVENT_DISCONNECTED"), "disconnect"],
  [zmqConstant("ZMQ_EVENT_MONITOR_STOPPED"), "end"],
  [zmqConstant("ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL"), "handshake:error:other"],
  [zmqConstant("ZMQ_EVENT_HANDSHAKE_SUCCEEDED"), "handshake"],
  [zmqConstant("ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL"), "handshake:error:protocol"],
  [zmqConstant("ZMQ_EVENT_HANDSHAKE_FAILED_AUTH"), "handshake:error:auth"],
])

/** Handshake protocol errors: the code zeromq.js gives each, from libzmq's constant name. */
const protocolErrors = new Map<number, { code: string; message: string }>()
for (const name of Object.keys(native.constants)) {
  const match = /^ZMQ_PROTOCOL_ERROR_(ZMTP|ZAP)_(.+)$/.exec(name)
  if (match)
    protocolErrors.set(native.constants[name], {
      code: `ERR_${match[1]}_${match[2]}`,
      message: `${match[1]} protocol error`,
    })
}

const authErrors: Record<number, string> = {
  300: "Temporary error",
  400: "Authentication failure",
  500: "Internal error",
}

const readEvent = endianness() === "LE" ? (b: Buffer) => b.readUInt16LE(0) : (b: Buffer) => b.readUInt16BE(0)
const readValue = endianness() === "LE" ? (b: Buffer) => b.readUInt32LE(2) : (b: Buffer) => b.readUInt32BE(2)

let monitorCount = 0

/** Each event's value as libzmq gave it (a file descriptor, errno, interval): v5-compat's
 *  monitor events carry it, as zeromq@5's did. A WeakMap, so that event objects stay as they are. */
const rawValues = new WeakMap<object, number>()

/** For the v5-compat layer: the value libzmq gave with an event that receive() returned. */
export function eventValue(event: object): number | undefined {
  return rawValues.get(event)
}

/** The PAIR socket an observer reads libzmq's events from. */
type Monitor = Socket & { receive(): Promise<Message[]> }

const MONITOR_STOPPED = zmqConstant("ZMQ_EVENT_MONITOR_STOPPED")

/**
 * Reads `monitor` (after the receive `inFlight`, if one is) until libzmq's last event of it,
 * ZMQ_EVENT_MONITOR_STOPPED, then closes it; meanwhile it does not keep the process alive. For
 * an observer closed after its socket (see Observer#close()). Should libzmq keep the socket
 * alive for good (an inproc connect to a name nobody binds), the PAIR stays until its context
 * is terminated, as that socket does.
 */
function drainUntilEnd(monitor: Monitor, inFlight: Promise<Message[]> | undefined): void {
  internal.socket.native(monitor).keepLoopAlive(false)
  const next = (frames: Message[] | undefined): void => {
    if (frames !== undefined && readEvent(frames[0]) === MONITOR_STOPPED) {
      monitor.close()
      return
    }
    monitor.receive().then(next, () => monitor.close())
  }
  if (inFlight === undefined) next(undefined)
  else inFlight.then(next, () => monitor.close())
}

// Exported as napiClass(Observer): see ObserverClass below.
class Observer {
  #target: ObservedSocket
  #monitor: Monitor | undefined
  #reading = false
  /** The monitor's receive in progress (for close(): see drainUntilEnd) and how to reject the
   *  receive() the user waits on. */
  #inFlight: Promise<Message[]> | undefined
  #cancel: ((error: unknown) => void) | undefined

  /**
   * Starts observing a socket. There is no need to call it: {@link Socket.events} makes the
   * socket's observer on first use and returns the same one afterwards, and a second observer
   * of the same socket would take the events from the first.
   *
   * @param socket The socket to observe.
   */
  constructor(socket: Socket) {
    if (!isObject(socket)) throw new TypeError("Socket must be a socket object")
    arity(arguments.length, 1)
    const target = internal.socket.observed(socket)
    this.#target = target
    const endpoint = `inproc://zeromq-turbo.monitor.${process.pid}.${++monitorCount}.${Math.random().toString(36).slice(2)}`
    target.touched()
    target.native.monitor(endpoint)
    this.#monitor = target.monitor(endpoint)
    // Not sealed: zeromq.js's observers are extensible.
  }

  /** Whether the observer is closed, by {@link close}() or because its socket was closed. */
  get closed(): boolean {
    return this.#monitor === undefined
  }

  /**
   * Stops observing: no events are received or emitted afterwards, and a pending
   * {@link receive}() rejects with `ENOTSOCK`. Calling it is optional (closing the socket ends
   * its observer) and closing a closed observer does nothing. It also stops libzmq's monitor of
   * the socket (zeromq.js 6.8.0 leaves it running, and the socket then blocks on its next event,
   * so that a later bind() never completes: docs/compatibility.md).
   */
  close(): void {
    arity(arguments.length, 0)
    const monitor = this.#monitor
    if (monitor === undefined) return
    this.#monitor = undefined
    // Stop libzmq's monitor first: with nobody reading its PAIR socket, libzmq would block the
    // observed socket on its next event (zeromq.js has that bug).
    if (!this.#target.closed()) {
      this.#target.touched()
      this.#target.native.monitor(null)
      // A pending receive of the monitor rejects now; #receive() turns that into ENOTSOCK.
      monitor.close()
      return
    }
    // The socket is closed, and its monitor cannot be stopped any more, but libzmq is still
    // ending the socket: it sends the events of that end (the close of each endpoint, then
    // "end") from its I/O thread and its reaper, with blocking sends. With the PAIR closed they
    // would block that thread for good, and with it every socket of the context (a bind()
    // after that, another socket's close, its events). So the PAIR reads on unseen until "end".
    this.#cancel?.(errnoError("ENOTSOCK", messages.notSocket))
    drainUntilEnd(monitor, this.#inFlight)
  }

  /**
   * Resolves with the next event (see {@link Event} for the kinds and what each carries), at
   * once if one is there. Only one receive may be pending: a second throws `EBUSY`. On a closed
   * observer it throws `EBADF`; once listeners were added with {@link on}(), reading it throws.
   *
   * ```typescript
   * const event = await socket.events.receive()
   * if (event.type === "connect") console.log("connected to", event.address)
   * ```
   *
   * @returns Resolves with the next event.
   */
  receive(): Promise<Event> {
    arity(arguments.length, 0)
    return this.#receive()
  }

  #receive(): Promise<Event> {
    const monitor = this.#monitor
    if (monitor === undefined) throw errnoError("EBADF", messages.closed)
    if (this.#reading) {
      throw errnoError("EBUSY", "Observer is busy reading; only one receive operation may be in progress at any time")
    }
    this.#reading = true
    const read = monitor.receive()
    this.#inFlight = read
    return new Promise<Event>((resolve, reject) => {
      this.#cancel = reject
      read.then(
        frames => {
          this.#reading = false
          this.#inFlight = this.#cancel = undefined
          // close() stopped libzmq's monitor before closing the Pair, and the Pair's close makes
          // a last attempt at its pending receive, which may find the monitor's last event: the
          // receive was cut off by close() all the same, and rejects as zeromq.js's does.
          if (this.#monitor === undefined) reject(errnoError("ENOTSOCK", messages.notSocket))
          else resolve(this.#event(frames))
        },
        (error: unknown) => {
          this.#reading = false
          this.#inFlight = this.#cancel = undefined
          reject(this.#monitor === undefined ? errnoError("ENOTSOCK", messages.notSocket) : error)
        },
      )
    })
  }

  /** The event of one message of libzmq's monitor: [event id (uint16), value (uint32)], endpoint. */
  #event([first, endpoint]: Message[]): Event {
    const id = readEvent(first)
    const value = readValue(first)
    const event: Record<string, unknown> = { type: eventNames.get(id) ?? "unknown" }
    rawValues.set(event, value)
    if (endpoint !== undefined && endpoint.length > 0) event.address = endpoint.toString("utf8")
    switch (event.type) {
      case "connect:retry":
        event.interval = value
        break
      case "bind:error":
      case "accept:error":
      case "close:error":
      case "handshake:error:other":
        event.error = native.errnoError(value)
        break
      case "handshake:error:protocol": {
        const known = protocolErrors.get(value) ?? { code: "ERR_UNKNOWN", message: "Unknown error" }
        const error = new Error(known.message) as Error & { code: string }
        error.code = known.code
        event.error = error
        break
      }
      case "handshake:error:auth": {
        const error = new Error(authErrors[value] ?? "Unknown error") as Error & { status: number }
        error.status = value
        event.error = error
        break
      }
      case "end":
        // The socket was closed: nothing follows, so the observer closes too.
        this.#monitor?.close()
        this.#monitor = undefined
        break
    }
    return event as Event
  }

  /**
   * The Node.js EventEmitter behind {@link on}() and {@link off}(), created on first use. From
   * then on events go only to listeners (one emit per event, named after its `type`), and
   * reading {@link receive} throws, as in zeromq.js. An `error` listener on it receives a
   * failure to read the monitor; without one, such a failure is a process warning.
   */
  get emitter(): EventEmitter {
    const emitter = new EventEmitter()
    Object.defineProperty(this, "receive", {
      get: () => {
        throw new Error(
          "Observer is in event emitter mode. After a call to events.on() it is not possible to read events with events.receive().",
        )
      },
    })
    Object.defineProperty(this, "emitter", { value: emitter })
    this.#pump(emitter)
    return emitter
  }

  #pump(emitter: EventEmitter): void {
    const next = (): void => {
      if (this.closed) return
      this.#receive().then(
        event => {
          emitter.emit(event.type, event)
          next()
        },
        (error: { code?: string }) => {
          // close() ends the stream of events (ENOTSOCK); anything else is a real failure.
          if (error.code === "ENOTSOCK" && this.closed) return
          if (emitter.listenerCount("error") > 0) emitter.emit("error", error)
          else process.emitWarning(`zeromq-turbo: observer stopped: ${(error as Error).message}`)
          this.close()
        },
      )
    }
    next()
  }

  /**
   * Calls `listener` with every event of this type. The first call puts the observer in
   * listener mode: {@link receive}() and async iteration cannot be used afterwards.
   *
   * ```typescript
   * socket.events.on("disconnect", event => console.log("lost", event.address))
   * ```
   *
   * @param type The event type to listen for (see {@link EventType}).
   * @param listener Called with each event of that type.
   * @returns The observer's EventEmitter (as zeromq.js returns it), for chaining.
   */
  on<E extends EventType>(type: E, listener: (data: EventOfType<E>) => void): EventSubscriber {
    return this.emitter.on(type, listener) as unknown as EventSubscriber
  }

  /**
   * Removes a listener added with {@link on}().
   *
   * @param type The event type it listened for.
   * @param listener The listener given to on().
   * @returns The observer's EventEmitter, for chaining.
   */
  off<E extends EventType>(type: E, listener: (data: EventOfType<E>) => void): EventSubscriber {
    return this.emitter.off(type, listener) as unknown as EventSubscriber
  }

  /**
   * Iterates over the socket's events until the observer or the socket is closed.
   *
   * ```typescript
   * for await (const event of socket.events) console.log(event.type, event.address)
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<Event, undefined> {
    return {
      next: async (): Promise<IteratorResult<Event, undefined>> => {
        if (this.closed) return { done: true } as IteratorReturnResult<undefined>
        try {
          return { value: await this.receive(), done: false }
        } catch (error) {
          if (this.closed && (error as { code?: string }).code === "EAGAIN")
            return { done: true } as IteratorReturnResult<undefined>
          throw error
        }
      },
    }
  }
}

lockMethods(Observer.prototype)

// The class as exported (napiClass: zeromq.js's Observer is a napi class).
/**
 * The events of one socket (libzmq's socket monitor): connections made, accepted, retried and
 * lost, binds, handshakes and their failures. Get a socket's observer as
 * {@link Socket.events}.
 *
 * Read the events in one of two ways, not both: with `for await` (or
 * {@link Observer.receive}()), or with listeners added by {@link Observer.on}(). After the
 * first on(), receive() throws.
 *
 * ```typescript
 * for await (const event of socket.events) {
 *   if (event.type === "bind") console.log("bound to", event.address)
 * }
 * ```
 *
 * @class
 */
const ObserverClass = napiClass(Observer)
type ObserverClass = Observer
export { ObserverClass as Observer }
