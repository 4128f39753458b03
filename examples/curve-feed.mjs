// A market-data feed that only listed subscribers can read: a CURVE-secured publisher whose
// Authenticator admits the public keys found in a directory of certificates, in the format
// czmq and pyzmq's zmq.auth write (one file per subscriber, exchanged out of band). Everything
// runs in one process over loopback for the demonstration: the publisher, a listed subscriber
// ("alice") and one that is not ("mallory"). In a deployment, the publisher, the certificate
// directory and each subscriber live on their own machines; the subscribers need only the
// publisher's public key and their own key pair.
//
//   node examples/curve-feed.mjs
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as zmq from "zeromq-turbo"

/** A public certificate file as czmq's zcert_save_public() writes one. */
function publicCertificate(name, publicKey) {
  return [
    "#   ZeroMQ CURVE Public Certificate",
    "#   Exchange securely, or use a secure mechanism to verify the contents",
    "#   of this file after exchange.",
    "metadata",
    `    name = "${name}"`,
    "curve",
    `    public-key = "${publicKey}"`,
    "",
  ].join("\n")
}

// Keys. The publisher's secret key and each subscriber's secret key never leave their owner.
const feed = zmq.curveKeyPair()
const alice = zmq.curveKeyPair()
const mallory = zmq.curveKeyPair()

// The publisher's list of admitted subscribers: alice's public certificate only.
const certificates = mkdtempSync(join(tmpdir(), "curve-feed-"))
writeFileSync(join(certificates, "alice.key"), publicCertificate("alice", alice.publicKey))
const names = new Map([
  [alice.publicKey, "alice"],
  [mallory.publicKey, "mallory"],
])

// ---- the publisher ------------------------------------------------------------------------

// Start the Authenticator before the publisher binds: it serves every socket of the context.
const auth = new zmq.Authenticator()
auth.configureCurve({ directory: certificates })
auth.on("decision", ({ publicKey, address, allowed, reason }) =>
  console.log(`feed: ${allowed ? "admitted" : "refused"} ${names.get(publicKey)} from ${address} (${reason})`),
)
auth.start()

// An XPublisher, so that the feed sees subscriptions arrive (and knows someone listens).
const publisher = new zmq.XPublisher({ curveServer: true, curveSecretKey: feed.secretKey })
await publisher.bind("tcp://127.0.0.1:*")
const endpoint = publisher.lastEndpoint

// ---- the subscribers ----------------------------------------------------------------------

function subscriber(keys) {
  const socket = new zmq.Subscriber({
    curveServerKey: feed.publicKey, // how the subscriber knows it talks to the real feed
    curvePublicKey: keys.publicKey,
    curveSecretKey: keys.secretKey,
  })
  socket.subscribe("prices.")
  return socket
}

const refused = subscriber(mallory)
// What a refused subscriber sees: the handshake fails with ZAP status 400, and libzmq keeps
// reconnecting (and being refused) until the socket is closed.
const refusal = new Promise(resolve => refused.events.on("handshake:error:auth", resolve))
refused.connect(endpoint)
const { error } = await refusal
console.log(`mallory: handshake refused (status ${error.status}: ${error.message})`)

const admitted = subscriber(alice)
admitted.connect(endpoint)
const [subscription] = await publisher.receive()
console.log(`feed: a subscription to "${subscription.subarray(1)}" arrived`)

// ---- the feed -----------------------------------------------------------------------------

const ticks = [
  ["prices.EURUSD", "1.0841"],
  ["prices.GBPUSD", "1.2702"],
  ["prices.USDJPY", "151.62"],
]
for (const tick of ticks) await publisher.send(tick)
for (let i = 0; i < ticks.length; i++) {
  const [topic, price] = await admitted.receive()
  console.log(`alice: ${topic} = ${price}`)
}

// mallory was never connected, so nothing was sent to it: a receive finds nothing.
refused.receiveTimeout = 0
const leaked = await refused.receive().then(
  () => true,
  () => false,
)
console.log(`mallory: received anything: ${leaked}`)

admitted.close()
refused.close()
publisher.close()
auth.stop()
rmSync(certificates, { recursive: true, force: true })
