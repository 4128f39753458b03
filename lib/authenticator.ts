/**
 * Authenticator: a ZAP handler (ZeroMQ RFC 27) for every socket of one context; zeromq-turbo's
 * own, not in zeromq.js.
 *
 * libzmq asks the ZAP handler of a socket's context about every incoming connection of a PLAIN
 * or CURVE server, and of a NULL (no security) socket whose `zapDomain` is set. The handler is
 * whatever is bound to `inproc://zeromq.zap.01` in the context: here a Router read with the same
 * receiveBatch()/sendBatch() path as every socket, so a storm of connections is answered in
 * batches from the event loop, never by blocking it.
 *
 * Policies are evaluated as pyzmq's zmq.auth documents them, with one deliberate extension:
 * 1. the peer's address: an address on the deny list is refused, and so (when the allow list is
 *    not empty) is one that is not on it. pyzmq calls the two lists mutually exclusive; here
 *    both may be set and the deny list wins. A NULL connection that passes is admitted;
 * 2. the mechanism: PLAIN needs a user and password the domain's policy accepts, CURVE a
 *    client key it accepts. A domain without its own policy uses the policy of "*", and a
 *    request that none applies to is refused.
 * Every request gets exactly one reply, and every reply has RFC 27's seven frames with a valid
 * status code (200, 300, 400 or 500): libzmq treats anything else as a protocol error.
 */
import { createHash, timingSafeEqual } from "node:crypto"
import { EventEmitter } from "node:events"
import { BlockList, isIP } from "node:net"
import { loadCertificates } from "./certificates.js"
import { Context, context as defaultContext } from "./context.js"
import { arity } from "./errors.js"
import type { Message } from "./socket.js"
import { Router } from "./sockets.js"
import { curveKeyText, z85Encode } from "./z85.js"

/** Where libzmq looks for its ZAP handler, in every context (RFC 27). */
const ZAP_ENDPOINT = "inproc://zeromq.zap.01"
const ZAP_VERSION = "1.0"
/**
 * Requests answered per turn of the event loop. receiveBatch() resolves at once while requests
 * are queued, so without a limit and a yield a storm is answered in one turn: 1000 PLAIN
 * connections held the loop for 48-69 ms (scripts/bench/zap-storm.mjs). Answering costs 11-15 us
 * a request once the JIT is warm (`zap-storm.mjs --rate 20000`: PLAIN requests from an inproc
 * peer, both ends counted), so a turn of 64 is about 1 ms of work.
 */
const REQUESTS_PER_TURN = 64

/** A ZAP request as the Authenticator read it. */
export interface ZapRequest {
  /** The server socket's `zapDomain` ("" when not set). */
  domain: string
  /** The client's IP address (tcp; IPv4-mapped IPv6 addresses as IPv4), or what libzmq reports
   *  for other transports (ipc on Linux: "localhost:<uid>:<gid>:<pid>"). */
  address: string
  /** The request's identity frame: libzmq 4.3 sends the server socket's `routingId`. */
  identity: Buffer
  /** "NULL", "PLAIN", "CURVE" (or "GSSAPI", which this build does not support). */
  mechanism: string
  /** PLAIN: the user name the client sent. */
  username?: string
  /** CURVE: the client's public key, as 40 Z85 characters. */
  publicKey?: string
}

/** What the Authenticator answered, as its "decision" event reports it. */
export interface AuthenticatorDecision extends ZapRequest {
  /** Whether the client was admitted. */
  allowed: boolean
  /** The ZAP status code sent: 200 admitted, 400 refused, 300 refused for now (stop()),
   *  500 a check function failed. */
  status: 200 | 300 | 400 | 500
  /** Why, in words (sent as the reply's status text, which libzmq does not pass to the client). */
  reason: string
  /** The user id sent with an admission: the PLAIN user name or the CURVE key (Z85). */
  userId: string
}

