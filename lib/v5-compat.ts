/**
 * "zeromq-turbo/v5-compat": the legacy EventEmitter API of zeromq.js 5, as zeromq.js 6.8.0
 * provides it, built on this package's v6 API. The exports and their order are zeromq.js's.
 */
export { Context } from "./compat/context.js"
export { Socket, createSocket, type SocketType } from "./compat/socket.js"
export { curveKeypair } from "./compat/library.js"
export { proxy } from "./compat/proxy.js"
export { version } from "./compat/library.js"
export { createSocket as socket } from "./compat/socket.js"
export { options } from "./compat/options.js"
export * from "./compat/constants.js"
