// High-water marks: which socket types make send() wait when a peer's queue is full, and which drop.
//
// Every connection has a queue at each end, bounded by the sender's sendHighWaterMark and the
// receiver's receiveHighWaterMark (over inproc, the two add up to one queue). Here every sender
// gets a peer that reads nothing until the sender has tried 1000 messages; both marks are 10.
// Each send() is given a sendTimeout of 0, so that a send that would wait rejects with EAGAIN at
// once instead. Then the peer reads what reached it. What the table shows:
// - PUSH, DEALER, PAIR (and ROUTER with `mandatory`, XPUB and PUB with `noDrop`) block: send()
//   waits until the peer catches up, and nothing is lost.
// - PUB and XPUB drop: a publisher never waits for a slow subscriber, it discards what the
//   subscriber's queue cannot hold. A ROUTER drops too (unless `mandatory`): one slow peer must
//   not hold up its messages to all the others.
import * as zmq from "zeromq-turbo"

const HWM = 10
const ATTEMPTS = 1000

interface Case {
  name: string
  sender: zmq.Push | zmq.Dealer | zmq.Pair | zmq.Publisher | zmq.XPublisher | zmq.Router
  receiver: zmq.Pull | zmq.Router | zmq.Pair | zmq.Subscriber | zmq.Dealer
  /** The message to send, for senders that address a peer. */
  message?: (n: number) => string[]
}

function cases(): Case[] {
  const subscriber = () => {
    const socket = new zmq.Subscriber()
    socket.subscribe()
    return socket
  }
  const toPeer = (n: number) => ["peer", `message ${n}`]
  return [
    { name: "PUSH -> PULL", sender: new zmq.Push(), receiver: new zmq.Pull() },
    { name: "DEALER -> ROUTER", sender: new zmq.Dealer(), receiver: new zmq.Router() },
    { name: "PAIR -> PAIR", sender: new zmq.Pair(), receiver: new zmq.Pair() },
    { name: "PUB -> SUB", sender: new zmq.Publisher(), receiver: subscriber() },
    { name: "XPUB -> SUB", sender: new zmq.XPublisher(), receiver: subscriber() },
    { name: "XPUB (noDrop) -> SUB", sender: new zmq.XPublisher({ noDrop: true }), receiver: subscriber() },
    {
      name: "ROUTER -> DEALER",
      sender: new zmq.Router(),
      receiver: new zmq.Dealer({ routingId: "peer" }),
      message: toPeer,
    },
    {
      name: "ROUTER (mandatory) -> DEALER",
      sender: new zmq.Router({ mandatory: true }),
      receiver: new zmq.Dealer({ routingId: "peer" }),
      message: toPeer,
    },
  ]
}

/** Sends until a send would wait; resolves with how many were accepted. */
async function fill(c: Case): Promise<number> {
  for (let n = 0; n < ATTEMPTS; n++) {
    try {
      await c.sender.send(c.message?.(n) ?? `message ${n}`)
    } catch (error) {
      if ((error as { code?: string }).code === "EAGAIN") return n
      throw error
    }
  }
  return ATTEMPTS
}

/** Receives what is queued for the receiver; resolves with how many messages that was. */
async function drain(receiver: Case["receiver"]): Promise<number> {
  receiver.receiveTimeout = 0
  for (let received = 0; ; received++) {
    try {
      await receiver.receive()
    } catch (error) {
      if ((error as { code?: string }).code === "EAGAIN") return received
      throw error
    }
  }
}

async function main() {
  console.log(`send and receive high-water marks ${HWM}, ${ATTEMPTS} sends over inproc, nobody reading:`)
  let serial = 0
  for (const c of cases()) {
    const endpoint = `inproc://hwm-${serial++}`
    c.sender.sendHighWaterMark = HWM
    c.sender.sendTimeout = 0
    c.receiver.receiveHighWaterMark = HWM
    await c.sender.bind(endpoint)
    c.receiver.connect(endpoint)

    const sent = await fill(c)
    const received = await drain(c.receiver)
    const verdict =
      sent < ATTEMPTS
        ? `blocks: send() waits after ${sent} messages (${received} received, none lost)`
        : `drops:  all ${sent} sends succeeded, ${received} received`
    console.log(`${c.name.padEnd(36)} ${verdict}`)
    c.sender.close()
    c.receiver.close()
  }
}

main()