/** Decides a PLAIN request; may be async. Throwing or rejecting refuses it with status 500. */
export type PlainCheck = (username: string, password: string, request: ZapRequest) => boolean | Promise<boolean>
/** Decides a CURVE request by the client's Z85 key; may be async. Throwing refuses it with 500. */
export type CurveCheck = (publicKey: string, request: ZapRequest) => boolean | Promise<boolean>

/**
 * The PLAIN policy of a ZAP domain, for {@link Authenticator.configurePlain}(): a table of user
 * names and passwords, or a function that decides. PLAIN sends the password in clear text: use
 * it on trusted networks, or over CURVE-less loopback only.
 */
export interface PlainPolicy {
  /** The ZAP domain this policy is for; "*" (the default) is used by every domain without one. */
  domain?: string
  /** User names and their passwords. */
  users?: Record<string, string> | Map<string, string>
  /** A function that decides instead (exclusive with `users`). */
  check?: PlainCheck
}

/**
 * The CURVE policy of a ZAP domain, for {@link Authenticator.configureCurve}(): which client
 * public keys are admitted. Exactly one of `any`, `keys`, `directory` and `check` is given.
 */
export interface CurvePolicy {
  /** The ZAP domain this policy is for; "*" (the default) is used by every domain without one. */
  domain?: string
  /** Admit any client key: encryption without authentication (exclusive with the others). */
  any?: boolean
  /** The client public keys admitted, as Z85 text or 32 raw bytes. */
  keys?: Iterable<string | ArrayBufferView | ArrayBuffer>
  /** A directory of certificate files (czmq's and pyzmq's format) whose public keys are
   *  admitted, read when this is called; with `keys`, both are admitted. */
  directory?: string
  /** A function that decides instead (exclusive with the others). */
  check?: CurveCheck
}

/** The options of the {@link Authenticator} constructor. */
export interface AuthenticatorOptions {
  /** The context whose sockets are served; the default context unless given. */
  context?: Context
}

type Verdict = Pick<AuthenticatorDecision, "status" | "reason" | "userId">
type PlainRule = { users: Map<string, Buffer> } | { check: PlainCheck }
type CurveRule = { any: true } | { keys: Set<string> } | { check: CurveCheck }

/** A request awaiting an async check: answered when it settles, or with 300 by stop(). */
interface Pending {
  frames: Message[]
  request: ZapRequest
}

function refuse(reason: string, status: 300 | 400 | 500 = 400): Verdict {
  return { status, reason, userId: "" }
}

function admit(userId: string): Verdict {
  return { status: 200, reason: "OK", userId }
}

/** Compares digests, so the time taken does not depend on where two passwords differ. */
function digest(bytes: Uint8Array | string): Buffer {
  return createHash("sha256").update(bytes).digest()
}

/** An IPv4 address in IPv4-mapped IPv6 form (`::ffff:127.0.0.1`) as IPv4; a zone id dropped. */
function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]
  const zone = address.indexOf("%")
  return zone >= 0 && isIP(address.slice(0, zone)) === 6 ? address.slice(0, zone) : address
}

/** One allow or deny list: IPv4 and IPv6 addresses and subnets ("10.0.0.0/8", "fd00::/8"). */
class AddressList {
  #list = new BlockList()
  size = 0

  add(entry: unknown): void {
    if (typeof entry !== "string") throw new TypeError("Address must be a string")
    const [address, prefix, extra] = entry.split("/")
    const normalized = normalizeAddress(address)
    const family = isIP(normalized)
    const bits = family === 4 ? 32 : 128
    const length = prefix === undefined ? bits : /^\d+$/.test(prefix) ? Number(prefix) : NaN
    if (family === 0 || extra !== undefined || !(length >= 0 && length <= bits)) {
      throw new TypeError(`Address must be an IPv4 or IPv6 address or subnet (a.b.c.d/n), got ${JSON.stringify(entry)}`)
    }
    const type = family === 4 ? "ipv4" : "ipv6"
    if (length === bits) this.#list.addAddress(normalized, type)
    else this.#list.addSubnet(normalized, length, type)
    this.size++
  }

