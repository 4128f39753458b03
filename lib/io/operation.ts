/**
 * The state of one receive or send from its first attempt until it settles. SocketIo makes one
 * attempt at a time through #attemptReceive/#attemptSend (lib/io/socket-io.ts), which answer
 * with an Outcome; the first attempt is made at once, later ones by the service loop.
 */
import { errnoError, messages } from "../errors.js"

/** What an attempt answers. */
export const enum Outcome {
  /** Completed (a receive's attempt answers with the value instead). */
  Done,
  /** Not possible now: wait for readiness (or the timeout, or close). */
  Wait,
  /** Failed for good: `error` is what it rejects with (see failure()). */
  Fail,
}

const none = (): void => {}

/** What the service loop, timeouts and close need of either kind of operation. */
export abstract class Operation {
  /**
   * The error of the last attempt: Fail's, or a libzmq error met while the direction was not
   * ready (see SocketIo#waitsInstead), which a timeout or close rejects with instead of EAGAIN.
   * Set with failed(): a toString() may throw undefined or null, which is still what was thrown.
   */
  error: unknown = undefined
  /** Whether `error` holds what an attempt threw. */
  hasError = false
  /** An attempt failed although the direction was ready: the next such failure is final. */
  retried = false
  timer: NodeJS.Timeout | undefined = undefined
  abstract resolve(value: unknown): void
  reject: (error: unknown) => void = none

  /** Records what an attempt threw. */
  failed(error: unknown): void {
    this.error = error
    this.hasError = true
  }

  /** Forgets the last operation's attempts (the socket reuses one object for first attempts). */
  protected restart(): void {
    this.error = undefined
    this.hasError = false
    this.retried = false
  }
}

/** receive() (max 0) or receiveBatch(max). */
export class ReceiveOperation extends Operation {
  max = 0
  resolve: (value: unknown) => void = none

  reset(max: number): this {
    this.max = max
    this.restart()
    return this
  }
}

/** send() (one message) or sendBatch() (`batch`, of which `sent` are queued so far). */
export class SendOperation extends Operation {
  message: unknown = undefined
  routingId: number | undefined = undefined
  group: string | Buffer | undefined = undefined
  batch: readonly unknown[] | undefined = undefined
  /** sendBatch(): how many messages of `batch` libzmq took so far (the error's `sent`). */
  sent = 0
  resolve: (value: void) => void = none

  reset(): this {
    this.sent = 0
    this.restart()
    return this
  }

  /** Keeps what the operation sends, once it must wait (or fails: see failure()). */
  hold(
    message: unknown,
    routingId: number | undefined,
    group: string | Buffer | undefined,
    batch: readonly unknown[] | undefined,
  ): void {
    this.message = message
    this.routingId = routingId
    this.group = group
    this.batch = batch
  }
}

/**
 * What an operation rejects with when it fails, times out or its socket closes: the error of
 * its last attempt if there was one, else EAGAIN; for sendBatch() with the number of messages
 * already queued as the error's `sent`.
 */
export function failure(operation: Operation): unknown {
  const error = operation.hasError ? operation.error : errnoError("EAGAIN", messages.timeout)
  if (operation instanceof SendOperation && operation.batch !== undefined) setSent(error, operation.sent)
  return error
}

/** Sets a batch error's `sent`, if the error is an object that takes it (what a toString()
 *  threw stays what it was: a primitive, a frozen object, a Proxy that refuses). */
export function setSent(error: unknown, sent: number): void {
  if (error === null || (typeof error !== "object" && typeof error !== "function")) return
  try {
    ;(error as { sent?: number }).sent = sent
  } catch {
    // refused
  }
}
