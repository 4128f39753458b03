// Publish/subscribe throughput driver for scripts/bench, in the manner of libzmq's perf tools.
//
//   pubsub_thr pub <connect-to> <message-size> <count> <topic> <other-topic>
//     An XPUB that connects, waits until a subscriber's subscription arrives (so no message is
//     published into the void: the "slow joiner"), then publishes <count> messages starting with
//     <topic>, each followed by one starting with <other-topic>, which the subscriber's filter
//     rejects. ZMQ_XPUB_NODROP makes a full pipe block the publisher instead of dropping, so the
//     subscriber receives exactly <count> messages and its rate is the number it received.
//   pubsub_thr sub <bind-to> <message-size> <count> <topic>
//     A SUB subscribed to <topic> that binds and receives <count> messages, timed from the first
//     one to the last as local_thr does; prints "mean throughput: N [msg/s]". The C ceiling for
//     the Node subscriber.
#include <zmq.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char* what) {
  fprintf(stderr, "pubsub_thr: %s: %s\n", what, zmq_strerror(zmq_errno()));
  return 1;
}

static int publish(void* ctx, const char* endpoint, size_t size, long count, const char* topic, const char* other) {
  void* s = zmq_socket(ctx, ZMQ_XPUB);
  if (!s) return fail("zmq_socket");
  int on = 1;
  if (zmq_setsockopt(s, ZMQ_XPUB_NODROP, &on, sizeof on) != 0) return fail("ZMQ_XPUB_NODROP");
  if (zmq_connect(s, endpoint) != 0) return fail("zmq_connect");

  // Wait for a subscription (first byte 1); unsubscriptions and anything else are ignored.
  char sub[256];
  for (;;) {
    int n = zmq_recv(s, sub, sizeof sub, 0);
    if (n < 0) return fail("zmq_recv (subscription)");
    if (n >= 1 && sub[0] == 1) break;
  }

  char* wanted = static_cast<char*>(calloc(1, size));
  char* unwanted = static_cast<char*>(calloc(1, size));
  if (!wanted || !unwanted) return fail("calloc");
  memcpy(wanted, topic, strlen(topic));
  memcpy(unwanted, other, strlen(other));
  for (long i = 0; i < count; i++) {
    if (zmq_send(s, wanted, size, 0) < 0) return fail("zmq_send");
    if (zmq_send(s, unwanted, size, 0) < 0) return fail("zmq_send");
  }
  free(wanted);
  free(unwanted);
  // Default linger (-1): zmq_ctx_term below waits until everything queued was delivered.
  if (zmq_close(s) != 0) return fail("zmq_close");
  return 0;
}

static int subscribe(void* ctx, const char* endpoint, size_t size, long count, const char* topic) {
  void* s = zmq_socket(ctx, ZMQ_SUB);
  if (!s) return fail("zmq_socket");
  if (zmq_setsockopt(s, ZMQ_SUBSCRIBE, topic, strlen(topic)) != 0) return fail("ZMQ_SUBSCRIBE");
  if (zmq_bind(s, endpoint) != 0) return fail("zmq_bind");

  zmq_msg_t msg;
  zmq_msg_init(&msg);
  void* watch = NULL;
  for (long i = 0; i < count; i++) {
    if (zmq_msg_recv(&msg, s, 0) < 0) return fail("zmq_msg_recv");
    if (zmq_msg_size(&msg) != size || memcmp(zmq_msg_data(&msg), topic, strlen(topic)) != 0) {
      fprintf(stderr, "pubsub_thr: unexpected message of %zu bytes\n", zmq_msg_size(&msg));
      return 1;
    }
    if (i == 0) watch = zmq_stopwatch_start();
  }
  unsigned long elapsed = zmq_stopwatch_stop(watch);
  if (elapsed == 0) elapsed = 1;
  zmq_msg_close(&msg);
  printf("message size: %zu [B]\n", size);
  printf("message count: %ld\n", count);
  printf("mean throughput: %.0f [msg/s]\n", (double)count * 1e6 / (double)elapsed);
  if (zmq_close(s) != 0) return fail("zmq_close");
  return 0;
}

int main(int argc, char* argv[]) {
  const bool pub = argc == 7 && strcmp(argv[1], "pub") == 0;
  const bool sub = argc == 6 && strcmp(argv[1], "sub") == 0;
  if (!pub && !sub) {
    fprintf(stderr,
            "usage: pubsub_thr pub <connect-to> <message-size> <count> <topic> <other-topic>\n"
            "       pubsub_thr sub <bind-to> <message-size> <count> <topic>\n");
    return 2;
  }
  const size_t size = strtoul(argv[3], NULL, 10);
  const long count = strtol(argv[4], NULL, 10);
  if (size < strlen(argv[5]) || (pub && size < strlen(argv[6])) || count < 1) {
    fprintf(stderr, "pubsub_thr: the message size must hold the topic, the count be positive\n");
    return 2;
  }
  void* ctx = zmq_ctx_new();
  if (!ctx) return fail("zmq_ctx_new");
  const int rc =
      pub ? publish(ctx, argv[2], size, count, argv[5], argv[6]) : subscribe(ctx, argv[2], size, count, argv[5]);
  if (rc != 0) return rc;
  if (zmq_ctx_term(ctx) != 0) return fail("zmq_ctx_term");
  return 0;
}
