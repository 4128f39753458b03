// The ESM entry point: the CommonJS build re-exported, so that `import` and `require` share one
// module instance (one default context, one set of classes: `instanceof` works across both).
import zmq from "./index.js"
export * from "./index.js"
export default zmq
