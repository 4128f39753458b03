// Child processes for lifecycle tests: a test starts a fixture script, talks to it through
// lines on its stdout (and, where it needs a peer, through ZeroMQ itself), and asserts how it
// exits. Nothing but the fixture's own sockets may keep a child alive, so there is no IPC
// channel and stdin is closed (unless a test asks for it, to type into a program that reads it). Every child has a deadline: past it the child is killed and the
// test fails with what the child printed. killAll() (call it in afterEach) ends what is left.
import { spawn, type ChildProcess } from "node:child_process"
import { fileURLToPath } from "node:url"

/** The package root: children run here so that require("zeromq-turbo") resolves to this package. */
export const root = fileURLToPath(new URL("../..", import.meta.url))

/** The two implementations a fixture can be run against (its first argument). */
export const implementations = ["zeromq-turbo", "zeromq"] as const
export type Implementation = (typeof implementations)[number]

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Milliseconds from spawn to exit. */
  elapsed: number
}

export interface ChildOptions {
  /** Node flags, e.g. ["--expose-gc"]. */
  execArgv?: string[]
  /** Killed (and the test failed) if still running after this many milliseconds. */
  timeout?: number
  env?: NodeJS.ProcessEnv
  /** "pipe" to give the child a stdin that write() feeds; by default it has none. */
  stdin?: "pipe"
}

const running = new Set<ChildProcess>()

export class Child {
  readonly process: ChildProcess
  readonly exited: Promise<Exit>
  #stdout = ""
  #stderr = ""
  #lines: string[] = []
  #waiters: { test: (line: string) => RegExpMatchArray | null; resolve: (m: RegExpMatchArray) => void }[] = []
  #stderrWaiters: { pattern: RegExp; resolve: () => void }[] = []
  #exit: Exit | undefined

  constructor(script: string, args: string[], options: ChildOptions = {}) {
    const timeout = options.timeout ?? 15_000
    const started = Date.now()
    const child = spawn(process.execPath, [...(options.execArgv ?? []), script, ...args], {
      cwd: root,
      stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    })
    this.process = child
    running.add(child)
    child.stdout!.setEncoding("utf8")
    child.stderr!.setEncoding("utf8")
    let partial = ""
    child.stdout!.on("data", (chunk: string) => {
      this.#stdout += chunk
      const lines = (partial + chunk).split("\n")
      partial = lines.pop() as string
      for (const line of lines) this.#line(line)
    })
    child.stderr!.on("data", (chunk: string) => {
      this.#stderr += chunk
      this.#stderrWaiters = this.#stderrWaiters.filter(waiter => {
        if (!waiter.pattern.test(this.#stderr)) return true
        waiter.resolve()
        return false
      })
    })
    this.exited = new Promise<Exit>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL")
        reject(new Error(`${script} ${args.join(" ")}: still running after ${timeout} ms; ${this.#transcript()}`))
      }, timeout)
      child.on("close", (code, signal) => {
        clearTimeout(timer)
        if (partial !== "") this.#line(partial)
        running.delete(child)
        this.#exit = { code, signal, stdout: this.#stdout, stderr: this.#stderr, elapsed: Date.now() - started }
        resolve(this.#exit)
      })
    })
    // A test that fails before awaiting `exited` must not leave an unhandled rejection behind.
    this.exited.catch(() => undefined)
  }

  /** Whether the process has not exited yet. */
  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null
  }

  /** Writes `text` to the child's stdin (started with `stdin: "pipe"`). */
  write(text: string): void {
    if (this.process.stdin === null) throw new Error('the child was started without stdin: "pipe"')
    this.process.stdin.write(text)
  }

  /** Resolves with the match of the first stdout line (seen so far or later) matching `pattern`. */
  line(pattern: RegExp): Promise<RegExpMatchArray> {
    for (const seen of this.#lines) {
      const match = seen.match(pattern)
      if (match) return Promise.resolve(match)
    }
    const found = new Promise<RegExpMatchArray>(resolve => {
      this.#waiters.push({ test: line => line.match(pattern), resolve })
    })
    return this.#beforeExit(found, `a stdout line matching ${pattern}`)
  }

  /** Resolves with the first `count` stdout lines that match `pattern`, once there are that many. */
  lines(pattern: RegExp, count: number): Promise<string[]> {
    const found = this.#lines.filter(line => pattern.test(line)).slice(0, count)
    if (found.length === count) return Promise.resolve(found)
    const all = new Promise<string[]>(resolve => {
      this.#waiters.push({
        test: line => {
          if (pattern.test(line)) found.push(line)
          return found.length === count ? [line] : null
        },
        resolve: () => resolve(found),
      })
    })
    return this.#beforeExit(all, `${count} stdout lines matching ${pattern}`)
  }

  /** Resolves once stderr contains `pattern`. */
  stderr(pattern: RegExp): Promise<void> {
    if (pattern.test(this.#stderr)) return Promise.resolve()
    const found = new Promise<void>(resolve => this.#stderrWaiters.push({ pattern, resolve }))
    return this.#beforeExit(found, `stderr matching ${pattern}`)
  }

  #beforeExit<T>(found: Promise<T>, what: string): Promise<T> {
    const exitedFirst = this.exited.then(exit => {
      throw new Error(`exited (code ${exit.code}, signal ${exit.signal}) without ${what}; ${this.#transcript()}`)
    })
    return Promise.race([found, exitedFirst])
  }

  #line(line: string): void {
    this.#lines.push(line)
    this.#waiters = this.#waiters.filter(waiter => {
      const match = waiter.test(line)
      if (match) waiter.resolve(match)
      return !match
    })
  }

  #transcript(): string {
    return `stdout: ${JSON.stringify(this.#stdout)}, stderr: ${JSON.stringify(this.#stderr)}`
  }
}

/** Starts `script` (a path relative to the package root, or absolute) with `args`. */
export function start(script: string, args: string[] = [], options?: ChildOptions): Child {
  return new Child(script, args, options)
}

/** Runs `source` as `node -e` would (in the package root) and resolves with how it exited. */
export function evaluate(source: string, options?: ChildOptions): Promise<Exit> {
  return new Child("-e", [source], options).exited
}

/** Kills every child still running (use in afterEach: no test leaves a process behind). */
export function killAll(): void {
  for (const child of running) child.kill("SIGKILL")
  running.clear()
}
