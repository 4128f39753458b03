/**
 * Socket: the base class of every socket type. It checks arguments as zeromq.js does and keeps
 * the socket's endpoints, options and lifecycle; the I/O itself (receive, send, their batch
 * forms, waiting for readiness) is lib/io/socket-io.ts's. What a socket type does differently
 * is declared by its class (sockets.ts, draft-sockets.ts; see SocketKind in lib/internal.ts).
 * docs/architecture.md follows a message through the code.
 */
import { Context, context as defaultContext } from "./context.js"
import { arity, errnoError, isObject, messages, napiClass } from "./errors.js"
import { internal, kindOf } from "./internal.js"
import { BATCH_MESSAGES } from "./io/receive-batch.js"
import { SocketIo } from "./io/socket-io.js"
import { NativeType, type NativeSocket, type OptionValue } from "./native.js"
import { Observer } from "./observer.js"
import { applyOptions, checkGet, checkSet, immediateOptions, lockMethods, zmqConstant } from "./options.js"
import type { SocketProperties } from "./options.generated.js"

/** The most messages of one sendBatch(): more is ENOMEM before anything is read (2^26; a dense
 *  array of them is half a GiB). */
const MAX_BATCH = 2 ** 26

/** A received frame: what the arrays `receive()` resolves with are made of. */
export type Message = Buffer
/**
 * What `send()` accepts as a frame: bytes (any ArrayBufferView, an ArrayBuffer or
 * a SharedArrayBuffer), a string (sent as UTF-8), a number (sent as its decimal text) or `null`
 * (an empty frame).
 */
export type MessageLike = ArrayBufferView | ArrayBuffer | SharedArrayBuffer | string | number | null

const PAIR = zmqConstant("ZMQ_PAIR")

/** send()'s checks, in zeromq.js's order: a message, then the number of arguments. */
function checkSend(message: unknown, count: number, expected: number): void {
  if (count === 0 || message === undefined) throw new TypeError("Message must be present")
  arity(count, expected)
}

/** send() on a Server or Radio, whose messages need their routing id or group (the options). */
function sendWithOptions(io: SocketIo, message: unknown, options: unknown, count: number): Promise<void> {
  if (count === 0 || message === undefined) throw new TypeError("Message must be present")
  if (!isObject(options)) throw new TypeError("Options must be an object")
  arity(count, 2)
  return io.send(message, options)
}

// Exported as napiClass(Socket) (see the end of this file).
class Socket {
  #io: SocketIo
  #context: Context
  #observer: Observer | undefined
  /** close() was called while blocked: it takes effect when the last blocker ends. */
  #closeRequested = false
  /** Successful binds and connects: options set afterwards draw zeromq.js's warning. */
  #endpoints = 0

