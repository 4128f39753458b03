/**
 * Socket: the base class of every socket type, and the JS half of the I/O path.
 *
 * How a message moves (docs/performance.md has the measurements behind each step):
 * - receive(), the async iterator and receiveBatch() take messages from the current receive
 *   batch: one native call returns up to a batch of whole messages, their small frames copied
 *   back to back into one ArrayBuffer (a Buffer when large) that is sliced here into Buffer
 *   views, and large frames (and Dish groups) as Buffers of their own beside it. Only when it is used up does the addon drain libzmq again, and only on demand.
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
import { arity, errnoError, isObject, messages, napiClass, optionId } from "./errors.js"
import { NativeType, native, type NativeBatch, type NativeSocket, type OptionValue } from "./native.js"
import { Observer, setObserverTarget } from "./observer.js"
import { applyOptions, lockMethods, zmqConstant } from "./options.js"
import type { SocketProperties } from "./options.generated.js"

/** A received frame: what the arrays `receive()` resolves with are made of. */
export type Message = Buffer
/**
 * What `send()` accepts as a frame: bytes (any ArrayBufferView, an ArrayBuffer or
 * a SharedArrayBuffer), a string (sent as UTF-8), a number (sent as its decimal text) or `null`
 * (an empty frame).
 */
export type MessageLike = ArrayBufferView | ArrayBuffer | SharedArrayBuffer | string | number | null

const POLLIN = zmqConstant("ZMQ_POLLIN")
const POLLOUT = zmqConstant("ZMQ_POLLOUT")
const EVENTS = zmqConstant("ZMQ_EVENTS")
const RCVTIMEO = zmqConstant("ZMQ_RCVTIMEO")
const SNDTIMEO = zmqConstant("ZMQ_SNDTIMEO")
const RCVHWM = zmqConstant("ZMQ_RCVHWM")
const SERVER = zmqConstant("ZMQ_SERVER")
const DISH = zmqConstant("ZMQ_DISH")
const REQ = zmqConstant("ZMQ_REQ")
const REP = zmqConstant("ZMQ_REP")
const RADIO = zmqConstant("ZMQ_RADIO")
const PAIR = zmqConstant("ZMQ_PAIR")
const ROUTER = zmqConstant("ZMQ_ROUTER")
/** Routing ids a Router remembers having sent to; past this many it starts over. */
const ROUTED = 4096

/** A Router message's routing id (its first frame) as a key, if it is a string or bytes. */
function routingKey(message: unknown): string | undefined {
  const id: unknown = Array.isArray(message) ? message[0] : undefined
  if (typeof id === "string") return "s" + id
  if (ArrayBuffer.isView(id)) return "b" + Buffer.from(id.buffer, id.byteOffset, id.byteLength).toString("latin1")
  return undefined
}

/** Receive read-ahead: messages and copied bytes per native call (docs/performance.md). */
const BATCH_MESSAGES = 1024
const BATCH_BYTES = 1 << 20
/** The most messages of one sendBatch(): more is ENOMEM, before anything is read (2^26, a
 *  dense array of them is half a GiB; a message may have 2^24 frames, native/message.h). */
const MAX_BATCH = 2 ** 26
/** Operations completed without a trip through the event loop before yielding to it. */
const SYNC_BUDGET = 512

/*
 * The receive batch (native/message.h, which owns the layout; decoded only here): uint32 words
 * [frame count (its top bit: kBatchDrained), then per frame: size, flags, aux], then the copied frames'
 * bytes. Frames flagged FRAME_EXTERNAL and Dish groups (FRAME_GROUP) come as Buffers after it.
 */
const BATCH_COUNT = 0x7fffffff
const FRAME_WORDS = 3
const FRAME_SIZE = 0
const FRAME_FLAGS = 1
const FRAME_AUX = 2 // Server: the routing id
const FRAME_MORE = 1
const FRAME_EXTERNAL = 2
const FRAME_GROUP = 4
/** Where the copied bytes of a batch of `frames` frames begin. */
const firstByte = (frames: number): number => Uint32Array.BYTES_PER_ELEMENT * (1 + FRAME_WORDS * frames)

/**
 * Frames are views of the batch's memory. Node's own Buffer class behind `Buffer[Symbol.species]`
 * makes them directly (about 20 ns); subarray() would look the species up for every frame
 * (about 50 ns). Other runtimes fall back to subarray().
 */
const FastBuffer = (
  Buffer as unknown as { [Symbol.species]: new (buffer: ArrayBufferLike, offset: number, length: number) => Buffer }
)[Symbol.species]
const view: (memory: ArrayBuffer, offset: number, length: number) => Buffer =
  typeof FastBuffer === "function" && Buffer.isBuffer(new FastBuffer(new ArrayBuffer(1), 0, 1))
    ? (memory, offset, length) => new FastBuffer(memory, offset, length)
    : (memory, offset, length) => Buffer.from(memory, offset, length)

/**
 * sendBatch() copies runs of small one-frame messages (Uint8Arrays, Buffers included) back to
 * back into one scratch allocation, so the addon reads two TypedArrays per run instead of
 * looking up every message (napi_get_element is a generic property lookup, a quarter of the JS
 * thread's time for 16 B messages). Copying stops paying above a few hundred bytes a frame;
 * larger frames, strings and multipart messages take the generic path. The scratch is reused:
 * the addon has handed every packed message to libzmq (which copies) before it returns.
 */
const PACK_FRAME_MAX = 512
const PACK_MESSAGES = 1024
const packBytes = new Uint8Array(PACK_FRAME_MAX * 64)
const packEnds = new Uint32Array(PACK_MESSAGES)

/** pack() is filling the scratch: a getter of a batch element may send another batch. */
let packing = false

/** Packs batch[start..] while its messages are small Uint8Arrays and fit; returns how many.
 *  Re-entered (from a getter of an element), it packs nothing: the inner batch takes the
 *  generic path and the outer one's bytes stay where they are. */
function pack(batch: readonly unknown[], start: number): number {
  if (packing) return 0
  packing = true
  try {
    return packRun(batch, start)
  } finally {
    packing = false
  }
}

function packRun(batch: readonly unknown[], start: number): number {
  const limit = Math.min(batch.length, start + PACK_MESSAGES)
  let end = 0
  let count = 0
  for (let i = start; i < limit; i++) {
    const message = batch[i]
    if (!(message instanceof Uint8Array)) break
    // `length` (bytes, for a Uint8Array) rather than `byteLength`: V8 inlines the first, not the
    // second (3 ns against 15 per message); and set() beats a byte loop even at 16 B.
    const size = message.length
    if (size > PACK_FRAME_MAX || end + size > packBytes.length) break
    packBytes.set(message, end)
    end += size
    packEnds[count++] = end
  }
  return count
}

