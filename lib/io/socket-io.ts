/**
 * The I/O of one socket: its native object, its receive and send operations, the one attempt
 * function of each direction, and the service loop that makes later attempts when the addon
 * reports readiness. lib/socket.ts validates arguments and delegates here; docs/architecture.md
 * follows a message through it and describes the readiness protocol.
 *
 * - receive(), the async iterator and receiveBatch() take messages from the receive batch
 *   (receive-batch.ts); send() and sendBatch() hand messages to libzmq at once when it accepts
 *   them (ZMQ_DONTWAIT; sendBatch through send-batch.ts).
 * - Every attempt, the first one (made at once, "the fast path") and the later ones (#service),
 *   goes through #attemptReceive or #attemptSend, which answer done (a receive: with its value),
 *   Wait or Fail.
 * - Only when an attempt answers Wait does an operation become pending: then the addon watches
 *   the socket's descriptor and calls #onReady when ZMQ_EVENTS says a wanted direction is
 *   ready. After every operation the directions still wanted are re-checked with the addon's
 *   wait(), which reads ZMQ_EVENTS before arming the poll (ZMQ_FD is edge-triggered).
 * - Operations completed synchronously spend a budget; when it is used up the next operation
 *   waits for a setImmediate, so a socket that always has data cannot starve timers, I/O and
 *   other sockets. The budget is restored whenever control came back from the event loop.
 */
import { errnoError, isObject, messages } from "../errors.js"
import type { SocketKind } from "../internal.js"
import { NativeType, native as addon, type NativeContext, type NativeSocket } from "../native.js"
import { zmqConstant } from "../options.js"
import { afterLocalSend, stopWaitingLocally, waitLocally, type LocalWaiter } from "./local.js"
import { failure, Outcome, ReceiveOperation, SendOperation, type Operation } from "./operation.js"
import { ReceiveBatch } from "./receive-batch.js"
import { addressed, sendFrom } from "./send-batch.js"

const POLLIN = zmqConstant("ZMQ_POLLIN")
const POLLOUT = zmqConstant("ZMQ_POLLOUT")
const EVENTS = zmqConstant("ZMQ_EVENTS")
const RCVTIMEO = zmqConstant("ZMQ_RCVTIMEO")
const SNDTIMEO = zmqConstant("ZMQ_SNDTIMEO")
const RCVHWM = zmqConstant("ZMQ_RCVHWM")
const ROUTER = zmqConstant("ZMQ_ROUTER")
/** Routing ids a Router remembers having sent to (see #waitsInstead); past this many it starts over. */
const ROUTED = 4096

/**
 * Whether `error` is a libzmq error (the addon's errno errors), not a value that converting a
 * message raised: a TypeError, or whatever a toString() or getter threw. Only a libzmq error may
 * make an operation wait or be tried again; the others fail it at once, thrown as zeromq.js does.
 */
export function fromLibzmq(error: unknown): boolean {
  return isObject(error) && !(error instanceof TypeError) && typeof (error as { errno?: unknown }).errno === "number"
}

/**
 * Whether a failed first attempt throws instead of rejecting: a value that could not be
 * converted, and EBUSY, which the addon answers for a send started from inside another send's
 * conversion (a toString() or getter of its message).
 */
function throwsAtOnce(error: unknown): boolean {
  return !fromLibzmq(error) || (error as { code?: unknown }).code === "EBUSY"
}

/** A Router message's routing id (its first frame) as a key, if it is a string or bytes. */
function routingKey(message: unknown): string | undefined {
  const id: unknown = Array.isArray(message) ? message[0] : undefined
  if (typeof id === "string") return "s" + id
  if (ArrayBuffer.isView(id)) return "b" + Buffer.from(id.buffer, id.byteOffset, id.byteLength).toString("latin1")
  return undefined
}

/** Operations completed without a trip through the event loop before yielding to it. */
const SYNC_BUDGET = 512

