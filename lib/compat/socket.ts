/**
 * The legacy Socket: an EventEmitter over one v6 socket, with zeromq@5's methods and events.
 * zeromq.js 6.8.0's compat layer is the reference for the API surface; zeromq@5 (on libzmq 4)
 * is the reference for behaviour where the two disagree (docs/compatibility.md lists where).
 *
 * How it maps onto the v6 API:
 * - Receiving: sockets that can receive keep one v6 receive() pending from construction on, so
 *   messages flow without being asked for. Each message is appended to an inbox and emitted as
 *   `"message"` with its frames as arguments, on a later tick, in arrival order.
 * - Sending, as zeromq@5 did: send() assembles frames until a call without ZMQ_SNDMORE, then
 *   hands the message to libzmq within the call (a non-blocking attempt, trySend()). Only what
 *   libzmq refused (EAGAIN: the high water mark, no peer yet) waits in a JS queue, behind the
 *   first refused message, which waits in a v6 send(); once libzmq took that one the queue is
 *   handed over in order, again without waiting. So a program may send in a loop that never
 *   yields: libzmq has the messages (a PUB drops at its high water mark, as libzmq does); and
 *   send and then process.exit(), which waits for libzmq to deliver them (./context.ts). The callbacks of a message's parts are called
 *   once libzmq took it (within send() if it took it at once), or with its error; a failed
 *   message without a callback is an "error" event (thrown by send() if nobody listens).
 * - pause() stops both directions: no further v6 receive() is started, messages received
 *   already are held (not emitted), and sent messages queue in JS until resume(), which emits
 *   what is held and ready within the call, as zeromq@5's did.
 * - Process lifetime is zeromq@5's (see keepAlive()), ref() and unref() included.
 * - close() closes the v6 socket; messages not yet handed to libzmq are dropped without a
 *   callback, as zeromq@5 dropped them.
 *
 * Where zeromq.js's compat layer is observably broken, this one is deliberately better, and
 * test/parity/compat/ names each case: no "message" event after pause() returns; unmonitor()
 * emits no error and leaves the socket usable (with zeromq.js the next monitor event blocks
 * libzmq), monitor() twice does not start a second reader (zeromq.js hangs) and monitor() after
 * unmonitor() works again; a throwing callback or listener stops nothing (a send callback that
 * throws is called again with its exception, as zeromq@5 did); a receive that fails at once (receiveTimeout 0) does not spin
 * without yielding; createSocket() closes the socket it made when an option fails. Its internal
 * bookkeeping is private here, so a socket's own enumerable keys and eventNames() do not list
 * zeromq.js's internals.
 */
import { EventEmitter } from "node:events"
import * as zmq from "../index.js"
import { errnoError } from "../errors.js"
import { internal } from "../internal.js"
import { eventValue } from "../observer.js"
import { ZMQ_SNDMORE, ZMQ_SUBSCRIBE, ZMQ_UNSUBSCRIBE } from "./constants.js"
import { configureContext, flushAtExit } from "./context.js"
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

/** A callback of the legacy API: called without arguments on success, with the Error otherwise. */
export type Callback = (err?: Error) => void

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

/** The most frames of one message (kMaxFrames in native/message.h). */
const MAX_FRAMES = 2 ** 24

/** A whole message waiting for libzmq, with the callbacks of all its parts. */
interface Outgoing {
  frames: zmq.MessageLike[]
  callbacks: Callback[]
}

/**
 * A frame as the v6 send() takes it. Bytes, strings, numbers and null go as they are (as in
 * zeromq.js's compat layer); any other value is sent as its text, String(value), as zeromq@5
 * sent it (where the v6 API would throw a TypeError).
 */
