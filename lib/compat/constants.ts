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
/** The option ZMQ_AFFINITY: bit mask of the I/O threads that handle new connections. */
export const ZMQ_AFFINITY = 4
/** The option ZMQ_IDENTITY: the socket's identity (routing id) as ROUTER peers see it; libzmq 4 calls it ZMQ_ROUTING_ID. */
export const ZMQ_IDENTITY = 5
/** The option ZMQ_SUBSCRIBE: adds a subscription (a prefix) on a SUB socket; write-only. */
export const ZMQ_SUBSCRIBE = 6
/** The option ZMQ_UNSUBSCRIBE: removes a subscription from a SUB socket; write-only. */
export const ZMQ_UNSUBSCRIBE = 7
/** The option ZMQ_RATE: multicast data rate in kilobits per second. */
export const ZMQ_RATE = 8
/** The option ZMQ_RECOVERY_IVL: multicast recovery interval in milliseconds. */
export const ZMQ_RECOVERY_IVL = 9
/** The option ZMQ_RECOVERY_IVL_MSEC: libzmq 3's multicast recovery interval in milliseconds: here an alias of ZMQ_RECOVERY_IVL, as in zeromq.js. */
export const ZMQ_RECOVERY_IVL_MSEC = 9
/** The option ZMQ_SNDBUF: kernel send buffer size in bytes (-1: the OS default). */
export const ZMQ_SNDBUF = 11
/** The option ZMQ_RCVBUF: kernel receive buffer size in bytes (-1: the OS default). */
export const ZMQ_RCVBUF = 12
/** The option ZMQ_RCVMORE: whether the frame last received is followed by more frames of the same message; read-only. */
export const ZMQ_RCVMORE = 13
/** The option ZMQ_FD: the file descriptor libzmq signals readiness on; read-only. */
export const ZMQ_FD = 14
/** The option ZMQ_EVENTS: the socket's readiness, a bit mask of ZMQ_POLLIN and ZMQ_POLLOUT; read-only. */
export const ZMQ_EVENTS = 15
/** The option ZMQ_TYPE: the socket type, one of the ZMQ_PAIR ... ZMQ_STREAM numbers; read-only. */
export const ZMQ_TYPE = 16
/** The option ZMQ_LINGER: milliseconds undelivered messages are kept after close (-1: forever, 0: drop). */
export const ZMQ_LINGER = 17
/** The option ZMQ_RECONNECT_IVL: milliseconds before reconnecting a lost connection (-1: never). */
export const ZMQ_RECONNECT_IVL = 18
/** The option ZMQ_BACKLOG: maximum length of the queue of pending connections. */
export const ZMQ_BACKLOG = 19
/** The option ZMQ_RECONNECT_IVL_MAX: upper bound of the exponential reconnect back-off in milliseconds (0: no back-off). */
export const ZMQ_RECONNECT_IVL_MAX = 21
/** The option ZMQ_MAXMSGSIZE: largest inbound message in bytes; larger ones drop the peer (-1: no limit). */
export const ZMQ_MAXMSGSIZE = 22
/** The option ZMQ_SNDHWM: maximum number of outstanding outgoing messages per peer (0: no limit). */
export const ZMQ_SNDHWM = 23
/** The option ZMQ_RCVHWM: maximum number of outstanding incoming messages per peer (0: no limit). */
export const ZMQ_RCVHWM = 24
/** The option ZMQ_MULTICAST_HOPS: time-to-live of multicast packets. */
export const ZMQ_MULTICAST_HOPS = 25
/** The option ZMQ_RCVTIMEO: milliseconds a receive() may wait before rejecting with EAGAIN (-1: forever). */
export const ZMQ_RCVTIMEO = 27
/** The option ZMQ_SNDTIMEO: milliseconds a send() may wait before rejecting with EAGAIN (-1: forever). */
export const ZMQ_SNDTIMEO = 28
/** The option ZMQ_IPV4ONLY: the inverse of ZMQ_IPV6 (deprecated by libzmq). */
export const ZMQ_IPV4ONLY = 31
/** The option ZMQ_LAST_ENDPOINT: the endpoint last bound, with wildcards resolved. */
export const ZMQ_LAST_ENDPOINT = 32
/** The option ZMQ_ROUTER_MANDATORY: fail with EHOSTUNREACH instead of dropping unroutable messages. */
export const ZMQ_ROUTER_MANDATORY = 33
/** The option ZMQ_TCP_KEEPALIVE: SO_KEEPALIVE (-1: the OS default). */
export const ZMQ_TCP_KEEPALIVE = 34
/** The option ZMQ_TCP_KEEPALIVE_CNT: TCP_KEEPCNT (-1: the OS default). */
export const ZMQ_TCP_KEEPALIVE_CNT = 35
/** The option ZMQ_TCP_KEEPALIVE_IDLE: TCP_KEEPIDLE (-1: the OS default). */
export const ZMQ_TCP_KEEPALIVE_IDLE = 36
/** The option ZMQ_TCP_KEEPALIVE_INTVL: TCP_KEEPINTVL (-1: the OS default). */
export const ZMQ_TCP_KEEPALIVE_INTVL = 37
/** The option ZMQ_TCP_ACCEPT_FILTER: accept TCP connections only from this address (deprecated by libzmq). */
export const ZMQ_TCP_ACCEPT_FILTER = 38
/** The option ZMQ_DELAY_ATTACH_ON_CONNECT: libzmq 3's name of ZMQ_IMMEDIATE: queue messages only to completed connections. */
export const ZMQ_DELAY_ATTACH_ON_CONNECT = 39
/** The option ZMQ_XPUB_VERBOSE: an XPUB socket passes every subscription on, duplicates included; write-only. */
export const ZMQ_XPUB_VERBOSE = 40
/** The option ZMQ_ROUTER_RAW: a ROUTER socket speaks raw TCP (superseded by ZMQ_STREAM sockets). */
export const ZMQ_ROUTER_RAW = 41
/** The option ZMQ_IPV6: use IPv6 as well as IPv4 on tcp endpoints. */
export const ZMQ_IPV6 = 42
/** The option ZMQ_MECHANISM: the security mechanism in use: null, "plain", "curve" or "gssapi". */
export const ZMQ_MECHANISM = 43
/** The option ZMQ_PLAIN_SERVER: act as a PLAIN server. */
export const ZMQ_PLAIN_SERVER = 44
/** The option ZMQ_PLAIN_USERNAME: PLAIN user name (makes this socket a PLAIN client). */
export const ZMQ_PLAIN_USERNAME = 45
/** The option ZMQ_PLAIN_PASSWORD: PLAIN password. */
export const ZMQ_PLAIN_PASSWORD = 46
/** The option ZMQ_CURVE_SERVER: act as a CURVE server. */
export const ZMQ_CURVE_SERVER = 47
/** The option ZMQ_CURVE_PUBLICKEY: this socket's CURVE public key (Z85). */
export const ZMQ_CURVE_PUBLICKEY = 48
/** The option ZMQ_CURVE_SECRETKEY: this socket's CURVE secret key (Z85). */
export const ZMQ_CURVE_SECRETKEY = 49
/** The option ZMQ_CURVE_SERVERKEY: the CURVE server's public key (Z85), for clients. */
export const ZMQ_CURVE_SERVERKEY = 50
/** The option ZMQ_ZAP_DOMAIN: the ZAP authentication domain. */
export const ZMQ_ZAP_DOMAIN = 55
/** The option ZMQ_HEARTBEAT_IVL: milliseconds between ZMTP heartbeats (0: none). */
export const ZMQ_HEARTBEAT_IVL = 75
/** The option ZMQ_HEARTBEAT_TTL: milliseconds the peer should wait for heartbeats before timing out. */
export const ZMQ_HEARTBEAT_TTL = 76
/** The option ZMQ_HEARTBEAT_TIMEOUT: milliseconds to wait for a heartbeat reply before closing the connection. */
export const ZMQ_HEARTBEAT_TIMEOUT = 77
/** The option ZMQ_CONNECT_TIMEOUT: milliseconds a tcp connect may take (0: the OS default). */
export const ZMQ_CONNECT_TIMEOUT = 79
/** The option ZMQ_IO_THREADS: the context's number of I/O threads (Context.setMaxThreads()). */
export const ZMQ_IO_THREADS = 1
/** The option ZMQ_MAX_SOCKETS: the context's largest number of sockets (Context.setMaxSockets()). */
export const ZMQ_MAX_SOCKETS = 2
/** The option ZMQ_ROUTER_HANDOVER: hand a routing id over to a new connection that claims it. */
export const ZMQ_ROUTER_HANDOVER = 56

