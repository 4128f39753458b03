/* A market-data feed in C for `npm run bench -- --only market`: the publisher every subscriber
 * of the market.* cases receives from, and the C subscriber that is their ceiling.
 *
 *   mdfeed pub <bind-to> <subscriptions> <count> <rate>
 *     An XPUB binds, prints "bound", and waits until <subscriptions> subscriptions arrived (the
 *     subscriber's, so nothing is published before it listens). Then it publishes <count>
 *     updates round robin over 1,000 topics, update i on topic i % 1000 with sequence number
 *     i / 1000, at <rate> updates per second (0: as fast as it can). A full pipe drops updates,
 *     as a PUB does (that is what the subscribers count). Then an end marker every millisecond,
 *     until it is killed (at most 30 s).
 *   mdfeed sub <connect-to> <topics> <count> <mode>
 *     A SUB subscribed to <topics> of the 1,000 (evenly spread: every 1000/<topics>-th) and to
 *     the end marker, or to everything for all 1,000 (one subscription: see subscribe()).
 *     <mode> is thr (count what arrives and what was dropped), lat (also the one-way latency of
 *     every update after the first tenth) or conflate (ZMQ_CONFLATE: only the newest update is
 *     kept; received and their age). Prints one JSON line {"result": ...}, the same figures
 *     scripts/bench/market.mjs reports for Node.
 *
 * An update is 16 to 256 bytes (sizes from a fixed pseudo-random sequence, the same every run):
 *   0..3   the topic, "t" and three digits ("t000".."t999"; the end marker is "zEND")
 *   4..7   the sequence number within the topic, uint32 little-endian
 *   8..15  when it was sent: CLOCK_MONOTONIC in nanoseconds as a float64, little-endian (the
 *          clock process.hrtime() reads too; same machine)
 *   16..   filler */
#include <zmq.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#define TOPICS 1000
#define MIN_SIZE 16
#define MAX_SIZE 256

static int fail(const char* what) {
  fprintf(stderr, "mdfeed: %s: %s\n", what, zmq_strerror(zmq_errno()));
  return 1;
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int publish(void* ctx, const char* endpoint, int subscriptions, long count, double rate) {
  void* s = zmq_socket(ctx, ZMQ_XPUB);
  if (!s) return fail("zmq_socket");
  if (zmq_bind(s, endpoint) != 0) return fail("zmq_bind");
  printf("bound\n");
  fflush(stdout);
  char sub[256];
  for (int seen = 0; seen < subscriptions;) {
    int n = zmq_recv(s, sub, sizeof sub, 0);
    if (n < 0) return fail("zmq_recv (subscription)");
    if (n >= 1 && sub[0] == 1) seen++;
  }
  // Sleeps of a few microseconds at 100 k/s: without this the kernel may add 50 µs to each.
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);

  unsigned char update[MAX_SIZE];
  memset(update, 0x5a, sizeof update);
  uint32_t lcg = 12345;
  const double start = now_ns();
  for (long i = 0; i < count; i++) {
    if (rate > 0) {
      const double due = start + (double)i * 1e9 / rate;
      if (now_ns() < due) {
        const long long at = (long long)due;
        struct timespec ts = {at / 1000000000LL, at % 1000000000LL};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
      }
    }
    lcg = lcg * 1103515245u + 12345u;
    const size_t size = MIN_SIZE + (lcg >> 16) % (MAX_SIZE - MIN_SIZE + 1);
    const int topic = (int)(i % TOPICS);
    const uint32_t seq = (uint32_t)(i / TOPICS);
    update[0] = 't';
    update[1] = (unsigned char)('0' + topic / 100);
    update[2] = (unsigned char)('0' + topic / 10 % 10);
    update[3] = (unsigned char)('0' + topic % 10);
    memcpy(update + 4, &seq, 4);  // x86 and arm are little-endian
    const double sent = now_ns();
    memcpy(update + 8, &sent, 8);
    if (zmq_send(s, update, size, 0) < 0) return fail("zmq_send");
  }
  memcpy(update, "zEND", 4);
  for (int i = 0; i < 30000; i++) {
    if (zmq_send(s, update, MIN_SIZE, 0) < 0) return fail("zmq_send (end)");
    struct timespec ms = {0, 1000000};
    nanosleep(&ms, NULL);
  }
  return 0;
}

