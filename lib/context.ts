import type { ContextProperties } from "./options.generated.js"
import { arity, isObject, napiClass } from "./errors.js"
import { internal, sharedContext } from "./internal.js"
import { NativeType, native, type NativeContext } from "./native.js"
import { applyOptions, checkGet, checkSet, lockMethods, type Options } from "./options.js"

/**
 * A ZeroMQ context: the I/O threads and settings shared by the sockets created in it. Most
 * programs use the default {@link context}; sockets created without a `context` option use it.
 * A context is terminated once it and all its sockets have been closed or collected.
 * Exported as napiClass(Context) (see below).
 */
class Context {
  #native: NativeContext

  static {
    internal.context = { native: context => context.#native }
  }

  constructor(options?: Options<Context>) {
    if (options !== undefined && !isObject(options)) throw new TypeError("Options must be an object")
    arity(arguments.length, 1)
    // Only the default context passes sharedContext (lib/internal.ts); applyOptions() skips it.
    this.#native = new native.Context(options !== undefined && sharedContext in options)
    Object.seal(this)
    applyOptions(this, options)
  }

  protected getBoolOption(option: number): boolean {
    checkGet(option, arguments.length)
    return this.#native.getOption(option, NativeType.Bool) as boolean
  }

  protected setBoolOption(option: number, value: boolean): void {
    checkSet(option, NativeType.Bool, value, arguments.length)
    this.#native.setOption(option, NativeType.Bool, value)
  }

  protected getInt32Option(option: number): number {
    checkGet(option, arguments.length)
    return this.#native.getOption(option, NativeType.Int32) as number
  }

  protected setInt32Option(option: number, value: number): void {
    checkSet(option, NativeType.Int32, value, arguments.length)
    this.#native.setOption(option, NativeType.Int32, value)
  }
}

interface Context extends ContextProperties {}
lockMethods(Context.prototype)

/** The class as exported: see napiClass(). */
const ContextClass = napiClass(Context)
type ContextClass = Context
export { ContextClass as Context }

/**
 * The default context: one libzmq context for the whole process, shared by the main thread and
 * every worker thread, so `inproc://` endpoints connect across threads.
 */
export const context: Context = new Context({ [sharedContext]: true } as Options<Context>)