// ---- socket types (the aliases ZMQ_XREQ and ZMQ_XREP share DEALER's and ROUTER's) ----------
/** The socket type PAIR: one peer, both directions. */
export const ZMQ_PAIR = 0
/** The socket type PUB: publishes to subscribers. */
export const ZMQ_PUB = 1
/** The socket type SUB: receives what publishers send, filtered by subscriptions. */
export const ZMQ_SUB = 2
/** The socket type REQ: sends requests and receives their replies, in turn. */
export const ZMQ_REQ = 3
/** The socket type REP: receives requests and sends their replies, in turn. */
export const ZMQ_REP = 4
/** The socket type DEALER: asynchronous requests, round-robined. */
export const ZMQ_DEALER = 5
/** The socket type XREQ: libzmq 2's name of DEALER. */
export const ZMQ_XREQ = 5
/** The socket type ROUTER: messages addressed by the peer's routing id. */
export const ZMQ_ROUTER = 6
/** The socket type XREP: libzmq 2's name of ROUTER. */
export const ZMQ_XREP = 6
/** The socket type PULL: receives from a pipeline. */
export const ZMQ_PULL = 7
/** The socket type PUSH: sends into a pipeline. */
export const ZMQ_PUSH = 8
/** The socket type XPUB: a PUB that receives subscriptions. */
export const ZMQ_XPUB = 9
/** The socket type XSUB: a SUB that subscribes by sending messages. */
export const ZMQ_XSUB = 10
/** The socket type STREAM: raw TCP. */
export const ZMQ_STREAM = 11

