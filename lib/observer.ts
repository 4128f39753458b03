/**
 * Observer: a socket's events (zmq_socket_monitor), read through async iteration, receive(), or
 * on()/off() listeners. libzmq publishes them on an inproc PAIR socket, which the observer reads
 * as a Pair socket of its own (in the observed socket's context): through the same receive path
 * as every socket, so the receive batch is decoded in one place (lib/socket.ts).
 */
import { EventEmitter } from "node:events"
import { endianness } from "node:os"
import { arity, errnoError, isObject, messages, napiClass } from "./errors.js"
import { native, type NativeSocket } from "./native.js"
import { lockMethods, zmqConstant } from "./options.js"
import type { Message, Socket } from "./socket.js"

export interface ErrnoError extends Error {
  code: string
  errno: number
}

export interface AuthError extends Error {
  status: 300 | 400 | 500
}

export interface ProtoError extends Error {
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

export interface EventAddress {
  address: string
}

export interface EventInterval {
  interval: number
}

export interface EventError<E = ErrnoError> {
  error: E
}

export type Expand<T> = T extends infer O ? { [K in keyof O]: O[K] } : never
export type EventFor<T extends string, D = {}> = Expand<{ type: T } & D>

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

export type EventType = Event["type"]
export type EventOfType<E extends EventType = EventType> = Expand<Extract<Event, Event & EventFor<E>>>

export interface EventSubscriber {
  on<E extends EventType>(type: E, listener: (data: EventOfType<E>) => void): EventSubscriber
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

/** MONITOR_STOPPED as libzmq's monitor sends it: the event id (uint16), then a value (uint32). */
const endEvent = Buffer.alloc(6)
if (endianness() === "LE") endEvent.writeUInt16LE(zmqConstant("ZMQ_EVENT_MONITOR_STOPPED"), 0)
else endEvent.writeUInt16BE(zmqConstant("ZMQ_EVENT_MONITOR_STOPPED"), 0)

/** The PAIR socket an observer reads libzmq's events from. */
type Monitor = Socket & { receive(): Promise<Message[]> }

interface ObserverTarget {
  native: NativeSocket
  /** Whether the observed socket was closed. */
  closed(): boolean
  /** Tells the socket that a libzmq call was made on it (see Socket#recheckSoon). */
  touched(): void
  /** A Pair socket in the observed socket's context, connected to `endpoint`. */
  monitor(endpoint: string): Monitor
}

let targetOf: (socket: Socket) => ObserverTarget
let endOf: (observer: Observer) => void

/**
 * For Socket#close(): the observer of a closed socket ends. libzmq sends MONITOR_STOPPED from
 * a monitor socket it closes with a linger of 0 right after, so that event is often lost, and
 * a receive() waiting for it would never settle (zeromq.js's too): it gets the "end" event
 * once the events already queued are read.
 */
export function socketClosed(observer: Observer): void {
  endOf(observer)
}

/** Lets socket.ts hand its native objects to observers without exposing them publicly. */
export function setObserverTarget(get: (socket: Socket) => ObserverTarget): void {
  targetOf = get
}

/**
 * The events of one socket. Obtain it as `socket.events`. Events are read either with
 * `for await`/receive() or, after the first on(), only through listeners.
 */
class Observer {
  #target: ObserverTarget
  #monitor: Monitor | undefined
  #reading = false
  #end!: () => void
  /** Resolves when the socket is closed (socketClosed). */
  #ended = new Promise<undefined>(resolve => (this.#end = () => resolve(undefined)))

  static {
    endOf = observer => observer.#end()
  }

  constructor(socket: Socket) {
    if (!isObject(socket)) throw new TypeError("Socket must be a socket object")
    arity(arguments.length, 1)
    const target = targetOf(socket)
    this.#target = target
    const endpoint = `inproc://zeromq-turbo.monitor.${process.pid}.${++monitorCount}.${Math.random().toString(36).slice(2)}`
    target.touched()
    target.native.monitor(endpoint)
    this.#monitor = target.monitor(endpoint)
    // Not sealed: zeromq.js's observers are extensible.
  }

  /** Whether the observer was closed, by close() or because the socket was closed. */
  get closed(): boolean {
    return this.#monitor === undefined
  }

  /** Stops observing. A pending receive() rejects with ENOTSOCK (as in zeromq.js). */
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
    }
    // A pending receive of the monitor rejects now; #receive() turns that into ENOTSOCK.
    monitor.close()
  }

  /** Resolves with the next event. Only one receive may be pending: a second throws EBUSY. */
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
    const received = monitor.receive()
    // An event already queued comes first (race() takes the first settled in array order).
    return Promise.race([received, this.#ended]).then(
      frames => {
        this.#reading = false
        if (frames === undefined) {
          if (this.#monitor === undefined) throw errnoError("ENOTSOCK", messages.notSocket)
          received.catch(() => undefined) // rejected by the close that "end" makes
          return this.#event([endEvent])
        }
        // close() stopped libzmq's monitor before closing the Pair, and the Pair's close makes a
        // last attempt at its pending receive, which may find the monitor's last event: the
        // receive was cut off by close() all the same, and rejects as zeromq.js's does.
        if (this.#monitor === undefined) throw errnoError("ENOTSOCK", messages.notSocket)
        return this.#event(frames)
      },
      (error: unknown) => {
        this.#reading = false
        throw this.#monitor === undefined ? errnoError("ENOTSOCK", messages.notSocket) : error
      },
    )
  }

  /** The event of one message of libzmq's monitor: [event id (uint16), value (uint32)], endpoint. */
  #event([first, endpoint]: Message[]): Event {
    const id = readEvent(first)
    const value = readValue(first)
    const event: Record<string, unknown> = { type: eventNames.get(id) ?? "unknown" }
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
   * The EventEmitter behind on()/off(), created on first use. From then on events go only to
   * listeners: reading `receive` throws, as in zeromq.js.
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

  /** Starts emitting events to listeners; returns the EventEmitter (as zeromq.js does). */
  on<E extends EventType>(type: E, listener: (data: EventOfType<E>) => void): EventSubscriber {
    return this.emitter.on(type, listener) as unknown as EventSubscriber
  }

  off<E extends EventType>(type: E, listener: (data: EventOfType<E>) => void): EventSubscriber {
    return this.emitter.off(type, listener) as unknown as EventSubscriber
  }

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

/** The class as exported (napiClass: zeromq.js's Observer is a napi class). */
const ObserverClass = napiClass(Observer)
type ObserverClass = Observer
export { ObserverClass as Observer }
