import type { ContextProperties } from "./options.generated.js"
import { arity, isObject, napiClass } from "./errors.js"
import { internal, sharedContext } from "./internal.js"
import { NativeType, native, type NativeContext } from "./native.js"
import { applyOptions, checkGet, checkSet, lockMethods, type Options } from "./options.js"

// Exported as napiClass(Context): see ContextClass below.
class Context {
  #native: NativeContext

  static {
    internal.context = { native: context => context.#native }
  }

  /**
   * Creates a context and sets the options given. Sockets join it only when it is given to
   * their constructor as the `context` option.
   *
   * @param options Context option properties to set, e.g. `{ ioThreads: 2 }`.
   */
  constructor(options?: Options<Context>) {
    if (options !== undefined && !isObject(options)) throw new TypeError("Options must be an object")
    arity(arguments.length, 1)
    // Only the default context passes sharedContext (lib/internal.ts); applyOptions() skips it.
    this.#native = new native.Context(options !== undefined && sharedContext in options)
    Object.seal(this)
    applyOptions(this, options)
  }

  /**
   * Reads a boolean libzmq context option by its number, for subclasses that define option
   * properties of their own.
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getBoolOption(option: number): boolean {
    checkGet(option, arguments.length)
    return this.#native.getOption(option, NativeType.Bool) as boolean
  }

  /**
   * Sets a boolean libzmq context option by its number, for subclasses that define option
   * properties of their own.
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   * @param value The value to set.
   */
  protected setBoolOption(option: number, value: boolean): void {
    checkSet(option, NativeType.Bool, value, arguments.length)
    this.#native.setOption(option, NativeType.Bool, value)
  }

  /**
   * Reads a 32-bit integer libzmq context option by its number, for subclasses that define option
   * properties of their own.
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   */
  protected getInt32Option(option: number): number {
    checkGet(option, arguments.length)
    return this.#native.getOption(option, NativeType.Int32) as number
  }

  /**
   * Sets a 32-bit integer libzmq context option by its number, for subclasses that define option
   * properties of their own.
   *
   * @param option The libzmq option number (ZMQ_... in zmq.h).
   * @param value The value to set.
   */
  protected setInt32Option(option: number, value: number): void {
    checkSet(option, NativeType.Int32, value, arguments.length)
    this.#native.setOption(option, NativeType.Int32, value)
  }
}

interface Context extends ContextProperties {}
lockMethods(Context.prototype)

// The class as exported: see napiClass().
/**
 * A ZeroMQ context: the I/O threads and settings shared by the sockets created in it.
 *
 * Most programs never create one: sockets created without a `context` option belong to the
 * global {@link context}, which is also the only context shared by every worker thread (so
 * `inproc://` endpoints connect across threads). A context made with `new Context()` belongs to
 * the thread that made it.
 *
 * ```typescript
 * const socket = new zmq.Dealer()                    // the global context (usual)
 * const context = new zmq.Context({ ioThreads: 2 })
 * const other = new zmq.Dealer({ context })          // a context of its own
 * ```
 *
 * A context ends once it and all its sockets are closed or garbage-collected. At process exit a
 * context waits, by default forever, for messages its sockets still have to send (even of
 * closed sockets): set {@link Context.blocky} to false, or {@link Socket.linger} on each socket,
 * where that is not wanted.
 *
 * @class
 */
const ContextClass = napiClass(Context)
type ContextClass = Context
export { ContextClass as Context }

/**
 * The global context: every socket created without a `context` option belongs to it. It is one
 * libzmq context for the whole process, shared by the main thread and every worker thread, so
 * `inproc://` endpoints connect across threads. Its options can be changed like any context's,
 * e.g. `zmq.context.blocky = false`.
 */
export const context: Context = new Context({ [sharedContext]: true } as Options<Context>)
