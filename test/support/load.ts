// Both implementations, loaded through Node's own require (not vite's module graph), the way
// users load them: "zeromq-turbo" resolves to this package through its exports map.
import { createRequire } from "node:module"

export const require = createRequire(import.meta.url)
export const turbo = require("zeromq-turbo") as typeof import("zeromq-turbo")
export const reference = require("zeromq") as typeof import("zeromq")
