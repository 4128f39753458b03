/**
 * "zeromq-turbo/v5-compat": the legacy EventEmitter API of zeromq@5, built on this package's
 * v6 API. The exports are zeromq.js 6.8.0's v5-compat ones, in its order, then those zeromq@5
 * also had (ZMQ_HWM, ZMQ_SWAP, ZMQ_MCAST_LOOP, types, events, zmqVersion,
 * zmqCurveKeypair).
 */
export { Context } from "./compat/context.js"
export { Socket, createSocket, type SocketType } from "./compat/socket.js"
export { curveKeypair } from "./compat/library.js"
export { proxy } from "./compat/proxy.js"
export { version } from "./compat/library.js"
export { createSocket as socket } from "./compat/socket.js"
export { options } from "./compat/options.js"
export * from "./compat/constants.js"
export { types, events, zmqVersion, zmqCurveKeypair } from "./compat/library.js"
