/**
 * Errors as zeromq.js makes them: an Error with `code` (the errno name) and `errno`, plus
 * `address` for endpoint operations. The messages here are zeromq.js's where it words them
 * itself; libzmq's own errors come from the addon with zmq_strerror()'s text.
 */
import { constants } from "node:os"
import { messages as wireMessages } from "./wire-table.js"

/**
 * An Error from libzmq or the operating system, as every method of this package throws or
 * rejects with them: `code` is the errno name and `errno` its number. Errors about an endpoint
 * also carry the `address`.
 *
 * ```typescript
 * try {
 *   await socket.bind("tcp://127.0.0.1:5555")
 * } catch (error) {
 *   if ((error as zmq.ErrnoError).code === "EADDRINUSE") console.error("port taken")
 * }
 * ```
 */
export interface ErrnoError extends Error {
  /** The errno name, e.g. `"EAGAIN"`, `"EADDRINUSE"`, `"EHOSTUNREACH"`. */
  code: string
  /** The errno number (platform-specific: compare `code` instead). */
  errno: number
}

const errnos = constants.errno as Record<string, number>

export function errnoError(
  code: "EAGAIN" | "EBADF" | "EBUSY" | "EINVAL" | "ENOMEM" | "ENOTSUP" | "ENOTSOCK",
  message: string,
): ErrnoError {
  const error = new Error(message) as ErrnoError
  error.errno = errnos[code]
  error.code = code
  return error
}

/**
 * The texts of errors made here; the addon's come from the same table (lib/wire-table.ts).
 * A constant, not `export { messages } from`: tsc compiles a re-export into a getter defined
 * over the `exports.messages = void 0` it emits first, and turning that data property into an
 * accessor puts this module's exports object into dictionary mode. Every call of an import of
 * this module (arity() in each send()) was then a generic LoadIC from optimized code.
 */
export const messages = wireMessages

/**
 * zeromq.js's TypeError for too many arguments. Its native functions check each argument they
 * take (a missing one is `undefined`, which fails with that argument's own text) and then their
 * number, counting a trailing `undefined` too: so callers check the arguments first, then this.
 */
export function arity(received: number, expected: number): void {
  if (received > expected) {
    throw new TypeError(`Expected ${expected} argument${expected === 1 ? "" : "s"} but received ${received}`)
  }
}

/** What napi (and so zeromq.js) calls an object: functions are objects too. */
export function isObject(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function"
}

/** zeromq.js's check of the option id given to get*Option()/set*Option(). */
export function optionId(option: unknown): void {
  if (typeof option !== "number") throw new TypeError("Identifier must be a number")
}

/**
 * zeromq.js's Socket, Context, Observer and Proxy are napi classes: called without `new` they
 * throw napi's TypeError, which does not name the class. Ours are JavaScript classes, which V8
 * answers with "Class constructor Socket cannot be invoked without 'new'". This returns the
 * class behind an ES Proxy that throws napi's text when called and is otherwise the class
 * itself: `new`, `extends`, `instanceof`, `prototype` and statics all reach the class.
 */
// `Function` rather than a construct signature: Socket's constructor is protected.
export function napiClass<C extends Function>(target: C): C {
  const guarded = new Proxy(target, {
    apply() {
      throw new TypeError("Class constructors cannot be invoked without 'new'")
    },
  })
  // `prototype.constructor` stays the class itself: V8 names objects in its messages ("Cannot
  // set property type of #<Socket>") after it, and cannot take a name from a Proxy.
  return guarded
}
