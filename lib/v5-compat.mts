import compat from "./v5-compat.js"
export * from "./v5-compat.js"
export default compat
