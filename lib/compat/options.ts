/**
 * Legacy socket options: setsockopt()/getsockopt() by v5 number or short name, translated to
 * the option properties of the v6 socket underneath. Values pass through unchanged unless the
 * v5 API read or wrote them differently (booleans read as 1/0, ZMQ_IPV4ONLY as the inverse of
 * ipv6, ZMQ_MECHANISM as a number), so validation and its errors are the v6 API's.
 *
 * A v6 property missing on a socket type behaves as zeromq.js's compat layer does: reading it
 * gives undefined, and writing it throws the TypeError of assigning to a sealed object.
 */
import type { Socket as V6Socket } from "../index.js"
import * as zmq from "./constants.js"

/** The short names v5 programs use as properties and in createSocket() options, in v5's order. */
export const options = {
  _fd: zmq.ZMQ_FD,
  _ioevents: zmq.ZMQ_EVENTS,
  _receiveMore: zmq.ZMQ_RCVMORE,
  _subscribe: zmq.ZMQ_SUBSCRIBE,
  _unsubscribe: zmq.ZMQ_UNSUBSCRIBE,
  affinity: zmq.ZMQ_AFFINITY,
  backlog: zmq.ZMQ_BACKLOG,
  identity: zmq.ZMQ_IDENTITY,
  linger: zmq.ZMQ_LINGER,
  rate: zmq.ZMQ_RATE,
  rcvbuf: zmq.ZMQ_RCVBUF,
  last_endpoint: zmq.ZMQ_LAST_ENDPOINT,
  reconnect_ivl: zmq.ZMQ_RECONNECT_IVL,
  recovery_ivl: zmq.ZMQ_RECOVERY_IVL,
  sndbuf: zmq.ZMQ_SNDBUF,
  mechanism: zmq.ZMQ_MECHANISM,
  plain_server: zmq.ZMQ_PLAIN_SERVER,
  plain_username: zmq.ZMQ_PLAIN_USERNAME,
  plain_password: zmq.ZMQ_PLAIN_PASSWORD,
  curve_server: zmq.ZMQ_CURVE_SERVER,
  curve_publickey: zmq.ZMQ_CURVE_PUBLICKEY,
  curve_secretkey: zmq.ZMQ_CURVE_SECRETKEY,
  curve_serverkey: zmq.ZMQ_CURVE_SERVERKEY,
  zap_domain: zmq.ZMQ_ZAP_DOMAIN,
  heartbeat_ivl: zmq.ZMQ_HEARTBEAT_IVL,
  heartbeat_ttl: zmq.ZMQ_HEARTBEAT_TTL,
  heartbeat_timeout: zmq.ZMQ_HEARTBEAT_TIMEOUT,
  connect_timeout: zmq.ZMQ_CONNECT_TIMEOUT,
}

export type OptionName = keyof typeof options
export type OptionValue = string | number | boolean | null

/** A v6 socket seen through its properties, looked up by name. */
type Target = Record<string, unknown>

/** What one v5 option does; an absent direction is an "Unknown option" in that direction. */
interface Translation {
  get?(socket: Target): unknown
  set?(socket: Target, value: unknown): void
}

/** The v6 property of that name, both ways, the value as is. */
function property(name: string): Translation {
  return {
    get: socket => socket[name],
    set: (socket, value) => {
      socket[name] = value
    },
  }
}

/** Only writing the v6 property (v5 had no way to read these back). */
function writeOnly(name: string): Translation {
  return { set: property(name).set }
}

/** A v6 boolean: set from any value's truthiness, read as 1 or 0 as libzmq reports it. */
function flag(name: string): Translation {
  return {
    get: socket => (socket[name] ? 1 : 0),
    set: (socket, value) => {
      socket[name] = Boolean(value)
    },
  }
}

/** A subscription method of SUB sockets, reached through setsockopt(). */
function subscription(method: "subscribe" | "unsubscribe"): Translation {
  return {
    set: (socket, value) => {
      const subscriber = socket as { subscribe?: (prefix: unknown) => void; unsubscribe?: (prefix: unknown) => void }
      const call = subscriber[method]
      if (typeof call !== "function") throw new TypeError(`socket.${method} is not a function`)
      call.call(subscriber, value)
    },
  }
}

function refuse(message: string): () => never {
  return () => {
    throw new Error(message)
  }
}

const mechanisms: readonly (string | null)[] = [null, "plain", "curve", "gssapi"]

