/**
 * Errors as zeromq.js makes them: an Error with `code` (the errno name) and `errno`, plus
 * `address` for endpoint operations. The messages here are zeromq.js's where it words them
 * itself; libzmq's own errors come from the addon with zmq_strerror()'s text.
 */
import { constants } from "node:os"

export interface ErrnoError extends Error {
  code: string
  errno: number
  address?: string
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

export const messages = {
  closed: "Socket is closed",
  timeout: "Operation was not possible or timed out",
  busyReading: "Socket is busy reading; only one receive operation may be in progress at any time",
  busyWriting: "Socket is busy writing; only one send operation may be in progress at any time",
  blocked: "Socket is blocked by a bind or unbind operation",
  /* zeromq.js says "blocked by a bind or unbind operation" here too (docs/compatibility.md) */
  proxied: "Socket is used by a running proxy",
  notSocket: "Socket operation on non-socket",
  invalid: "Invalid argument",
} as const

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