/**
 * A sent Buffer spends one more unit of the budget per 2^BUDGET_SHIFT bytes (4 KiB), so that
 * at most about 2 MiB are sent between turns of the event loop. Large copies return to the pool
 * (native/pool.h) only when what holds them is released, and an inproc peer's received Buffers
 * are released by finalizers that Node runs on a turn of the loop: with 512 sends per turn, an
 * inproc PUSH->PULL of 1 MiB frames held 1.1 GB and moved 61 msg/s; one unit per 64 KiB 390,
 * per 16 KiB 466, per 4 KiB 946 msg/s and 109 MB (256 KiB frames 606, 792, 1,349 and 1,506;
 * 64 KiB with high water marks of 10,000 3.8 k, 5.4 k, 7.2 k and 7.9 k msg/s; one process,
 * load average 7.6).
 */
const BUDGET_SHIFT = 12

const resolved: Promise<void> = Promise.resolve()
const done: IteratorReturnResult<undefined> = Object.freeze({ done: true }) as IteratorReturnResult<undefined>

export class SocketIo {
  readonly native: NativeSocket
  readonly kind: SocketKind
  readonly #rx: ReceiveBatch
  /** close() took effect. */
  closed = false
  /** Binds, unbinds and proxies using the socket on another thread (see Socket#unblock). */
  blocked = 0
  /** How many of `blocked` are a running Proxy's (it lends the socket to its thread). */
  proxied = 0
  /** Every endpoint is inproc:// (undefined: none yet; see local.ts). */
  local: boolean | undefined = undefined
  #budget = SYNC_BUDGET
  #yielding = false
  /** The addon's poll is armed for what the pending operations wait for (readiness protocol). */
  #armed = false
  #receiving: ReceiveOperation | undefined = undefined
  #sending: SendOperation | undefined = undefined
  /** Reused for the first attempt of each operation; a pending one keeps it (see #pend*). */
  #receiveTry = new ReceiveOperation()
  #sendTry = new SendOperation()
  #rcvtimeo: number | undefined = undefined
  #sndtimeo: number | undefined = undefined
  /** A deferred receive attempt is queued (see #defer). */
  #deferQueued = false
  /** A first send attempt is running (see #attempt). */
  #attempting = false
  /** Router: the routing ids a send was delivered to (see #waitsInstead), at most ROUTED. */
  readonly #routed: Set<string> | undefined