/** Whether pack() would take this message. */
function packable(message: unknown): boolean {
  return message instanceof Uint8Array && message.length <= PACK_FRAME_MAX
}

/**
 * Sockets whose endpoints are all inproc:// and that wait for a message. A message sent over
 * inproc is in the peer's pipe as soon as send() returns, so when the peer lives on this thread
 * waiting for the event loop to report it (an epoll round trip and a callback) is pure delay.
 * After a local socket sends, these waiters are given one look at their pipe in a microtask.
 * The look is a non-blocking receive; if the peer is elsewhere it simply finds nothing.
 */
interface LocalWaiter {
  /** The local send count when it started waiting: only later sends can have fed it. */
  since: number
  poke(): void
}
const localWaiters = new Set<LocalWaiter>()
let localSends = 0
let localCheckQueued = false

function checkLocalWaiters(): void {
  localCheckQueued = false
  // A waiter that still finds nothing re-registers itself: take the current ones out first.
  const waiters = [...localWaiters].filter(waiter => waiter.since < localSends)
  for (const waiter of waiters) localWaiters.delete(waiter)
  for (const waiter of waiters) waiter.poke()
}

function afterLocalSend(): void {
  localSends++
  if (localWaiters.size > 0 && !localCheckQueued) {
    localCheckQueued = true
    queueMicrotask(checkLocalWaiters)
  }
}

const resolved: Promise<void> = Promise.resolve()
const noMemory = new ArrayBuffer(0)

/** Options that libzmq applies at once even on a bound or connected socket (zeromq.js's list). */
const immediateOptions = new Set(
  [
    "ZMQ_SUBSCRIBE",
    "ZMQ_UNSUBSCRIBE",
    "ZMQ_LINGER",
    "ZMQ_ROUTER_MANDATORY",
    "ZMQ_PROBE_ROUTER",
    "ZMQ_XPUB_VERBOSE",
    "ZMQ_REQ_CORRELATE",
    "ZMQ_REQ_RELAXED",
    "ZMQ_ROUTER_HANDOVER",
    "ZMQ_XPUB_VERBOSER",
    "ZMQ_SNDHWM",
    "ZMQ_RCVHWM",
    "ZMQ_SNDTIMEO",
    "ZMQ_RCVTIMEO",
  ].map(zmqConstant),
)

const done: IteratorReturnResult<undefined> = Object.freeze({ done: true }) as IteratorReturnResult<undefined>

interface Pending<T> {
  resolve(value: T): void
  reject(error: unknown): void
  timer: NodeJS.Timeout | undefined
  /** The libzmq error of the last attempt, if it failed while the direction was not ready:
   *  what a timeout or close rejects with instead of EAGAIN (see #waitsInstead). */
  error: unknown
  /** An attempt failed although the direction was ready: one retry is allowed. */
  retried?: boolean
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

/**
 * Server and Radio: send()'s options checked as zeromq.js checks them (synchronously), and
 * reduced to what the addon takes: a routing id as libzmq's uint32 (never 0, which libzmq
 * refuses), a group as a string or Buffer.
 */
function address(shape: number, options: SendOptions): SendOptions {
  if (shape === SERVER) {
    const routingId: unknown = options.routingId
    if (routingId === undefined) throw errnoError("EINVAL", messages.invalid)
    if (typeof routingId !== "number") throw new TypeError("A number was expected")
    if (routingId >>> 0 === 0) throw errnoError("EINVAL", messages.invalid)
    return { routingId: routingId >>> 0 }
  }
  const group: unknown = options.group
  if (group === undefined) throw errnoError("EINVAL", messages.invalid)
  if (typeof group === "string" || Buffer.isBuffer(group)) return { group }
  // zeromq.js takes the bytes of any TypedArray, and fails on a DataView with a plain Error.
  if (group instanceof DataView) throw new Error(messages.invalid)
  if (ArrayBuffer.isView(group)) return { group: Buffer.from(group.buffer, group.byteOffset, group.byteLength) }
  throw new TypeError("Value must be a string or buffer")
}

/**
 * Server and Radio batches: each entry is the argument list of send(), [message, options].
 * The messages go to the addon as an array of their own, and their addresses (routing ids or
 * groups) beside it, entry for entry, found through the messages array.
 */
const addressesOf = new WeakMap<readonly unknown[], Uint32Array | (string | Buffer)[]>()

function addressed(shape: number, batch: readonly unknown[]): unknown[] {
  const length = batch.length
  const messages = new Array<unknown>(length)
  const routingIds = shape === SERVER ? new Uint32Array(length) : undefined
  const groups = shape === SERVER ? undefined : new Array<string | Buffer>(length)
  for (let i = 0; i < length; i++) {
    const entry: unknown = batch[i]
    const args: readonly unknown[] = Array.isArray(entry) ? entry : [entry]
    const [message, options] = args
    if (args.length === 0 || message === undefined) throw new TypeError("Message must be present")
    if (!isObject(options)) throw new TypeError("Options must be an object")
    arity(args.length, 2)
    const checked = address(shape, options as SendOptions)
    messages[i] = message
    if (routingIds !== undefined) routingIds[i] = checked.routingId as number
    else (groups as (string | Buffer)[])[i] = checked.group as string | Buffer
  }
  addressesOf.set(messages, routingIds ?? (groups as (string | Buffer)[]))
  return messages
}

type ReceiveShape = number

/**
 * Whether `error` is a libzmq error (the addon's errno errors), not a value that converting a
 * message raised: a TypeError, or whatever a toString() or getter threw. Only a libzmq error may
 * make an operation wait or be tried again; the others are thrown, once, as zeromq.js does.
 */
function fromLibzmq(error: unknown): boolean {
  return isObject(error) && !(error instanceof TypeError) && typeof (error as { errno?: unknown }).errno === "number"
}

/**
 * Whether a failed first attempt throws at once instead of rejecting: a value that could not be
 * converted, and EBUSY, which the addon answers for a send started from inside another send's
 * conversion (a toString() or getter of its message) and which, pending, would be lost when the
 * outer send goes pending in its place.
 */
function throwsAtOnce(error: unknown): boolean {
  return !fromLibzmq(error) || (error as { code?: unknown }).code === "EBUSY"
}

/** Sets a batch error's `sent`, if the error is an object that takes it. */
function setSent(error: unknown, sent: number): void {
  if (!isObject(error)) return
  try {
    ;(error as { sent?: number }).sent = sent
  } catch {
    // A frozen object or a Proxy that refuses: the error stays as it was thrown.
  }
}

let nativeOf: (socket: Socket) => NativeSocket
let blockOf: (socket: Socket, delta: 1 | -1) => void
let trySendOf: (socket: Socket, message: unknown) => boolean
let tryReceiveOf: (socket: Socket) => Message[] | undefined

// Exported as napiClass(Socket) (see the end of this file).
class Socket {
  #native: NativeSocket
  #context: Context
  #observer: Observer | undefined
  #closed = false
  /** Binds, unbinds and proxies using the socket on another thread (see #unblock). */
  #blocked = 0
  /** How many of #blocked are a running Proxy's (it lends the socket to its thread). */
  #proxied = 0
  /** close() was called while blocked: it takes effect when the last blocker ends. */
  #closeRequested = false
  #budget = SYNC_BUDGET
  #yielding = false
  #armed = false
  #shape: ReceiveShape
  #receiving: PendingReceive | undefined = undefined
  #sending: PendingSend | undefined = undefined

