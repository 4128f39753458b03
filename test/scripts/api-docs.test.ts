// Every name the entry points export, with the members of its classes and interfaces (option
// properties included), has a doc comment in the shipped declarations (dist/*.d.ts), and only
// those carry doc comments (scripts/api-surface.mjs defines "public" for both checks and for
// the build, which strips the rest). `npm run docs` (TypeDoc) checks the same from lib/ and
// refuses to write the reference while anything is undocumented.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
// @ts-expect-error: a plain .mjs module without declarations
import { declarationProgram, publicDeclarations, stripNonPublicDocs, undocumented } from "../../scripts/api-surface.mjs"

type Declaration = { name: string; node: unknown }
const root = new URL("../..", import.meta.url).pathname
const dist = join(root, "dist")

describe("the API documentation", () => {
  const declarations: Declaration[] = publicDeclarations(declarationProgram(dist))

  it("covers every export of the three entry points with their members", () => {
    const names = new Set(declarations.map(d => d.name))
    // A few of each kind, so that a check that found nothing would fail here.
    for (const name of [
      "index: Push#send",
      "index: Push#sendBatch",
      "index: Pull#receiveBatch",
      "index: Push#outBatchSize",
      "index: Socket#bind",
      "index: Socket constructor",
      "index: Context#ioThreads",
      "index: Authenticator#configureCurve",
      "index: z85Encode",
      "index: capability.curve",
      "draft: Server#send",
      "v5-compat: Socket#send",
      "v5-compat: ZMQ_SNDHWM",
      "v5-compat: options.linger",
    ]) {
      expect(names, name).toContain(name)
    }
    expect(declarations.length).toBeGreaterThan(500)
  })

  it("has a doc comment on every exported name and member", () => {
    expect(undocumented(declarations)).toEqual([])
  })

  describe("the check", () => {
    const scratch = mkdtempSync(join(tmpdir(), "zmqt-apidocs-"))
    afterAll(() => rmSync(scratch, { recursive: true, force: true }))

    it("fails when one doc comment is removed", () => {
      const copy = join(scratch, "dist")
      cpSync(dist, copy, { recursive: true })
      const file = join(copy, "sockets.d.ts")
      const text = readFileSync(file, "utf8")
      const withoutDoc = text.replace(/\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*(receiveBatch\(max\?: number\))/, "$1")
      expect(withoutDoc).not.toBe(text)
      writeFileSync(file, withoutDoc)
      const missing: string[] = undocumented(publicDeclarations(declarationProgram(copy)))
      expect(missing).toContain("index: Pull#receiveBatch")
      expect(missing).toContain("draft: Gather#receiveBatch")
      expect(
        missing.every(name => name.endsWith("#receiveBatch")),
        missing.join(", "),
      ).toBe(true)
    })
  })
})

describe("the shipped declarations", () => {
  it("carry no doc comments but the API's (the build strips the rest)", () => {
    const scratch = mkdtempSync(join(tmpdir(), "zmqt-apidocs-"))
    try {
      const copy = join(scratch, "dist")
      cpSync(dist, copy, { recursive: true })
      expect(stripNonPublicDocs(copy)).toBe(0)
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  })
})
