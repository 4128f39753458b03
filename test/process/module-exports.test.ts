// The exports objects of the compiled modules stay in V8's fast mode. Every call of an imported
// function loads it from its module's exports object; from a dictionary-mode object optimized
// code cannot inline that load and calls the generic LoadIC instead (a re-export that tsc
// compiled into a getter did this to lib/errors.ts: +85 instructions per awaited send, callgrind).
// %HasFastProperties needs --allow-natives-syntax, so a child process looks.
import { spawnSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const dist = fileURLToPath(new URL("../../dist/", import.meta.url))
// The package's entry points (index, draft, v5-compat) are made of re-exports, which tsc compiles
// into getters: their exports objects are dictionaries by design, and the library never imports
// from them on a call path (draft.ts reads `capability` from index once, at load).
const entries = new Set(["index.js", "draft.js", "v5-compat.js"])
const modules = readdirSync(dist, { recursive: true, encoding: "utf8" })
  .filter(name => name.endsWith(".js") && !entries.has(name))
  .sort()

describe("the compiled modules the library imports from", () => {
  it("keep their exports objects in fast mode", () => {
    const script = `
      const slow = []
      for (const name of JSON.parse(process.argv[1])) {
        if (!%HasFastProperties(require(${JSON.stringify(dist)} + name))) slow.push(name)
      }
      console.log(JSON.stringify(slow))`
    const child = spawnSync(process.execPath, ["--allow-natives-syntax", "-e", script, JSON.stringify(modules)], {
      encoding: "utf8",
    })
    // (stderr has the draft modules' experimental-feature warning)
    expect(child.status, child.stderr).toBe(0)
    expect(modules.length).toBeGreaterThan(10)
    expect(JSON.parse(child.stdout)).toEqual([])
  })
})
