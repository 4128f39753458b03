// Sockets a test opened, closed after it whatever its outcome. Importing this module registers
// the afterEach hook in the importing test file.
import { afterEach } from "vitest"
import type { Socket } from "zeromq-turbo"

const open: Socket[] = []

/** Remembers `socket` so that it is closed after the current test; returns it. */
export function track<S extends Socket>(socket: S): S {
  open.push(socket)
  return socket
}

afterEach(() => {
  for (const socket of open.splice(0)) socket.close()
})