  /** Whether a peer address is on the list; an address that is not IP (ipc) never is. */
  has(address: string): boolean {
    if (this.size === 0) return false
    const family = isIP(address)
    return family !== 0 && this.#list.check(address, family === 4 ? "ipv4" : "ipv6")
  }
}

function text(frame: Message | undefined): string {
  return frame === undefined ? "" : frame.toString("utf8")
}

/**
 * zeromq-turbo's addition: a ZAP handler (ZeroMQ RFC 27) that authenticates the clients of
 * every server socket of a context, with pyzmq's `zmq.auth` policies: IP allow and deny
 * lists, PLAIN users and passwords, CURVE client keys (a list, a czmq/pyzmq certificate
 * directory, or a function), per ZAP domain. zeromq.js has nothing of the kind: there a program
 * speaks ZAP itself on a Router bound to `inproc://zeromq.zap.01`.
 *
 * Configure it, then {@link start}() it before the servers it protects bind (a connection whose
 * handshake completes while no handler is bound is not asked about). Each decision is emitted
 * as a `"decision"` event ({@link AuthenticatorDecision}) and yielded by async iteration.
 *
 * ```typescript
 * const auth = new zmq.Authenticator()
 * auth.allow("127.0.0.1")
 * auth.configureCurve({ keys: [subscriberPublicKey] })
 * auth.on("decision", d => console.log(d.allowed, d.address, d.reason))
 * auth.start()
 * const feed = new zmq.Publisher({ curveServer: true, curveSecretKey })
 * ```
 *
 * While started it keeps the process running, as a listening server does; {@link stop}() ends
 * that. What each policy does and libzmq's rules around it: docs/security.md.
 */
export class Authenticator extends EventEmitter {
  /** The context whose sockets this authenticator serves. */
  readonly context: Context
  #allow = new AddressList()
  #deny = new AddressList()
  #plain = new Map<string, PlainRule>()
  #curve = new Map<string, CurveRule>()
  #router: Router | undefined = undefined
  #pending = new Set<Pending>()
  #outbox: (string | Message)[][] = []
  #flushing = false
  #iterators = new Set<(decision: AuthenticatorDecision | undefined) => void>()

  /**
   * Creates an authenticator for a context; it answers nothing until {@link start}().
   *
   * @param options The `context` to serve (default: the global context).
   */
  constructor(options?: AuthenticatorOptions) {
    super()
    arity(arguments.length, 1)
    if (options !== undefined && (typeof options !== "object" || options === null)) {
      throw new TypeError("Options must be an object")
    }
    const context = options?.context ?? defaultContext
    if (!(context instanceof Context)) throw new TypeError("Context must be a Context")
    this.context = context
  }

  /** Whether start() was called and stop() not since. */
  get running(): boolean {
    return this.#router !== undefined
  }

  /** Admits only these addresses and subnets (for PLAIN and CURVE: lets them go on to their
   *  mechanism's check). Adds to the list on every call. */
  allow(...addresses: string[]): this {
    for (const address of addresses) this.#allow.add(address)
    return this
  }

  /** Refuses these addresses and subnets, whatever the allow list says. */
  deny(...addresses: string[]): this {
    for (const address of addresses) this.#deny.add(address)
    return this
  }

  /** Sets the PLAIN policy of a domain ("*" by default), replacing its previous one. */
  configurePlain(policy: PlainPolicy): this {
    arity(arguments.length, 1)
    if (typeof policy !== "object" || policy === null) throw new TypeError("Policy must be an object")
    const domain = domainOf(policy)
    const { users, check } = policy
    if ((users === undefined) === (check === undefined)) {
      throw new TypeError("A PLAIN policy needs either users or check")
    }
    if (check !== undefined) {
      if (typeof check !== "function") throw new TypeError("check must be a function")
      this.#plain.set(domain, { check })
      return this
    }
    if (typeof users !== "object" || users === null) throw new TypeError("users must be an object or a Map")
    const digests = new Map<string, Buffer>()
    for (const [user, password] of users instanceof Map ? users : Object.entries(users)) {
      if (typeof user !== "string" || typeof password !== "string") {
        throw new TypeError("User names and passwords must be strings")
      }
      digests.set(user, digest(password))
    }
    this.#plain.set(domain, { users: digests })
    return this
  }