  static {
    internal.socket = {
      native: socket => socket.#io.native,
      block: (socket, delta) => {
        socket.#io.proxied += delta
        if (delta > 0) socket.#io.blocked++
        else socket.#unblock()
      },
      trySend: (socket, message) => socket.#io.trySend(message),
      tryReceive: socket => socket.#io.tryReceive() as Message[] | undefined,
      observed: socket => {
        if (!(#io in socket)) throw new Error("Invalid argument")
        const io = socket.#io
        if (io.closed) throw errnoError("ENOTSOCK", messages.notSocket)
        return {
          native: io.native,
          closed: () => io.closed,
          touched: () => io.recheckSoon(),
          monitor: endpoint => {
            const pair = new Socket(PAIR, { context: socket.#context })
            try {
              pair.connect(endpoint)
              // So that the addon can end the observation safely when no JS closes the two.
              pair.#io.native.readsMonitorOf(io.native)
            } catch (error) {
              pair.close()
              throw error
            }
            return pair as Socket & { receive(): Promise<Message[]> }
          },
        }
      },
    }
  }

  /**
   * Creates a socket of a libzmq socket type. The socket classes call it with their type.
   *
   * @param type The libzmq socket type number (ZMQ_PAIR, ZMQ_PUB, ...).
   * @param options Options to set on the new socket, and its `context`.
   */
  protected constructor(type: number, options?: object) {
    if (typeof type !== "number") throw new TypeError("Socket type must be a number")
    if (options !== undefined && !isObject(options)) throw new TypeError("Options must be an object")
    arity(arguments.length, 2)
    let context: unknown = defaultContext
    if (options !== undefined && "context" in options) {
      context = (options as { context: unknown }).context
      // zeromq.js's wording and shape: a plain Error.
      if (!(context instanceof Context)) throw new Error("Invalid argument")
    }
    this.#context = context as Context
    this.#io = new SocketIo(internal.context.native(context as Context), type, kindOf(new.target))
    Object.seal(this)
    try {
      applyOptions(this, options, "context")
    } catch (error) {
      this.close()
      throw error
    }
  }

  /**
   * The {@link Observer} of this socket's events (connections, binds, handshakes, ...), made on
   * first use and then always the same object. It starts libzmq's socket monitor.
   *
   * ```typescript
   * socket.events.on("connect", event => console.log("connected to", event.address))
   * ```
   *
   * Reading it on a closed socket throws an `ENOTSOCK` error.
   */
  get events(): Observer {
    if (this.#io.closed) throw errnoError("ENOTSOCK", messages.notSocket)
    return (this.#observer ??= new Observer(this))
  }

  /** The {@link Context} this socket belongs to; undefined once it is closed (as in zeromq.js). */
  get context(): Context {
    return (this.#io.closed ? undefined : this.#context) as Context
  }

  /** Whether the socket is closed, by {@link close}() or because its Proxy ended. */
  get closed(): boolean {
    return this.#io.closed
  }

  /**
   * Whether a message is there to be received now: if true, the next `receive()`
   * resolves at once. Always false for a socket that cannot receive, and once it is closed.
   */
  get readable(): boolean {
    return this.#io.readable()
  }

  /**
   * Whether a message can be queued now: if true, the next `send()` resolves at
   * once. Always false for a socket that cannot send, and once it is closed.
   */
  get writable(): boolean {
    return this.#io.writable()
  }

  // ---- endpoints ------------------------------------------------------------------------

  /**
   * Binds the socket to a local endpoint, so that peers can connect to it. The bind runs off
   * Node's main thread; until the promise settles, other methods of the socket throw `EBUSY`,
   * so await it.
   *
   * `*` as the host binds to every interface, and `*` as the port to a free port chosen by the
   * system; {@link lastEndpoint} says which. A host name (`tcp://localhost:*`) is resolved to
   * its address, as zeromq.js's libzmq 4.3.5 does (libzmq 4.3.4 alone would refuse it).
   *
   * ```typescript
   * await socket.bind("tcp://127.0.0.1:5555")
   * await socket.bind("tcp://*:5555")         // every interface
   * await socket.bind("tcp://127.0.0.1:*")    // a free port: see socket.lastEndpoint
   * await socket.bind("ipc:///tmp/feed.ipc")
   * await socket.bind("inproc://workers")
   * ```
   *
   * It rejects with an Error carrying libzmq's `code` and `errno` and the `address`, e.g.
   * `EADDRINUSE` (taken), `EINVAL` (not a valid endpoint), `EPROTONOSUPPORT` (unknown
   * transport), `EADDRNOTAVAIL` (not a local address); it throws `EBUSY` while another bind or
   * unbind runs and `EBADF` on a closed socket, and a TypeError when `address` is no string.
   *
   * @param address The endpoint: `transport://address`, e.g. `tcp://127.0.0.1:5555`.
   * @returns Resolves when the socket is bound.
   */
  bind(address: string): Promise<void> {
    this.#address(address, arguments.length)
    return this.#endpoint(address, true)
  }

  /**
   * Stops listening on an endpoint that {@link bind}() bound. Like bind() it runs off Node's
   * main thread and the socket is busy (`EBUSY`) until the promise settles.
   *
   * ```typescript
   * await socket.unbind("tcp://127.0.0.1:5555")
   * ```
   *
   * It rejects with `ENOENT` when the socket is not bound to that endpoint (give the resolved
   * endpoint, e.g. {@link lastEndpoint}, after a wildcard bind), with the other codes and the
   * `address` as bind() does.
   *
   * @param address The endpoint to unbind.
   * @returns Resolves when the socket is unbound.
   */
  unbind(address: string): Promise<void> {
    this.#address(address, arguments.length)
    return this.#endpoint(address, false)
  }

  /**
   * Binds the socket to a local endpoint as {@link bind}() does, but synchronously: the JS
   * thread waits until it is done, and failures are thrown rather than rejected. Handy in
   * scripts and in tests; in servers prefer bind().
   *
   * ```typescript
   * socket.bindSync("tcp://127.0.0.1:*")
   * console.log(socket.lastEndpoint)
   * ```
   *
   * @param address The endpoint, e.g. `tcp://*:5555`.
   */
  bindSync(address: string): void {
    this.#endpointNow(address, arguments.length, 1, native => native.bindSync(address))
  }

  /**
   * Unbinds the socket from an endpoint as {@link unbind}() does, but synchronously, throwing
   * what unbind() rejects with. (zeromq.js 6.8.0's unbindSync() binds instead: a bug this
   * package does not copy; docs/compatibility.md.)
   *
   * @param address The endpoint to unbind.
   */
  unbindSync(address: string): void {
    this.#endpointNow(address, arguments.length, -1, native => native.unbindSync(address))
  }

  /**
   * Connects the socket to a remote endpoint and returns at once: libzmq makes the connection
   * in the background, and reconnects whenever it is lost (see {@link reconnectInterval}).
   * Messages sent before the peer is there wait in the socket's queue (up to the high water
   * mark). A socket may connect to many endpoints, and be bound as well.
   *
   * ```typescript
   * socket.connect("tcp://127.0.0.1:5555")
   * ```
   *
   * It throws an Error with libzmq's `code`, `errno` and the `address` when the endpoint is not
   * valid (`EINVAL`), the transport is unknown (`EPROTONOSUPPORT`) or not one this socket type
   * supports (`ENOCOMPATPROTO`); `EBUSY` while a bind or unbind runs and `EBADF` on a closed
   * socket.
   *
   * @param address The endpoint to connect to, e.g. `tcp://127.0.0.1:5555`.
   */
  connect(address: string): void {
    this.#endpointNow(address, arguments.length, 1, native => native.connect(address))
  }

  /**
   * Disconnects the socket from an endpoint it connected to, and returns at once. Messages
   * still queued for that connection are dropped (after {@link linger}).
   *
   * ```typescript
   * socket.disconnect("tcp://127.0.0.1:5555")
   * ```
   *
   * It throws `ENOENT` when the socket is not connected to that endpoint, and the errors of
   * {@link connect}() otherwise.
   *
   * @param address The endpoint given to connect().
   */
  disconnect(address: string): void {
    this.#endpointNow(address, arguments.length, -1, native => native.disconnect(address))
  }

  /** zeromq.js's checks of an endpoint call: the argument's type first, then their number,
   *  then the socket's state. */
  #address(address: unknown, count: number): void {
    if (typeof address !== "string") throw new TypeError(messages.addressType)
    arity(count, 1)
    this.#io.usable()
  }

  #endpoint(address: string, bind: boolean): Promise<void> {
    const io = this.#io
    let operation: Promise<void>
    try {
      operation = bind ? io.native.bind(address) : io.native.unbind(address)
    } catch (error) {
      return Promise.reject(error)
    }
    if (bind) this.#endpointKind(address)
    io.blocked++
    return operation.then(
      () => {
        this.#countEndpoint(bind ? 1 : -1)
        this.#unblock()
      },
      error => {
        this.#unblock()
        throw error
      },
    )
  }

  /** bindSync, unbindSync, connect, disconnect: `call` adds (delta 1) or removes an endpoint. */
  #endpointNow(address: string, count: number, delta: 1 | -1, call: (native: NativeSocket) => void): void {
    this.#address(address, count)
    if (delta > 0) this.#endpointKind(address)
    call(this.#io.native)
    this.#countEndpoint(delta)
    this.#io.afterEndpointChange()
  }

  /**
   * A bind, unbind or proxy ended. As in zeromq.js, a close() requested meanwhile happens now,
   * before the operation settles (its pending receive and send settle first).
   */
  #unblock(): void {
    if (--this.#io.blocked > 0) return
    if (this.#closeRequested) this.close()
    else this.#io.service()
  }

  /**
   * Endpoints made minus endpoints removed, as zeromq.js counts them for its warning that an
   * option set now applies only to later connections (it counts failed binds and unbinds too;
   * this counts what libzmq did: docs/compatibility.md).
   */
  #countEndpoint(delta: 1 | -1): void {
    this.#endpoints = Math.max(0, this.#endpoints + delta)
  }

  /** Tracks whether every endpoint of this socket is inproc:// (see lib/io/local.ts). */
  #endpointKind(address: string): void {
    if (this.#io.local !== false) this.#io.local = address.startsWith("inproc://")
  }

  /**
   * Closes the socket and frees its resources. Afterwards its methods throw `EBADF`; closing a
   * closed socket does nothing. Messages still queued to be sent are sent in the background or
   * dropped, as the {@link linger} option says.
   *
   * A pending receive() or send() gets one last attempt (a message that is there is received,
   * one libzmq takes now is sent); otherwise it rejects with `EAGAIN`, and an async iteration
   * over the socket ends. While a bind, unbind or running Proxy uses the socket, the close
   * happens when that ends (until then `closed` stays false).
   *
   * Sockets that are garbage-collected are closed, so calling close() is needed only to close
   * a socket at a chosen moment, which is usually what a program wants.
   */
  close(): void {
    arity(arguments.length, 0)
    if (this.#io.closed) return
    if (this.#io.blocked > 0) {
      this.#closeRequested = true
      return
    }
    this.#io.close()
  }

  // ---- options (zeromq.js's protected accessors; the option properties call them) --------

  /**
   * Reads a boolean libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getBoolOption(option: number): boolean {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.Bool) as boolean
  }

  /**
   * Sets a boolean libzmq socket option by its number, for subclasses that define option
   * properties of their own. Throws a TypeError for a value of the wrong type and libzmq's
   * error (e.g. `EINVAL`) for one it refuses.
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   * @param value The value to set.
   */
  protected setBoolOption(option: number, value: boolean): void {
    checkSet(option, NativeType.Bool, value, arguments.length)
    this.#set(option, NativeType.Bool, value)
  }

  /**
   * Reads a 32-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getInt32Option(option: number): number {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.Int32) as number
  }

  /**
   * Sets a 32-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own. Throws a TypeError for a value of the wrong type and libzmq's
   * error (e.g. `EINVAL`) for one it refuses.
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   * @param value The value to set.
   */
  protected setInt32Option(option: number, value: number): void {
    checkSet(option, NativeType.Int32, value, arguments.length)
    this.#set(option, NativeType.Int32, value)
  }

  /**
   * Reads a unsigned 32-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getUint32Option(option: number): number {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.Uint32) as number
  }

  /**
   * Sets a unsigned 32-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own. Throws a TypeError for a value of the wrong type and libzmq's
   * error (e.g. `EINVAL`) for one it refuses.
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   * @param value The value to set.
   */
  protected setUint32Option(option: number, value: number): void {
    checkSet(option, NativeType.Uint32, value, arguments.length)
    this.#set(option, NativeType.Uint32, value)
  }

  /**
   * Reads a 64-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getInt64Option(option: number): number {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.Int64) as number
  }

  /**
   * Sets a 64-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own. Throws a TypeError for a value of the wrong type and libzmq's
   * error (e.g. `EINVAL`) for one it refuses.
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   * @param value The value to set.
   */
  protected setInt64Option(option: number, value: number): void {
    checkSet(option, NativeType.Int64, value, arguments.length)
    this.#set(option, NativeType.Int64, value)
  }

  /**
   * Reads a unsigned 64-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getUint64Option(option: number): number {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.Uint64) as number
  }

  // As in zeromq.js, a negative value sets 0 and one beyond the range the largest value (the
  // addon converts); one above Number.MAX_SAFE_INTEGER, which a double may not hold exactly,
  // draws a warning (#set).
  /**
   * Sets a unsigned 64-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own. Throws a TypeError for a value of the wrong type and libzmq's
   * error (e.g. `EINVAL`) for one it refuses.
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   * @param value The value to set.
   */
  protected setUint64Option(option: number, value: number): void {
    checkSet(option, NativeType.Uint64, value, arguments.length)
    this.#set(option, NativeType.Uint64, value)
  }

  /**
   * Reads a string libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getStringOption(option: number): string | null {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.String) as string | null
  }

  /**
   * Sets a string (or bytes; `null` clears it) libzmq socket option by its number, for subclasses that define option
   * properties of their own. Throws a TypeError for a value of the wrong type and libzmq's
   * error (e.g. `EINVAL`) for one it refuses.
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   * @param value The value to set.
   */
  protected setStringOption(option: number, value: string | Buffer | null): void {
    checkSet(option, NativeType.String, value, arguments.length)
    this.#set(option, NativeType.String, value)
  }

  /* Options stay usable during a bind or unbind (the addon serialises them with it), and fail
     with ENOTSOCK once closed, as zeromq.js's do. */
  #get(option: number, type: NativeType): OptionValue {
    const io = this.#io
    if (io.closed) throw errnoError("ENOTSOCK", messages.notSocket)
    io.recheckSoon()
    return io.native.getOption(option, type)
  }

  #set(option: number, type: NativeType, value: OptionValue): void {
    const io = this.#io
    // zeromq.js's warnings, in its order, and before it finds the socket closed.
    if ((io.closed || this.#endpoints > 0 || io.blocked > 0) && !immediateOptions.has(option)) {
      process.emitWarning("Socket option will not take effect until next connect/bind.")
    }
    if (type === NativeType.Uint64 && (value as number) > Number.MAX_SAFE_INTEGER) {
      process.emitWarning("Value is larger than Number.MAX_SAFE_INTEGER and may have been rounded inaccurately.")
    }
    if (io.closed) throw errnoError("ENOTSOCK", messages.notSocket)
    io.recheckSoon()
    io.native.setOption(option, type, value)
    io.optionSet(option)
  }

  /** Joins or leaves one group (Dish). */
  #group(group: unknown, join: boolean): void {
    const io = this.#io
    io.usable()
    if (typeof group !== "string" && !ArrayBuffer.isView(group)) throw new TypeError("Value must be a string or buffer")
    io.recheckSoon()
    if (join) io.native.join(group as string | Buffer)
    else io.native.leave(group as string | Buffer)
  }

  // ---- the I/O methods ------------------------------------------------------------------

  static {
    // send, receive, their batch forms, async iteration, join and leave exist on every socket
    // at run time (as in zeromq.js, where e.g. Pull#send fails in libzmq with ENOTSUP), but
    // are typed only where they apply: through the Readable and Writable interfaces of the
    // socket classes. So they are defined here, outside the class's declared type.
    const methods: Record<string | symbol, (this: Socket, ...args: never[]) => unknown> = {
      /**
       * Resolves with the next message: an array of its frames. Rejects with EAGAIN after
       * receiveTimeout, or when the socket is closed meanwhile. Only one receive may be
       * pending: a second one throws EBUSY.
       */
      receive(this: Socket): Promise<unknown> {
        arity(arguments.length, 0)
        return this.#io.receive(0)
      },
      /**
       * Resolves, as soon as at least one message is ready, with up to `max` messages (default
       * and limit: one batch). The batch counterpart of receive(), sharing its EBUSY and
       * timeout rules.
       */
      receiveBatch(this: Socket, max?: number): Promise<unknown> {
        if (max !== undefined && (typeof max !== "number" || !(max >= 1))) {
          throw new TypeError("Maximum must be a positive number")
        }
        arity(arguments.length, 1)
        return this.#io.receive(max === undefined ? BATCH_MESSAGES : Math.min(Math.floor(max), BATCH_MESSAGES))
      },
      /**
       * Queues a message (one frame, or an array of frames sent as one multipart message) and
       * resolves once libzmq took it. While the high water mark is reached it stays pending;
       * it rejects with EAGAIN after sendTimeout or when the socket is closed meanwhile. Only
       * one send may be pending: a second one throws EBUSY.
       */
      send(this: Socket, message: MessageLike | MessageLike[], options?: object): Promise<void> {
        // Small, as what it calls (see SocketIo#first): the checks' throws are out of line.
        const io = this.#io
        if (io.kind.address !== undefined) return sendWithOptions(io, message, options, arguments.length)
        if (arguments.length !== 1 || message === undefined) checkSend(message, arguments.length, 1)
        return io.send(message, undefined)
      },
      /**
       * Queues many messages with as few native calls as possible and resolves once all are
       * queued. At the high water mark it waits (nothing is dropped or buffered here);
       * sendTimeout and close reject it like send(), with the number already queued as the
       * error's `sent`.
       */
      sendBatch(this: Socket, batch: readonly unknown[]): Promise<void> {
        if (!Array.isArray(batch)) throw new TypeError("Messages must be an array")
        arity(arguments.length, 1)
        // A sparse array claims a length it does not have: a batch of billions of holes would
        // take hours to walk (as a message has at most 2^24 frames, a batch has MAX_BATCH).
        if (batch.length > MAX_BATCH) throw errnoError("ENOMEM", "Cannot allocate memory")
        return this.#io.sendBatch(batch)
      },
      [Symbol.asyncIterator](this: Socket): AsyncIterator<unknown, undefined> {
        return { next: () => this.#io.next() }
      },
      // Each group in turn, checked as zeromq.js's native join/leave check them. These stop at
      // the first failure; zeromq.js's go on, and abort the process if a later group is not a
      // string or buffer (test/parity/differences.test.ts).
      join(this: Socket, ...groups: (string | Buffer)[]): void {
        for (const group of groups) this.#group(group, true)
      },
      leave(this: Socket, ...groups: (string | Buffer)[]): void {
        for (const group of groups) this.#group(group, false)
      },
    }
    for (const key of Reflect.ownKeys(methods)) {
      Object.defineProperty(Socket.prototype, key, {
        value: methods[key],
        writable: false,
        configurable: true,
        enumerable: false,
      })
    }
  }
}

interface Socket extends SocketProperties {}
lockMethods(Socket.prototype)

// The class as exported, and extended by the socket classes: see napiClass().
/**
 * A ZeroMQ socket: the base class of every socket type. It is not constructed directly; create
 * the class of the socket type you want, which carries the options and methods that apply to
 * that type:
 *
 * ```typescript
 * new zmq.Pair()
 * new zmq.Publisher()
 * new zmq.Subscriber()
 * new zmq.Request()
 * new zmq.Reply()
 * new zmq.Dealer()
 * new zmq.Router()
 * new zmq.Pull()
 * new zmq.Push()
 * new zmq.XPublisher()
 * new zmq.XSubscriber()
 * new zmq.Stream()
 * ```
 *
 * Options can be given to the constructor (`new zmq.Dealer({ linger: 0, routingId: "w1" })`)
 * or set as properties later. Most options take effect only for the next {@link bind}() or
 * {@link connect}(): setting one on a socket that already has an endpoint emits a warning.
 * Options that libzmq applies at once (timeouts, high water marks, `linger`, subscriptions,
 * the Router and XPublisher behaviour flags) do not warn.
 *
 * A socket that is garbage-collected is closed. A socket with a pending receive() or send()
 * is kept alive until that operation settles (zeromq.js lets such a socket be collected and
 * rejects the operation: docs/compatibility.md).
 *
 * @class
 */
const SocketClass = napiClass(Socket)
type SocketClass = Socket
export { SocketClass as Socket }
