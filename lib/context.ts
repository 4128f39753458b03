import type { ContextProperties } from "./options.generated.js"
import { arity, isObject, napiClass, optionId } from "./errors.js"
import { NativeType, native, type NativeContext } from "./native.js"
import { applyOptions, lockMethods, type Options } from "./options.js"

let sharedNext = false
let nativeOf: (context: Context) => NativeContext

/**
 * A ZeroMQ context: the I/O threads and settings shared by the sockets created in it. Most
 * programs use the default {@link context}; sockets created without a `context` option use it.
 * A context is terminated once it and all its sockets have been closed or collected.
 * Exported as napiClass(Context) (see below).
 */
class Context {
  #native: NativeContext

  static {
    nativeOf = context => context.#native
  }

  constructor(options?: Options<Context>) {
    if (options !== undefined && !isObject(options)) throw new TypeError("Options must be an object")
    arity(arguments.length, 1)
    this.#native = new native.Context(sharedNext)
    Object.seal(this)
    applyOptions(this, options)
  }

  protected getBoolOption(option: number): boolean {
    optionId(option)
    arity(arguments.length, 1)
    return this.#native.getOption(option, NativeType.Bool) as boolean
  }

  protected setBoolOption(option: number, value: boolean): void {
    optionId(option)
    if (typeof value !== "boolean") throw new TypeError("Option value must be a boolean")
    arity(arguments.length, 2)
    this.#native.setOption(option, NativeType.Bool, value)
  }

  protected getInt32Option(option: number): number {
    optionId(option)
    arity(arguments.length, 1)
    return this.#native.getOption(option, NativeType.Int32) as number
  }

  protected setInt32Option(option: number, value: number): void {
    optionId(option)
    if (typeof value !== "number") throw new TypeError("Option value must be a number")
    arity(arguments.length, 2)
    this.#native.setOption(option, NativeType.Int32, value)
  }
}

interface Context extends ContextProperties {}
lockMethods(Context.prototype)

/** The class as exported: see napiClass(). */
const ContextClass = napiClass(Context)
type ContextClass = Context
export { ContextClass as Context }

/** The native object of a Context, for the Socket constructor. */
export function nativeContext(context: Context): NativeContext {
  return nativeOf(context)
}

function createDefault(): Context {
  sharedNext = true
  try {
    return new Context()
  } finally {
    sharedNext = false
  }
}

/**
 * The default context: one libzmq context for the whole process, shared by the main thread and
 * every worker thread, so `inproc://` endpoints connect across threads.
 */
export const context: Context = createDefault()
