/**
 * The legacy Context: static accessors for the default context's I/O threads and socket limit.
 * Every compat socket lives in the v6 default context, so there is nothing to instantiate.
 */
import { context } from "../index.js"
import { native } from "../native.js"

/**
 * How long process.exit() waits for messages libzmq took but has not written yet. The Guide's
 * ventilator (100 tasks over ipc, then process.exit()) flushed in about 5 ms, 9 ms at worst
 * over 20 runs on this project's 2-core machine with both cores also busy: this leaves a wide
 * margin for a loaded machine. It is short because zeromq@5 did not wait at all: a message for
 * a peer that is not there is dropped after this long instead of at once.
 */
const EXIT_FLUSH_MS = 1000

let flushing = false

/**
 * Makes process.exit() deliver what compat sockets sent, as zeromq@5 programs expect of it
 * (they sent and exited; libzmq's I/O thread usually won that race). process.exit() does not
 * tear Node's environment down, so without this the messages are lost. Registered with the
 * first compat socket, so that the main entry point alone behaves as before.
 */
export function flushAtExit(): void {
  if (flushing) return
  flushing = true
  process.on("exit", () => {
    native.flushAtExit(EXIT_FLUSH_MS)
  })
}

let configured = false

/**
 * zeromq@5 read ZMQ_IO_THREADS from the environment when it made its default context (with its
 * first socket), warning about and ignoring a value that is not a positive number. The compat
 * sockets share the v6 default context, so the variable applies from the first compat socket
 * on, and only when it is set: programs of the main entry point alone are not affected.
 */
export function configureContext(): void {
  if (configured) return
  configured = true
  const given = process.env.ZMQ_IO_THREADS
  if (given === undefined) return
  const threads = parseInt(given, 10)
  if (!threads || threads < 1) {
    console.warn("Invalid number in ZMQ_IO_THREADS, using 1 IO thread.")
    context.ioThreads = 1
  } else {
    context.ioThreads = threads
  }
}

/**
 * The legacy Context: static accessors for the limits of the one context every v5-compat
 * socket belongs to (the v6 global context). It cannot be instantiated.
 */
export class Context {
  /**
   * Sets the context's number of I/O threads (ZMQ_IO_THREADS); takes effect only before the
   * first socket is created.
   *
   * @param value The number of I/O threads.
   */
  static setMaxThreads(value: number): void {
    context.ioThreads = value
  }

  /**
   * The context's number of I/O threads (ZMQ_IO_THREADS).
   *
   * @returns The number of I/O threads.
   */
  static getMaxThreads(): number {
    return context.ioThreads
  }

  /**
   * Sets the largest number of sockets the context allows (ZMQ_MAX_SOCKETS).
   *
   * @param value The largest number of sockets.
   */
  static setMaxSockets(value: number): void {
    context.maxSockets = value
  }

  /**
   * The largest number of sockets the context allows (ZMQ_MAX_SOCKETS).
   *
   * @returns The largest number of sockets.
   */
  static getMaxSockets(): number {
    return context.maxSockets
  }

  /** Throws: there is nothing to instantiate in the legacy API (as in zeromq.js's compat layer). */
  constructor() {
    throw new Error("Context cannot be instantiated in compatibility mode")
  }
}
