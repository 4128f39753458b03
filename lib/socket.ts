/**
 * Socket: the base class of every socket type, and the JS half of the I/O path.
 *
 * How a message moves (see DESIGN.md, "The hot path"):
 * - receive(), the async iterator and receiveBatch() take messages from the current receive
 *   batch: one Buffer from the addon holding up to a batch of whole messages, sliced here into
 *   Buffer views. Only when it is used up does the addon drain libzmq again, and only on demand.
 *   Read-ahead is at most one batch, bounded by receiveHighWaterMark, so the HWM keeps its
 *   meaning.
 * - send() and sendBatch() hand messages to libzmq at once when it accepts them (ZMQ_DONTWAIT).
 * - Only when libzmq says EAGAIN does an operation become pending: then the addon watches the
 *   socket's descriptor and calls #service() when ZMQ_EVENTS says a wanted direction is ready.
 *   After every operation the directions still wanted are re-checked with the addon's wait(),
 *   which reads ZMQ_EVENTS before arming the poll (ZMQ_FD is edge-triggered).
 * - Operations completed synchronously spend a budget; when it is used up the next operation
 *   waits for a setImmediate, so a socket that always has data cannot starve timers, I/O and
 *   other sockets. The budget is restored whenever control came back from the event loop.
 */
import { Context, context as defaultContext, nativeContext } from "./context.js"
import { errnoError, messages } from "./errors.js"
import { NativeType, native, type NativeBatch, type NativeSocket, type OptionValue } from "./native.js"
import { Observer, setObserverTarget } from "./observer.js"
import { applyOptions, zmqConstant } from "./options.js"
import type { SocketProperties } from "./options.generated.js"

/** A received frame. */
export type Message = Buffer
/** What send() accepts as a frame: bytes, or a value sent as its UTF-8 text. */
export type MessageLike = ArrayBufferView | ArrayBuffer | SharedArrayBuffer | string | number | null

const POLLIN = zmqConstant("ZMQ_POLLIN")
const POLLOUT = zmqConstant("ZMQ_POLLOUT")
const EVENTS = zmqConstant("ZMQ_EVENTS")
const RCVTIMEO = zmqConstant("ZMQ_RCVTIMEO")
const SNDTIMEO = zmqConstant("ZMQ_SNDTIMEO")
const RCVHWM = zmqConstant("ZMQ_RCVHWM")
const SERVER = zmqConstant("ZMQ_SERVER")
const DISH = zmqConstant("ZMQ_DISH")

/** Receive read-ahead: messages and copied bytes per native call (docs/performance.md). */
const BATCH_MESSAGES = 1024
const BATCH_BYTES = 1 << 20
/** Operations completed without a trip through the event loop before yielding to it. */
const SYNC_BUDGET = 512

/* native/message.h FrameFlags */
const FRAME_MORE = 1
const FRAME_EXTERNAL = 2
const FRAME_GROUP = 4

/**
 * Frames are views of the batch's memory. Node's own Buffer class behind `Buffer[Symbol.species]`
 * makes them directly (about 20 ns); subarray() would look the species up for every frame
 * (about 50 ns). Other runtimes fall back to subarray().
 */
const FastBuffer = (Buffer as unknown as { [Symbol.species]: new (buffer: ArrayBufferLike, offset: number, length: number) => Buffer })[Symbol.species]
const view: (data: Buffer, start: number, end: number) => Buffer =
  typeof FastBuffer === "function" && Buffer.isBuffer(new FastBuffer(new ArrayBuffer(1), 0, 1))
    ? (data, start, end) => new FastBuffer(data.buffer, data.byteOffset + start, end - start)
    : (data, start, end) => data.subarray(start, end)

const resolved: Promise<void> = Promise.resolve()
const done: IteratorReturnResult<undefined> = Object.freeze({ done: true }) as IteratorReturnResult<undefined>

interface Pending<T> {
  resolve(value: T): void
  reject(error: unknown): void
  timer: NodeJS.Timeout | undefined
}

interface PendingReceive extends Pending<unknown> {
  /** 0 for receive(); the maximum number of messages for receiveBatch(). */
  batch: number
}

interface PendingSend extends Pending<void> {
  message: unknown
  routingId: number | undefined
  group: string | Buffer | undefined
  /** For sendBatch(): the messages and how many are queued. */
  batch: readonly unknown[] | undefined
  index: number
}

