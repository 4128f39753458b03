/**
 * Installs the option properties of lib/option-table.ts on the class prototypes, resolving each
 * zmq.h name to its number through the addon. Accessors call the classes' get/set*Option
 * methods (as zeromq.js's do), so validation lives in one place.
 */
import { arity, optionId } from "./errors.js"
import { NativeType, native } from "./native.js"
import { contextOptions, methodOptions, socketOptions, type OptionRow, type OptionType } from "./option-table.js"

// Type helpers with zeromq.js's names and meaning: the writable, non-method keys of T.
/**
 * `A` if the types X and Y are identical (not merely assignable to each other), else `B`: how
 * {@link WritableKeys} tells a `readonly` property from a writable one.
 *
 * @typeParam X The first type.
 * @typeParam Y The second type.
 * @typeParam A The result when they are identical.
 * @typeParam B The result when they are not.
 */
export type IfEquals<X, Y, A, B = never> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B
/**
 * A type with its intersections flattened into one object type, so that editors show the
 * properties (e.g. of an {@link Event} or of {@link SocketOptions}) rather than `A & B`.
 *
 * @typeParam T The type to flatten.
 */
export type Expand<T> = T extends infer O ? { [K in keyof O]: O[K] } : never
/**
 * The names of the properties of T that are not methods: the option properties of a socket
 * or context class, and the read-only ones among them.
 *
 * @typeParam T A class instance type.
 */
export type ReadableKeys<T> = { [P in keyof T]-?: T[P] extends Function ? never : P }[keyof T]
/**
 * The names of the properties of T that are neither methods nor `readonly`: the option
 * properties that can be set, and so be given to a constructor.
 *
 * @typeParam T A class instance type.
 */
export type WritableKeys<T> = {
  [P in keyof T]-?: T[P] extends Function ? never : IfEquals<{ [Q in P]: T[P] }, { -readonly [Q in P]: T[P] }, P>
}[keyof T]
/**
 * The options object of a class's constructor: every writable property of T, optional, plus
 * the extra properties E.
 *
 * ```typescript
 * type PushOptions = zmq.Options<zmq.Push, { context: zmq.Context }>
 * const options: PushOptions = { sendHighWaterMark: 100, linger: 0 }
 * ```
 *
 * @typeParam T The class instance type.
 * @typeParam E Additional properties the options may have.
 */
export type Options<T, E = {}> = Expand<Partial<E & Pick<T, WritableKeys<T>>>>

const accessorSuffix: Record<OptionType, string> = {
  bool: "Bool",
  int32: "Int32",
  uint32: "Uint32",
  int64: "Int64",
  uint64: "Uint64",
  string: "String",
}

/** zeromq.js's checks of a get*Option() call (Socket's and Context's): the id, then the count. */
export function checkGet(option: unknown, count: number): void {
  optionId(option)
  arity(count, 1)
}

/** zeromq.js's checks of a set*Option() call: the id, the value's type, then the count. */
export function checkSet(option: unknown, type: NativeType, value: unknown, count: number): void {
  optionId(option)
  switch (type) {
    case NativeType.Bool:
      if (typeof value !== "boolean") throw new TypeError("Option value must be a boolean")
      break
    case NativeType.String:
      if (value !== null && typeof value !== "string" && !ArrayBuffer.isView(value)) {
        throw new TypeError("Option value must be a string or buffer")
      }
      break
    default:
      if (typeof value !== "number") throw new TypeError("Option value must be a number")
  }
  arity(count, 2)
}

/** The number of a zmq.h constant, from the addon. */
export function zmqConstant(name: string): number {
  const value = native.constants[name]
  if (value === undefined) throw new Error(`zeromq-turbo: the addon does not export ${name}`)
  return value
}

/** The options the table marks `immediate`: setting them on a bound or connected socket draws
 *  no warning. */
export const immediateOptions: ReadonlySet<number> = new Set(
  [...socketOptions, ...methodOptions].filter(row => row.immediate).map(row => zmqConstant(row.zmq)),
)

type Accessible = Record<string, (option: number, value?: unknown) => unknown>

function descriptor(row: OptionRow): PropertyDescriptor {
  const id = zmqConstant(row.zmq)
  const suffix = accessorSuffix[row.type]
  const getter = `get${suffix}Option`
  const setter = `set${suffix}Option`
  const values = row.values
  const desc: PropertyDescriptor = { configurable: true, enumerable: false }
  if (row.access !== "w") {
    desc.get = values
      ? function (this: Accessible) {
          return values[this[getter](id) as number]
        }
      : function (this: Accessible) {
          return this[getter](id)
        }
  }
  if (row.access !== "r") {
    desc.set = values
      ? function (this: Accessible, value: unknown) {
          this[setter](id, values.indexOf(value as string | null))
        }
      : function (this: Accessible, value: unknown) {
          this[setter](id, value)
        }
  }
  return desc
}

/** Defines every option property of the table on the given classes (by class name). */
export function installOptions(classes: Record<string, { prototype: object }>): void {
  const capability = native.capability()
  for (const row of [...contextOptions, ...socketOptions]) {
    if (row.capability && !capability[row.capability]) continue
    const desc = descriptor(row)
    for (const name of row.on) {
      const target = classes[name]
      if (target === undefined) throw new Error(`zeromq-turbo: option table names unknown class ${name}`)
      if (Object.prototype.hasOwnProperty.call(target.prototype, row.name)) continue
      Object.defineProperty(target.prototype, row.name, desc)
    }
  }
}

/**
 * Makes the methods of a prototype read-only, as napi-defined methods are in zeromq.js, so that
 * `new Pull({ receive: 1 })` fails with the same "Cannot assign to read only property" error.
 */
export function lockMethods(prototype: object): void {
  for (const key of Reflect.ownKeys(prototype)) {
    const desc = Object.getOwnPropertyDescriptor(prototype, key) as PropertyDescriptor
    if (key !== "constructor" && typeof desc.value === "function" && desc.writable) {
      Object.defineProperty(prototype, key, { ...desc, writable: false })
    }
  }
}

/** Assigns constructor options through the (sealed) object's own property setters. */
export function applyOptions(target: object, options: object | undefined, skip?: string): void {
  if (options === undefined) return
  for (const key of Object.keys(options)) {
    if (key === skip) continue
    ;(target as Record<string, unknown>)[key] = (options as Record<string, unknown>)[key]
  }
}