  /* The current receive batch (see native/message.h for its layout). */
  /** The batch's ArrayBuffer and where the batch starts in it (`buffer` is a slow getter, so
   *  it is read once per batch, not per frame). Dropped once the batch is used up. */
  #rxMemory: ArrayBuffer = noMemory
  #rxBase = 0
  #rxWords: Uint32Array = new Uint32Array(0)
  #rxCount = 0
  #rxNext = 0
  #rxOffset = 0
  #rxExtras: Buffer[] | undefined = undefined
  #rxExtra = 0
  #rxLimit = 0
  /** The last native receive ended with libzmq saying EAGAIN: until the event loop reports
   *  readiness, asking again would only cost syscalls. */
  #rxDrained = false
  #rcvtimeo: number | undefined = undefined
  #sndtimeo: number | undefined = undefined
  /** Successful binds and connects: options set afterwards draw zeromq.js's warning. */
  #endpoints = 0
  /** Every endpoint is inproc:// (undefined: none yet). */
  #local: boolean | undefined = undefined
  /** REQ or REP: a receive follows a send of this socket's own (see #defers). */
  #lockstep: boolean
  /** A deferred receive attempt is queued (see #defer). */
  #deferQueued = false
  /** A first send attempt is running (see #attempt). */
  #attempting = false
  /** Router: the routing ids send() has delivered to (see #waitsInstead), at most ROUTED. */
  #routed: Set<string> | undefined