/** Draft send options (Server: routingId; Radio: group). */
interface SendOptions {
  routingId?: number
  group?: string | Buffer
}

type ReceiveShape = number

let nativeOf: (socket: Socket) => NativeSocket

/**
 * A ZeroMQ socket. Not constructed directly: use one of the socket classes (Pair, Push,
 * Pull, ...), which carry the options and methods that apply to their type.
 */
export class Socket {
  #native: NativeSocket
  #context: Context
  #observer: Observer | undefined
  #closed = false
  #blocked = 0
  #budget = SYNC_BUDGET
  #yielding = false
  #armed = false
  #shape: ReceiveShape
  #receiving: PendingReceive | undefined = undefined
  #sending: PendingSend | undefined = undefined

  /* The current receive batch (see native/message.h for its layout). */
  #rxData: Buffer | undefined = undefined
  #rxWords: Uint32Array = new Uint32Array(0)
  #rxCount = 0
  #rxNext = 0
  #rxOffset = 0
  #rxExtras: Buffer[] | undefined = undefined
  #rxExtra = 0
  #rxLimit = 0

  static {
    nativeOf = socket => socket.#native
    setObserverTarget(socket => {
      if (!(#native in socket)) throw new TypeError("Socket must be a socket object")
      return { native: socket.#native, context: nativeContext(socket.#context) }
    })
  }

  #onReady = (): void => {
    this.#budget = SYNC_BUDGET
    this.#service()
  }

  #resume = (): void => {
    this.#yielding = false
    this.#budget = SYNC_BUDGET
    this.#service()
  }

  protected constructor(type: number, options?: object) {
    if (options !== undefined && (typeof options !== "object" || options === null)) {
      throw new TypeError("Options must be an object")
    }
    const context = (options as { context?: unknown } | undefined)?.context ?? defaultContext
    if (!(context instanceof Context)) throw new TypeError("Context must be an instance of Context")
    this.#context = context
    this.#native = new native.Socket(nativeContext(context), type, this.#onReady)
    this.#shape = type === SERVER || type === DISH ? type : 0
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
    if (this.#observer === undefined) this.#observer = new Observer(this)
    return this.#observer
  }

  /** The context this socket was created in. */
  get context(): Context {
    return this.#context
  }

  /** Whether close() was called (or the socket could not be used any more). */
  get closed(): boolean {
    return this.#closed
  }

  /** Whether a message can be received now without waiting. */
  get readable(): boolean {
    if (this.#closed) return false
    if (this.#rxNext < this.#rxCount) return true
    return ((this.#native.getOption(EVENTS, NativeType.Int32) as number) & POLLIN) !== 0
  }

  /** Whether a message can be sent now without waiting. */
  get writable(): boolean {
    if (this.#closed) return false
    return ((this.#native.getOption(EVENTS, NativeType.Int32) as number) & POLLOUT) !== 0
  }

  // ---- endpoints ------------------------------------------------------------------------

  /** Binds to an endpoint, off the JS thread; resolves when bound. */
  bind(address: string): Promise<void> {
    return this.#endpoint(address, true)
  }

  /** Unbinds from an endpoint, off the JS thread; resolves when unbound. */
  unbind(address: string): Promise<void> {
    return this.#endpoint(address, false)
  }

  #endpoint(address: string, bind: boolean): Promise<void> {
    if (typeof address !== "string") throw new TypeError("Address must be a string")
    if (this.#closed) return Promise.reject(errnoError("EBADF", messages.closed))
    if (this.#blocked > 0) return Promise.reject(errnoError("EBUSY", messages.blocked))
    let operation: Promise<void>
    try {
      operation = bind ? this.#native.bind(address) : this.#native.unbind(address)
    } catch (error) {
      return Promise.reject(error)
    }
    this.#blocked++
    const finish = (): void => {
      this.#blocked--
      this.#service()
    }
    return operation.then(finish, error => {
      finish()
      throw error
    })
  }

  /** Binds to an endpoint, blocking the JS thread until done. */
  bindSync(address: string): void {
    this.#sync(address)
    this.#native.bindSync(address)
  }

  /** Unbinds from an endpoint, blocking the JS thread until done. */
  unbindSync(address: string): void {
    this.#sync(address)
    this.#native.unbindSync(address)
  }

  /** Connects to an endpoint; libzmq connects (and reconnects) in the background. */
  connect(address: string): void {
    this.#sync(address)
    this.#native.connect(address)
  }

  /** Disconnects from an endpoint. */
  disconnect(address: string): void {
    this.#sync(address)
    this.#native.disconnect(address)
  }

  #sync(address: string): void {
    if (typeof address !== "string") throw new TypeError("Address must be a string")
    this.#usable()
  }

  /** Throws what zeromq.js throws for a closed socket or one with a bind/unbind running. */
  #usable(): void {
    if (this.#closed) throw errnoError("EBADF", messages.closed)
    if (this.#blocked > 0) throw errnoError("EBUSY", messages.blocked)
  }

  /**
   * Closes the socket. Pending receive() and send() calls reject with EAGAIN (an async
   * iterator ends). Queued outgoing messages are kept for `linger` milliseconds. Idempotent.
   */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#armed = false
    this.#native.close()
    this.#rxData = undefined
    this.#rxExtras = undefined
    this.#rxCount = this.#rxNext = 0
    const receiving = this.#receiving
    const sending = this.#sending
    this.#receiving = this.#sending = undefined
    if (receiving !== undefined) {
      clearTimeout(receiving.timer)
      receiving.reject(errnoError("EAGAIN", messages.timeout))
    }
    if (sending !== undefined) {
      clearTimeout(sending.timer)
      sending.reject(errnoError("EAGAIN", messages.timeout))
    }
  }

  // ---- receive --------------------------------------------------------------------------

  /**
   * Resolves with the next message: an array of its frames. Rejects with EAGAIN after
   * receiveTimeout, or when the socket is closed meanwhile. Only one receive may be pending:
   * a second one throws EBUSY.
   */
  #receive(): Promise<Message[]> {
    if (this.#receiving !== undefined) throw errnoError("EBUSY", messages.busyReading)
    if (this.#closed) return Promise.reject(errnoError("EBADF", messages.closed))
    if (this.#budget > 0 && this.#blocked === 0) {
      let message: Message[] | undefined
      try {
        message = this.#take()
      } catch (error) {
        return Promise.reject(error)
      }
      if (message !== undefined) {
        this.#budget--
        return Promise.resolve(message)
      }
    }
    return this.#pendingReceive(0) as Promise<Message[]>
  }

  /**
   * Resolves, as soon as at least one message is ready, with up to `max` messages (default and
   * limit: one batch). The batch counterpart of receive(), sharing its EBUSY and timeout rules.
   */
  #receiveBatch(max: number = BATCH_MESSAGES): Promise<Message[][]> {
    if (typeof max !== "number" || !(max >= 1)) throw new TypeError("Maximum must be a positive number")
    if (this.#receiving !== undefined) throw errnoError("EBUSY", messages.busyReading)
    if (this.#closed) return Promise.reject(errnoError("EBADF", messages.closed))
    max = Math.min(Math.floor(max), BATCH_MESSAGES)
    if (this.#budget > 0 && this.#blocked === 0) {
      let messages: Message[][]
      try {
        messages = this.#takeMany(max)
      } catch (error) {
        return Promise.reject(error)
      }
      if (messages.length > 0) {
        this.#budget--
        return Promise.resolve(messages)
      }
    }
    return this.#pendingReceive(max) as Promise<Message[][]>
  }

  #next(): Promise<IteratorResult<Message[], undefined>> {
    if (this.#closed) return Promise.resolve(done)
    if (this.#receiving === undefined && this.#budget > 0 && this.#blocked === 0) {
      let message: Message[] | undefined
      try {
        message = this.#take()
      } catch (error) {
        return Promise.reject(error)
      }
      if (message !== undefined) {
        this.#budget--
        return Promise.resolve({ value: message, done: false })
      }
    }
    let receive: Promise<Message[]>
    try {
      receive = this.#receive()
    } catch (error) {
      return Promise.reject(error)
    }
    return receive.then(
      value => ({ value, done: false }),
      (error: { code?: string }) => {
        if (this.#closed && error.code === "EAGAIN") return done
        throw error
      },
    )
  }

  #pendingReceive(batch: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const pending: PendingReceive = { resolve, reject, timer: undefined, batch }
      this.#receiving = pending
      this.#wait(pending, RCVTIMEO, () => {
        if (this.#receiving === pending) this.#receiving = undefined
      })
    })
  }

  /** The next whole message of the current batch, draining libzmq for a new batch if needed. */
  #take(): Message[] | undefined {
    if (this.#rxNext >= this.#rxCount && !this.#load(this.#batchLimit())) return undefined
    const i = this.#rxNext
    const base = 1 + 3 * i
    // The common case, one copied frame, without a loop or a growing array.
    if (this.#rxWords[base + 1] === 0 && this.#shape === 0) {
      const start = this.#rxOffset
      const end = start + this.#rxWords[base]
      const frame = view(this.#rxData as Buffer, start, end)
      this.#rxOffset = end
      if ((this.#rxNext = i + 1) >= this.#rxCount) this.#rxData = this.#rxExtras = undefined
      return [frame]
    }
    return this.#takeFrames()
  }

  /** #take() for multipart messages, external frames and draft sockets. */
  #takeFrames(): Message[] {
    const words = this.#rxWords
    const data = this.#rxData as Buffer
    const message: Message[] = []
    let i = this.#rxNext
    let routingId = 0
    let group: Buffer | undefined
    for (;;) {
      const base = 1 + 3 * i++
      const size = words[base]
      const flags = words[base + 1]
      if ((flags & FRAME_GROUP) !== 0) group = (this.#rxExtras as Buffer[])[this.#rxExtra++]
      if ((flags & FRAME_EXTERNAL) !== 0) {
        message.push((this.#rxExtras as Buffer[])[this.#rxExtra++])
      } else {
        const start = this.#rxOffset
        this.#rxOffset = start + size
        message.push(view(data, start, start + size))
      }
      routingId = words[base + 2]
      if ((flags & FRAME_MORE) === 0) break
    }
    this.#rxNext = i
    if (i >= this.#rxCount) this.#rxData = this.#rxExtras = undefined
    if (this.#shape === 0) return message
    // Draft sockets: zeromq.js appends the routing id (Server) or group (Dish).
    return [message[0], (this.#shape === SERVER ? { routingId } : { group }) as unknown as Message]
  }

  #takeMany(max: number): Message[][] {
    const messages: Message[][] = []
    if (this.#rxNext >= this.#rxCount && !this.#load(max)) return messages
    while (messages.length < max && this.#rxNext < this.#rxCount) messages.push(this.#take() as Message[])
    return messages
  }

  /** Drains up to `limit` messages from libzmq into a new batch; false if none was ready. */
  #load(limit: number): boolean {
    const batch: NativeBatch | undefined = this.#native.receive(limit, BATCH_BYTES)
    if (batch === undefined) return false
    let data: Buffer
    if (Array.isArray(batch)) {
      data = batch[0]
      this.#rxExtras = batch
      this.#rxExtra = 1
    } else {
      data = batch
      this.#rxExtras = undefined
    }
    const words = new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2)
    this.#rxData = data
    this.#rxWords = words
    this.#rxCount = words[0]
    this.#rxNext = 0
    this.#rxOffset = 4 * (1 + 3 * words[0])
    return true
  }

  /** Read-ahead: one batch, but never more messages than receiveHighWaterMark. */
  #batchLimit(): number {
    if (this.#rxLimit === 0) {
      const hwm = this.#native.getOption(RCVHWM, NativeType.Int32) as number
      this.#rxLimit = hwm > 0 ? Math.min(hwm, BATCH_MESSAGES) : BATCH_MESSAGES
    }
    return this.#rxLimit
  }

  // ---- send -----------------------------------------------------------------------------

  /**
   * Queues a message (one frame, or an array of frames sent as one multipart message) and
   * resolves once libzmq took it. While the high water mark is reached it stays pending; it
   * rejects with EAGAIN after sendTimeout or when the socket is closed meanwhile. Only one send
   * may be pending: a second one throws EBUSY.
   */
  #send(message: MessageLike | MessageLike[], options?: SendOptions): Promise<void> {
    if (this.#sending !== undefined) throw errnoError("EBUSY", messages.busyWriting)
    if (this.#closed) return Promise.reject(errnoError("EBADF", messages.closed))
    const routingId = options?.routingId
    const group = options?.group
    if (this.#budget > 0 && this.#blocked === 0) {
      let sent: boolean
      try {
        sent = options === undefined ? this.#native.send(message) : this.#native.send(message, routingId, group)
      } catch (error) {
        return Promise.reject(error)
      }
      if (sent) {
        this.#budget--
        return resolved
      }
    }
    return this.#pendingSend(message, routingId, group, undefined, 0)
  }

  /**
   * Queues many messages with as few native calls as possible and resolves once all are
   * queued. At the high water mark it waits (nothing is dropped or buffered here); sendTimeout
   * and close reject it like send(), with the number already queued as the error's `sent`.
   */
  #sendBatch(batch: readonly (MessageLike | MessageLike[])[]): Promise<void> {
    if (!Array.isArray(batch)) throw new TypeError("Messages must be an array")
    if (this.#sending !== undefined) throw errnoError("EBUSY", messages.busyWriting)
    if (this.#closed) return Promise.reject(errnoError("EBADF", messages.closed))
    let index = 0
    if (this.#budget > 0 && this.#blocked === 0) {
      try {
        index = this.#native.sendBatch(batch, 0)
      } catch (error) {
        return Promise.reject(error)
      }
      if (index === batch.length) {
        this.#budget--
        return resolved
      }
    }
    return this.#pendingSend(undefined, undefined, undefined, batch, index)
  }

  #pendingSend(
    message: unknown,
    routingId: number | undefined,
    group: string | Buffer | undefined,
    batch: readonly unknown[] | undefined,
    index: number,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const pending: PendingSend = { resolve, reject, timer: undefined, message, routingId, group, batch, index }
      this.#sending = pending
      this.#wait(pending, SNDTIMEO, () => {
        if (this.#sending === pending) this.#sending = undefined
      })
    })
  }

  // ---- waiting --------------------------------------------------------------------------

  /** Makes `pending` wait: serviced now if possible, with its timeout from `option`. */
  #wait(pending: Pending<never>, option: number, clear: () => void): void {
    const timeout = this.#native.getOption(option, NativeType.Int32) as number
    if (timeout === 0) {
      // Must answer now, budget or not.
      this.#service()
      if (this.#receiving === pending || this.#sending === pending) {
        clear()
        this.#service()
        pending.reject(this.#timeoutError(pending))
      }
      return
    }
    if (timeout > 0) {
      pending.timer = setTimeout(() => {
        if (this.#receiving !== pending && this.#sending !== pending) return
        clear()
        this.#service()
        pending.reject(this.#timeoutError(pending))
      }, timeout)
    }
    if (this.#budget > 0) {
      this.#service()
    } else if (!this.#yielding) {
      this.#yielding = true
      setImmediate(this.#resume)
    }
  }

  #timeoutError(pending: Pending<never>): Error {
    const error = errnoError("EAGAIN", messages.timeout)
    if ((pending as unknown as PendingSend).batch !== undefined) {
      ;(error as Error & { sent?: number }).sent = (pending as unknown as PendingSend).index
    }
    return error
  }

  /**
   * Completes what can be completed of the pending receive and send, then waits (through the
   * addon) for the directions still wanted. Runs after the event loop reported readiness, after
   * a yield, after a bind/unbind, and when an operation became pending.
   */
  #service(): void {
    for (let round = 0; !this.#closed && this.#blocked === 0; round++) {
      const receiving = this.#receiving
      if (receiving !== undefined) {
        try {
          const value = receiving.batch === 0 ? this.#take() : this.#takeMany(receiving.batch)
          if (value !== undefined && (receiving.batch === 0 || (value as Message[][]).length > 0)) {
            this.#receiving = undefined
            clearTimeout(receiving.timer)
            this.#budget--
            receiving.resolve(value)
          }
        } catch (error) {
          this.#receiving = undefined
          clearTimeout(receiving.timer)
          receiving.reject(error)
        }
      }
      const sending = this.#sending
      if (sending !== undefined) {
        try {
          let complete: boolean
          if (sending.batch !== undefined) {
            sending.index += this.#native.sendBatch(sending.batch, sending.index)
            complete = sending.index === sending.batch.length
          } else {
            complete = this.#native.send(sending.message, sending.routingId, sending.group)
          }
          if (complete) {
            this.#sending = undefined
            clearTimeout(sending.timer)
            this.#budget--
            sending.resolve()
          }
        } catch (error) {
          this.#sending = undefined
          clearTimeout(sending.timer)
          if (sending.batch !== undefined) (error as Error & { sent?: number }).sent = sending.index + ((error as { sent?: number }).sent ?? 0)
          sending.reject(error)
        }
      }

      const want = (this.#receiving !== undefined ? POLLIN : 0) | (this.#sending !== undefined ? POLLOUT : 0)
      if (want === 0) {
        if (this.#armed) {
          this.#armed = false
          this.#native.wait(0)
        }
        return
      }
      if (this.#budget <= 0 || round >= 64) {
        // Fairness: let the event loop run before serving this socket again.
        if (!this.#yielding) {
          this.#yielding = true
          setImmediate(this.#resume)
        }
        return
      }
      if (this.#native.wait(want) === 0) {
        this.#armed = true
        return
      }
    }
  }

  // ---- options (zeromq.js's protected accessors; the option properties call them) --------

  protected getBoolOption(option: number): boolean {
    return this.#get(option, NativeType.Bool) as boolean
  }

  protected setBoolOption(option: number, value: boolean): void {
    if (typeof value !== "boolean") throw new TypeError("Option value must be a boolean")
    this.#set(option, NativeType.Bool, value)
  }

  protected getInt32Option(option: number): number {
    return this.#get(option, NativeType.Int32) as number
  }

  protected setInt32Option(option: number, value: number): void {
    if (typeof value !== "number") throw new TypeError("Option value must be a number")
    if (option === RCVHWM) this.#rxLimit = 0
    this.#set(option, NativeType.Int32, value)
  }

  protected getUint32Option(option: number): number {
    return this.#get(option, NativeType.Uint32) as number
  }

  protected setUint32Option(option: number, value: number): void {
    if (typeof value !== "number") throw new TypeError("Option value must be a number")
    this.#set(option, NativeType.Uint32, value)
  }

  protected getInt64Option(option: number): number {
    return this.#get(option, NativeType.Int64) as number
  }

  protected setInt64Option(option: number, value: number): void {
    if (typeof value !== "number") throw new TypeError("Option value must be a number")
    this.#set(option, NativeType.Int64, value)
  }

  protected getUint64Option(option: number): number {
    return this.#get(option, NativeType.Uint64) as number
  }

  protected setUint64Option(option: number, value: number): void {
    if (typeof value !== "number") throw new TypeError("Option value must be a number")
    this.#set(option, NativeType.Uint64, value)
  }

  protected getStringOption(option: number): string | null {
    return this.#get(option, NativeType.String) as string | null
  }

  protected setStringOption(option: number, value: string | Buffer | null): void {
    if (value !== null && typeof value !== "string" && !Buffer.isBuffer(value)) {
      throw new TypeError("Option value must be a string or buffer")
    }
    this.#set(option, NativeType.String, value)
  }

  #get(option: number, type: NativeType): OptionValue {
    this.#usable()
    return this.#native.getOption(option, type)
  }

  #set(option: number, type: NativeType, value: OptionValue): void {
    this.#usable()
    this.#native.setOption(option, type, value)
  }

  // ---- the I/O methods ------------------------------------------------------------------

  static {
    // send, receive, their batch forms, async iteration, join and leave exist on every socket
    // at run time (as in zeromq.js, where e.g. Pull#send fails in libzmq with ENOTSUP), but
    // are typed only where they apply: through the Readable and Writable interfaces of the
    // socket classes. So they are defined here, outside the class's declared type.
    const methods: Record<string | symbol, (this: Socket, ...args: never[]) => unknown> = {
      receive(this: Socket): Promise<Message[]> {
        return this.#receive()
      },
      receiveBatch(this: Socket, max?: number): Promise<Message[][]> {
        return this.#receiveBatch(max)
      },
      send(this: Socket, message: MessageLike | MessageLike[], options?: SendOptions): Promise<void> {
        return this.#send(message, options)
      },
      sendBatch(this: Socket, batch: readonly (MessageLike | MessageLike[])[]): Promise<void> {
        return this.#sendBatch(batch)
      },
      [Symbol.asyncIterator](this: Socket): AsyncIterator<Message[], undefined> {
        return { next: () => this.#next() }
      },
      join(this: Socket, group: string | Buffer): void {
        this.#usable()
        this.#native.join(group)
      },
      leave(this: Socket, group: string | Buffer): void {
        this.#usable()
        this.#native.leave(group)
      },
    }
    for (const key of Reflect.ownKeys(methods)) {
      Object.defineProperty(Socket.prototype, key, { value: methods[key], writable: true, configurable: true, enumerable: false })
    }
  }
}

export interface Socket extends SocketProperties {}

/** The native object of a socket, for Observer and Proxy. */
export function nativeSocket(socket: Socket): NativeSocket {
  return nativeOf(socket)
}
