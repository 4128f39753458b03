/**
 * Sockets whose endpoints are all inproc:// and that wait for a message. A message sent over
 * inproc is in the peer's pipe as soon as send() returns, so when the peer lives on this thread
 * waiting for the event loop to report it (an epoll round trip and a callback) is pure delay.
 * After a local socket sends, these waiters are given one look at their pipe in a microtask.
 * The look is a non-blocking receive; if the peer is elsewhere it simply finds nothing.
 */
export interface LocalWaiter {
  /** The local send count when it started waiting: only later sends can have fed it. */
  since: number
  poke(): void
}

const waiters = new Set<LocalWaiter>()
let sends = 0
let checkQueued = false

function checkWaiters(): void {
  checkQueued = false
  // A waiter that still finds nothing re-registers itself: take the current ones out first.
  const due = [...waiters].filter(waiter => waiter.since < sends)
  for (const waiter of due) waiters.delete(waiter)
  for (const waiter of due) waiter.poke()
}

/** A local socket sent: its local peers waiting on this thread get a look. */
export function afterLocalSend(): void {
  sends++
  if (waiters.size > 0 && !checkQueued) {
    checkQueued = true
    queueMicrotask(checkWaiters)
  }
}

/** `waiter` waits for the next local send (once; a poke takes it out). */
export function waitLocally(waiter: LocalWaiter): void {
  if (waiters.has(waiter)) return
  waiter.since = sends
  waiters.add(waiter)
}

export function stopWaitingLocally(waiter: LocalWaiter): void {
  waiters.delete(waiter)
}
