// `npm run example`: the command examples/README.md documents, and the completeness of the set:
// every program in examples/guide/ is documented there and run by a test in this directory.
import { spawnSync } from "node:child_process"
import { readFileSync, readdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { killAll, root, start } from "../support/child.js"

afterEach(() => killAll())

const programs = readdirSync(join(root, "examples/guide"))
  .filter(name => name.endsWith(".ts") && name !== "zhelpers.ts")
  .map(name => name.slice(0, -3))

describe("npm run example", () => {
  it("runs the program named after --, with its arguments", () => {
    const npm = join(dirname(process.execPath), "../lib/node_modules/npm/bin/npm-cli.js")
    const npmCli = process.env.npm_execpath?.endsWith("npm-cli.js") ? process.env.npm_execpath : npm
    const result = spawnSync(process.execPath, [npmCli, "run", "--silent", "example", "--", "version"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    })
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toBe("Current 0MQ version is 4.3.4\n")
  })

  it("lists every program, with the first line of its opening comment, when none is named", async () => {
    const exit = await start("scripts/example.mjs").exited
    expect(exit.code).toBe(0)
    for (const program of programs) expect(exit.stderr).toMatch(new RegExp(`^  ${program} +\\S`, "m"))
  })

  it("exits with code 2 and the list for a program that does not exist", async () => {
    const exit = await start("scripts/example.mjs", ["hwservr"]).exited
    expect(exit.code).toBe(2)
    expect(exit.stderr).toMatch(/^There is no example called "hwservr"\./)
    expect(exit.stderr).toMatch(/^ {2}hwserver /m)
  })
})

describe("examples/guide/", () => {
  const readme = readFileSync(join(root, "examples/README.md"), "utf8")
  const tests = readdirSync(join(root, "test/examples"))
    .filter(name => name.endsWith(".test.ts"))
    .map(name => readFileSync(join(root, "test/examples", name), "utf8"))
    .join("\n")

  it("has every program documented in examples/README.md", () => {
    expect(programs.filter(program => !readme.includes(`guide/${program}.ts`))).toEqual([])
  })

  it("has every program run by a test in test/examples/", () => {
    expect(programs.filter(program => !tests.includes(`"${program}"`))).toEqual([])
  })
})
