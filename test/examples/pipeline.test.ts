// The parallel pipeline (taskvent, taskwork, tasksink), its kill switch (taskwork2, tasksink2),
// and reading two sockets at once (msreader, mspoller).
import { afterAll, afterEach, describe, expect, it } from "vitest"
import type { Child } from "../support/child.js"
import { System, stop } from "./system.js"

let system: System
afterEach(() => system.end())

/** Starts the ventilator and `workers` workers, and presses Enter once every worker printed
 *  each of `ready` (by default: connected to the ventilator, so that it shares the batch among
 *  all of them). */
async function ventilate(
  workers: number,
  worker: string,
  ready: RegExp[] = [/^Connected to the ventilator$/],
): Promise<{ vent: Child; workers: Child[] }> {
  const vent = system.start("taskvent", [], { stdin: "pipe" })
  const started = Array.from({ length: workers }, () => system.start(worker))
  await Promise.all(started.flatMap(child => ready.map(pattern => child.line(pattern))))
  vent.write("\n")
  return { vent, workers: started }
}

/** The tasks a worker reported: it prints each one's workload and a dot. */
function tasksDone(stdout: string): number {
  return stdout.match(/\d+\./g)?.length ?? 0
}

describe("taskvent, taskwork and tasksink", () => {
  const elapsed: string[] = []
  afterAll(() => console.info(`tasksink's total elapsed time (work at a tenth): ${elapsed.join(", ")}`))

  for (const count of [1, 2, 4]) {
    it(`process the batch of 100 tasks with ${count} worker${count > 1 ? "s" : ""}, each worker taking its share`, async () => {
      system = new System({ ZMQ_GUIDE_TIME_SCALE: "0.1" })
      const sink = system.start("tasksink")
      const { vent, workers } = await ventilate(count, "taskwork")

      const sunk = await sink.exited
      expect(sunk.code).toBe(0)
      const [, msec] = sunk.stdout.match(/^Total elapsed time: (\d+) msec$/m)!
      expect(sunk.stdout).toMatch(/^(\.{9}:){10}$/m)
      expect((await vent.exited).stdout).toMatch(/^Total expected cost: \d+ msec$/m)

      const done = await Promise.all(workers.map(async worker => tasksDone(await stop(worker))))
      expect(done.reduce((a, b) => a + b)).toBe(100)
      for (const tasks of done) expect(tasks).toBeGreaterThan(0)
      elapsed.push(`${count} worker${count > 1 ? "s" : ""} ${msec} msec`)
    })
  }
})

describe("taskwork2 and tasksink2", () => {
  it("end every worker with the sink's KILL broadcast once the batch is done", async () => {
    system = new System()
    const sink = system.start("tasksink2")
    // A batch at the tests' time scale takes milliseconds: a worker whose SUB is not yet
    // connected when the sink publishes KILL would miss it and never end (1 run in 10 did).
    const { workers } = await ventilate(3, "taskwork2", [
      /^Connected to the ventilator$/,
      /^Connected to the controller$/,
    ])

    expect((await sink.exited).stdout).toMatch(/^Total elapsed time: \d+ msec$/m)
    const exits = await Promise.all(workers.map(worker => worker.exited))
    for (const exit of exits) {
      expect(exit.code).toBe(0)
      expect(exit.stdout).toMatch(/\nReceived KILL: exiting\n$/)
    }
    expect(exits.map(exit => tasksDone(exit.stdout)).reduce((a, b) => a + b)).toBe(100)
  })
})

for (const reader of ["msreader", "mspoller"]) {
  describe(reader, () => {
    it("reads tasks from the ventilator and zip code 10001's weather updates from the weather server", async () => {
      system = new System()
      system.start("wuserver")
      const vent = system.start("taskvent", [], { stdin: "pipe" })
      const child = system.start(reader)
      vent.write("\n") // a PUSH socket waits for its first peer: every task goes to the reader
      await child.line(/^Task: \d+ msec$/)
      await child.line(/^Weather update: 10001 -?\d+ \d+$/)
      const output = await stop(child)
      expect(output.match(/^Task: /gm)!.length).toBeLessThanOrEqual(100)
      expect(
        output
          .split("\n")
          .filter(line => line.startsWith("Weather update: ") && !line.startsWith("Weather update: 10001 ")),
      ).toEqual([])
    })
  })
}
