#!/usr/bin/env node
// A connection storm against an Authenticator: how long it takes to answer N connections and how
// long the event loop of the serving process is held up meanwhile (docs/security.md).
//
//   node scripts/bench/zap-storm.mjs [--mechanism plain|curve] [--connections N] [--no-auth]
//   node scripts/bench/zap-storm.mjs --rate N
//
// The serving process (this one) has a Pull server with the mechanism and an Authenticator that
// admits the clients; a child process makes N connections from 10 Push sockets. Measured from
// the first handshake to the last: the time, and the turns of the event loop: a chain of
// setImmediate callbacks notes the time between consecutive ones (so a turn is the work done
// between two looks at the loop, never time spent idle in the poll), and the longest of them is
// the longest the loop was held. --no-auth runs CURVE without an Authenticator (libzmq then
// admits everyone) as the baseline. --rate N instead measures the cost of answering alone: N
// PLAIN requests sent at once by an inproc peer, in 4 rounds (the JIT warms up in the first),
// both ends counted. Prints one JSON object. zeromq-turbo only: zeromq.js has no Authenticator.
import { spawn } from "node:child_process"
import { parseArgs } from "node:util"
import * as zmq from "zeromq-turbo"

const { values } = parseArgs({
  options: {
    mechanism: { type: "string", default: "plain" },
    connections: { type: "string", default: "1000" },
    "no-auth": { type: "boolean", default: false },
    rate: { type: "string" },
  },
  strict: true,
})

if (values.rate !== undefined) {
  const requests = Number(values.rate)
  const auth = new zmq.Authenticator({ context: new zmq.Context() }).configurePlain({ users: { user: "secret" } })
  auth.start()
  const peer = new zmq.Dealer({ context: auth.context, linger: 0, sendHighWaterMark: 0, receiveHighWaterMark: 0 })
  peer.connect("inproc://zeromq.zap.01")
  const rounds = []
  for (let round = 0; round < 4; round++) {
    const batch = Array.from({ length: requests }, (_, i) => [
      "",
      "1.0",
      String(i),
      "",
      "",
      "",
      "PLAIN",
      "user",
      "secret",
    ])
    const started = performance.now()
    const sent = peer.sendBatch(batch)
    for (let replies = 0; replies < requests;) replies += (await peer.receiveBatch()).length
    await sent
    rounds.push(Math.round(((performance.now() - started) * 10000) / requests) / 10)
  }
  peer.close()
  auth.stop()
  console.log(JSON.stringify({ requests, microsecondsPerRequest: rounds }))
  process.exit(0)
}
const mechanism = values.mechanism
const connections = Number(values.connections)
const authenticate = !values["no-auth"]
if (mechanism !== "plain" && mechanism !== "curve") throw new Error("--mechanism must be plain or curve")
if (!authenticate && mechanism !== "curve") throw new Error("--no-auth needs --mechanism curve")

const serverKeys = zmq.curveKeyPair()
const clientKeys = zmq.curveKeyPair()
const server =
  mechanism === "plain" ? { plainServer: true } : { curveServer: true, curveSecretKey: serverKeys.secretKey }
const client =
  mechanism === "plain"
    ? { plainUsername: "user", plainPassword: "secret" }
    : {
        curveServerKey: serverKeys.publicKey,
        curvePublicKey: clientKeys.publicKey,
        curveSecretKey: clientKeys.secretKey,
      }

const auth = new zmq.Authenticator()
if (authenticate) {
  auth.configurePlain({ users: { user: "secret" } }).configureCurve({ keys: [clientKeys.publicKey] })
  auth.start()
}
// A backlog above the storm, or the kernel drops connections and clients retry after seconds.
const pull = new zmq.Pull({ linger: 0, backlog: Math.max(connections, 100), ...server })
await pull.bind("tcp://127.0.0.1:*")

let started = 0
let admitted = 0
let handled = 0
let finished = false
let turns = 0
let last = 0
let longest = 0
const turn = () => {
  const now = performance.now()
  longest = Math.max(longest, now - last)
  last = now
  turns++
  if (!finished) setImmediate(turn)
}
const done = new Promise(resolve => {
  const count = allowed => {
    if (handled++ === 0) {
      started = last = performance.now()
      setImmediate(turn)
    }
    if (allowed) admitted++
    if (handled === connections) resolve()
  }
  if (authenticate) auth.on("decision", decision => count(decision.allowed))
  else pull.events.on("handshake", () => count(true))
})

// The clients: referenced until the process ends (a collected socket closes its connections).
const clients = `
  const zmq = require("zeromq-turbo")
  globalThis.pushes = Array.from({ length: 10 }, () => new zmq.Push({ linger: 0, ...${JSON.stringify(client)} }))
  for (let i = 0; i < ${connections}; i++) pushes[i % 10].connect(${JSON.stringify(pull.lastEndpoint)})
  process.stdin.on("end", () => process.exit(0)).resume()
`
const child = spawn(process.execPath, ["-e", clients], { stdio: ["pipe", "inherit", "inherit"] })
await done
const ended = performance.now()
finished = true
// The turn that was running when the last answer came counts too.
longest = Math.max(longest, ended - last)
child.stdin.end()
pull.close()
auth.stop()

const round = value => Math.round(value * 10) / 10
console.log(
  JSON.stringify({
    mechanism,
    authenticator: authenticate,
    connections,
    admitted,
    firstToLastMs: Math.round(ended - started),
    turns,
    longestTurnMs: round(longest),
  }),
)
