/**
 * The legacy Socket: an EventEmitter over one v6 socket, with zeromq.js 5's methods and events.
 *
 * How it maps onto the v6 API:
 * - Receiving: sockets that can receive keep one v6 receive() pending from construction on, so
 *   messages flow without being asked for. Each message is appended to an inbox and emitted as
 *   `"message"` with its frames as arguments, on a later tick, in arrival order.
 * - Sending: send() assembles frames until a call without ZMQ_SNDMORE, then queues the message.
 *   The queue is handed to the v6 send() one message at a time (the first one within the call
 *   itself when nothing is queued ahead of it); the callback, or else an "error" event, reports
 *   each outcome.
 * - pause() stops both directions: no further v6 receive() is started, messages received
 *   already are held (not emitted) and queued messages stay queued until resume().
 * - close() closes the v6 socket: a pending send fails with EAGAIN (reported like any send
 *   failure), messages not yet handed to libzmq are dropped without a callback.
 *
 * Where zeromq.js's compat layer is observably broken, this one is deliberately better, and
 * test/parity/compat.test.ts names each case: no "message" event after pause() returns;
 * unmonitor() emits no error and leaves the socket usable (with zeromq.js the next monitor
 * event blocks libzmq), monitor() twice does not start a second reader (zeromq.js hangs) and
 * monitor() after unmonitor() works again; sending on a PULL or SUB socket reports its error
 * to the callback or the "error" event (zeromq.js rejects a promise nobody handles); a throwing
 * callback or listener is not called a second time with its own error and stops nothing; a
 * receive that fails at once (receiveTimeout 0) does not spin without yielding; createSocket()
 * closes the socket it made when an option fails. Its internal bookkeeping is private here,
 * so a socket's own enumerable keys and eventNames() do not list zeromq.js's internals.
 */
import { EventEmitter } from "node:events"
import * as zmq from "../index.js"
import { ZMQ_SNDMORE } from "./constants.js"
import { getOption, options, setOption, type OptionName, type OptionValue } from "./options.js"

/** The socket types of the legacy API, by the names it accepted. */
export type SocketType =
  | "pair"
  | "req"
  | "rep"
  | "pub"
  | "sub"
  | "dealer"
  | "xreq"
  | "router"
  | "xrep"
  | "pull"
  | "push"
  | "xpub"
  | "xsub"
  | "stream"

type Callback = (err?: Error) => void

type AnySocket =
  | zmq.Pair
  | zmq.Publisher
  | zmq.Subscriber
  | zmq.Request
  | zmq.Reply
  | zmq.Dealer
  | zmq.Router
  | zmq.Pull
  | zmq.Push
  | zmq.XPublisher
  | zmq.XSubscriber
  | zmq.Stream

const classes: Record<SocketType, new () => AnySocket> = {
  pair: zmq.Pair,
  req: zmq.Request,
  rep: zmq.Reply,
  pub: zmq.Publisher,
  sub: zmq.Subscriber,
  dealer: zmq.Dealer,
  xreq: zmq.Dealer,
  router: zmq.Router,
  xrep: zmq.Router,
  pull: zmq.Pull,
  push: zmq.Push,
  xpub: zmq.XPublisher,
  xsub: zmq.XSubscriber,
  stream: zmq.Stream,
}

/** Send-only types: no receive is ever started on them. */
const sendOnly: ReadonlySet<string> = new Set(["push", "pub"])

/** The legacy name of each monitor event the v5 API reported; others are not emitted. */
const legacyEvents: ReadonlyMap<string, string> = new Map([
  ["connect", "connect"],
  ["connect:delay", "connect_delay"],
  ["connect:retry", "connect_retry"],
  ["bind", "listen"],
  ["bind:error", "bind_error"],
  ["accept", "accept"],
  ["accept:error", "accept_error"],
  ["close", "close"],
  ["close:error", "close_error"],
  ["disconnect", "disconnect"],
])

interface Outgoing {
  frames: zmq.MessageLike[]
  callback: Callback | undefined
}

/**
 * Runs user code (a callback or an emit) from inside one of this module's loops. If it throws,
 * the exception is raised again on its own tick, where it is uncaught as it would be in plain
 * callback code, and the loop goes on.
 */
function guarded(user: () => void): void {
  try {
    user()
  } catch (error) {
    process.nextTick(() => {
      throw error
    })
  }
}

const yieldToLoop = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

export class Socket extends EventEmitter {
  [key: string]: any

  /** The legacy type name this socket was created with. */
  type: SocketType

  #socket: AnySocket
  #paused = false
  /** Frames given with ZMQ_SNDMORE, waiting for the last frame of their message. */
  #parts: zmq.MessageLike[] = []
  /** Messages waiting for the v6 send(), from #outboxHead on (shift() is linear in V8). */
  #outbox: Outgoing[] = []
  #outboxHead = 0
  #sending = false
  /** Received messages not emitted yet (held while paused). */
  #inbox: zmq.Message[][] = []
  #receiving = false
  #delivery = false
  /** Whether monitor events are emitted (monitor() until unmonitor()). */
  #monitoring = false
  /** Whether the socket's observer is being read (from the first monitor() until close). */
  #observing = false