function frame(value: unknown): zmq.MessageLike {
  switch (typeof value) {
    case "string":
    case "number":
      return value
    case "object":
      if (value === null || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value
      if (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer) return value
      return String(value)
    default:
      return String(value)
  }
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

/**
 * What keeps the process alive for compat sockets. zeromq@5 kept a socket's poll handle
 * referenced from its creation on, except after unref(), after its last endpoint was unbound
 * or disconnected (until it gets one again, or ref()) and after close(): so a bound PUSH
 * that nothing sends on keeps a program running, and unref() lets it end. The v6 socket's
 * own waits are told not to keep the loop alive (keepLoopAlive(false)), and this one timer
 * does it while at least one compat socket should.
 */
let keepers = 0
let keeper: ReturnType<typeof setInterval> | undefined

function keepAlive(delta: 1 | -1): void {
  keepers += delta
  if (keepers > 0 && keeper === undefined) {
    keeper = setInterval(() => undefined, 2 ** 31 - 1)
  } else if (keepers === 0 && keeper !== undefined) {
    clearInterval(keeper)
    keeper = undefined
  }
}

/**
 * A socket of the legacy zeromq@5 API: an EventEmitter that emits `"message"` with the frames of
 * every message received (as separate arguments), with send() that queues and callbacks for
 * binds. Create one with {@link socket}() (or {@link createSocket}()). It is built on this
 * package's v6 sockets; where zeromq.js's compat layer differs from zeromq@5, this follows
 * zeromq@5 (docs/compatibility.md, "v5-compat").
 *
 * ```js
 * const zmq = require("zeromq-turbo/v5-compat")
 * const sock = zmq.socket("pull")
 * sock.connect("tcp://127.0.0.1:3000")
 * sock.on("message", msg => console.log(msg.toString()))
 * ```
 *
 * Options are set with {@link setsockopt}(), or as properties by their short names (see
 * {@link options}), e.g. `sock.linger = 0`. Events: `"message"`, `"bind"`, `"unbind"`,
 * `"error"` and, after {@link monitor}(), the monitor events named in {@link events}.
 */
export class Socket extends EventEmitter {
  /** The option properties by their short names (see {@link options}), and any other property. */
  [key: string]: any

  /** The legacy type name this socket was created with. */
  type: SocketType

  #socket: AnySocket
  #paused = false
  /** Frames given with ZMQ_SNDMORE, and their callbacks, waiting for the message's last part. */
  #parts: zmq.MessageLike[] = []
  #partCallbacks: Callback[] = []
  /** Messages libzmq has not taken yet, from #outboxHead on (shift() is linear in V8). The
   *  head one waits in a v6 send() while #waiting. */
  #outbox: Outgoing[] = []
  #outboxHead = 0
  #waiting = false
  #flushing = false
  /** bind() and unbind() calls in flight: the v6 socket takes no send or receive meanwhile. */
  #binding = 0
  /** Received messages not emitted yet (held while paused). */
  #inbox: zmq.Message[][] = []
  #receiving = false
  #delivery = false
  /** The observer read since monitor(), until unmonitor() or close. */
  #observer: zmq.Observer | undefined
  /** Bound and connected endpoints, as zeromq@5 counted them (see keepAlive()). */
  #endpoints = 0
  /** Whether this socket should keep the process alive, and whether it does. */
  #referenced = false
  #keeping = false

  /**
   * Creates a socket of a legacy type name. Throws "Invalid socket type" for an unknown name.
   *
   * @param type The type: `"pub"`, `"sub"`, `"req"`, `"rep"`, `"push"`, `"pull"`, ...
   */
  constructor(type: SocketType) {
    super()
    const Class = Object.hasOwn(classes, type) ? classes[type] : undefined
    if (Class === undefined) throw new Error(`Invalid socket type: ${type}`)
    this.type = type
    configureContext()
    this.#socket = new Class()
    internal.socket.native(this.#socket).keepLoopAlive(false)
    this.#reference(true)
    flushAtExit()
    this.#receive()
  }

  // ---- receiving --------------------------------------------------------------------------

  #receive(): void {
    if (this.#receiving || this.#paused || this.#binding > 0 || this.#socket.closed || sendOnly.has(this.type)) return
    this.#receiving = true
    void this.#receiveLoop()
  }

  async #receiveLoop(): Promise<void> {
    const socket = this.#socket as AnySocket & zmq.Readable
    try {
      while (!this.#paused && this.#binding === 0 && !socket.closed) {
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
        try {
          if (frames.length === 1) this.emit("message", frames[0])
          else this.emit("message", ...frames)
        } catch (error) {
          // As zeromq@5 did: a listener's exception is an "error" event (thrown, so uncaught,
          // if nobody listens for one), and the next message is emitted all the same.
          guarded(() => this.emit("error", error))
        }
      }
    } finally {
      // Held (paused) or not reached because a listener threw: keep them first, in order.
      if (next < messages.length) this.#inbox = messages.slice(next).concat(this.#inbox)
      this.#deliver()
    }
  }

  /**
   * The next received message (an array of its frames) if one is ready now, else null, as
   * zeromq@5's read() did; meant for a paused socket. Messages already received and held come
   * first.
   */
  read(): zmq.Message[] | null {
    if (this.#socket.closed) return null
    if (this.#inbox.length > 0) return this.#inbox.shift() as zmq.Message[]
    return this.#ready()
  }

  /** A message libzmq has ready now, else null. */
  #ready(): zmq.Message[] | null {
    if (sendOnly.has(this.type) || this.#binding > 0) return null
    try {
      return internal.socket.tryReceive(this.#socket) ?? null
    } catch (error) {
      // zeromq@5 asked libzmq only when ZMQ_EVENTS said POLLIN, so an error meant a message.
      if (!this.#socket.readable) return null
      throw error
    }
  }

  // ---- sending ----------------------------------------------------------------------------

  /**
   * Sends a message: a frame or an array of frames. With ZMQ_SNDMORE in `flags` the frames are
   * kept and sent with those of the next call without it. `cb` is called without arguments
   * once libzmq took the message (within this call when it took it at once), or with the
   * error; the callbacks of all the message's parts are called.
   */
  send(message: zmq.MessageLike[] | zmq.MessageLike, givenFlags: number | undefined | null = 0, cb?: Callback): this {
    const flags = (givenFlags as number) | 0
    // A sparse array claims a length it does not have: more frames than the addon takes in one
    // message (2^24, native/message.h) fail with its ENOMEM before billions of holes are copied.
    if (Array.isArray(message) && message.length > MAX_FRAMES) throw errnoError("ENOMEM", "Cannot allocate memory")
    // Copies: the caller may reuse its array.
    if (Array.isArray(message)) for (const part of message) this.#parts.push(frame(part))
    else this.#parts.push(frame(message))
    if (typeof cb === "function") this.#partCallbacks.push(cb)
    if ((flags & ZMQ_SNDMORE) === 0) {
      this.#outbox.push({ frames: this.#parts, callbacks: this.#partCallbacks })
      this.#parts = []
      this.#partCallbacks = []
      this.#flush()
    }
    return this
  }

  /**
   * Hands queued messages to libzmq, in order, until it refuses one; that one then waits in a
   * v6 send(). A failed message's error goes to its callbacks, or is emitted (and thrown out of
   * here, as from zeromq@5's send(), if nobody listens for "error").
   */
  #flush(): void {
    if (this.#flushing || this.#waiting || this.#paused || this.#binding > 0 || this.#socket.closed) return
    this.#flushing = true
    let threw = true
    try {
      while (this.#outboxHead < this.#outbox.length && !this.#paused && !this.#socket.closed) {
        const outgoing = this.#outbox[this.#outboxHead]
        let sent: boolean
        try {
          sent = internal.socket.trySend(this.#socket, outgoing.frames)
        } catch (error) {
          this.#shift()
          this.#failed(outgoing, error)
          continue
        }
        if (!sent) {
          this.#wait(outgoing)
          break
        }
        this.#shift()
        this.#sent(outgoing)
      }
      threw = false
    } finally {
      this.#flushing = false
      // An "error" nobody listened for was thrown out of here: the rest goes on a moment later.
      if (threw) setImmediate(this.#flushLater)
    }
  }

  #flushLater = (): void => guarded(() => this.#flush())

  /** The head message waits for libzmq in a v6 send(); then the queue goes on. */
  #wait(outgoing: Outgoing): void {
    this.#waiting = true
    const socket = this.#socket as AnySocket & zmq.Writable
    let sending: Promise<void>
    try {
      sending = socket.send(outgoing.frames)
    } catch (error) {
      sending = Promise.reject(error)
    }
    sending.then(
      () => this.#waited(outgoing, undefined),
      (error: unknown) => this.#waited(outgoing, { error }),
    )
  }

  #waited(outgoing: Outgoing, failure: { error: unknown } | undefined): void {
    this.#waiting = false
    // Closed meanwhile: close() dropped the queue, this message with it.
    if (this.#socket.closed || this.#outbox[this.#outboxHead] !== outgoing) return
    this.#shift()
    if (failure) {
      guarded(() => this.#failed(outgoing, failure.error))
    } else {
      guarded(() => this.#sent(outgoing))
    }
    this.#flushLater()
  }

  /**
   * Calls the message's callbacks, as zeromq@5 did: if one throws, the callbacks are called
   * again with that exception (as if the send had failed with it), and an exception from those
   * is an "error" event (thrown, if nobody listens, out of send() or on a tick of its own).
   */
  #sent(outgoing: Outgoing): void {
    const { callbacks } = outgoing
    try {
      for (let i = 0; i < callbacks.length; i++) callbacks[i].call(this)
    } catch (error) {
      this.#failed(outgoing, error)
    }
  }

  #failed(outgoing: Outgoing, error: unknown): void {
    const { callbacks } = outgoing
    if (callbacks.length === 0) {
      this.emit("error", error)
      return
    }
    try {
      for (let i = 0; i < callbacks.length; i++) callbacks[i].call(this, error as Error)
    } catch (again) {
      this.emit("error", again)
    }
  }

  #shift(): void {
    const outbox = this.#outbox
    this.#outboxHead++
    if (this.#outboxHead === outbox.length) {
      this.#outbox = []
      this.#outboxHead = 0
    } else if (this.#outboxHead >= 1024 && this.#outboxHead * 2 >= outbox.length) {
      this.#outbox = outbox.slice(this.#outboxHead)
      this.#outboxHead = 0
    }
  }

  // ---- flow control -----------------------------------------------------------------------

  /** Stops emitting and receiving messages and sending queued ones, until resume(). */
  pause(): void {
    this.#paused = true
  }

  /**
   * Emits the messages held while paused and those libzmq has ready, within the call (as
   * zeromq@5's resume() did: a listener may pause() again, and `resume(); pause()` lets the
   * ready messages through), then goes on receiving and sending.
   */
  resume(): void {
    this.#paused = false
    if (this.#socket.closed) return
    for (;;) {
      if (this.#paused || this.#socket.closed) return
      if (this.#inbox.length === 0) {
        let message: zmq.Message[] | null
        try {
          message = this.#ready()
        } catch (error) {
          guarded(() => this.emit("error", error))
          break
        }
        if (message === null) break
        this.#inbox.push(message)
      }
      this.#emitInbox()
    }
    this.#receive()
    this.#flush()
  }

  // ---- endpoints --------------------------------------------------------------------------

  /**
   * Binds in the background; then emits "bind" and calls `cb`. A failure goes to `cb` only:
   * without one zeromq@5 dropped it (zeromq.js's compat emits "error", which would call a v5
   * program's "error" listener for something that never reached it before).
   */
  bind(address: string, cb?: Callback): this {
    this.#endpoint(this.#socket.bind(address), "bind", address, cb)
    return this
  }

  /** Unbinds in the background; then emits "unbind" and calls `cb`, or reports the error as bind() does. */
  unbind(address: string, cb?: Callback): this {
    this.#endpoint(this.#socket.unbind(address), "unbind", address, cb)
    return this
  }

  #endpoint(operation: Promise<void>, event: string, address: string, cb: Callback | undefined): void {
    this.#binding++
    const finish = (): void => {
      this.#binding--
      this.#receive()
      this.#flush()
    }
    operation.then(
      () =>
        process.nextTick(() => {
          guarded(finish)
          this.#counted(event === "bind" ? 1 : -1)
          this.emit(event, address)
          if (typeof cb === "function") cb.call(this)
        }),
      (error: Error) =>
        process.nextTick(() => {
          guarded(finish)
          // Without a callback zeromq@5 dropped the error, "error" listeners or not.
          if (typeof cb === "function") cb.call(this, error)
        }),
    )
  }

  /**
   * Binds to an endpoint synchronously, throwing libzmq's error (with `code`, `errno` and
   * `address`).
   *
   * @param address The endpoint, e.g. `tcp://*:5555`.
   * @returns This socket.
   */
  bindSync(address: string): this {
    this.#socket.bindSync(address)
    this.#counted(1)
    return this
  }

  /**
   * Unbinds from an endpoint synchronously, throwing libzmq's error.
   *
   * @param address The endpoint to unbind.
   * @returns This socket.
   */
  unbindSync(address: string): this {
    this.#socket.unbindSync(address)
    this.#counted(-1)
    return this
  }

  /**
   * Connects to an endpoint (libzmq connects and reconnects in the background), throwing an
   * invalid endpoint's error.
   *
   * @param address The endpoint, e.g. `tcp://127.0.0.1:5555`.
   * @returns This socket.
   */
  connect(address: string): this {
    this.#socket.connect(address)
    this.#counted(1)
    return this
  }

  /**
   * Disconnects from an endpoint given to connect().
   *
   * @param address The endpoint.
   * @returns This socket.
   */
  disconnect(address: string): this {
    this.#socket.disconnect(address)
    this.#counted(-1)
    return this
  }

  /** An endpoint added or removed: the first keeps the process alive, the last no more. */
  #counted(delta: 1 | -1): void {
    const before = this.#endpoints
    this.#endpoints = Math.max(0, before + delta)
    if (before === 0 && delta > 0) this.#reference(true)
    else if (before === 1 && delta < 0) this.#reference(false)
  }

  #reference(referenced: boolean): void {
    this.#referenced = referenced
    const keeping = referenced && !this.#socket.closed
    if (keeping !== this.#keeping) {
      this.#keeping = keeping
      keepAlive(keeping ? 1 : -1)
    }
  }

  /** Keeps the process alive while the socket is open (zeromq@5: until unref() or close()). */
  ref(): void {
    this.#open()
    this.#reference(true)
  }

  /** Lets the process exit although the socket is open, bound or connected, until ref(), or
   *  until it gets its first endpoint after having none (zeromq@5 did that too). */
  unref(): void {
    this.#open()
    this.#reference(false)
  }

  /** zeromq@5's error for a closed socket. */
  #open(): void {
    if (this.#socket.closed) throw new TypeError("Socket is closed")
  }

  // ---- lifecycle --------------------------------------------------------------------------

  /**
   * Closes the socket. Messages libzmq took are kept for `linger`; those still queued here are
   * dropped without a callback, as zeromq@5 dropped them. Safe to call twice.
   */
  close(): this {
    this.#socket.close()
    this.#observer = undefined
    this.#reference(false)
    this.#outbox = []
    this.#outboxHead = 0
    this.#parts = []
    this.#partCallbacks = []
    return this
  }

  /** Whether the socket is closed. */
  get closed(): boolean {
    return this.#socket.closed
  }

  // ---- monitoring -------------------------------------------------------------------------

  /**
   * Emits the socket's monitor events under their v5 names ("connect", "connect_delay",
   * "connect_retry", "listen", "bind_error", "accept", "accept_error", "close", "close_error",
   * "disconnect") with zeromq@5's arguments (value, address, error): the value as libzmq gave
   * it (the file descriptor, the errno of a failure or delay, the retry interval). The
   * arguments are checked as zeromq@5 checked them, and otherwise unused: they paced zeromq@5's
   * reading, and here every event is read as soon as libzmq reports it. A failure to read
   * events is a "monitor_error" event with its message, and ends monitoring, as in zeromq@5.
   */
  monitor(interval?: number, num?: number): this {
    // zeromq@5's checks of its arguments; valid ones only paced its reading (a timer of
    // `interval` ms, `num` events each time), so they are accepted without a word.
    if (interval !== undefined) {
      if (typeof interval !== "number") throw new TypeError("Option must be an integer")
      if (!(Math.trunc(interval) > 0)) throw new TypeError("Option must be a positive integer")
    }
    if (num !== undefined) {
      if (typeof num !== "number") throw new TypeError("numOfEvents must be an integer")
      if (Math.trunc(num) < 0) throw new TypeError("numOfEvents should be no less than zero")
    }
    if (this.#observer === undefined) {
      const observer = new zmq.Observer(this.#socket)
      this.#observer = observer
      void this.#monitorLoop(observer)
    }
    return this
  }

  async #monitorLoop(observer: zmq.Observer): Promise<void> {
    for (;;) {
      let event: zmq.Event
      try {
        event = await observer.receive()
      } catch (error) {
        // unmonitor() or close() ends reading; anything else is reported, once.
        if (this.#observer === observer && !this.#socket.closed) {
          this.#observer = undefined
          observer.close()
          guarded(() => this.emit("monitor_error", (error as Error).message))
        }
        return
      }
      if (this.#observer !== observer || event.type === "end") return
      const name = legacyEvents.get(event.type)
      if (name === undefined) continue
      const { address } = event as { address?: string }
      const { error } = event as { error?: zmq.ErrnoError }
      guarded(() => this.emit(name, eventValue(event), address, error))
    }
  }

  /**
   * Stops monitoring: libzmq's monitor is stopped, events not emitted yet are dropped (as
   * zeromq@5 dropped them), and a later monitor() starts again.
   */
  unmonitor(): this {
    const observer = this.#observer
    this.#observer = undefined
    observer?.close()
    return this
  }

  // ---- subscriptions and options ----------------------------------------------------------

  /** Sets ZMQ_SUBSCRIBE, as zeromq@5 did: libzmq refuses it (EINVAL) on a socket that is not SUB. */
  subscribe(filter: string | Buffer): this {
    setOption(this.#socket, ZMQ_SUBSCRIBE, filter)
    return this
  }

  /** Sets ZMQ_UNSUBSCRIBE (see subscribe()). */
  unsubscribe(filter: string | Buffer): this {
    setOption(this.#socket, ZMQ_UNSUBSCRIBE, filter)
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
