/**
 * The legacy Context: static accessors for the default context's I/O threads and socket limit.
 * Every compat socket lives in the v6 default context, so there is nothing to instantiate.
 */
import { context } from "../index.js"

export class Context {
  static setMaxThreads(value: number): void {
    context.ioThreads = value
  }

  static getMaxThreads(): number {
    return context.ioThreads
  }

  static setMaxSockets(value: number): void {
    context.maxSockets = value
  }

  static getMaxSockets(): number {
    return context.maxSockets
  }

  constructor() {
    throw new Error("Context cannot be instantiated in compatibility mode")
  }
}