const translations = new Map<number, Translation>([
  [zmq.ZMQ_AFFINITY, property("affinity")],
  [zmq.ZMQ_IDENTITY, property("routingId")],
  [zmq.ZMQ_SUBSCRIBE, subscription("subscribe")],
  [zmq.ZMQ_UNSUBSCRIBE, subscription("unsubscribe")],
  [zmq.ZMQ_RATE, property("rate")],
  // ZMQ_RECOVERY_IVL_MSEC has the same number.
  [zmq.ZMQ_RECOVERY_IVL, property("recoveryInterval")],
  [zmq.ZMQ_SNDBUF, property("sendBufferSize")],
  [zmq.ZMQ_RCVBUF, property("receiveBufferSize")],
  // Messages arrive whole through "message" events, and the descriptor belongs to the v6 layer.
  [zmq.ZMQ_RCVMORE, { get: refuse("ZMQ_RCVMORE is not supported in compatibility mode") }],
  [zmq.ZMQ_FD, { get: refuse("ZMQ_FD is not supported in compatibility mode") }],
  [
    zmq.ZMQ_EVENTS,
    {
      get: socket => {
        const { readable, writable } = socket as unknown as V6Socket
        return (readable ? zmq.ZMQ_POLLIN : 0) | (writable ? zmq.ZMQ_POLLOUT : 0)
      },
    },
  ],
  [zmq.ZMQ_TYPE, { get: property("type").get }],
  [zmq.ZMQ_LINGER, property("linger")],
  [zmq.ZMQ_RECONNECT_IVL, property("reconnectInterval")],
  [zmq.ZMQ_BACKLOG, property("backlog")],
  [zmq.ZMQ_RECONNECT_IVL_MAX, property("reconnectMaxInterval")],
  [zmq.ZMQ_MAXMSGSIZE, property("maxMessageSize")],
  [zmq.ZMQ_SNDHWM, property("sendHighWaterMark")],
  [zmq.ZMQ_RCVHWM, property("receiveHighWaterMark")],
  [zmq.ZMQ_MULTICAST_HOPS, property("multicastHops")],
  [zmq.ZMQ_RCVTIMEO, property("receiveTimeout")],
  [zmq.ZMQ_SNDTIMEO, property("sendTimeout")],
  [
    zmq.ZMQ_IPV4ONLY,
    {
      get: socket => !socket.ipv6,
      set: (socket, value) => {
        socket.ipv6 = !value
      },
    },
  ],
  [zmq.ZMQ_LAST_ENDPOINT, { get: property("lastEndpoint").get }],
  [zmq.ZMQ_ROUTER_MANDATORY, flag("mandatory")],
  [zmq.ZMQ_TCP_KEEPALIVE, property("tcpKeepalive")],
  [zmq.ZMQ_TCP_KEEPALIVE_CNT, property("tcpKeepaliveCount")],
  [zmq.ZMQ_TCP_KEEPALIVE_IDLE, property("tcpKeepaliveIdle")],
  [zmq.ZMQ_TCP_KEEPALIVE_INTVL, property("tcpKeepaliveInterval")],
  [zmq.ZMQ_TCP_ACCEPT_FILTER, writeOnly("tcpAcceptFilter")],
  [zmq.ZMQ_DELAY_ATTACH_ON_CONNECT, flag("immediate")],
  [
    zmq.ZMQ_XPUB_VERBOSE,
    {
      get: refuse("Reading ZMQ_XPUB_VERBOSE is not supported"),
      set: (socket, value) => {
        socket.verbosity = value ? "allSubs" : null
      },
    },
  ],
  [
    zmq.ZMQ_ROUTER_RAW,
    {
      get: refuse("ZMQ_ROUTER_RAW is not supported in compatibility mode"),
      set: refuse("ZMQ_ROUTER_RAW is not supported in compatibility mode"),
    },
  ],
  [zmq.ZMQ_IPV6, flag("ipv6")],
  [zmq.ZMQ_MECHANISM, { get: socket => Math.max(0, mechanisms.indexOf(socket.securityMechanism as string | null)) }],
  [zmq.ZMQ_PLAIN_SERVER, flag("plainServer")],
  [zmq.ZMQ_PLAIN_USERNAME, property("plainUsername")],
  [zmq.ZMQ_PLAIN_PASSWORD, property("plainPassword")],
  [zmq.ZMQ_CURVE_SERVER, flag("curveServer")],
  [zmq.ZMQ_CURVE_PUBLICKEY, property("curvePublicKey")],
  [zmq.ZMQ_CURVE_SECRETKEY, property("curveSecretKey")],
  [zmq.ZMQ_CURVE_SERVERKEY, property("curveServerKey")],
  [zmq.ZMQ_ZAP_DOMAIN, property("zapDomain")],
  [zmq.ZMQ_HEARTBEAT_IVL, property("heartbeatInterval")],
  [zmq.ZMQ_HEARTBEAT_TTL, property("heartbeatTimeToLive")],
  [zmq.ZMQ_HEARTBEAT_TIMEOUT, property("heartbeatTimeout")],
  [zmq.ZMQ_CONNECT_TIMEOUT, property("connectTimeout")],
  [zmq.ZMQ_ROUTER_HANDOVER, { set: flag("handover").set }],
])

function translation(option: number | string): Translation | undefined {
  const id =
    typeof option === "number" ? option : Object.hasOwn(options, option) ? options[option as OptionName] : undefined
  return id === undefined ? undefined : translations.get(id)
}

/** getsockopt(): the option's value as the v5 API reported it. */
export function getOption(socket: V6Socket, option: number | string): unknown {
  const get = translation(option)?.get
  if (get === undefined) throw new Error("Unknown option")
  return get(socket as unknown as Target)
}

/** setsockopt(): the option set through the v6 property. */
export function setOption(socket: V6Socket, option: number | string, value: unknown): void {
  const set = translation(option)?.set
  if (set === undefined) throw new Error("Unknown option")
  set(socket as unknown as Target, value)
}