  constructor(type: SocketType) {
    super()
    const Class = Object.hasOwn(classes, type) ? classes[type] : undefined
    if (Class === undefined) throw new Error(`Invalid socket type: ${type}`)
    this.type = type
    this.#socket = new Class()
    this.#receive()
  }

  // ---- receiving --------------------------------------------------------------------------

  #receive(): void {
    if (this.#receiving || this.#paused || this.#socket.closed || sendOnly.has(this.type)) return
    this.#receiving = true
    void this.#receiveLoop()
  }

  async #receiveLoop(): Promise<void> {
    const socket = this.#socket as AnySocket & zmq.Readable
    try {
      while (!this.#paused && !socket.closed) {
        let message: zmq.Message[]
        try {
          message = await socket.receive()
        } catch (error) {
          // Closing rejects the pending receive: that is the end, not an error.
          if (socket.closed) break
          process.nextTick(() => this.emit("error", error))
          await yieldToLoop()
          continue
        }
        this.#inbox.push(message)
        this.#deliver()
      }
    } finally {
      this.#receiving = false
    }
  }

  /** Emits the inbox on the next tick (once per burst of messages), unless paused. */
  #deliver(): void {
    if (this.#delivery || this.#paused || this.#inbox.length === 0) return
    this.#delivery = true
    process.nextTick(this.#emitInbox)
  }

  #emitInbox = (): void => {
    this.#delivery = false
    const messages = this.#inbox
    this.#inbox = []
    let next = 0
    try {
      while (next < messages.length && !this.#paused) {
        const frames = messages[next++]
        if (frames.length === 1) this.emit("message", frames[0])
        else this.emit("message", ...frames)
      }
    } finally {
      // Held (paused) or not reached because a listener threw: keep them first, in order.
      if (next < messages.length) this.#inbox = messages.slice(next).concat(this.#inbox)
      this.#deliver()
    }
  }

  // ---- sending ----------------------------------------------------------------------------

  /**
   * Sends a message: a frame or an array of frames. With ZMQ_SNDMORE in `flags` the frames are
   * kept and sent with those of the next call without it, whose callback reports the outcome:
   * called without arguments once libzmq took the message, or with the error.
   */
  send(
    message: zmq.MessageLike[] | zmq.MessageLike,
    givenFlags: number | undefined | null = 0,
    cb: Callback | undefined = undefined,
  ): this {
    const flags = (givenFlags ?? 0) | 0
    // A copy: the caller may reuse its array. Arrays are frames; anything else is one frame.
    this.#parts = this.#parts.concat(message)
    if ((flags & ZMQ_SNDMORE) === 0) {
      this.#outbox.push({ frames: this.#parts, callback: cb })
      this.#parts = []
      this.#send()
    }
    return this
  }

  #send(): void {
    if (this.#sending || this.#paused || this.#socket.closed || this.#outboxHead === this.#outbox.length) return
    this.#sending = true
    void this.#sendLoop()
  }

  async #sendLoop(): Promise<void> {
    const socket = this.#socket
    try {
      while (this.#outboxHead < this.#outbox.length && !this.#paused && !socket.closed) {
        const { frames, callback } = this.#next()
        let failure: { error: unknown } | undefined
        try {
          if (socket instanceof zmq.Pull || socket instanceof zmq.Subscriber) {
            throw new Error("Cannot send on this socket type.")
          }
          await (socket as AnySocket & zmq.Writable).send(frames)
        } catch (error) {
          failure = { error }
        }
        if (callback) guarded(failure ? () => callback(failure.error as Error) : () => callback())
        else if (failure) guarded(() => this.emit("error", failure.error))
      }
    } finally {
      this.#sending = false
    }
  }

  #next(): Outgoing {
    const outbox = this.#outbox
    const next = outbox[this.#outboxHead++]
    if (this.#outboxHead === outbox.length) {
      this.#outbox = []
      this.#outboxHead = 0
    } else if (this.#outboxHead >= 1024 && this.#outboxHead * 2 >= outbox.length) {
      this.#outbox = outbox.slice(this.#outboxHead)
      this.#outboxHead = 0
    }
    return next
  }

  /** Removed in the compat layer of zeromq.js 6; messages arrive as "message" events. */
  read(): void {
    throw new Error("read() has been removed from compatibility mode; use on('message', ...) instead.")
  }

  // ---- flow control -----------------------------------------------------------------------

  /** Stops emitting and receiving messages and sending queued ones, until resume(). */
  pause(): void {
    this.#paused = true
  }

  /** Emits the messages held while paused, then goes on receiving and sending. */
  resume(): void {
    this.#paused = false
    if (this.#socket.closed) return
    this.#deliver()
    this.#receive()
    this.#send()
  }

  // ---- endpoints --------------------------------------------------------------------------

  /** Binds in the background; then emits "bind" and calls `cb`, or reports the error. */
  bind(address: string, cb?: Callback): this {
    this.#endpoint(this.#socket.bind(address), "bind", address, cb)
    return this
  }

  /** Unbinds in the background; then emits "unbind" and calls `cb`, or reports the error. */
  unbind(address: string, cb?: Callback): this {
    this.#endpoint(this.#socket.unbind(address), "unbind", address, cb)
    return this
  }

  #endpoint(operation: Promise<void>, event: string, address: string, cb: Callback | undefined): void {
    operation.then(
      () =>
        process.nextTick(() => {
          this.emit(event, address)
          if (cb) cb()
        }),
      (error: Error) =>
        process.nextTick(() => {
          if (cb) cb(error)
          else this.emit("error", error)
        }),
    )
  }

  bindSync(address: string): void {
    this.#socket.bindSync(address)
  }

  unbindSync(address: string): void {
    this.#socket.unbindSync(address)
  }

  connect(address: string): this {
    this.#socket.connect(address)
    return this
  }

  disconnect(address: string): this {
    this.#socket.disconnect(address)
    return this
  }

  // ---- lifecycle --------------------------------------------------------------------------

  /** Closes the socket. Messages still queued here are dropped. Safe to call twice. */
  close(): this {
    this.#socket.close()
    this.#outbox = []
    this.#outboxHead = 0
    this.#parts = []
    return this
  }

  get closed(): boolean {
    return this.#socket.closed
  }

  // ---- monitoring -------------------------------------------------------------------------

  /**
   * Emits the socket's monitor events under their v5 names ("connect", "connect_delay",
   * "connect_retry", "listen", "bind_error", "accept", "accept_error", "close", "close_error",
   * "disconnect") with the arguments (value, address, error). Arguments are ignored: every event
   * is read as soon as libzmq reports it.
   */
  monitor(interval?: number, num?: number): this {
    if (interval || num) {
      process.emitWarning("Arguments to monitor() are ignored in compatibility mode; all events are read automatically")
    }
    const events = this.#socket.events
    this.#monitoring = true
    if (!this.#observing) {
      this.#observing = true
      void this.#monitorLoop(events)
    }
    return this
  }

  async #monitorLoop(events: zmq.Observer): Promise<void> {
    try {
      for (;;) {
        let event: zmq.Event | undefined
        try {
          event = await events.receive()
        } catch (error) {
          // Closing the socket ends reading; anything else is reported, once.
          if (this.#monitoring && !this.#socket.closed) guarded(() => this.emit("error", error))
          break
        }
        if (event === undefined || event.type === "end") break
        const name = legacyEvents.get(event.type)
        if (name === undefined || !this.#monitoring) continue
        const { address } = event as { address?: string }
        const { error } = event as { error?: zmq.ErrnoError }
        let value: number | undefined
        if (event.type === "connect:retry") value = event.interval
        else if (event.type.endsWith(":error")) value = error ? error.errno : 0
        guarded(() => this.emit(name, value, address, error))
      }
    } finally {
      this.#observing = false
    }
  }

  /**
   * Stops emitting monitor events. The observer keeps reading (and dropping) them until the
   * socket is closed: closing it would leave libzmq's monitor attached to the socket, and
   * libzmq then blocks the next time it reports an event (a bind never completes, and a later
   * monitor() never returns). An event that libzmq reported just before a later monitor() but
   * that was not read yet is emitted then.
   */
  unmonitor(): this {
    this.#monitoring = false
    return this
  }

  // ---- subscriptions and options ----------------------------------------------------------

  subscribe(filter: string): this {
    const socket = this.#socket
    if (!(socket instanceof zmq.Subscriber)) throw new Error("Subscriber socket required")
    socket.subscribe(filter)
    return this
  }

  unsubscribe(filter: string): this {
    const socket = this.#socket
    if (!(socket instanceof zmq.Subscriber)) throw new Error("Subscriber socket required")
    socket.unsubscribe(filter)
    return this
  }

  /** Sets an option by its ZMQ_* number or short name (see `options`). */
  setsockopt(givenOption: number | OptionName, value: any): this {
    setOption(this.#socket, givenOption, value)
    return this
  }

  /** Reads an option by its ZMQ_* number or short name (see `options`). */
  getsockopt(givenOption: number | OptionName): OptionValue {
    return getOption(this.#socket, givenOption) as OptionValue
  }
}

// The short option names as properties; a string assigned to one is passed on as UTF-8 bytes.
for (const name of Object.keys(options) as OptionName[]) {
  const id = options[name]
  Object.defineProperty(Socket.prototype, name, {
    get(this: Socket) {
      return this.getsockopt(id)
    },
    set(this: Socket, value: unknown) {
      this.setsockopt(id, typeof value === "string" ? Buffer.from(value, "utf8") : value)
    },
  })
}

/** Creates a socket and assigns each own property of `options` to it (option or not). */
export function createSocket(type: SocketType, options: { [key: string]: any } = {}): Socket {
  const socket = new Socket(type)
  try {
    for (const key in options) {
      if (Object.prototype.hasOwnProperty.call(options, key)) socket[key] = options[key]
    }
  } catch (error) {
    // The caller never gets this socket: do not leave it open (its pending receive would keep
    // the process alive).
    socket.close()
    throw error
  }
  return socket
}