static int compare(const void* a, const void* b) {
  const double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

/** The q-quantile of sorted values, in microseconds. */
static double quantile_us(const double* sorted, long n, double q) {
  if (n == 0) return 0;
  long i = (long)(q * (double)(n - 1) + 0.5);
  return sorted[i] / 1e3;
}

static int subscribe(void* ctx, const char* endpoint, int topics, long count, const char* mode) {
  const int lat = strcmp(mode, "lat") == 0, conflate = strcmp(mode, "conflate") == 0;
  if (!lat && !conflate && strcmp(mode, "thr") != 0) {
    fprintf(stderr, "mdfeed: mode must be thr, lat or conflate\n");
    return 2;
  }
  if (topics < 1 || topics > TOPICS || TOPICS % topics != 0) {
    fprintf(stderr, "mdfeed: topics must divide 1000\n");
    return 2;
  }
  void* s = zmq_socket(ctx, ZMQ_SUB);
  if (!s) return fail("zmq_socket");
  int on = 1;
  if (conflate && zmq_setsockopt(s, ZMQ_CONFLATE, &on, sizeof on) != 0) return fail("ZMQ_CONFLATE");
  // All topics: one subscription to everything, the end marker included. A SUB sends its
  // subscriptions when it connects and drops those beyond its send high water mark (1,000),
  // and a conflate SUB keeps only its last one.
  const int step = TOPICS / topics;
  long expected = 0;
  for (int t = 0; t < TOPICS; t += step) {
    char name[8];
    snprintf(name, sizeof name, "t%03d", t);
    if (topics < TOPICS && zmq_setsockopt(s, ZMQ_SUBSCRIBE, name, 4) != 0) return fail("ZMQ_SUBSCRIBE");
    if (t < count) expected += (count - t - 1) / TOPICS + 1;
  }
  if (zmq_setsockopt(s, ZMQ_SUBSCRIBE, "zEND", topics < TOPICS ? 4 : 0) != 0) return fail("ZMQ_SUBSCRIBE");
  if (zmq_connect(s, endpoint) != 0) return fail("zmq_connect");

  uint32_t* next = calloc(TOPICS, sizeof *next);
  double* ages = (lat || conflate) ? malloc(sizeof(double) * (size_t)expected) : NULL;
  if (!next || ((lat || conflate) && !ages)) return fail("malloc");
  const long warmup = lat ? expected / 10 : 0;
  long received = 0, gaps = 0, disorder = 0, samples = 0;
  double first = 0, last = 0;
  unsigned char update[MAX_SIZE];
  for (;;) {
    const int n = zmq_recv(s, update, sizeof update, 0);
    if (n < 0) return fail("zmq_recv");
    if (update[0] == 'z') {
      last = now_ns();
      break;
    }
    if (received++ == 0) first = now_ns();
    const int topic = (update[1] - '0') * 100 + (update[2] - '0') * 10 + (update[3] - '0');
    uint32_t seq;
    memcpy(&seq, update + 4, 4);
    if (seq < next[topic])
      disorder++;
    else
      gaps += seq - next[topic];
    next[topic] = seq + 1;
    if (ages && received > warmup && samples < expected) {
      double sent;
      memcpy(&sent, update + 8, 8);
      ages[samples++] = now_ns() - sent;
    }
  }
  const double seconds = (last - first) / 1e9;
  printf(
      "{\"result\":{\"mode\":\"%s\",\"topics\":%d,\"expected\":%ld,\"received\":%ld,\"dropped\":%ld,"
      "\"gaps\":%ld,\"disorder\":%ld,\"seconds\":%.6f,\"rate\":%.1f",
      mode, topics, expected, received, expected - received, gaps, disorder, seconds,
      seconds > 0 ? (double)received / seconds : 0.0);
  if (ages) {
    qsort(ages, (size_t)samples, sizeof *ages, compare);
    printf(",\"samples\":%ld,\"p50\":%.2f,\"p99\":%.2f,\"p999\":%.2f", samples, quantile_us(ages, samples, 0.5),
           quantile_us(ages, samples, 0.99), quantile_us(ages, samples, 0.999));
  }
  printf("}}\n");
  fflush(stdout);
  return 0;
}

int main(int argc, char* argv[]) {
  if (argc != 6 || (strcmp(argv[1], "pub") != 0 && strcmp(argv[1], "sub") != 0)) {
    fprintf(stderr,
            "usage: mdfeed pub <bind-to> <subscriptions> <count> <rate>\n"
            "       mdfeed sub <connect-to> <topics> <count> thr|lat|conflate\n");
    return 2;
  }
  void* ctx = zmq_ctx_new();
  if (!ctx) return fail("zmq_ctx_new");
  const long count = atol(argv[4]);
  int rc = argv[1][0] == 'p' ? publish(ctx, argv[2], atoi(argv[3]), count, atof(argv[5]))
                             : subscribe(ctx, argv[2], atoi(argv[3]), count, argv[5]);
  // The publisher never gets here (it is killed); the subscriber leaves at once.
  _exit(rc);
}
