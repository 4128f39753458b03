/**
 * The draft socket types (libzmq's draft API), exported by "zeromq-turbo/draft". Defined here,
 * apart from the warning that entry point emits, so the main entry can install their options.
 */
import { errnoError, messages } from "./errors.js"
import { defineKind, type Address } from "./internal.js"
import type * as Props from "./options.generated.js"
import { zmqConstant } from "./options.js"
import { Socket, type Message, type MessageLike } from "./socket.js"
import type { Readable, SocketOptions, Writable } from "./sockets.js"

const type = (name: string): number => zmqConstant(name)

/** What identifies a message's client on a {@link Server}: sent with send(), received with it. */
export interface ServerRoutingOptions {
  /** The client's routing id, a number libzmq gives each connected {@link Client} (never 0). */
  routingId: number
}

/**
 * Server's send() options checked as zeromq.js checks them (synchronously), reduced to a
 * routing id as libzmq's uint32 (never 0, which libzmq refuses).
 */
function routingIdOf(options: { routingId?: unknown }): Address {
  const routingId = options.routingId
  if (routingId === undefined) throw errnoError("EINVAL", messages.invalid)
  if (typeof routingId !== "number") throw new TypeError("A number was expected")
  if (routingId >>> 0 === 0) throw errnoError("EINVAL", messages.invalid)
  return { routingId: routingId >>> 0 }
}

/** Radio's send() options checked as zeromq.js checks them, reduced to a string or Buffer. */
function groupOf(options: { group?: unknown }): Address {
  const group = options.group
  if (group === undefined) throw errnoError("EINVAL", messages.invalid)
  if (typeof group === "string" || Buffer.isBuffer(group)) return { group }
  // zeromq.js takes the bytes of any TypedArray, and fails on a DataView with a plain Error.
  if (group instanceof DataView) throw new Error(messages.invalid)
  if (ArrayBuffer.isView(group)) return { group: Buffer.from(group.buffer, group.byteOffset, group.byteLength) }
  throw new TypeError("Value must be a string or buffer")
}

/**
 * A SERVER socket (ZMQ_SERVER, draft) is the thread-safe counterpart of a `Router` for
 * {@link Client}s: each message is a single frame, received with the client's routing id and
 * sent to a routing id.
 *
 * ```typescript
 * const server = new Server()
 * await server.bind("tcp://127.0.0.1:5555")
 * const [request, { routingId }] = await server.receive()
 * await server.send("reply", { routingId })
 * ```
 *
 * Multipart messages are not supported (`ENOTSUP`); send() without a numeric, non-zero
 * `routingId` throws (`EINVAL` or a TypeError, as in zeromq.js), and a routing id of a client
 * that is gone rejects with `EHOSTUNREACH`.
 */