// ---- poll states (the bits of getsockopt(ZMQ_EVENTS)) ---------------------------------------
/** The ZMQ_EVENTS bit that says a message can be received now. */
export const ZMQ_POLLIN = 1
/** The ZMQ_EVENTS bit that says a message can be sent now. */
export const ZMQ_POLLOUT = 2
/** The poll bit for an error condition (never set for ZeroMQ sockets). */
export const ZMQ_POLLERR = 4

// ---- send flags ------------------------------------------------------------------------------
/** The send() flag that makes the frames given part of a message whose next frames follow in the next send() call. */
export const ZMQ_SNDMORE = 2

// ---- capabilities (what v5 programs test before using a feature; all present) ---------------
/** Set: sockets have monitor(). */
export const ZMQ_CAN_MONITOR = 1
/** Set: sockets have disconnect(). */
export const ZMQ_CAN_DISCONNECT = 1
/** Set: sockets have unbind(). */
export const ZMQ_CAN_UNBIND = 1
/** Set: the context's limits can be changed (Context.setMaxThreads(), Context.setMaxSockets()). */
export const ZMQ_CAN_SET_CTX = 1

// ---- socket states (exported for v5 programs; nothing in the compat layer reports them) -----
/** A socket state of zeromq@5: ready for use (exported for programs that compare it; nothing here reports states). */
export const STATE_READY = 0
/** A socket state of zeromq@5: busy with a bind or unbind (exported for programs that compare it). */
export const STATE_BUSY = 1
/** A socket state of zeromq@5: closed (exported for programs that compare it). */
export const STATE_CLOSED = 2

// ---- zeromq@5's options that libzmq 4 no longer has (setsockopt() fails with EINVAL) --------
/** libzmq 2's single high water mark option. libzmq 4 has none by this number: setsockopt() fails with EINVAL (use ZMQ_SNDHWM and ZMQ_RCVHWM). */
export const ZMQ_HWM = 1
/** libzmq 2's disk swap size. libzmq 4 dropped it: setsockopt() fails with EINVAL. */
export const ZMQ_SWAP = 3
/** libzmq 2's multicast loopback flag. libzmq 4 dropped it: setsockopt() fails with EINVAL. */
export const ZMQ_MCAST_LOOP = 10
