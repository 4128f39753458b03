// Running the Guide's programs (examples/guide/) side by side, as a test's "system": each one
// through `scripts/example.mjs`, the script behind `npm run example`, in a child process (see
// test/support/child.ts: a deadline each, killAll() after each test). Unless a test asks for
// tcp, the programs' endpoints are ipc paths in a temporary directory of the system's own, so
// tests never collide on the Guide's fixed ports (a test that sends a lot and then closes uses
// loopback tcp: libzmq 4.3.4 can drop the tail of a closing socket's queue over ipc); ZMQ_GUIDE_TIME_SCALE shortens the Guide's
// simulated work (a second per request in hwserver) to a hundredth.
import { mkdtempSync, rmSync } from "node:fs"
import { createServer, type Server } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { killAll, start, type Child, type ChildOptions } from "../support/child.js"

export class System {
  readonly dir = mkdtempSync(join(tmpdir(), "zmqt-guide-"))
  readonly #env: NodeJS.ProcessEnv

  constructor(env: NodeJS.ProcessEnv = {}) {
    this.#env = { ZMQ_GUIDE_IPC: this.dir, ZMQ_GUIDE_TIME_SCALE: "0.01", ...env }
  }

  /** Starts `npm run example -- <program> [args]`. */
  start(program: string, args: string[] = [], options: ChildOptions = {}): Child {
    return start("scripts/example.mjs", [program, ...args], {
      timeout: 30_000,
      ...options,
      env: { ...this.#env, ...options.env },
    })
  }

  /** Kills what is still running and removes the ipc directory. */
  end(): void {
    killAll()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** The environment that moves the Guide's tcp `ports` to loopback ports that were free a moment
 *  ago, all shifted by one ZMQ_GUIDE_PORT_OFFSET: the first port goes where the OS puts a new
 *  listener, the others follow it if they are free there too. */
export async function loopbackTcp(ports: number[]): Promise<NodeJS.ProcessEnv> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [first, ...held] = await listen([0])
    const offset = first.port - ports[0]
    const others = await listen(ports.slice(1).map(port => port + offset)).catch(() => undefined)
    await Promise.all([first, ...held, ...(others ?? [])].map(server => new Promise(resolve => server.close(resolve))))
    if (others !== undefined) {
      return { ZMQ_GUIDE_IPC: undefined, ZMQ_GUIDE_HOST: "127.0.0.1", ZMQ_GUIDE_PORT_OFFSET: String(offset) }
    }
  }
  throw new Error(`found no free loopback ports for ${ports.join(", ")} in 20 attempts`)
}

/** Listens on every one of `ports` on 127.0.0.1 (0: any), or rejects, closing what it opened. */
async function listen(ports: number[]): Promise<(Server & { port: number })[]> {
  const servers: (Server & { port: number })[] = []
  try {
    for (const port of ports) {
      if (port >= 65536) throw new Error(`port ${port}`)
      const server = createServer() as Server & { port: number }
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject)
        server.listen(port, "127.0.0.1", () => resolve())
      })
      server.port = (server.address() as { port: number }).port
      servers.push(server)
    }
    return servers
  } catch (error) {
    await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))))
    throw error
  }
}

/** Kills a child and resolves with everything it printed. */
export async function stop(child: Child): Promise<string> {
  child.process.kill("SIGKILL")
  return (await child.exited).stdout
}