export class Server extends Socket {
  /**
   * Creates a Server socket in the global context, or the `context` given. Throws an `ENOTSUP`
   * error when libzmq was built without the draft API.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Server>) {
    super(type("ZMQ_SERVER"), options)
  }
}
export interface Server
  extends
    Props.ServerProperties,
    Readable<[Message, ServerRoutingOptions]>,
    Writable<MessageLike, [ServerRoutingOptions]> {}
// Messages carry the client's routing id: receive() appends it, send() requires it.
defineKind(Server, {
  received: (frames, routingId) => [frames[0], { routingId }],
  address: routingIdOf,
  addresses: length => new Uint32Array(length),
})

/**
 * A CLIENT socket (ZMQ_CLIENT, draft) is the thread-safe counterpart of a `Dealer` for
 * {@link Server}s: single-frame messages, round-robined over the servers it is connected to,
 * and fair-queued from them. Multipart messages are not supported (`ENOTSUP`).
 */
export class Client extends Socket {
  /**
   * Creates a Client socket in the global context, or the `context` given. Throws an `ENOTSUP`
   * error when libzmq was built without the draft API.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Client>) {
    super(type("ZMQ_CLIENT"), options)
  }
}
export interface Client extends Props.ClientProperties, Readable<[Message]>, Writable<MessageLike> {}

/** The group a {@link Radio} message goes to, given to send(). */
export interface RadioGroupOptions {
  /** The group name: up to 15 bytes (libzmq's ZMQ_GROUP_MAX_LENGTH). */
  group: Buffer | string
}

/**
 * A RADIO socket (ZMQ_RADIO, draft) publishes single-frame messages to groups; the
 * {@link Dish} sockets that joined a group receive its messages. It works over `udp://`
 * (including multicast) as well as tcp and ipc, and never waits: like a `Publisher` it
 * drops at the high water mark.
 *
 * ```typescript
 * const radio = new Radio()
 * radio.connect("udp://127.0.0.1:5556")
 * await radio.send("21 degrees", { group: "weather" })
 * ```
 */
export class Radio extends Socket {
  /**
   * Creates a Radio socket in the global context, or the `context` given. Throws an `ENOTSUP`
   * error when libzmq was built without the draft API.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Radio>) {
    super(type("ZMQ_RADIO"), options)
  }
}
export interface Radio extends Props.RadioProperties, Writable<MessageLike, [RadioGroupOptions]> {}
// send() requires the group.
defineKind(Radio, {
  address: groupOf,
  addresses: length => new Array<string | Buffer>(length),
})

/** The group a message received by a {@link Dish} was sent to. */
export interface DishGroupOptions {
  /** The group name, as bytes. */
  group: Buffer
}

/**
 * A DISH socket (ZMQ_DISH, draft) receives the messages a {@link Radio} sends to the groups it
 * joined with {@link join}(); each resolves as `[data, { group }]`. It cannot send.
 *
 * ```typescript
 * const dish = new Dish()
 * await dish.bind("udp://127.0.0.1:5556")
 * dish.join("weather")
 * const [data, { group }] = await dish.receive()
 * ```
 */
export class Dish extends Socket {
  /**
   * Creates a Dish socket in the global context, or the `context` given. Throws an `ENOTSUP`
   * error when libzmq was built without the draft API.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Dish>) {
    super(type("ZMQ_DISH"), options)
  }
}
export interface Dish extends Props.DishProperties, Readable<[Message, DishGroupOptions]> {
  // join() and leave() are Socket's (as in zeromq.js, whose Dish has no join of its own).
  /**
   * Joins groups: from now on, messages a {@link Radio} sends to them are received. Throws
   * libzmq's error (e.g. `EINVAL` for a name longer than 15 bytes) at the first group it
   * refuses, and a TypeError for a value that is not a string or bytes.
   *
   * @param values The group names.
   */
  join(...values: Array<Buffer | string>): void
  /**
   * Leaves groups joined with {@link join}(); throws `EINVAL` for a group not joined.
   *
   * @param values The group names.
   */
  leave(...values: Array<Buffer | string>): void
}
// receive() appends the message's group.
defineKind(Dish, {
  received: (frames, _routingId, group) => [frames[0], { group }],
})

/**
 * A GATHER socket (ZMQ_GATHER, draft) is the thread-safe counterpart of a `Pull`: it
 * fair-queues single-frame messages from {@link Scatter} sockets. It cannot send.
 */
export class Gather extends Socket {
  /**
   * Creates a Gather socket in the global context, or the `context` given. Throws an `ENOTSUP`
   * error when libzmq was built without the draft API.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Gather>) {
    super(type("ZMQ_GATHER"), options)
  }
}
export interface Gather extends Props.GatherProperties, Readable<[Message]> {}

/**
 * A SCATTER socket (ZMQ_SCATTER, draft) is the thread-safe counterpart of a `Push`: it
 * spreads single-frame messages round-robin over the {@link Gather} sockets it is connected to,
 * waiting when all are at the high water mark. It cannot receive.
 */
export class Scatter extends Socket {
  /**
   * Creates a Scatter socket in the global context, or the `context` given. Throws an `ENOTSUP`
   * error when libzmq was built without the draft API.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Scatter>) {
    super(type("ZMQ_SCATTER"), options)
  }
}
export interface Scatter extends Props.ScatterProperties, Writable<MessageLike> {}

/**
 * A DGRAM socket (ZMQ_DGRAM, draft) sends and receives UDP datagrams over `udp://`. Every
 * message is two frames, `[address, data]`: the peer's `ip:port` and the payload, in both
 * directions.
 *
 * ```typescript
 * const dgram = new Datagram()
 * await dgram.bind("udp://127.0.0.1:5557")
 * const [from, payload] = await dgram.receive()
 * await dgram.send([from, payload]) // echo
 * ```
 */
export class Datagram extends Socket {
  /**
   * Creates a Datagram socket in the global context, or the `context` given. Throws an `ENOTSUP`
   * error when libzmq was built without the draft API.
   *
   * @param options Option properties to set on the new socket, and its `context`.
   */
  constructor(options?: SocketOptions<Datagram>) {
    super(type("ZMQ_DGRAM"), options)
  }
}
export interface Datagram
  extends Props.DatagramProperties, Readable<[Message, Message]>, Writable<[MessageLike, MessageLike]> {}
