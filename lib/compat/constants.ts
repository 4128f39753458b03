/**
 * The numeric constants of the legacy API, exported by "zeromq-turbo/v5-compat": first those
 * of zeromq.js 6.8.0's v5-compat entry point, with its names, values and order, then the ones
 * zeromq@5 also exported (options libzmq 4 dropped, which setsockopt() refuses with EINVAL).
 *
 * These are the v5 API's published values, not ids read from libzmq: most equal zmq.h's, but a
 * few name options libzmq 4 renamed or dropped (ZMQ_IDENTITY is ZMQ_ROUTING_ID, ZMQ_IPV4ONLY is
 * deprecated, ZMQ_DELAY_ATTACH_ON_CONNECT is ZMQ_IMMEDIATE, ZMQ_RECOVERY_IVL_MSEC is an alias
 * of ZMQ_RECOVERY_IVL here, as in zeromq.js; zeromq@5 gave it libzmq 3's 20, which libzmq 4
 * refuses), so they are written down once, and test/parity/compat/exports.test.ts pins every
 * value against zeromq.js and zeromq@5.
 *
 * Declaration order is export order: Object.keys() of the entry point lists them as zeromq.js
 * does (socket options, socket types, poll states, send flags, capabilities, socket states),
 * then zeromq@5's additions.
 */

// ---- socket (and context) options ---------------------------------------------------------
export const ZMQ_AFFINITY = 4
export const ZMQ_IDENTITY = 5
export const ZMQ_SUBSCRIBE = 6
export const ZMQ_UNSUBSCRIBE = 7
export const ZMQ_RATE = 8
export const ZMQ_RECOVERY_IVL = 9
export const ZMQ_RECOVERY_IVL_MSEC = 9
export const ZMQ_SNDBUF = 11
export const ZMQ_RCVBUF = 12
export const ZMQ_RCVMORE = 13
export const ZMQ_FD = 14
export const ZMQ_EVENTS = 15
export const ZMQ_TYPE = 16
export const ZMQ_LINGER = 17
export const ZMQ_RECONNECT_IVL = 18
export const ZMQ_BACKLOG = 19
export const ZMQ_RECONNECT_IVL_MAX = 21
export const ZMQ_MAXMSGSIZE = 22
export const ZMQ_SNDHWM = 23
export const ZMQ_RCVHWM = 24
export const ZMQ_MULTICAST_HOPS = 25
export const ZMQ_RCVTIMEO = 27
export const ZMQ_SNDTIMEO = 28
export const ZMQ_IPV4ONLY = 31
export const ZMQ_LAST_ENDPOINT = 32
export const ZMQ_ROUTER_MANDATORY = 33
export const ZMQ_TCP_KEEPALIVE = 34
export const ZMQ_TCP_KEEPALIVE_CNT = 35
export const ZMQ_TCP_KEEPALIVE_IDLE = 36
export const ZMQ_TCP_KEEPALIVE_INTVL = 37
export const ZMQ_TCP_ACCEPT_FILTER = 38
export const ZMQ_DELAY_ATTACH_ON_CONNECT = 39
export const ZMQ_XPUB_VERBOSE = 40
export const ZMQ_ROUTER_RAW = 41
export const ZMQ_IPV6 = 42
export const ZMQ_MECHANISM = 43
export const ZMQ_PLAIN_SERVER = 44
export const ZMQ_PLAIN_USERNAME = 45
export const ZMQ_PLAIN_PASSWORD = 46
export const ZMQ_CURVE_SERVER = 47
export const ZMQ_CURVE_PUBLICKEY = 48
export const ZMQ_CURVE_SECRETKEY = 49
export const ZMQ_CURVE_SERVERKEY = 50
export const ZMQ_ZAP_DOMAIN = 55
export const ZMQ_HEARTBEAT_IVL = 75
export const ZMQ_HEARTBEAT_TTL = 76
export const ZMQ_HEARTBEAT_TIMEOUT = 77
export const ZMQ_CONNECT_TIMEOUT = 79
export const ZMQ_IO_THREADS = 1
export const ZMQ_MAX_SOCKETS = 2
export const ZMQ_ROUTER_HANDOVER = 56

// ---- socket types (the aliases ZMQ_XREQ and ZMQ_XREP share DEALER's and ROUTER's) ----------
export const ZMQ_PAIR = 0
export const ZMQ_PUB = 1
export const ZMQ_SUB = 2
export const ZMQ_REQ = 3
export const ZMQ_REP = 4
export const ZMQ_DEALER = 5
export const ZMQ_XREQ = 5
export const ZMQ_ROUTER = 6
export const ZMQ_XREP = 6
export const ZMQ_PULL = 7
export const ZMQ_PUSH = 8
export const ZMQ_XPUB = 9
export const ZMQ_XSUB = 10
export const ZMQ_STREAM = 11

// ---- poll states (the bits of getsockopt(ZMQ_EVENTS)) ---------------------------------------
export const ZMQ_POLLIN = 1
export const ZMQ_POLLOUT = 2
export const ZMQ_POLLERR = 4

// ---- send flags ------------------------------------------------------------------------------
export const ZMQ_SNDMORE = 2

// ---- capabilities (what v5 programs test before using a feature; all present) ---------------
export const ZMQ_CAN_MONITOR = 1
export const ZMQ_CAN_DISCONNECT = 1
export const ZMQ_CAN_UNBIND = 1
export const ZMQ_CAN_SET_CTX = 1

// ---- socket states (exported for v5 programs; nothing in the compat layer reports them) -----
export const STATE_READY = 0
export const STATE_BUSY = 1
export const STATE_CLOSED = 2

// ---- zeromq@5's options that libzmq 4 no longer has (setsockopt() fails with EINVAL) --------
export const ZMQ_HWM = 1
export const ZMQ_SWAP = 3
export const ZMQ_MCAST_LOOP = 10