  #onReady = (): void => {
    this.#budget = SYNC_BUDGET
    this.#rx.drained = false
    this.service()
  }

  #localWaiter: LocalWaiter = {
    since: 0,
    poke: (): void => {
      this.#rx.drained = false
      this.service()
    },
  }

  #resume = (): void => {
    this.#yielding = false
    this.#budget = SYNC_BUDGET
    this.#rx.drained = false
    this.service()
  }

  constructor(context: NativeContext, type: number, kind: SocketKind) {
    this.native = new addon.Socket(context, type, this.#onReady)
    this.kind = kind
    this.#routed = type === ROUTER ? new Set() : undefined
    this.#rx = new ReceiveBatch(this.native, kind.received)
  }

  /** Throws what zeromq.js throws for a closed socket or one with a bind/unbind running. */
  usable(): void {
    if (this.closed || this.blocked > 0) this.#refuse()
  }

  #refuse(): never {
    if (this.closed) throw errnoError("EBADF", messages.closed)
    throw errnoError("EBUSY", this.proxied > 0 ? messages.proxied : messages.blocked)
  }

  /** Whether a message can be received now without waiting. */
  readable(): boolean {
    if (this.closed) return false
    this.#settle()
    if (this.#rx.buffered) return true
    this.recheckSoon()
    return ((this.native.getOption(EVENTS, NativeType.Int32) as number) & POLLIN) !== 0
  }

  /** Whether a message can be sent now without waiting. */
  writable(): boolean {
    if (this.closed) return false
    this.#settle()
    this.recheckSoon()
    return ((this.native.getOption(EVENTS, NativeType.Int32) as number) & POLLOUT) !== 0
  }

  /** An option was set: forget what was read of it. */
  optionSet(option: number): void {
    // libzmq may have rejected or truncated the value.
    if (option === RCVHWM) this.#rx.forgetLimit()
    if (option === RCVTIMEO) this.#rcvtimeo = undefined
    if (option === SNDTIMEO) this.#sndtimeo = undefined
  }

  /**
   * A pending operation may have become possible: an inproc connect attaches its pipe at once,
   * and libzmq processed that inside the call, so ZMQ_FD will not report it. (zeromq.js leaves
   * such a send pending forever.)
   */
  afterEndpointChange(): void {
    if (this.#receiving !== undefined || this.#sending !== undefined) {
      this.#rx.drained = false
      this.service()
    }
  }

  /**
   * A libzmq call made outside the service loop (a send while a receive waits, an option,
   * `readable`) may have processed the very command that was to wake a waiting operation, and
   * ZMQ_FD is edge-triggered: it will not report it again. So the waiting operations look
   * again on the next turn of the event loop (once per turn, however many calls were made).
   */
  recheckSoon(): void {
    if ((this.#receiving !== undefined || this.#sending !== undefined) && !this.#yielding) {
      this.#yielding = true
      setImmediate(this.#resume)
    }
  }

  /**
   * Closes the native socket. A pending receive or send gets one last attempt (a message
   * already there is received, one libzmq takes now is sent), as in zeromq.js; otherwise it
   * rejects with its last error or EAGAIN.
   */
  close(): void {
    // The last attempt (which also makes a deferred receive look, see #defer).
    if (this.#receiving !== undefined || this.#sending !== undefined) {
      this.#rx.drained = false
      this.service()
    }
    this.closed = true
    this.#armed = false
    stopWaitingLocally(this.#localWaiter)
    this.native.close()
    this.#rx.clear()
    const receiving = this.#receiving
    const sending = this.#sending
    this.#receiving = this.#sending = undefined
    if (receiving !== undefined) {
      clearTimeout(receiving.timer)
      receiving.reject(failure(receiving))
    }
    if (sending !== undefined) {
      clearTimeout(sending.timer)
      sending.reject(failure(sending))
    }
  }

  // ---- receive --------------------------------------------------------------------------

  /**
   * receive() (max 0: one message, an array of its frames) and receiveBatch() (up to `max`
   * messages, as soon as one is ready). Only one may be pending: another throws EBUSY.
   */
  receive(max: number): Promise<unknown> {
    this.usable()
    if (this.#receiving !== undefined) throw errnoError("EBUSY", messages.busyReading)
    if (this.#sending !== undefined) this.recheckSoon()
    const operation = this.#receiveTry.reset(max)
    if (this.#defers()) return this.#pend(operation, true)
    const value = this.#attemptReceive(operation)
    if (value === Outcome.Wait) return this.#pend(operation, false)
    if (value === Outcome.Fail) return Promise.reject(failure(operation))
    return this.#complete(value)
  }

  /** The async iterator's next(): receive() without its promise when a message is there. */
  next(): Promise<IteratorResult<unknown, undefined>> {
    if (this.closed) return Promise.resolve(done)
    let receive: Promise<unknown>
    if (this.#receiving === undefined && this.#budget > 1 && this.blocked === 0 && !this.#defers()) {
      // A message left in the current batch is taken without a native call, so without the
      // attempt's bookkeeping either (it cannot fail).
      if (this.#rx.buffered) {
        this.#budget--
        return Promise.resolve({ value: this.#rx.take(), done: false })
      }
      const operation = this.#receiveTry.reset(0)
      const value = this.#attemptReceive(operation)
      if (value === Outcome.Fail) return Promise.reject(failure(operation))
      if (value !== Outcome.Wait) {
        this.#budget--
        return Promise.resolve({ value, done: false })
      }
      receive = this.#pend(operation, false)
    } else {
      try {
        receive = this.receive(0)
      } catch (error) {
        return Promise.reject(error)
      }
    }
    return receive.then(
      value => ({ value, done: false }),
      (error: { code?: string }) => {
        if (this.closed && error.code === "EAGAIN") return done
        throw error
      },
    )
  }

  /** For the v5-compat layer: a look into libzmq now, even while a receive() waits (it takes
   *  the next); a libzmq error throws. */
  tryReceive(): unknown[] | undefined {
    this.usable()
    if (!this.#rx.buffered) this.#rx.drained = false
    const message = this.#rx.take()
    if (this.#receiving !== undefined) this.recheckSoon()
    return message
  }

  /**
   * One attempt at a receive, for the first attempt and the service loop alike: the value when
   * done (returned, not kept: the operation object outlives it), else Outcome.Wait or
   * Outcome.Fail.
   */
  #attemptReceive(operation: ReceiveOperation): unknown {
    for (;;) {
      try {
        const value = operation.max === 0 ? this.#rx.take() : this.#rx.takeMany(operation.max)
        if (value === undefined || value.length === 0) return Outcome.Wait
        return value
      } catch (error) {
        if (this.#waitsInstead(error, POLLIN)) {
          operation.failed(error)
          return Outcome.Wait
        }
        if (operation.retried) {
          operation.failed(error)
          return Outcome.Fail
        }
        // Ready after all: the ZMQ_EVENTS query processed libzmq's pending commands, which can
        // make the receive possible. Try once more, as zeromq.js (which queries first) would now.
        operation.retried = true
      }
    }
  }

  /**
   * Whether a receive should wait a moment before looking into libzmq. A REQ or REP socket
   * receives right after its own send, before its peer can have answered. Looking then finds
   * the pipe empty, and an empty look puts libzmq's pipe to sleep: the answer must then wake it
   * with a command through the socket's mailbox (an eventfd write, and a poll, a read and a
   * poll to take it: five syscalls a hop). If the peer lives on this thread and is local too,
   * its send pokes this socket (see local.ts) and the answer is read from a pipe that never
   * slept, without a syscall. So the look is deferred until a local send or until the current
   * microtasks are done (process.nextTick), whichever is first; then it is the usual one.
   * Only while the last receive ended without EAGAIN, i.e. the pipe is awake.
   */
  #defers(): boolean {
    return this.kind.lockstep === true && this.local === true && !this.#rx.drained && !this.#rx.buffered
  }

  #defer(): void {
    waitLocally(this.#localWaiter)
    if (!this.#deferQueued) {
      this.#deferQueued = true
      process.nextTick(this.#deferred)
    }
  }

  #deferred = (): void => {
    this.#deferQueued = false
    if (this.#receiving !== undefined) this.service()
  }

  /** Makes a deferred receive look now: before anything that would show it has not yet. */
  #settle(): void {
    if (this.#deferQueued && this.#receiving !== undefined) this.service()
  }

  // ---- send -----------------------------------------------------------------------------

  /**
   * send(): queues a message (one frame, or an array of frames sent as one multipart message)
   * and resolves once libzmq took it. While the high water mark is reached it stays pending.
   * Server and Radio give `options`, checked by their kind's address(). Only one send may be
   * pending: another throws EBUSY.
   */
  send(message: unknown, options: object | undefined): Promise<void> {
    return this.#first(message, options, undefined)
  }

  /**
   * sendBatch(): queues many messages with as few native calls as possible and resolves once
   * all are queued. At the high water mark it waits (nothing is dropped or buffered here).
   */
  sendBatch(entries: readonly unknown[]): Promise<void> {
    return this.#first(undefined, undefined, entries)
  }

  /**
   * The start of send() and sendBatch(). Their first attempt runs JS of the message (getters of
   * its options and elements, its toString()s) before and while the addon converts it. A send
   * started from there would go pending and be replaced by the outer one, never to settle: it
   * throws EBUSY, as a second send does while one is pending. (The guard is inline, not a
   * wrapper taking a closure: a closure per send cost awaited inproc sends about 15 %.)
   *
   * What a plain send() runs is kept small, and the rest (addressing, batches, waiting,
   * failures) in functions of their own: V8 inlines at most 920 bytes of bytecode into an
   * optimized caller, and the send path's 1,379 left #attemptSend and usable() as calls in the
   * caller's loop (node --trace-turbo-inlining; --print-bytecode for the sizes).
   */
  #first(message: unknown, options: object | undefined, entries: readonly unknown[] | undefined): Promise<void> {
    this.usable()
    if (this.#sending !== undefined || this.#attempting) throw errnoError("EBUSY", messages.busyWriting)
    this.#attempting = true
    try {
      if (options === undefined && entries === undefined) {
        if (this.#receiving !== undefined) this.recheckSoon()
        return this.#sendNow(message, undefined, undefined, undefined)
      }
      return this.#sendAddressed(message, options, entries)
    } finally {
      this.#attempting = false
    }
  }

  /** #first() of a send() with options (Server, Radio) or of a sendBatch(). */
  #sendAddressed(
    message: unknown,
    options: object | undefined,
    entries: readonly unknown[] | undefined,
  ): Promise<void> {
    const { address, addresses } = this.kind
    let routed: { routingId?: number; group?: string | Buffer } | undefined
    let batch = entries
    if (entries === undefined) {
      if (options !== undefined && address !== undefined) routed = address(options)
    } else if (address !== undefined && addresses !== undefined) {
      batch = addressed({ address, addresses }, entries)
    }
    if (this.#receiving !== undefined) this.recheckSoon()
    return this.#sendNow(message, routed?.routingId, routed?.group, batch)
  }

  /** For the v5-compat layer: the first attempt of send() without the pending send; false if
   *  the message must wait. */
  trySend(message: unknown): boolean {
    this.usable()
    if (this.#attempting) throw errnoError("EBUSY", messages.busyWriting)
    if (this.#sending !== undefined) return false
    if (this.#receiving !== undefined) this.recheckSoon()
    this.#attempting = true
    try {
      const operation = this.#sendTry.reset()
      const outcome = this.#attemptSend(operation, message, undefined, undefined, undefined)
      if (outcome === Outcome.Fail) throw operation.error
      return outcome === Outcome.Done
    } finally {
      this.#attempting = false
    }
  }

  /**
   * The first attempt of send() and sendBatch(), and what follows from it. The message is
   * stored in the (reused) operation object only when it must wait.
   */
  #sendNow(
    message: unknown,
    routingId: number | undefined,
    group: string | Buffer | undefined,
    batch: readonly unknown[] | undefined,
  ): Promise<void> {
    const operation = this.#sendTry.reset()
    const outcome = this.#attemptSend(operation, message, routingId, group, batch)
    if (outcome !== Outcome.Done) return this.#sendNotDone(operation, outcome, message, routingId, group, batch)
    // ArrayBuffer.isView() compiles to a type check; `instanceof Uint8Array` walked a Buffer's
    // prototype chain on every send (a fifth of the optimized send path's samples). `length`
    // (a Buffer's bytes) is inlined, `byteLength` is a LoadIC and a builtin call (callgrind,
    // +150 instructions per send); a wider typed array counts its elements, a DataView nothing.
    if (ArrayBuffer.isView(message)) this.#budget -= (message as Uint8Array).length >>> BUDGET_SHIFT
    if (--this.#budget > 0) return resolved
    return new Promise(resolve => setImmediate(this.#restore, resolve, undefined))
  }

  /** #sendNow() of a first attempt that must wait or failed. */
  #sendNotDone(
    operation: SendOperation,
    outcome: Outcome,
    message: unknown,
    routingId: number | undefined,
    group: string | Buffer | undefined,
    batch: readonly unknown[] | undefined,
  ): Promise<void> {
    operation.hold(message, routingId, group, batch)
    if (outcome === Outcome.Wait) return this.#pend(operation, false) as Promise<void>
    const error = failure(operation)
    operation.hold(undefined, undefined, undefined, undefined)
    // A value that cannot be converted throws at once, as in zeromq.js; libzmq errors reject.
    if (throwsAtOnce(error)) throw error
    return Promise.reject(error)
  }

  /** One attempt at a send (`batch`: a sendBatch(), from `operation.sent` on), for the first
   *  attempt and the service loop alike. */
  #attemptSend(
    operation: SendOperation,
    message: unknown,
    routingId: number | undefined,
    group: string | Buffer | undefined,
    batch: readonly unknown[] | undefined,
  ): Outcome {
    for (;;) {
      try {
        if (batch !== undefined) return this.#sendFrom(operation, batch)
        const complete =
          routingId === undefined && group === undefined
            ? this.native.send(message)
            : this.native.send(message, routingId, group)
        if (!complete) return Outcome.Wait
        if (this.local) afterLocalSend()
        if (this.#routed !== undefined) this.#route(message)
        return Outcome.Done
      } catch (error) {
        const outcome = this.#sendFailed(operation, error, message)
        if (outcome !== undefined) return outcome
      }
    }
  }

  /** #attemptSend() of a sendBatch(): the messages from `operation.sent` on. */
  #sendFrom(operation: SendOperation, batch: readonly unknown[]): Outcome {
    const before = operation.sent
    try {
      operation.sent += sendFrom(this.native, batch, before)
    } catch (error) {
      if (isObject(error)) operation.sent += (error as { sent?: number }).sent ?? 0
      throw error
    } finally {
      if (operation.sent > before && this.local) afterLocalSend()
    }
    return operation.sent === batch.length ? Outcome.Done : Outcome.Wait
  }

  /** What a send attempt that threw answers: Wait, Fail, or undefined to try once more. */
  #sendFailed(operation: SendOperation, error: unknown, message: unknown): Outcome | undefined {
    if (this.#waitsInstead(error, POLLOUT, message)) {
      operation.failed(error)
      return Outcome.Wait
    }
    // A value that cannot be converted (or a toString() that throws) fails the same way
    // however often it is tried, and is not called a second time.
    if (operation.retried || !fromLibzmq(error)) {
      operation.failed(error)
      return Outcome.Fail
    }
    // Ready after all: the ZMQ_EVENTS query processed libzmq's pending commands (a ROUTER
    // peer's pipe may have been attached just now). Try once more, as zeromq.js would now.
    operation.retried = true
    return undefined
  }

  // ---- completing and waiting -----------------------------------------------------------

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
    if (this.closed || !fromLibzmq(error)) return false
    // A mandatory Router with no peer at all is not writable, so a send waits for one to connect
    // (as in zeromq.js; ROUTER-ROUTER relies on it). But a send to a peer this socket has sent
    // to before is one to a peer that went away: waiting would never end without a timeout
    // (zeromq.js rejects that send only while its stale ZMQ_EVENTS still says writable).
    if ((error as { code?: unknown }).code === "EHOSTUNREACH" && this.#routedTo(message)) return false
    return ((this.native.getOption(EVENTS, NativeType.Int32) as number) & direction) === 0
  }

  /**
   * Makes `operation` the pending receive or send (the next first attempt gets a new operation
   * object), serviced now if possible (or, `deferred`, soon: see #defers), with its timeout.
   */
  #pend(operation: ReceiveOperation | SendOperation, deferred: boolean): Promise<unknown> {
    return new Promise((resolve, reject) => {
      operation.resolve = resolve
      operation.reject = reject
      let option: number
      if (operation instanceof ReceiveOperation) {
        this.#receiveTry = new ReceiveOperation()
        this.#receiving = operation
        option = RCVTIMEO
      } else {
        this.#sendTry = new SendOperation()
        this.#sending = operation
        option = SNDTIMEO
      }
      this.#wait(operation, option, deferred)
    })
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

  #wait(operation: Operation, option: number, deferred: boolean): void {
    if (this.closed) {
      // Closed from inside the attempt (a toString() or getter of the message called close()).
      if (this.#receiving === operation) this.#receiving = undefined
      if (this.#sending === operation) this.#sending = undefined
      operation.reject(failure(operation))
      return
    }
    const timeout = this.#timeout(option)
    if (timeout === 0) {
      // Must answer now, budget or not.
      this.#expire(operation)
      return
    }
    if (timeout > 0) operation.timer = setTimeout(() => this.#expire(operation), timeout)
    if (deferred) this.#defer()
    else this.service()
  }

  /**
   * The time of a pending operation is up. As in zeromq.js, whose timer triggers the operation,
   * it gets one last attempt from libzmq itself (a message that arrived in the same turn of the
   * event loop is taken); if that does not complete it, it rejects (see failure()).
   */
  #expire(operation: Operation): void {
    if (this.#receiving !== operation && this.#sending !== operation) return
    this.#rx.drained = false
    this.service()
    if (this.#receiving === operation || this.#sending === operation) {
      if (this.#receiving === operation) this.#receiving = undefined
      else this.#sending = undefined
      this.service()
      operation.reject(failure(operation))
    }
  }

  /**
   * receiveTimeout/sendTimeout, read from libzmq once and then tracked through optionSet()
   * (every way to set them goes through it), so that waiting costs no native call.
   */
  #timeout(option: number): number {
    if (option === RCVTIMEO) {
      if (this.#rcvtimeo === undefined) this.#rcvtimeo = this.native.getOption(RCVTIMEO, NativeType.Int32) as number
      return this.#rcvtimeo
    }
    if (this.#sndtimeo === undefined) this.#sndtimeo = this.native.getOption(SNDTIMEO, NativeType.Int32) as number
    return this.#sndtimeo
  }

  /** Resolves (Done) or rejects (Fail) a pending operation that an attempt of the loop ended. */
  #settlePending(operation: Operation, outcome: Outcome, value: unknown): void {
    clearTimeout(operation.timer)
    if (outcome === Outcome.Done) {
      this.#budget--
      operation.resolve(value)
    } else {
      operation.reject(failure(operation))
    }
  }

  /**
   * The service loop: completes what can be completed of the pending receive and send, then
   * waits (through the addon) for the directions still wanted. Runs after the event loop
   * reported readiness, after a yield, after a bind/unbind, and when an operation became
   * pending. The readiness protocol it keeps with the addon: docs/architecture.md.
   */
  service(): void {
    for (let round = 0; !this.closed && this.blocked === 0; round++) {
      const receiving = this.#receiving
      if (receiving !== undefined) {
        const value = this.#attemptReceive(receiving)
        if (value !== Outcome.Wait) {
          this.#receiving = undefined
          this.#settlePending(receiving, value === Outcome.Fail ? Outcome.Fail : Outcome.Done, value)
        }
      }
      const sending = this.#sending
      if (sending !== undefined) {
        const outcome = this.#attemptSend(sending, sending.message, sending.routingId, sending.group, sending.batch)
        if (outcome !== Outcome.Wait) {
          this.#sending = undefined
          this.#settlePending(sending, outcome, undefined)
        }
      }

      const want = (this.#receiving !== undefined ? POLLIN : 0) | (this.#sending !== undefined ? POLLOUT : 0)
      if (want === 0) {
        // Stop waiting now (two flag flips in the addon, no syscall). A setImmediate to do it
        // lazily cost more than it saved: a turn of the event loop with an extra epoll_pwait
        // and a native immediate for every REQ round trip (docs/performance.md).
        if (this.#armed) {
          this.#armed = false
          this.native.wait(0)
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
      if (this.native.wait(want) === 0) {
        this.#armed = true
        if (this.local && this.#receiving !== undefined) waitLocally(this.#localWaiter)
        return
      }
      this.#rx.drained = false
    }
  }
}
