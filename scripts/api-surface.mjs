// The public API as the shipped declarations show it: every name an entry point exports (the
// main entry, /draft, /v5-compat), and, for classes, interfaces and object types, their
// constructors, methods and properties (inherited ones included, so the option properties of
// lib/options.generated.ts count), found with the TypeScript compiler over dist/*.d.ts.
//
// Two users, one definition of "public":
// - scripts/build-ts.mjs strips every other doc comment from dist/ (module headers and the
//   notes on internal helpers are for readers of lib/, not for users' editors);
// - test/scripts/api-docs.test.ts fails when a public declaration has no doc comment.
import { readdirSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"

const ts = createRequire(import.meta.url)("typescript")

/** The entry points' declaration files, relative to dist/. */
export const entryPoints = ["index.d.ts", "draft.d.ts", "v5-compat.d.ts"]

/** A TypeScript program over the declaration files of `dist` (the entry points', or `files`). */
export function declarationProgram(dist, files = entryPoints.map(file => join(dist, file))) {
  return ts.createProgram(files, {
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  })
}

/** The node a declaration's doc comment is attached to (a variable's is its statement's). */
function documented(declaration) {
  if (ts.isVariableDeclaration(declaration)) return declaration.parent.parent
  return declaration
}

/** Whether a declaration has a doc comment with text (a bare `@class` tag is not one). */
export function hasDoc(declaration) {
  const docs = documented(declaration).jsDoc ?? []
  return docs.some(doc => {
    const text =
      typeof doc.comment === "string" ? doc.comment : (doc.comment ?? []).map(part => part.text ?? "").join("")
    return text.trim().length > 0
  })
}

/**
 * Every public declaration, as { name, node }: `name` is how a user reaches it, e.g.
 * "index: Push#sendBatch" or "v5-compat: options._fd". A name can have several declarations
 * (a class and the interface merged into it, a property of two interfaces a class extends):
 * it is documented when one of them is.
 */
export function publicDeclarations(program) {
  const checker = program.getTypeChecker()
  const found = new Map()
  const add = (name, node) => {
    const key = `${name}\0${node.pos}\0${node.getSourceFile().fileName}`
    if (!found.has(key)) found.set(key, { name, node })
  }
  const isPrivate = symbol =>
    symbol.getName().startsWith("#") ||
    (symbol.declarations ?? []).some(d => ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Private)
  const membersOf = (name, type, separator, seen) => {
    for (const property of checker.getPropertiesOfType(type)) {
      if (isPrivate(property)) continue
      for (const declaration of property.declarations ?? []) {
        // Members that come from Node's or the standard library's types (EventEmitter's on(),
        // Error's message) are documented there.
        if (declaration.getSourceFile().fileName.includes("node_modules")) continue
        add(`${name}${separator}${property.getName()}`, declaration)
        literalMembers(`${name}${separator}${property.getName()}`, declaration, seen)
      }
    }
  }
  // Properties of object types written out in a declaration (a function's return type, a
  // constant's type, the object type of an option) are part of what it documents.
  const literalMembers = (name, node, seen) => {
    const visit = child => {
      if (ts.isTypeLiteralNode(child)) {
        for (const member of child.members) {
          if (member.name === undefined) continue
          const memberName = `${name}.${member.name.getText()}`
          add(memberName, member)
          literalMembers(memberName, member, seen)
        }
        return
      }
      if (ts.isFunctionLike(child) && child !== node) return
      ts.forEachChild(child, visit)
    }
    ts.forEachChild(node, visit)
  }
  for (const file of entryPoints) {
    const source = program.getSourceFiles().find(f => f.fileName.endsWith(`/dist/${file}`))
    if (source === undefined) throw new Error(`dist/${file} is missing: build first`)
    const entry = file.replace(/\.d\.ts$/, "")
    const moduleSymbol = checker.getSymbolAtLocation(source)
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      const name = `${entry}: ${exported.getName()}`
      const seen = new Set()
      for (const declaration of symbol.declarations ?? []) {
        add(name, documented(declaration))
        literalMembers(name, declaration, seen)
        if (ts.isClassDeclaration(declaration) || ts.isInterfaceDeclaration(declaration)) {
          membersOf(name, checker.getDeclaredTypeOfSymbol(symbol), "#", seen)
        }
        if (ts.isClassDeclaration(declaration)) {
          for (const member of declaration.members) {
            if (ts.isConstructorDeclaration(member)) add(`${name} constructor`, member)
          }
          membersOf(name, checker.getTypeOfSymbolAtLocation(symbol, declaration), ".", seen)
        }
        if (ts.isTypeAliasDeclaration(declaration)) {
          // zeromq.js's classes are exported as `const X: typeof X` plus `type X = X` (see
          // napiClass()): their members are the class's.
          const type = checker.getTypeAtLocation(declaration.type)
          if (type.isClassOrInterface()) membersOf(name, type, "#", seen)
        }
        if (ts.isVariableDeclaration(declaration)) {
          const type = checker.getTypeOfSymbolAtLocation(symbol, declaration)
          for (const signature of type.getConstructSignatures()) {
            if (signature.declaration) add(`${name} constructor`, signature.declaration)
          }
          if (type.getConstructSignatures().length > 0) {
            membersOf(name, type, ".", seen)
            const instance = type.getConstructSignatures()[0].getReturnType()
            membersOf(name, instance, "#", seen)
          }
        }
      }
    }
  }
  // Static members inherited from Function (prototype, ...) have no declarations of ours.
  return [...found.values()].filter(({ node }) => !ts.isSourceFile(node))
}

/** The names among `declarations` none of whose declarations has a doc comment. */
export function undocumented(declarations) {
  const documentedNames = new Set(declarations.filter(d => hasDoc(d.node)).map(d => d.name))
  return [...new Set(declarations.map(d => d.name))].filter(name => !documentedNames.has(name))
}

/**
 * Removes from the declaration files of `dist` every doc comment that is not on a public
 * declaration (module headers, internal helpers): what users' editors show is the API's
 * documentation, and notes on the implementation stay in lib/. Returns how many it removed.
 */
export function stripNonPublicDocs(dist) {
  const files = readdirSync(dist, { recursive: true })
    .filter(file => /\.d\.m?ts$/.test(file))
    .map(file => join(dist, file))
  const program = declarationProgram(dist, files)
  const keep = new Set(publicDeclarations(program).map(({ node }) => node))
  let removed = 0
  for (const source of program.getSourceFiles()) {
    if (!source.fileName.startsWith(dist) || source.fileName.includes("node_modules")) continue
    const ranges = []
    const visit = node => {
      // A public declaration keeps its own doc comment, the last one before it (an earlier one
      // is a module header that TypeScript attached to the file's first statement).
      const docs = node.jsDoc === undefined ? [] : keep.has(node) ? node.jsDoc.slice(0, -1) : node.jsDoc
      for (const doc of docs) ranges.push([doc.pos, doc.end])
      ts.forEachChild(node, visit)
    }
    ts.forEachChild(source, visit)
    if (ranges.length === 0) continue
    let text = source.text
    for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) {
      // The comment and the line break and indentation after it: the declaration takes its place.
      const after = /^[ \t]*\r?\n[ \t]*/.exec(text.slice(end))
      text = text.slice(0, start) + text.slice(end + (after ? after[0].length : 0))
    }
    writeFileSync(source.fileName, text)
    removed += ranges.length
  }
  return removed
}

export { ts }
