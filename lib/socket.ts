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

/** A received frame. */
export type Message = Buffer
/** What send() accepts as a frame: bytes, or a value sent as its UTF-8 text. */
export type MessageLike = ArrayBufferView | ArrayBuffer | SharedArrayBuffer | string | number | null

const PAIR = zmqConstant("ZMQ_PAIR")

/**
 * A ZeroMQ socket. Not constructed directly: use one of the socket classes (Pair, Push,
 * Pull, ...), which carry the options and methods that apply to their type. Exported as
 * napiClass(Socket) (see the end of this file).
 */
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

  /** The Observer of this socket's events (created on first use, then always the same). */
  get events(): Observer {
    if (this.#io.closed) throw errnoError("ENOTSOCK", messages.notSocket)
    return (this.#observer ??= new Observer(this))
  }

  /** The context this socket was created in (undefined once closed, as in zeromq.js). */
  get context(): Context {
    return (this.#io.closed ? undefined : this.#context) as Context
  }

  /** Whether close() was called (or the socket could not be used any more). */
  get closed(): boolean {
    return this.#io.closed
  }

  /** Whether a message can be received now without waiting. */
  get readable(): boolean {
    return this.#io.readable()
  }

  /** Whether a message can be sent now without waiting. */
  get writable(): boolean {
    return this.#io.writable()
  }

  // ---- endpoints ------------------------------------------------------------------------

  /** Binds to an endpoint, off the JS thread; resolves when bound. */
  bind(address: string): Promise<void> {
    this.#address(address, arguments.length)
    return this.#endpoint(address, true)
  }

  /** Unbinds from an endpoint, off the JS thread; resolves when unbound. */
  unbind(address: string): Promise<void> {
    this.#address(address, arguments.length)
    return this.#endpoint(address, false)
  }

  /** Binds to an endpoint, blocking the JS thread until done. */
  bindSync(address: string): void {
    this.#endpointNow(address, arguments.length, 1, native => native.bindSync(address))
  }

  /** Unbinds from an endpoint, blocking the JS thread until done. */
  unbindSync(address: string): void {
    this.#endpointNow(address, arguments.length, -1, native => native.unbindSync(address))
  }

  /** Connects to an endpoint; libzmq connects (and reconnects) in the background. */
  connect(address: string): void {
    this.#endpointNow(address, arguments.length, 1, native => native.connect(address))
  }

  /** Disconnects from an endpoint. */
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
   * Closes the socket. A pending receive() or send() gets one last attempt (a message already
   * there is received, one libzmq takes now is sent), as in zeromq.js; otherwise it rejects
   * with EAGAIN (an async iterator ends). Queued outgoing messages are kept for `linger`
   * milliseconds. While a bind, unbind or proxy uses the socket, the close waits for it (as in
   * zeromq.js: until then `closed` is false and other operations throw EBUSY). Idempotent.
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

  protected getBoolOption(option: number): boolean {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.Bool) as boolean
  }

  protected setBoolOption(option: number, value: boolean): void {
    checkSet(option, NativeType.Bool, value, arguments.length)
    this.#set(option, NativeType.Bool, value)
  }

  protected getInt32Option(option: number): number {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.Int32) as number
  }

  protected setInt32Option(option: number, value: number): void {
    checkSet(option, NativeType.Int32, value, arguments.length)
    this.#set(option, NativeType.Int32, value)
  }

  protected getUint32Option(option: number): number {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.Uint32) as number
  }

  protected setUint32Option(option: number, value: number): void {
    checkSet(option, NativeType.Uint32, value, arguments.length)
    this.#set(option, NativeType.Uint32, value)
  }

  protected getInt64Option(option: number): number {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.Int64) as number
  }

  protected setInt64Option(option: number, value: number): void {
    checkSet(option, NativeType.Int64, value, arguments.length)
    this.#set(option, NativeType.Int64, value)
  }

  protected getUint64Option(option: number): number {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.Uint64) as number
  }

  /**
   * As in zeromq.js, a negative value sets 0 and one beyond the range the largest value (the
   * addon converts); one above Number.MAX_SAFE_INTEGER, which a double may not hold exactly,
   * draws a warning (#set).
   */
  protected setUint64Option(option: number, value: number): void {
    checkSet(option, NativeType.Uint64, value, arguments.length)
    this.#set(option, NativeType.Uint64, value)
  }

  protected getStringOption(option: number): string | null {
    checkGet(option, arguments.length)
    return this.#get(option, NativeType.String) as string | null
  }

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
        const count = arguments.length
        if (count === 0 || message === undefined) throw new TypeError("Message must be present")
        if (this.#io.kind.address !== undefined) {
          // Server and Radio messages need their routing id or group: zeromq.js's checks.
          if (!isObject(options)) throw new TypeError("Options must be an object")
          arity(count, 2)
          return this.#io.send(message, options)
        }
        arity(count, 1)
        return this.#io.send(message, undefined)
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

/** The class as exported, and extended by the socket classes: see napiClass(). */
const SocketClass = napiClass(Socket)
type SocketClass = Socket
export { SocketClass as Socket }
