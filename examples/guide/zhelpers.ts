// What the Guide's C examples take from zhelpers.h, for these ports: where the Guide's endpoints
// are, the pause that stands for simulated work, a random number and a message dump.
//
// Every program names its endpoints by the Guide's port numbers. By default a program binds
// tcp://*:<port> and connects to tcp://localhost:<port>, as in the Guide. Three environment
// variables move them, so that several copies of a system (or the tests) can run side by side:
//   ZMQ_GUIDE_IPC=<directory>   use ipc://<directory>/<port> instead of tcp
//   ZMQ_GUIDE_HOST=<address>    bind to this interface instead of all (*), and connect to it
//   ZMQ_GUIDE_PORT_OFFSET=<n>   add n to every tcp port
// and one scales time:
//   ZMQ_GUIDE_TIME_SCALE=<f>    multiply every simulated piece of work and pause by f (e.g. 0.01)
import { tmpdir } from "node:os"
import { join } from "node:path"

const ipcDir = process.env.ZMQ_GUIDE_IPC
const host = process.env.ZMQ_GUIDE_HOST
const portOffset = numberFromEnv("ZMQ_GUIDE_PORT_OFFSET", 0, Number.isInteger)
const timeScale = numberFromEnv("ZMQ_GUIDE_TIME_SCALE", 1, value => value >= 0)

function numberFromEnv(name: string, fallback: number, valid: (value: number) => boolean): number {
  const text = process.env[name]
  if (text === undefined || text === "") return fallback
  const value = Number(text)
  if (!Number.isFinite(value) || !valid(value)) throw new Error(`${name} cannot be ${JSON.stringify(text)}`)
  return value
}

/** The endpoint to bind the Guide's `port` to (tcp://*:<port> by default). */
export function bindAddress(port: number): string {
  return ipcDir !== undefined ? ipcAddress(String(port)) : `tcp://${host ?? "*"}:${port + portOffset}`
}

/** The endpoint to connect to for the Guide's `port` (tcp://localhost:<port> by default). */
export function connectAddress(port: number): string {
  return ipcDir !== undefined ? ipcAddress(String(port)) : `tcp://${host ?? "localhost"}:${port + portOffset}`
}

/** An ipc endpoint called `name`, in ZMQ_GUIDE_IPC or else the temporary directory. */
export function ipcAddress(name: string): string {
  return `ipc://${join(ipcDir ?? tmpdir(), name)}`
}

/** Resolves after `ms` milliseconds (times ZMQ_GUIDE_TIME_SCALE): the Guide's s_sleep. */
export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms * timeScale))
}

/** A random whole number from 0 to `n` - 1: the Guide's randof. */
export function randof(n: number): number {
  return Math.floor(Math.random() * n)
}

/** Prints every frame of a message with its size, as text if it is printable, else in hex: the
 *  Guide's s_dump. */
export function dump(message: Buffer[]): void {
  console.log("----------------------------------------")
  for (const frame of message) {
    const text = frame.every(byte => byte >= 32 && byte < 127)
      ? frame.toString("latin1")
      : frame.toString("hex").toUpperCase()
    console.log(`[${String(frame.length).padStart(3, "0")}]${text === "" ? "" : ` ${text}`}`)
  }
}