  static {
    nativeOf = socket => socket.#native
    blockOf = (socket, delta) => {
      socket.#proxied += delta
      if (delta > 0) socket.#blocked++
      else socket.#unblock()
    }
    trySendOf = (socket, message) => socket.#trySend(message)
    tryReceiveOf = socket => socket.#tryReceive()
    setObserverTarget(socket => {
      if (!(#native in socket)) throw new Error("Invalid argument")
      if (socket.#closed) throw errnoError("ENOTSOCK", messages.notSocket)
      return {
        native: socket.#native,
        closed: () => socket.#closed,
        touched: () => socket.#recheckSoon(),
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
    })
  }

  #onReady = (): void => {
    this.#budget = SYNC_BUDGET
    this.#rxDrained = false
    this.#service()
  }

  #localWaiter: LocalWaiter = {
    since: 0,
    poke: (): void => {
      this.#rxDrained = false
      this.#service()
    },
  }

  #resume = (): void => {
    this.#yielding = false
    this.#budget = SYNC_BUDGET
    this.#rxDrained = false
    this.#service()
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
    this.#native = new native.Socket(nativeContext(context as Context), type, this.#onReady)
    this.#shape = type === SERVER || type === DISH || type === RADIO ? type : 0
    this.#lockstep = type === REQ || type === REP
    this.#routed = type === ROUTER ? new Set() : undefined
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
    if (this.#closed) throw errnoError("ENOTSOCK", messages.notSocket)
    return (this.#observer ??= new Observer(this))
  }

  /** The {@link Context} this socket belongs to; undefined once it is closed (as in zeromq.js). */
  get context(): Context {
    return (this.#closed ? undefined : this.#context) as Context
  }

  /** Whether the socket is closed, by {@link close}() or because its Proxy ended. */
  get closed(): boolean {
    return this.#closed
  }

  /**
   * Whether a message is there to be received now: if true, the next `receive()`
   * resolves at once. Always false for a socket that cannot receive, and once it is closed.
   */
  get readable(): boolean {
    if (this.#closed) return false
    this.#settle()
    if (this.#rxNext < this.#rxCount) return true
    this.#recheckSoon()
    return ((this.#native.getOption(EVENTS, NativeType.Int32) as number) & POLLIN) !== 0
  }

  /**
   * Whether a message can be queued now: if true, the next `send()` resolves at
   * once. Always false for a socket that cannot send, and once it is closed.
   */
  get writable(): boolean {
    if (this.#closed) return false
    this.#settle()
    this.#recheckSoon()
    return ((this.#native.getOption(EVENTS, NativeType.Int32) as number) & POLLOUT) !== 0
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
    // zeromq.js validates the argument types first, then their number.
    if (typeof address !== "string") throw new TypeError("Address must be a string")
    arity(arguments.length, 1)
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
    // zeromq.js validates the argument types first, then their number.
    if (typeof address !== "string") throw new TypeError("Address must be a string")
    arity(arguments.length, 1)
    return this.#endpoint(address, false)
  }

  #endpoint(address: string, bind: boolean): Promise<void> {
    this.#sync(address)
    let operation: Promise<void>
    try {
      operation = bind ? this.#native.bind(address) : this.#native.unbind(address)
    } catch (error) {
      return Promise.reject(error)
    }
    if (bind) this.#endpointKind(address)
    this.#blocked++
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

  /**
   * A bind, unbind or proxy ended. As in zeromq.js, a close() requested meanwhile happens now,
   * before the operation settles (its pending receive and send settle first).
   */
  #unblock(): void {
    if (--this.#blocked > 0) return
    if (this.#closeRequested) this.close()
    else this.#service()
  }

  /**
   * Endpoints made minus endpoints removed, as zeromq.js counts them for its warning that an
   * option set now applies only to later connections (it counts failed binds and unbinds too;
   * this counts what libzmq did: docs/compatibility.md).
   */
  #countEndpoint(delta: 1 | -1): void {
    this.#endpoints = Math.max(0, this.#endpoints + delta)
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
    // zeromq.js validates the argument types first, then their number.
    if (typeof address !== "string") throw new TypeError("Address must be a string")
    arity(arguments.length, 1)
    this.#sync(address)
    this.#endpointKind(address)
    this.#native.bindSync(address)
    this.#countEndpoint(1)
    this.#afterEndpointChange()
  }

  /**
   * Unbinds the socket from an endpoint as {@link unbind}() does, but synchronously, throwing
   * what unbind() rejects with. (zeromq.js 6.8.0's unbindSync() binds instead: a bug this
   * package does not copy; docs/compatibility.md.)
   *
   * @param address The endpoint to unbind.
   */
  unbindSync(address: string): void {
    // zeromq.js validates the argument types first, then their number.
    if (typeof address !== "string") throw new TypeError("Address must be a string")
    arity(arguments.length, 1)
    this.#sync(address)
    this.#native.unbindSync(address)
    this.#countEndpoint(-1)
    this.#afterEndpointChange()
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
    // zeromq.js validates the argument types first, then their number.
    if (typeof address !== "string") throw new TypeError("Address must be a string")
    arity(arguments.length, 1)
    this.#sync(address)
    this.#endpointKind(address)
    this.#native.connect(address)
    this.#countEndpoint(1)
    this.#afterEndpointChange()
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
    // zeromq.js validates the argument types first, then their number.
    if (typeof address !== "string") throw new TypeError("Address must be a string")
    arity(arguments.length, 1)
    this.#sync(address)
    this.#native.disconnect(address)
    this.#countEndpoint(-1)
    this.#afterEndpointChange()
  }

  /**
   * A pending operation may have become possible: an inproc connect attaches its pipe at once,
   * and libzmq processed that inside the call, so ZMQ_FD will not report it. (zeromq.js leaves
   * such a send pending forever.)
   */
  #afterEndpointChange(): void {
    if (this.#receiving !== undefined || this.#sending !== undefined) {
      this.#rxDrained = false
      this.#service()
    }
  }

  /**
   * A libzmq call made outside #service (a send while a receive waits, an option, `readable`)
   * may have processed the very command that was to wake a waiting operation, and ZMQ_FD is
   * edge-triggered: it will not report it again. So the waiting operations look again on the
   * next turn of the event loop (once per turn, however many calls were made).
   */
  #recheckSoon(): void {
    if ((this.#receiving !== undefined || this.#sending !== undefined) && !this.#yielding) {
      this.#yielding = true
      setImmediate(this.#resume)
    }
  }

  /** Tracks whether every endpoint of this socket is inproc:// (see localWaiters). */
  #endpointKind(address: string): void {
    if (this.#local !== false) this.#local = address.startsWith("inproc://")
  }

  #sync(address: string): void {
    if (typeof address !== "string") throw new TypeError("Address must be a string")
    this.#usable()
  }

  /** Throws what zeromq.js throws for a closed socket or one with a bind/unbind running. */
  #usable(): void {
    if (this.#closed) throw errnoError("EBADF", messages.closed)
    if (this.#blocked > 0) throw errnoError("EBUSY", this.#proxied > 0 ? messages.proxied : messages.blocked)
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
    if (this.#closed) return
    if (this.#blocked > 0) {
      this.#closeRequested = true
      return
    }
    // The last attempt (which also makes a deferred receive look, see #defer).
    if (this.#receiving !== undefined || this.#sending !== undefined) {
      this.#rxDrained = false
      this.#service()
    }
    this.#closed = true
    this.#armed = false
    localWaiters.delete(this.#localWaiter)
    this.#native.close()
    this.#rxMemory = noMemory
    this.#rxExtras = undefined
    this.#rxCount = this.#rxNext = 0
    const receiving = this.#receiving
    const sending = this.#sending
    this.#receiving = this.#sending = undefined
    if (receiving !== undefined) {
      clearTimeout(receiving.timer)
      receiving.reject(this.#timeoutError(receiving as Pending<never>))
    }
    if (sending !== undefined) {
      clearTimeout(sending.timer)
      sending.reject(this.#timeoutError(sending as Pending<never>))
    }
  }

  // ---- receive --------------------------------------------------------------------------

  /**
   * Resolves with the next message: an array of its frames. Rejects with EAGAIN after
   * receiveTimeout, or when the socket is closed meanwhile. Only one receive may be pending:
   * a second one throws EBUSY.
   */
  #receive(): Promise<Message[]> {
    this.#usable()
    if (this.#receiving !== undefined) throw errnoError("EBUSY", messages.busyReading)
    if (this.#sending !== undefined) this.#recheckSoon()
    if (this.#defers()) return this.#pendingReceive(0, undefined, true) as Promise<Message[]>
    let message: Message[] | undefined
    try {
      message = this.#take()
    } catch (error) {
      return this.#receiveFailed(error, 0) as Promise<Message[]>
    }
    if (message !== undefined) return this.#complete(message)
    return this.#pendingReceive(0, undefined) as Promise<Message[]>
  }

  /**
   * Resolves, as soon as at least one message is ready, with up to `max` messages (default and
   * limit: one batch). The batch counterpart of receive(), sharing its EBUSY and timeout rules.
   */
  #receiveBatch(max: number = BATCH_MESSAGES): Promise<Message[][]> {
    this.#usable()
    if (this.#receiving !== undefined) throw errnoError("EBUSY", messages.busyReading)
    if (this.#sending !== undefined) this.#recheckSoon()
    max = Math.min(Math.floor(max), BATCH_MESSAGES)
    if (this.#defers()) return this.#pendingReceive(max, undefined, true) as Promise<Message[][]>
    let batch: Message[][]
    try {
      batch = this.#takeMany(max)
    } catch (error) {
      return this.#receiveFailed(error, max) as Promise<Message[][]>
    }
    if (batch.length > 0) return this.#complete(batch)
    return this.#pendingReceive(max, undefined) as Promise<Message[][]>
  }

  #receiveFailed(error: unknown, batch: number): Promise<unknown> {
    if (this.#waitsInstead(error, POLLIN)) return this.#pendingReceive(batch, error)
    // Ready after all: the ZMQ_EVENTS query processed libzmq's pending commands, which can make
    // the receive possible. Try once more, as zeromq.js (which queries first) would now.
    let value: unknown
    try {
      value = batch === 0 ? this.#take() : this.#takeMany(batch)
    } catch (again) {
      return Promise.reject(again)
    }
    if (value !== undefined && (batch === 0 || (value as Message[][]).length > 0)) return this.#complete(value)
    return this.#pendingReceive(batch, undefined)
  }

  /**
   * Resolves with `value` now, or, once the budget of synchronous completions is spent, on the
   * next turn of the event loop (the work is done either way; only the caller waits).
   */
  #complete<T>(value: T): Promise<T> {
    if (--this.#budget > 0) return Promise.resolve(value)
    return new Promise(resolve => setImmediate(this.#restore, resolve, value))
  }

  #restore = <T>(resolve: (value: T) => void, value: T): void => {
    this.#budget = SYNC_BUDGET
    resolve(value)
  }

  /**
   * zeromq.js attempts a send or receive only once ZMQ_EVENTS reports its direction ready, so a
   * libzmq error (EFSM from a REQ out of turn, ENOTSUP from a PULL asked to send, EHOSTUNREACH
   * from a ROUTER whose peer is not connected yet) only surfaces when the direction was ready;
   * otherwise the operation waits, and a timeout or close rejects it with that error. Checked
   * only after a failure, so the fast path costs no ZMQ_EVENTS query.
   */
  #waitsInstead(error: unknown, direction: number, message?: unknown): boolean {
    if (this.#closed || !fromLibzmq(error)) return false
    // A mandatory Router with no peer at all is not writable, so a send waits for one to connect
    // (as in zeromq.js, and ROUTER-ROUTER relies on it). But a send to a peer this socket has
    // sent to before is one to a peer that went away: waiting would never end without a timeout
    // (zeromq.js rejects that send only while its stale ZMQ_EVENTS still says writable).
    if ((error as { code?: unknown }).code === "EHOSTUNREACH" && this.#routedTo(message)) return false
    return ((this.#native.getOption(EVENTS, NativeType.Int32) as number) & direction) === 0
  }

  #next(): Promise<IteratorResult<Message[], undefined>> {
    if (this.#closed) return Promise.resolve(done)
    if (this.#receiving === undefined && this.#budget > 1 && this.#blocked === 0 && !this.#defers()) {
      let message: Message[] | undefined
      try {
        message = this.#take()
      } catch {
        message = undefined // receive() below meets the error again and handles it
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

  #pendingReceive(batch: number, error: unknown, deferred = false): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const pending: PendingReceive = { resolve, reject, timer: undefined, batch, error }
      this.#receiving = pending
      this.#wait(
        pending,
        RCVTIMEO,
        () => {
          if (this.#receiving === pending) this.#receiving = undefined
        },
        deferred,
      )
    })
  }

  /**
   * Whether a receive should wait a moment before looking into libzmq. A REQ or REP socket
   * receives right after its own send, before its peer can have answered. Looking then finds
   * the pipe empty, and an empty look puts libzmq's pipe to sleep: the answer must then wake it
   * with a command through the socket's mailbox (an eventfd write, and a poll, a read and a
   * poll to take it: five syscalls a hop). If the peer lives on this thread and is local too,
   * its send pokes this socket (see localWaiters) and the answer is read from a pipe that never
   * slept, without a syscall. So the look is deferred until a local send or until the current
   * microtasks are done (process.nextTick), whichever is first; then it is the usual one.
   * Only while the last receive ended without EAGAIN, i.e. the pipe is awake.
   */
  #defers(): boolean {
    return this.#lockstep && this.#local === true && !this.#rxDrained && this.#rxNext >= this.#rxCount
  }

  /** Router: remembers the peer a message was delivered to. */
  #route(message: unknown): void {
    const key = routingKey(message)
    if (key === undefined) return
    const routed = this.#routed as Set<string>
    if (routed.size >= ROUTED && !routed.has(key)) routed.clear()
    routed.add(key)
  }

  /** Router: whether a message was delivered to this message's peer before. */
  #routedTo(message: unknown): boolean {
    const key = this.#routed === undefined ? undefined : routingKey(message)
    return key !== undefined && (this.#routed as Set<string>).has(key)
  }

  #defer(): void {
    if (!localWaiters.has(this.#localWaiter)) {
      this.#localWaiter.since = localSends
      localWaiters.add(this.#localWaiter)
    }
    if (!this.#deferQueued) {
      this.#deferQueued = true
      process.nextTick(this.#deferred)
    }
  }

  #deferred = (): void => {
    this.#deferQueued = false
    if (this.#receiving !== undefined) this.#service()
  }

  /** Makes a deferred receive look now: before anything that would show it has not yet. */
  #settle(): void {
    if (this.#deferQueued && this.#receiving !== undefined) this.#service()
  }

  /** See tryReceive(): a look into libzmq now, even while a receive() waits (it takes the next). */
  #tryReceive(): Message[] | undefined {
    this.#usable()
    if (this.#rxNext >= this.#rxCount) this.#rxDrained = false
    const message = this.#take()
    if (this.#receiving !== undefined) this.#recheckSoon()
    return message
  }

  /** The next whole message of the current batch, draining libzmq for a new batch if needed. */
  #take(): Message[] | undefined {
    if (this.#rxNext >= this.#rxCount && (this.#rxDrained || !this.#load(this.#batchLimit()))) return undefined
    const i = this.#rxNext
    const base = 1 + FRAME_WORDS * i
    // The common case, one copied frame, without a loop or a growing array.
    if (this.#rxWords[base + FRAME_FLAGS] === 0 && this.#shape === 0) {
      const start = this.#rxOffset
      const end = start + this.#rxWords[base + FRAME_SIZE]
      const frame = view(this.#rxMemory, this.#rxBase + start, end - start)
      this.#rxOffset = end
      if ((this.#rxNext = i + 1) >= this.#rxCount) this.#drop()
      return [frame]
    }
    return this.#takeFrames()
  }

  /** Lets a used-up batch be collected (its frames keep what they view alive themselves). */
  #drop(): void {
    this.#rxMemory = noMemory
    this.#rxExtras = undefined
  }

  /** #take() for multipart messages, external frames and draft sockets. */
  #takeFrames(): Message[] {
    const words = this.#rxWords
    const message: Message[] = []
    let i = this.#rxNext
    let routingId = 0
    let group: Buffer | undefined
    for (;;) {
      const base = 1 + FRAME_WORDS * i++
      const size = words[base + FRAME_SIZE]
      const flags = words[base + FRAME_FLAGS]
      if ((flags & FRAME_GROUP) !== 0) group = (this.#rxExtras as Buffer[])[this.#rxExtra++]
      if ((flags & FRAME_EXTERNAL) !== 0) {
        message.push((this.#rxExtras as Buffer[])[this.#rxExtra++])
      } else {
        const start = this.#rxOffset
        this.#rxOffset = start + size
        message.push(view(this.#rxMemory, this.#rxBase + start, size))
      }
      routingId = words[base + FRAME_AUX]
      if ((flags & FRAME_MORE) === 0) break
    }
    this.#rxNext = i
    if (i >= this.#rxCount) this.#drop()
    if (this.#shape !== SERVER && this.#shape !== DISH) return message
    // Draft sockets: zeromq.js appends the routing id (Server) or group (Dish).
    return [message[0], (this.#shape === SERVER ? { routingId } : { group }) as unknown as Message]
  }

  #takeMany(max: number): Message[][] {
    const messages: Message[][] = []
    if (this.#rxNext >= this.#rxCount && (this.#rxDrained || !this.#load(max))) return messages
    while (messages.length < max && this.#rxNext < this.#rxCount) messages.push(this.#take() as Message[])
    return messages
  }

  /** Drains up to `limit` messages from libzmq into a new batch; false if none was ready. */
  #load(limit: number): boolean {
    const batch: NativeBatch | undefined = this.#native.receive(limit, BATCH_BYTES)
    if (batch === undefined) {
      this.#rxDrained = true
      return false
    }
    let data: ArrayBuffer | Buffer
    if (Array.isArray(batch)) {
      data = batch[0]
      this.#rxExtras = batch as Buffer[]
      this.#rxExtra = 1
    } else {
      data = batch
      this.#rxExtras = undefined
    }
    // Small batches come as a plain ArrayBuffer, large ones as a Buffer (native/message.h).
    let words: Uint32Array
    if (data instanceof ArrayBuffer) {
      words = new Uint32Array(data, 0, data.byteLength >>> 2)
      this.#rxMemory = data
      this.#rxBase = 0
    } else {
      words = new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2)
      this.#rxMemory = data.buffer as ArrayBuffer
      this.#rxBase = data.byteOffset
    }
    const count = words[0] & BATCH_COUNT
    this.#rxWords = words
    this.#rxCount = count
    this.#rxNext = 0
    this.#rxOffset = firstByte(count)
    this.#rxDrained = words[0] !== count
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
    return this.#attempt(() => this.#sendFirst(message, options))
  }

  /**
   * A first send attempt runs JS of the message (getters of its options and elements, its
   * toString()s) before and while the addon converts it. A send started from there would go
   * pending in #sending and be replaced by the outer one, never to settle: it throws EBUSY, as a
   * second send does while one is pending.
   */
  #attempt<T>(body: () => T): T {
    if (this.#attempting) throw errnoError("EBUSY", messages.busyWriting)
    this.#attempting = true
    try {
      return body()
    } finally {
      this.#attempting = false
    }
  }

  #sendFirst(message: MessageLike | MessageLike[], options?: SendOptions): Promise<void> {
    this.#usable()
    if (this.#sending !== undefined) throw errnoError("EBUSY", messages.busyWriting)
    if (options !== undefined) options = address(this.#shape, options)
    const routingId = options?.routingId
    const group = options?.group
    let sent: boolean
    if (this.#receiving !== undefined) this.#recheckSoon()
    try {
      sent = options === undefined ? this.#native.send(message) : this.#native.send(message, routingId, group)
    } catch (error) {
      // A value that cannot be converted throws at once, as in zeromq.js; libzmq errors reject.
      if (throwsAtOnce(error)) throw error
      if (this.#waitsInstead(error, POLLOUT, message))
        return this.#pendingSend(message, routingId, group, undefined, 0, error)
      // Ready after all: the ZMQ_EVENTS query processed libzmq's pending commands (a ROUTER
      // peer's pipe may have been attached just now). Try once more, as zeromq.js would now.
      try {
        sent = options === undefined ? this.#native.send(message) : this.#native.send(message, routingId, group)
      } catch (again) {
        return Promise.reject(again)
      }
    }
    if (!sent) return this.#pendingSend(message, routingId, group, undefined, 0, undefined)
    if (this.#routed !== undefined) this.#route(message)
    if (this.#local) afterLocalSend()
    if (--this.#budget > 0) return resolved
    return new Promise(resolve => setImmediate(this.#restore, resolve, undefined))
  }

  /** See trySend(): the first attempt of #send() without the pending send. */
  #trySend(message: unknown): boolean {
    return this.#attempt(() => this.#trySendFirst(message))
  }

  #trySendFirst(message: unknown): boolean {
    this.#usable()
    if (this.#sending !== undefined) return false
    if (this.#receiving !== undefined) this.#recheckSoon()
    let sent: boolean
    try {
      sent = this.#native.send(message)
    } catch (error) {
      if (throwsAtOnce(error)) throw error
      if (this.#waitsInstead(error, POLLOUT, message)) return false
      // Ready after all (see #send): one more attempt.
      sent = this.#native.send(message)
    }
    if (sent && this.#local) afterLocalSend()
    return sent
  }

  /**
   * Queues many messages with as few native calls as possible and resolves once all are
   * queued. At the high water mark it waits (nothing is dropped or buffered here); sendTimeout
   * and close reject it like send(), with the number already queued as the error's `sent`.
   */
  #sendBatch(entries: readonly unknown[]): Promise<void> {
    return this.#attempt(() => this.#sendBatchFirst(entries))
  }

  #sendBatchFirst(entries: readonly unknown[]): Promise<void> {
    this.#usable()
    if (this.#sending !== undefined) throw errnoError("EBUSY", messages.busyWriting)
    const batch = this.#shape === SERVER || this.#shape === RADIO ? addressed(this.#shape, entries) : entries
    let index: number
    if (this.#receiving !== undefined) this.#recheckSoon()
    try {
      index = this.#sendFrom(batch, 0)
    } catch (error) {
      if (throwsAtOnce(error)) throw error
      const sent = (error as { sent?: number }).sent ?? 0
      if (this.#local && sent > 0) afterLocalSend()
      if (this.#waitsInstead(error, POLLOUT))
        return this.#pendingSend(undefined, undefined, undefined, batch, sent, error)
      // Ready after all (see #send): go on from where it stopped.
      return this.#pendingSend(undefined, undefined, undefined, batch, sent, undefined)
    }
    if (this.#local && index > 0) afterLocalSend()
    if (index < batch.length) return this.#pendingSend(undefined, undefined, undefined, batch, index, undefined)
    if (--this.#budget > 0) return resolved
    return new Promise(resolve => setImmediate(this.#restore, resolve, undefined))
  }

  /**
   * Sends batch[start..] until libzmq says EAGAIN, packed runs and the rest each their own way;
   * returns how many were sent. An error carries `sent`, counted from `start`.
   */
  #sendFrom(batch: readonly unknown[], start: number): number {
    const length = batch.length
    let index = start
    try {
      if (this.#shape === SERVER || this.#shape === RADIO) {
        // Every message with its address: nothing to pack.
        index += this.#native.sendBatch(batch, index, length, addressesOf.get(batch))
        return index - start
      }
      while (index < length) {
        let count = pack(batch, index)
        let sent: number
        if (count > 0) {
          sent = this.#native.sendPacked(packBytes, packEnds, count)
        } else {
          count = 1
          while (index + count < length && !packable(batch[index + count])) count++
          sent = this.#native.sendBatch(batch, index, index + count)
        }
        index += sent
        if (sent < count) break
      }
    } catch (error) {
      if (isObject(error)) setSent(error, index - start + ((error as { sent?: number }).sent ?? 0))
      throw error
    }
    return index - start
  }

  #pendingSend(
    message: unknown,
    routingId: number | undefined,
    group: string | Buffer | undefined,
    batch: readonly unknown[] | undefined,
    index: number,
    error: unknown,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const pending: PendingSend = { resolve, reject, timer: undefined, message, routingId, group, batch, index, error }
      this.#sending = pending
      this.#wait(pending, SNDTIMEO, () => {
        if (this.#sending === pending) this.#sending = undefined
      })
    })
  }

  // ---- waiting --------------------------------------------------------------------------

  /** Makes `pending` wait: serviced now if possible, with its timeout from `option`. */
  #wait(pending: Pending<never>, option: number, clear: () => void, deferred = false): void {
    if (this.#closed) {
      // Closed from inside the attempt (a toString() or getter of the message called close()).
      clear()
      pending.reject(this.#timeoutError(pending))
      return
    }
    const timeout = this.#timeout(option)
    if (timeout === 0) {
      // Must answer now, budget or not.
      this.#expire(pending, clear)
      return
    }
    if (timeout > 0) pending.timer = setTimeout(() => this.#expire(pending, clear), timeout)
    if (deferred) this.#defer()
    else this.#service()
  }

  /**
   * The time of a pending operation is up. As in zeromq.js, whose timer triggers the operation,
   * it gets one last attempt from libzmq itself (a message that arrived in the same turn of the
   * event loop is taken); if that does not complete it, it rejects (#timeoutError).
   */
  #expire(pending: Pending<never>, clear: () => void): void {
    if (this.#receiving !== pending && this.#sending !== pending) return
    this.#rxDrained = false
    this.#service()
    if (this.#receiving === pending || this.#sending === pending) {
      clear()
      this.#service()
      pending.reject(this.#timeoutError(pending))
    }
  }

  /**
   * receiveTimeout/sendTimeout, read from libzmq once and then tracked by setInt32Option (every
   * way to set them goes through it), so that waiting costs no native call.
   */
  #timeout(option: number): number {
    if (option === RCVTIMEO) {
      if (this.#rcvtimeo === undefined) this.#rcvtimeo = this.#native.getOption(RCVTIMEO, NativeType.Int32) as number
      return this.#rcvtimeo
    }
    if (this.#sndtimeo === undefined) this.#sndtimeo = this.#native.getOption(SNDTIMEO, NativeType.Int32) as number
    return this.#sndtimeo
  }

  /** What a pending operation rejects with at its timeout or at close: the error of its last
   *  attempt if that failed (see #waitsInstead), else EAGAIN. */
  #timeoutError(pending: Pending<never>): unknown {
    const error = pending.error ?? errnoError("EAGAIN", messages.timeout)
    if ((pending as unknown as PendingSend).batch !== undefined)
      setSent(error, (pending as unknown as PendingSend).index)
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
          if (this.#waitsInstead(error, POLLIN)) {
            receiving.error = error
          } else if (!receiving.retried) {
            // Ready after all (see #receiveFailed): one more attempt, in the next round.
            receiving.retried = true
            continue
          } else {
            this.#receiving = undefined
            clearTimeout(receiving.timer)
            receiving.reject(error)
          }
        }
      }
      const sending = this.#sending
      if (sending !== undefined) {
        try {
          let complete: boolean
          if (sending.batch !== undefined) {
            sending.index += this.#sendFrom(sending.batch, sending.index)
            complete = sending.index === sending.batch.length
          } else {
            complete = this.#native.send(sending.message, sending.routingId, sending.group)
          }
          if (complete) {
            this.#sending = undefined
            clearTimeout(sending.timer)
            if (this.#routed !== undefined && sending.batch === undefined) this.#route(sending.message)
            this.#budget--
            if (this.#local) afterLocalSend()
            sending.resolve()
          }
        } catch (error) {
          if (sending.batch !== undefined && isObject(error)) sending.index += (error as { sent?: number }).sent ?? 0
          if (this.#waitsInstead(error, POLLOUT, sending.message)) {
            sending.error = error
          } else if (!sending.retried && fromLibzmq(error)) {
            // Ready after all (see #send): one more attempt, in the next round.
            sending.retried = true
            continue
          } else {
            this.#sending = undefined
            clearTimeout(sending.timer)
            if (sending.batch !== undefined) setSent(error, sending.index)
            sending.reject(error)
          }
        }
      }

      const want = (this.#receiving !== undefined ? POLLIN : 0) | (this.#sending !== undefined ? POLLOUT : 0)
      if (want === 0) {
        // Stop waiting now (two flag flips in the addon, no syscall). A setImmediate to do it
        // lazily cost more than it saved: a turn of the event loop with an extra epoll_pwait
        // and a native immediate for every REQ round trip (docs/performance.md).
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
        if (this.#local && this.#receiving !== undefined && !localWaiters.has(this.#localWaiter)) {
          this.#localWaiter.since = localSends
          localWaiters.add(this.#localWaiter)
        }
        return
      }
      this.#rxDrained = false
    }
  }

  // ---- options (zeromq.js's protected accessors; the option properties call them) --------

  /**
   * Reads a boolean libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getBoolOption(option: number): boolean {
    optionId(option)
    arity(arguments.length, 1)
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
    optionId(option)
    if (typeof value !== "boolean") throw new TypeError("Option value must be a boolean")
    arity(arguments.length, 2)
    this.#set(option, NativeType.Bool, value)
  }

  /**
   * Reads a 32-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getInt32Option(option: number): number {
    optionId(option)
    arity(arguments.length, 1)
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
    optionId(option)
    if (typeof value !== "number") throw new TypeError("Option value must be a number")
    arity(arguments.length, 2)
    if (option === RCVHWM) this.#rxLimit = 0
    this.#set(option, NativeType.Int32, value)
    // Forget the cached timeouts: libzmq may have rejected or truncated the value.
    if (option === RCVTIMEO) this.#rcvtimeo = undefined
    if (option === SNDTIMEO) this.#sndtimeo = undefined
  }

  /**
   * Reads a unsigned 32-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getUint32Option(option: number): number {
    optionId(option)
    arity(arguments.length, 1)
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
    optionId(option)
    if (typeof value !== "number") throw new TypeError("Option value must be a number")
    arity(arguments.length, 2)
    this.#set(option, NativeType.Uint32, value)
  }

  /**
   * Reads a 64-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getInt64Option(option: number): number {
    optionId(option)
    arity(arguments.length, 1)
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
    optionId(option)
    if (typeof value !== "number") throw new TypeError("Option value must be a number")
    arity(arguments.length, 2)
    this.#set(option, NativeType.Int64, value)
  }

  /**
   * Reads a unsigned 64-bit integer libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getUint64Option(option: number): number {
    optionId(option)
    arity(arguments.length, 1)
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
    optionId(option)
    if (typeof value !== "number") throw new TypeError("Option value must be a number")
    arity(arguments.length, 2)
    this.#set(option, NativeType.Uint64, value)
  }

  /**
   * Reads a string libzmq socket option by its number, for subclasses that define option
   * properties of their own (the option properties of the socket classes are made of these).
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getStringOption(option: number): string | null {
    optionId(option)
    arity(arguments.length, 1)
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
    optionId(option)
    if (value !== null && typeof value !== "string" && !ArrayBuffer.isView(value)) {
      throw new TypeError("Option value must be a string or buffer")
    }
    arity(arguments.length, 2)
    this.#set(option, NativeType.String, value)
  }

  /* Options stay usable during a bind or unbind (the addon serialises them with it), and fail
     with ENOTSOCK once closed, as zeromq.js's do. */
  #get(option: number, type: NativeType): OptionValue {
    if (this.#closed) throw errnoError("ENOTSOCK", messages.notSocket)
    this.#recheckSoon()
    return this.#native.getOption(option, type)
  }

  #set(option: number, type: NativeType, value: OptionValue): void {
    // zeromq.js's warnings, in its order, and before it finds the socket closed.
    if ((this.#closed || this.#endpoints > 0 || this.#blocked > 0) && !immediateOptions.has(option)) {
      process.emitWarning("Socket option will not take effect until next connect/bind.")
    }
    if (type === NativeType.Uint64 && (value as number) > Number.MAX_SAFE_INTEGER) {
      process.emitWarning("Value is larger than Number.MAX_SAFE_INTEGER and may have been rounded inaccurately.")
    }
    if (this.#closed) throw errnoError("ENOTSOCK", messages.notSocket)
    this.#recheckSoon()
    this.#native.setOption(option, type, value)
  }

  /** Joins or leaves one group (Dish). */
  #group(group: unknown, join: boolean): void {
    this.#usable()
    if (typeof group !== "string" && !ArrayBuffer.isView(group)) throw new TypeError("Value must be a string or buffer")
    this.#recheckSoon()
    if (join) this.#native.join(group as string | Buffer)
    else this.#native.leave(group as string | Buffer)
  }

  // ---- the I/O methods ------------------------------------------------------------------

  static {
    // send, receive, their batch forms, async iteration, join and leave exist on every socket
    // at run time (as in zeromq.js, where e.g. Pull#send fails in libzmq with ENOTSUP), but
    // are typed only where they apply: through the Readable and Writable interfaces of the
    // socket classes. So they are defined here, outside the class's declared type.
    const methods: Record<string | symbol, (this: Socket, ...args: never[]) => unknown> = {
      receive(this: Socket): Promise<Message[]> {
        arity(arguments.length, 0)
        return this.#receive()
      },
      receiveBatch(this: Socket, max?: number): Promise<Message[][]> {
        if (max !== undefined && (typeof max !== "number" || !(max >= 1))) {
          throw new TypeError("Maximum must be a positive number")
        }
        arity(arguments.length, 1)
        return this.#receiveBatch(max)
      },
      send(this: Socket, message: MessageLike | MessageLike[], options?: SendOptions): Promise<void> {
        const count = arguments.length
        if (count === 0 || message === undefined) throw new TypeError("Message must be present")
        if (this.#shape === SERVER || this.#shape === RADIO) {
          // Server and Radio messages need their routing id or group: zeromq.js's checks.
          if (!isObject(options)) throw new TypeError("Options must be an object")
          arity(count, 2)
          return this.#send(message, options)
        }
        arity(count, 1)
        return this.#send(message)
      },
      sendBatch(this: Socket, batch: readonly unknown[]): Promise<void> {
        if (!Array.isArray(batch)) throw new TypeError("Messages must be an array")
        arity(arguments.length, 1)
        // A sparse array claims a length it does not have: a batch of billions of holes would
        // take hours to walk (as a message has, a batch has at most MAX_BATCH entries).
        if (batch.length > MAX_BATCH) throw errnoError("ENOMEM", "Cannot allocate memory")
        return this.#sendBatch(batch)
      },
      [Symbol.asyncIterator](this: Socket): AsyncIterator<Message[], undefined> {
        return { next: () => this.#next() }
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

/** The native object of a socket, for Observer and Proxy. */
export function nativeSocket(socket: Socket): NativeSocket {
  return nativeOf(socket)
}

/** For Proxy: blocks (1) a socket while the proxy thread owns it, as a bind does (but saying
 *  that a proxy uses it), and unblocks (-1) it. */
export function blockSocket(socket: Socket, delta: 1 | -1): void {
  blockOf(socket, delta)
}

/**
 * For the v5-compat layer, which hands each message to libzmq within send() as zeromq@5 did:
 * one send attempt now. True if libzmq took the message; false if it must wait (libzmq said
 * EAGAIN, or a send() is pending ahead of it). A bad frame throws its TypeError and a libzmq
 * error throws, as the same message would make send() throw or reject. Not exported publicly.
 */
export function trySend(socket: Socket, message: unknown): boolean {
  return trySendOf(socket, message)
}

/** For the v5-compat layer's read(): the next message if one is ready now, else undefined. */
export function tryReceive(socket: Socket): Message[] | undefined {
  return tryReceiveOf(socket)
}