  /** Sets the CURVE policy of a domain ("*" by default), replacing its previous one. */
  configureCurve(policy: CurvePolicy): this {
    arity(arguments.length, 1)
    if (typeof policy !== "object" || policy === null) throw new TypeError("Policy must be an object")
    const domain = domainOf(policy)
    const { any, keys, directory, check } = policy
    const lists = keys !== undefined || directory !== undefined
    if ([any !== undefined, check !== undefined, lists].filter(Boolean).length !== 1) {
      throw new TypeError("A CURVE policy needs exactly one of any, check, or keys and/or directory")
    }
    if (any !== undefined) {
      if (any !== true) throw new TypeError("any must be true")
      this.#curve.set(domain, { any: true })
    } else if (check !== undefined) {
      if (typeof check !== "function") throw new TypeError("check must be a function")
      this.#curve.set(domain, { check })
    } else {
      const admitted = new Set<string>()
      if (keys !== undefined) {
        if (typeof keys !== "object" || keys === null || !(Symbol.iterator in keys)) {
          throw new TypeError("keys must be an iterable of keys")
        }
        for (const key of keys) admitted.add(curveKeyText(key, "Public key"))
      }
      if (directory !== undefined) {
        if (typeof directory !== "string") throw new TypeError("directory must be a string")
        for (const key of loadCertificates(directory)) admitted.add(key)
      }
      this.#curve.set(domain, { keys: admitted })
    }
    return this
  }

