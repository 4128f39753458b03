/**
 * Observer: a socket's events (zmq_socket_monitor), read through async iteration, receive(), or
 * on()/off() listeners. The monitor's PAIR socket is an ordinary native socket in the observed
 * socket's context, read with the same batch-and-wait discipline as every socket.
 */
import { EventEmitter } from "node:events"
import { endianness } from "node:os"
import { arity, errnoError, isObject, messages, napiClass } from "./errors.js"
import { native, type NativeSocket } from "./native.js"
import { lockMethods, zmqConstant } from "./options.js"
import type { Socket } from "./socket.js"

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

const POLLIN = zmqConstant("ZMQ_POLLIN")
const PAIR = zmqConstant("ZMQ_PAIR")

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

interface ObserverTarget {
  native: NativeSocket
  context: NativeSocketContext
  /** Whether the observed socket was closed. */
  closed(): boolean
  /** Tells the socket that a libzmq call was made on it (see Socket#recheckSoon). */
  touched(): void
}
type NativeSocketContext = ConstructorParameters<typeof native.Socket>[0]

let targetOf: (socket: Socket) => ObserverTarget

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
  #monitor: NativeSocket | undefined
  #reading: { resolve(event: Event): void; reject(error: unknown): void } | undefined = undefined

  #onReady = (): void => {
    const pending = this.#reading
    if (pending === undefined) return
    this.#reading = undefined
    let event: Event | undefined
    try {
      event = this.#read()
    } catch (error) {
      pending.reject(error)
      return
    }
    if (event !== undefined) {
      pending.resolve(event)
    } else {
      this.#reading = pending
      this.#arm()
    }
  }

  constructor(socket: Socket) {
    if (!isObject(socket)) throw new TypeError("Socket must be a socket object")
    arity(arguments.length, 1)
    const target = targetOf(socket)
    this.#target = target
    const endpoint = `inproc://zeromq-turbo.monitor.${process.pid}.${++monitorCount}.${Math.random().toString(36).slice(2)}`
    target.touched()
    target.native.monitor(endpoint)
    const monitor = new native.Socket(target.context, PAIR, this.#onReady)
    try {
      monitor.connect(endpoint)
    } catch (error) {
      monitor.close()
      throw error
    }
    this.#monitor = monitor
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
    monitor.close()
    const pending = this.#reading
    this.#reading = undefined
    pending?.reject(errnoError("ENOTSOCK", messages.notSocket))
  }

  /** Resolves with the next event. Only one receive may be pending: a second throws EBUSY. */
  receive(): Promise<Event> {
    arity(arguments.length, 0)
    return this.#receive()
  }

  #receive(): Promise<Event> {
    if (this.#monitor === undefined) throw errnoError("EBADF", messages.closed)
    if (this.#reading !== undefined) {
      throw errnoError("EBUSY", "Observer is busy reading; only one receive operation may be in progress at any time")
    }
    let event: Event | undefined
    try {
      event = this.#read()
    } catch (error) {
      return Promise.reject(error)
    }
    if (event !== undefined) return Promise.resolve(event)
    return new Promise<Event>((resolve, reject) => {
      this.#reading = { resolve, reject }
      this.#arm()
    })
  }

  #arm(): void {
    const monitor = this.#monitor
    if (monitor === undefined) return
    // Ready already (ZMQ_FD is edge-triggered): serve on the next turn rather than recursing.
    if (monitor.wait(POLLIN) !== 0) setImmediate(this.#onReady)
  }

  /** The next event, or undefined if none is queued. */
  #read(): Event | undefined {
    const monitor = this.#monitor
    if (monitor === undefined) return undefined
    const batch = monitor.receive(1, 1 << 16)
    if (batch === undefined) return undefined
    const memory = Array.isArray(batch) ? batch[0] : batch
    const data = memory instanceof ArrayBuffer ? Buffer.from(memory) : memory
    const words = new Uint32Array(data.buffer, data.byteOffset, 7)
    // Two frames: [event id (uint16), value (uint32)] and the endpoint.
    const header = 4 * 7
    const first = data.subarray(header, header + words[1])
    const address = data.toString("utf8", header + words[1], header + words[1] + words[4])
    const id = readEvent(first)
    const value = readValue(first)
    const event: Record<string, unknown> = { type: eventNames.get(id) ?? "unknown" }
    if (address.length > 0) event.address = address
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
        this.#monitor = undefined
        monitor.close()
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
