/**
 * Proxy: zmq_proxy_steerable() between a front-end and a back-end socket.
 *
 * The addon runs the proxy loop on a thread of its own. zeromq.js runs it on libuv's
 * threadpool, where each running proxy holds one of its (by default four) threads until it is
 * terminated; here fs, dns, bind and other proxies keep working however many proxies run.
 *
 * While run() is pending both sockets belong to the proxy thread and are blocked as during a
 * bind: their operations fail with EBUSY, as in zeromq.js. Closing one of them meanwhile is
 * deferred until the proxy ends (as in zeromq.js; a libzmq socket cannot be closed under the
 * thread using it): the proxy keeps running until terminate(). When the proxy ends, however it
 * ends, both sockets are closed.
 */
import { arity, errnoError, isObject, messages, napiClass } from "./errors.js"
import { native, type NativeProxy, type NativeSocket } from "./native.js"
import { internal } from "./internal.js"
import type { Socket } from "./socket.js"

// Exported as napiClass(Proxy): see ProxyClass below.
class Proxy<F extends Socket = Socket, B extends Socket = Socket> {
  #native: NativeProxy
  #frontEnd: F
  #backEnd: B
  #running = false

  /**
   * Creates a proxy between two sockets; nothing is proxied until {@link run}() is called.
   *
   * @param frontEnd The front-end socket.
   * @param backEnd The back-end socket.
   */
  constructor(frontEnd: F, backEnd: B) {
    if (!isObject(frontEnd)) throw new TypeError("Front-end must be a socket object")
    if (!isObject(backEnd)) throw new TypeError("Back-end must be a socket object")
    arity(arguments.length, 2)
    this.#native = new native.Proxy(unwrap(frontEnd), unwrap(backEnd))
    this.#frontEnd = frontEnd
    this.#backEnd = backEnd
  }

  /** The front-end socket given to the constructor. */
  get frontEnd(): F {
    return this.#frontEnd
  }

  /** The back-end socket given to the constructor. */
  get backEnd(): B {
    return this.#backEnd
  }

  /**
   * Starts proxying on a thread of its own and resolves once the proxy was terminated with
   * {@link terminate}(), or rejects if libzmq ended it with an error. However it ends, both
   * sockets are closed then.
   *
   * Both sockets must have been bound or connected first: otherwise it throws an `EINVAL`
   * error ("Front-end socket must be bound or connected", or "Back-end ..."). It rejects with
   * `EBUSY` when the proxy is already running (zeromq.js 6.8.0 crashes then).
   *
   * @returns Resolves when the proxy has ended.
   */
  run(): Promise<void> {
    arity(arguments.length, 0)
    if (this.#running) return Promise.reject(errnoError("EBUSY", messages.proxyRunning))
    requireEndpoint(this.#frontEnd, "Front-end")
    requireEndpoint(this.#backEnd, "Back-end")
    const running = this.#native.run()
    this.#running = true
    // Blocked as during a bind, so the sockets' own methods leave the addon alone meanwhile.
    internal.socket.block(this.#frontEnd, 1)
    internal.socket.block(this.#backEnd, 1)
    const end = (): void => {
      this.#running = false
      internal.socket.block(this.#frontEnd, -1)
      internal.socket.block(this.#backEnd, -1)
      this.#frontEnd.close()
      this.#backEnd.close()
    }
    return running.then(end, (error: unknown) => {
      end()
      throw error
    })
  }

  /**
   * Suspends proxying: messages wait in the sockets' queues until {@link resume}(). (In
   * zeromq.js 6.8.0 pause() and resume() do each other's work; here they do what they say.)
   */
  pause(): void {
    arity(arguments.length, 0)
    this.#native.pause()
  }

  /** Resumes proxying after {@link pause}(). */
  resume(): void {
    arity(arguments.length, 0)
    this.#native.resume()
  }

  /**
   * Stops the proxy. {@link run}() resolves shortly afterwards, once the proxy thread has
   * finished, and both sockets are closed then.
   */
  terminate(): void {
    arity(arguments.length, 0)
    this.#native.terminate()
  }
}

// The class as exported: see napiClass().
/**
 * Proxies messages between two sockets (zmq_proxy_steerable): conceptually from the front-end
 * to the back-end, with replies (for socket types that have them) flowing back. The direction is
 * only a name: the proxy is symmetric. Bind or connect both sockets and set their options
 * first, then call {@link Proxy.run}(). The Guide's msgqueue is a Router/Dealer proxy.
 *
 * ```typescript
 * const proxy = new zmq.Proxy(new zmq.Router(), new zmq.Dealer())
 * await proxy.frontEnd.bind("tcp://*:3001")
 * await proxy.backEnd.bind("tcp://*:3002")
 * setTimeout(() => proxy.terminate(), 5000)
 * await proxy.run()
 * ```
 *
 * While it runs, both sockets belong to the proxy's thread: their methods and options throw
 * `EBUSY`. The proxy runs on a thread of its own, not on libuv's threadpool as zeromq.js's
 * does (where four running proxies stop fs and dns calls); its pause() and resume() do what
 * their names say (zeromq.js 6.8.0 swaps them): docs/compatibility.md.
 *
 * @typeParam F The front-end socket type.
 * @typeParam B The back-end socket type.
 * @class
 */
const ProxyClass = napiClass(Proxy)
type ProxyClass<F extends Socket = Socket, B extends Socket = Socket> = Proxy<F, B>
export { ProxyClass as Proxy }

function unwrap(socket: Socket): NativeSocket {
  try {
    return internal.socket.native(socket)
  } catch {
    // zeromq.js's text (a failed napi_unwrap) for an object that is not a socket.
    throw new Error("Invalid argument")
  }
}

/**
 * zeromq.js counts binds and connects. libzmq remembers the last endpoint of both, which is the
 * same test except after every endpoint was unbound or disconnected again.
 */
function requireEndpoint(socket: Socket, name: string): void {
  if (socket.closed || socket.lastEndpoint === null) {
    throw errnoError("EINVAL", `${name} socket must be bound or connected`)
  }
}