  /**
   * Binds the context's ZAP endpoint and starts answering. Synchronous, so no connection can
   * slip through between the call and the binding. Throws EADDRINUSE (with `address`) when
   * the context already has a ZAP handler. Calling it while running does nothing.
   */
  start(): void {
    arity(arguments.length, 0)
    if (this.#router !== undefined) return
    // linger 0: a reply to a connection that is gone must never hold up the context's end.
    const router = new Router({ context: this.context, linger: 0 })
    try {
      router.bindSync(ZAP_ENDPOINT)
    } catch (error) {
      router.close()
      throw error
    }
    this.#router = router
    void this.#serve(router)
  }

  /**
   * Stops answering and unbinds the ZAP endpoint. Requests still waiting for a check function
   * are answered 300 (libzmq then drops those connections without an error; clients retry).
   * Note libzmq's rule for a context without a ZAP handler: CURVE servers, and NULL servers with
   * a zapDomain, admit every client again; PLAIN servers, and servers with both zapDomain and
   * zapEnforceDomain set, refuse every client (docs/security.md). Ends the async iterators.
   * Idempotent.
   */
  stop(): void {
    arity(arguments.length, 0)
    const router = this.#router
    if (router === undefined) return
    for (const pending of this.#pending) this.#reply(pending, refuse("Authenticator stopped", 300))
    this.#pending.clear()
    this.#flush(router)
    this.#router = undefined
    // Unbound at once, so another handler can start now (close() alone frees the name only once
    // libzmq's reaper has destroyed the socket). Replies already queued are still delivered.
    if (!router.closed) router.unbindSync(ZAP_ENDPOINT)
    router.close()
    for (const end of [...this.#iterators]) end(undefined)
  }

  /** The decisions from now until stop(), in order (none when not started). */
  [Symbol.asyncIterator](): AsyncIterator<AuthenticatorDecision, undefined> {
    arity(arguments.length, 0)
    const queue: AuthenticatorDecision[] = []
    const waiting: ((result: IteratorResult<AuthenticatorDecision, undefined>) => void)[] = []
    let done = !this.running
    const take = (): IteratorResult<AuthenticatorDecision, undefined> =>
      queue.length > 0 ? { value: queue.shift()!, done: false } : { value: undefined, done: true }
    const push = (decision: AuthenticatorDecision | undefined): void => {
      if (decision === undefined) {
        done = true
        this.#iterators.delete(push)
      } else {
        queue.push(decision)
      }
      while (waiting.length > 0 && (queue.length > 0 || done)) waiting.shift()!(take())
    }
    if (!done) this.#iterators.add(push)
    return {
      next: () => (queue.length > 0 || done ? Promise.resolve(take()) : new Promise(resolve => waiting.push(resolve))),
      return: () => {
        queue.length = 0
        push(undefined)
        return Promise.resolve({ value: undefined, done: true })
      },
    }
  }

  async #serve(router: Router): Promise<void> {
    for (;;) {
      let batch: Message[][]
      try {
        batch = await router.receiveBatch(REQUESTS_PER_TURN)
      } catch (error) {
        // stop() closed the router, which rejects the pending receive.
        if (this.#router !== router) return
        this.#failed(error)
        return
      }
      for (const frames of batch) {
        try {
          this.#handle(frames)
        } catch (error) {
          // A bug here must still answer, or the connection would wait for its handshake
          // timeout; the reply says what failed.
          const request = { domain: "", address: "", identity: Buffer.alloc(0), mechanism: "" }
          this.#reply({ frames, request }, refuse(`Internal error: ${messageOf(error)}`, 500))
        }
      }
      // A full batch means more may be waiting: let timers and I/O run before the next one
      // (receiveBatch() resolves at once while data is there, which would not yield).
      if (batch.length === REQUESTS_PER_TURN) await new Promise(resolve => setImmediate(resolve))
    }
  }

  /** A failure of the ZAP socket itself (not of a request): reported, then the handler stops. */
  #failed(error: unknown): void {
    if (this.listenerCount("error") > 0) this.emit("error", error)
    else process.emitWarning(`zeromq-turbo: authenticator stopped: ${(error as Error).message}`)
    this.stop()
  }

  #handle(frames: Message[]): void {
    // [routing id, delimiter, version, request id, domain, address, identity, mechanism, ...credentials]
    const mechanism = text(frames[7])
    const request: ZapRequest = {
      domain: text(frames[4]),
      address: normalizeAddress(text(frames[5])),
      identity: frames[6] ?? Buffer.alloc(0),
      mechanism,
    }
    const credentials = frames.slice(8)
    let verdict: Verdict | Promise<Verdict>
    if (frames.length < 8 || frames[1].length !== 0) {
      verdict = refuse("Malformed ZAP request")
    } else if (text(frames[2]) !== ZAP_VERSION) {
      verdict = refuse(`Unsupported ZAP version ${JSON.stringify(text(frames[2]))}`)
    } else if (mechanism === "PLAIN" && credentials.length === 2) {
      request.username = text(credentials[0])
      verdict = this.#checkAddress(request) ?? this.#checkPlain(request, credentials[1])
    } else if (mechanism === "CURVE" && credentials.length === 1 && credentials[0].length === 32) {
      request.publicKey = z85Encode(credentials[0])
      verdict = this.#checkAddress(request) ?? this.#checkCurve(request)
    } else if (mechanism === "NULL" && credentials.length === 0) {
      verdict = this.#checkAddress(request) ?? admit("")
    } else if (mechanism === "PLAIN" || mechanism === "CURVE" || mechanism === "NULL") {
      verdict = refuse(`Malformed ZAP request (credentials of ${mechanism})`)
    } else {
      verdict = refuse(`Unsupported mechanism ${JSON.stringify(mechanism)}`)
    }
    const pending: Pending = { frames, request }
    if (!(verdict instanceof Promise)) {
      this.#reply(pending, verdict)
      return
    }
    this.#pending.add(pending)
    const settle = (settled: Verdict): void => {
      // Answered already if stop() came first.
      if (this.#pending.delete(pending)) this.#reply(pending, settled)
    }
    verdict.then(settle, error => settle(refuse(`${mechanism} check failed: ${messageOf(error)}`, 500)))
  }

  /** A refusal by the address lists, or undefined when the address may go on. */
  #checkAddress(request: ZapRequest): Verdict | undefined {
    if (this.#deny.has(request.address)) return refuse("Address denied")
    if (this.#allow.size > 0 && !this.#allow.has(request.address)) return refuse("Address not allowed")
    return undefined
  }

  #checkPlain(request: ZapRequest, password: Message): Verdict | Promise<Verdict> {
    const rule = this.#plain.get(request.domain) ?? this.#plain.get("*")
    const username = request.username!
    if (rule === undefined) return refuse("No PLAIN users for this domain")
    if ("check" in rule) {
      return decide(() => rule.check(username, password.toString("utf8"), { ...request }), "PLAIN", username)
    }
    const expected = rule.users.get(username)
    if (expected === undefined) return refuse("Unknown user")
    return timingSafeEqual(expected, digest(password)) ? admit(username) : refuse("Wrong password")
  }

  #checkCurve(request: ZapRequest): Verdict | Promise<Verdict> {
    const rule = this.#curve.get(request.domain) ?? this.#curve.get("*")
    const key = request.publicKey!
    if (rule === undefined) return refuse("No CURVE keys for this domain")
    if ("any" in rule) return admit(key)
    if ("check" in rule) return decide(() => rule.check(key, { ...request }), "CURVE", key)
    return rule.keys.has(key) ? admit(key) : refuse("Unknown key")
  }

  /** Queues the one reply to a request and reports the decision. */
  #reply({ frames, request }: Pending, verdict: Verdict): void {
    const router = this.#router
    if (router === undefined) return
    // RFC 27's reply: the request's envelope and id, then status code, text, user id, metadata.
    this.#outbox.push([
      frames[0],
      "",
      ZAP_VERSION,
      frames[3] ?? "",
      String(verdict.status),
      verdict.reason,
      verdict.userId,
      "",
    ])
    // Replies decided in one turn (a whole receive batch, usually) go out together.
    if (!this.#flushing) {
      this.#flushing = true
      queueMicrotask(() => this.#flush(router))
    }
    const decision: AuthenticatorDecision = { ...request, allowed: verdict.status === 200, ...verdict }
    for (const push of this.#iterators) push(decision)
    try {
      this.emit("decision", decision)
    } catch (error) {
      // A throwing listener is the application's uncaught exception, as it would be for any
      // emitter; it must not stop the answers to the other requests.
      process.nextTick(() => {
        throw error
      })
    }
  }

  #flush(router: Router): void {
    this.#flushing = false
    if (this.#outbox.length === 0 || router.closed) return
    const replies = this.#outbox
    this.#outbox = []
    // A Router never waits to send (with `mandatory` off it drops a message for a peer that is
    // gone or full), so sendBatch() hands every reply to libzmq within this call and a second
    // one never meets EBUSY; the promise only reports the outcome.
    let sent: Promise<void>
    try {
      sent = router.sendBatch(replies)
    } catch (error) {
      this.#failed(error)
      return
    }
    sent.catch((error: unknown) => {
      if (this.#router === router) this.#failed(error)
    })
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function domainOf(policy: { domain?: unknown }): string {
  const domain = policy.domain ?? "*"
  if (typeof domain !== "string") throw new TypeError("domain must be a string")
  return domain
}

/** Runs a user's check, which may return a boolean or a promise of one. */
function decide(run: () => boolean | Promise<boolean>, mechanism: string, userId: string): Verdict | Promise<Verdict> {
  const verdict = (allowed: unknown): Verdict =>
    allowed === true ? admit(userId) : refuse(`Refused by the ${mechanism} check`)
  let result: boolean | Promise<boolean>
  try {
    result = run()
  } catch (error) {
    return refuse(`${mechanism} check failed: ${messageOf(error)}`, 500)
  }
  return result instanceof Promise || (typeof result === "object" && result !== null && "then" in result)
    ? Promise.resolve(result).then(verdict)
    : verdict(result)
}
