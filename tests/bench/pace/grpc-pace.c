/*
 * grpc-pace: a unary gRPC load client over HTTP/2 (libnghttp2), in one thread, that either keeps
 * a fixed number of calls in flight (closed model: finds saturation) or starts calls on a fixed
 * schedule whatever happened before (open model: latency at a given rate without coordinated
 * omission). Latency in the open model runs from each call's intended start.
 *
 * It exists because the load generator of .NET spends as much CPU per call as the server it
 * measures, and on a machine shared by both that CPU is taken from the server: this client costs a
 * few microseconds per call, so a server's latency can be read at half of its own saturation.
 *
 * Request bodies come from a file of gRPC-framed messages (5-byte prefix, then the message), used
 * in turn, e.g. many GetRelationship requests drawn by ScoringGrid.Bench --emit-requests.
 * Output: a summary on stdout and, with --json, one JSON object.
 *
 * Build: tests/bench/pace/build.sh. Usage: grpc-pace --help.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nghttp2/nghttp2.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define EXIT_USAGE 2
#define EXIT_RUN 1
#define MAX_HEADERS 16
#define MAX_BODY_FILE (256u << 20)
#define MAX_CONNECTIONS 256
#define MAX_DURATION_S 3600.0
#define STATUS_KINDS 20 /* 0..16 gRPC codes, then: no status, reset, unfinished */
#define NO_STATUS 17
#define RESET 18
#define UNFINISHED 19

static const char *status_names[STATUS_KINDS] = {
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
    "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
    "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    "no grpc-status", "stream reset", "unfinished at the end"};

/* ---------- options ---------- */

struct options {
    char host[256];
    char port[16];
    char authority[300];
    const char *path;
    const char *body_file;
    const char *json_file;
    const char *header_names[MAX_HEADERS];
    const char *header_values[MAX_HEADERS];
    int header_count;
    int connections;
    int concurrency;  /* closed model: calls in flight */
    double rate;      /* open model: calls per second; 0 = closed */
    double warmup_s;
    double duration_s;
    long long count;  /* closed model: stop after this many measured calls (0 = by duration) */
    double drain_s;   /* how long calls still in flight at the end are waited for */
    double tick_us;   /* > 0: wake on a fixed tick only (never per answer), reading and sending all that is due */
    bool allow_remote;
    bool quiet;
};

static void usage(FILE *to) {
    fprintf(to,
            "usage: grpc-pace --target http://HOST:PORT --path /package.Service/Method --body FILE\n"
            "                 [--rate N | --concurrency N] [--connections N] [--warmup S] [--duration S]\n"
            "                 [--count N] [--header 'name: value']... [--drain S] [--tick US] [--json FILE]\n"
            "                 [--allow-remote] [--quiet]\n"
            "\n"
            "  --target       h2c address (prior knowledge); loopback only unless --allow-remote\n"
            "  --path         the method's path\n"
            "  --body         file of gRPC-framed request messages, used in turn\n"
            "  --rate         open model: start N calls per second on a fixed schedule; latency is\n"
            "                 measured from each call's intended start\n"
            "  --concurrency  closed model (no --rate): keep N calls in flight (default 64)\n"
            "  --connections  HTTP/2 connections, calls spread round-robin (default 4)\n"
            "  --warmup       seconds of calls before measuring (default 2)\n"
            "  --duration     seconds measured (default 10; at most %.0f)\n"
            "  --count        closed model: stop after N measured calls (--duration still bounds the run)\n"
            "  --header       extra request header, e.g. 'authorization: Bearer KEY' (repeatable)\n"
            "  --drain        seconds to wait for calls still in flight at the end (default 10)\n"
            "  --tick         wake only every US microseconds (not on each answer), then read all answers\n"
            "                 and start all calls due: fewer wake-ups for the client on a shared machine;\n"
            "                 an answer is timed when read, so latency reads up to one tick high (default 0:\n"
            "                 wake for every call and every answer)\n"
            "  --json         write the result as one JSON object to FILE\n"
            "exit codes: 0 done (whatever the calls answered), 1 run failed, 2 bad usage\n",
            MAX_DURATION_S);
}

static int fail_usage(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "grpc-pace: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    return EXIT_USAGE;
}

static bool parse_double(const char *text, double *out) {
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || v != v) return false;
    *out = v;
    return true;
}

static bool parse_ll(const char *text, long long *out) {
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0') return false;
    *out = v;
    return true;
}

/* http://HOST:PORT or http://[V6]:PORT */
static int parse_target(const char *target, struct options *o) {
    const char *p = target;
    if (strncmp(p, "http://", 7) != 0) return fail_usage("--target: '%s' must start with http:// (h2c)", target);
    p += 7;
    const char *host_start, *host_end, *port_start;
    if (*p == '[') {
        host_start = p + 1;
        host_end = strchr(host_start, ']');
        if (!host_end || host_end[1] != ':') return fail_usage("--target: '%s' needs [ADDRESS]:PORT", target);
        port_start = host_end + 2;
    } else {
        host_start = p;
        host_end = strrchr(p, ':');
        if (!host_end) return fail_usage("--target: '%s' needs a port", target);
        port_start = host_end + 1;
    }
    size_t host_len = (size_t)(host_end - host_start);
    size_t port_len = strcspn(port_start, "/");
    if (host_len == 0 || host_len >= sizeof o->host) return fail_usage("--target: '%s' has no usable host", target);
    if (port_len == 0 || port_len >= sizeof o->port) return fail_usage("--target: '%s' has no usable port", target);
    memcpy(o->host, host_start, host_len);
    o->host[host_len] = '\0';
    memcpy(o->port, port_start, port_len);
    o->port[port_len] = '\0';
    for (size_t i = 0; i < port_len; i++)
        if (o->port[i] < '0' || o->port[i] > '9') return fail_usage("--target: port '%s' is not a number", o->port);
    snprintf(o->authority, sizeof o->authority, "%.*s", (int)(port_start + port_len - p), p);
    return 0;
}

static int parse_options(int argc, char **argv, struct options *o) {
    memset(o, 0, sizeof *o);
    o->connections = 4;
    o->concurrency = 64;
    o->warmup_s = 2;
    o->duration_s = 10;
    o->drain_s = 10;
    const char *target = NULL;
    bool concurrency_set = false, count_set = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(a, "--allow-remote")) {
            o->allow_remote = true;
            continue;
        } else if (!strcmp(a, "--quiet")) {
            o->quiet = true;
            continue;
        }
        if (!v) return fail_usage("%s: needs a value", a);
        i++;
        double d;
        long long n;
        if (!strcmp(a, "--target")) target = v;
        else if (!strcmp(a, "--path")) o->path = v;
        else if (!strcmp(a, "--body")) o->body_file = v;
        else if (!strcmp(a, "--json")) o->json_file = v;
        else if (!strcmp(a, "--header")) {
            const char *colon = strchr(v, ':');
            if (!colon || colon == v) return fail_usage("--header: '%s' is not 'name: value'", v);
            if (o->header_count == MAX_HEADERS) return fail_usage("--header: at most %d", MAX_HEADERS);
            char *name = strndup(v, (size_t)(colon - v));
            for (char *c = name; *c; c++)
                if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
            const char *value = colon + 1;
            while (*value == ' ') value++;
            o->header_names[o->header_count] = name;
            o->header_values[o->header_count++] = value;
        } else if (!strcmp(a, "--rate")) {
            if (!parse_double(v, &d) || d <= 0 || d > 10e6) return fail_usage("--rate: '%s' must be a number of calls per second in (0, 10000000]", v);
            o->rate = d;
        } else if (!strcmp(a, "--concurrency")) {
            if (!parse_ll(v, &n) || n < 1 || n > 100000) return fail_usage("--concurrency: '%s' must be 1..100000", v);
            o->concurrency = (int)n;
            concurrency_set = true;
        } else if (!strcmp(a, "--connections")) {
            if (!parse_ll(v, &n) || n < 1 || n > MAX_CONNECTIONS) return fail_usage("--connections: '%s' must be 1..%d", v, MAX_CONNECTIONS);
            o->connections = (int)n;
        } else if (!strcmp(a, "--warmup")) {
            if (!parse_double(v, &d) || d < 0 || d > MAX_DURATION_S) return fail_usage("--warmup: '%s' must be 0..%.0f seconds", v, MAX_DURATION_S);
            o->warmup_s = d;
        } else if (!strcmp(a, "--duration")) {
            if (!parse_double(v, &d) || d <= 0 || d > MAX_DURATION_S) return fail_usage("--duration: '%s' must be (0, %.0f] seconds", v, MAX_DURATION_S);
            o->duration_s = d;
        } else if (!strcmp(a, "--count")) {
            if (!parse_ll(v, &n) || n < 1) return fail_usage("--count: '%s' must be a positive number", v);
            o->count = n;
            count_set = true;
        } else if (!strcmp(a, "--tick")) {
            if (!parse_double(v, &d) || d < 0 || d > 100000) return fail_usage("--tick: '%s' must be 0..100000 microseconds", v);
            o->tick_us = d;
        } else if (!strcmp(a, "--drain")) {
            if (!parse_double(v, &d) || d < 0 || d > MAX_DURATION_S) return fail_usage("--drain: '%s' must be 0..%.0f seconds", v, MAX_DURATION_S);
            o->drain_s = d;
        } else {
            return fail_usage("unknown option '%s' (see --help)", a);
        }
    }
    if (!target) return fail_usage("--target: required");
    if (!o->path || o->path[0] != '/') return fail_usage("--path: required, starting with '/'");
    if (!o->body_file) return fail_usage("--body: required");
    if (o->rate > 0 && concurrency_set) return fail_usage("--rate and --concurrency: choose one model");
    if (o->rate > 0 && count_set) return fail_usage("--count: only with the closed model (no --rate)");
    return parse_target(target, o);
}

/* ---------- clock and samples ---------- */

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

struct samples {
    int64_t *values;
    size_t count, capacity;
};

static void samples_add(struct samples *s, int64_t v) {
    if (s->count == s->capacity) {
        size_t capacity = s->capacity ? s->capacity * 2 : 65536;
        int64_t *values = realloc(s->values, capacity * sizeof *values);
        if (!values) {
            fprintf(stderr, "grpc-pace: out of memory for latency samples\n");
            exit(EXIT_RUN);
        }
        s->values = values;
        s->capacity = capacity;
    }
    s->values[s->count++] = v;
}

static int compare_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* nearest rank: the value at rank ceil(q * n) of the sorted samples */
static double percentile_ms(const struct samples *s, double q) {
    if (s->count == 0) return 0;
    size_t rank = (size_t)((q * (double)s->count) + 0.999999999);
    if (rank < 1) rank = 1;
    if (rank > s->count) rank = s->count;
    return (double)s->values[rank - 1] / 1e6;
}

/* ---------- request bodies ---------- */

struct bodies {
    uint8_t *data;
    size_t *offsets; /* frame i is data[offsets[i] .. offsets[i + 1]) */
    size_t count;
};

static int load_bodies(const char *file, struct bodies *b) {
    FILE *f = fopen(file, "rb");
    if (!f) return fail_usage("--body: can't open '%s': %s", file, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || st.st_size <= 0 || (uint64_t)st.st_size > MAX_BODY_FILE) {
        fclose(f);
        return fail_usage("--body: '%s' must hold 1 byte to %u MiB", file, MAX_BODY_FILE >> 20);
    }
    size_t size = (size_t)st.st_size;
    b->data = malloc(size);
    if (!b->data || fread(b->data, 1, size, f) != size) {
        fclose(f);
        return fail_usage("--body: can't read '%s'", file);
    }
    fclose(f);
    size_t capacity = 1024, at = 0;
    b->offsets = malloc(capacity * sizeof *b->offsets);
    b->count = 0;
    while (at < size) {
        if (size - at < 5) return fail_usage("--body: '%s' ends inside a frame prefix at byte %zu", file, at);
        if (b->data[at] > 1) return fail_usage("--body: '%s': the frame at byte %zu has compressed flag %u (0 or 1)", file, at, b->data[at]);
        uint32_t len = ((uint32_t)b->data[at + 1] << 24) | ((uint32_t)b->data[at + 2] << 16) | ((uint32_t)b->data[at + 3] << 8) | b->data[at + 4];
        if ((uint64_t)len > size - at - 5) return fail_usage("--body: '%s': the frame at byte %zu claims %u bytes, past the end", file, at, len);
        if (b->count + 2 > capacity) {
            capacity *= 2;
            b->offsets = realloc(b->offsets, capacity * sizeof *b->offsets);
        }
        b->offsets[b->count++] = at;
        at += 5 + (size_t)len;
    }
    b->offsets[b->count] = size;
    return 0;
}

/* ---------- calls and connections ---------- */

struct connection;

struct call {
    struct connection *conn;
    int64_t intended_ns; /* open model: due time; closed: when started */
    int64_t sent_ns;
    const uint8_t *body;
    size_t body_len, body_sent;
    int grpc_status; /* -1 until read */
    bool measured;
};

struct connection {
    int fd;
    nghttp2_session *session;
    uint8_t *out;
    size_t out_len, out_capacity;
    bool want_write; /* EPOLLOUT armed */
    int in_flight;
};

struct run {
    struct options o;
    struct bodies bodies;
    struct connection *conns;
    int epfd, timerfd;
    int64_t start_ns, measure_from_ns, measure_until_ns;
    int64_t last_done_ns;
    long long issued, next_body, in_flight, measured_issued, measured_done, closed_to_issue;
    bool issuing;
    long long statuses[STATUS_KINDS];
    struct samples latency, service, send_lag;
    bool failed;
};

static struct run R;

static ssize_t read_body(nghttp2_session *session, int32_t stream_id, uint8_t *buf, size_t length, uint32_t *flags,
                         nghttp2_data_source *source, void *user_data) {
    (void)session, (void)stream_id, (void)user_data;
    struct call *c = source->ptr;
    size_t n = c->body_len - c->body_sent;
    if (n > length) n = length;
    memcpy(buf, c->body + c->body_sent, n);
    c->body_sent += n;
    if (c->body_sent == c->body_len) *flags |= NGHTTP2_DATA_FLAG_EOF;
    return (ssize_t)n;
}

static int on_header(nghttp2_session *session, const nghttp2_frame *frame, const uint8_t *name, size_t namelen,
                     const uint8_t *value, size_t valuelen, uint8_t flags, void *user_data) {
    (void)flags, (void)user_data;
    if (frame->hd.type != NGHTTP2_HEADERS) return 0;
    struct call *c = nghttp2_session_get_stream_user_data(session, frame->hd.stream_id);
    if (!c) return 0;
    if (namelen == 11 && !memcmp(name, "grpc-status", 11)) {
        int status = 0;
        for (size_t i = 0; i < valuelen; i++) {
            if (value[i] < '0' || value[i] > '9' || status > 1000) {
                status = NO_STATUS;
                break;
            }
            status = status * 10 + (value[i] - '0');
        }
        c->grpc_status = valuelen == 0 || status > 16 ? NO_STATUS : status;
    }
    return 0;
}

static int on_stream_close(nghttp2_session *session, int32_t stream_id, uint32_t error_code, void *user_data) {
    (void)user_data;
    struct call *c = nghttp2_session_get_stream_user_data(session, stream_id);
    if (!c) return 0;
    int64_t now = now_ns();
    int kind = error_code != NGHTTP2_NO_ERROR ? RESET : c->grpc_status < 0 ? NO_STATUS : c->grpc_status;
    if (c->measured) {
        R.statuses[kind]++;
        R.measured_done++;
        R.last_done_ns = now;
        samples_add(&R.latency, now - c->intended_ns);
        samples_add(&R.service, now - c->sent_ns);
        if (R.o.rate > 0) samples_add(&R.send_lag, c->sent_ns - c->intended_ns);
    }
    c->conn->in_flight--;
    R.in_flight--;
    if (R.o.rate == 0 && R.issuing) R.closed_to_issue++;
    free(c);
    return 0;
}

static void queue_out(struct connection *conn, const uint8_t *data, size_t len) {
    if (conn->out_len + len > conn->out_capacity) {
        size_t capacity = conn->out_capacity ? conn->out_capacity : 65536;
        while (capacity < conn->out_len + len) capacity *= 2;
        conn->out = realloc(conn->out, capacity);
        if (!conn->out) {
            fprintf(stderr, "grpc-pace: out of memory for output\n");
            exit(EXIT_RUN);
        }
        conn->out_capacity = capacity;
    }
    memcpy(conn->out + conn->out_len, data, len);
    conn->out_len += len;
}

static void set_write_interest(struct connection *conn, bool want) {
    if (conn->want_write == want) return;
    struct epoll_event ev = {.events = (R.o.tick_us > 0 ? 0 : EPOLLIN) | (want ? EPOLLOUT : 0), .data.ptr = conn};
    epoll_ctl(R.epfd, EPOLL_CTL_MOD, conn->fd, &ev);
    conn->want_write = want;
}

/* Serialises what the session has to send and writes as much as the socket takes, in one send. */
static bool flush_connection(struct connection *conn) {
    for (;;) {
        const uint8_t *data;
        ssize_t n = nghttp2_session_mem_send(conn->session, &data);
        if (n < 0) {
            fprintf(stderr, "grpc-pace: HTTP/2 send failed: %s\n", nghttp2_strerror((int)n));
            return false;
        }
        if (n == 0) break;
        queue_out(conn, data, (size_t)n);
    }
    while (conn->out_len > 0) {
        ssize_t n = send(conn->fd, conn->out, conn->out_len, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            fprintf(stderr, "grpc-pace: send: %s\n", strerror(errno));
            return false;
        }
        memmove(conn->out, conn->out + n, conn->out_len - (size_t)n);
        conn->out_len -= (size_t)n;
    }
    set_write_interest(conn, conn->out_len > 0);
    return true;
}

static bool read_connection(struct connection *conn) {
    uint8_t buf[65536];
    for (;;) {
        ssize_t n = recv(conn->fd, buf, sizeof buf, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
            fprintf(stderr, "grpc-pace: recv: %s\n", strerror(errno));
            return false;
        }
        if (n == 0) {
            fprintf(stderr, "grpc-pace: the server closed a connection\n");
            return false;
        }
        ssize_t used = nghttp2_session_mem_recv(conn->session, buf, (size_t)n);
        if (used < 0) {
            fprintf(stderr, "grpc-pace: HTTP/2 receive failed: %s\n", nghttp2_strerror((int)used));
            return false;
        }
    }
}

static int connect_to(const struct options *o) {
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res;
    int rc = getaddrinfo(o->host, o->port, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "grpc-pace: --target: can't resolve '%s': %s\n", o->host, gai_strerror(rc));
        return -1;
    }
    int fd = -1;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) continue;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fprintf(stderr, "grpc-pace: can't connect to %s:%s: %s\n", o->host, o->port, strerror(errno));
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

/* True when every address the host names is a loopback address. */
static bool is_loopback(const char *host) {
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res;
    if (getaddrinfo(host, NULL, &hints, &res) != 0) return false;
    bool all = true;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        if (ai->ai_family == AF_INET) {
            uint32_t a = ntohl(((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr);
            all = all && (a >> 24) == 127;
        } else if (ai->ai_family == AF_INET6) {
            all = all && IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr);
        } else {
            all = false;
        }
    }
    freeaddrinfo(res);
    return all;
}

static bool open_connection(struct connection *conn, nghttp2_session_callbacks *callbacks) {
    memset(conn, 0, sizeof *conn);
    conn->fd = connect_to(&R.o);
    if (conn->fd < 0) return false;
    if (nghttp2_session_client_new(&conn->session, callbacks, conn) != 0) return false;
    /* No server push, a large stream window; the connection window raised to match. */
    nghttp2_settings_entry settings[] = {
        {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, 1 << 24},
    };
    nghttp2_submit_settings(conn->session, NGHTTP2_FLAG_NONE, settings, 2);
    nghttp2_session_set_local_window_size(conn->session, NGHTTP2_FLAG_NONE, 0, 1 << 30);
    struct epoll_event ev = {.events = R.o.tick_us > 0 ? 0 : EPOLLIN, .data.ptr = conn};
    epoll_ctl(R.epfd, EPOLL_CTL_ADD, conn->fd, &ev);
    return flush_connection(conn);
}

static bool start_call(int64_t intended_ns) {
    struct connection *conn = &R.conns[R.issued % R.o.connections];
    struct call *c = calloc(1, sizeof *c);
    if (!c) {
        fprintf(stderr, "grpc-pace: out of memory for calls\n");
        return false;
    }
    size_t b = (size_t)(R.next_body++ % (long long)R.bodies.count);
    c->conn = conn;
    c->body = R.bodies.data + R.bodies.offsets[b];
    c->body_len = R.bodies.offsets[b + 1] - R.bodies.offsets[b];
    c->grpc_status = -1;
    c->intended_ns = intended_ns;
    c->sent_ns = now_ns();
    if (R.o.rate == 0) c->intended_ns = c->sent_ns;
    c->measured = c->intended_ns >= R.measure_from_ns && (R.o.count > 0 || c->intended_ns < R.measure_until_ns);
    if (c->measured) R.measured_issued++;

    nghttp2_nv nv[6 + MAX_HEADERS];
    int n = 0;
#define NV(NAME, VALUE) nv[n++] = (nghttp2_nv){(uint8_t *)(NAME), (uint8_t *)(VALUE), strlen(NAME), strlen(VALUE), NGHTTP2_NV_FLAG_NONE}
    NV(":method", "POST");
    NV(":scheme", "http");
    NV(":authority", R.o.authority);
    NV(":path", R.o.path);
    NV("content-type", "application/grpc");
    NV("te", "trailers");
    for (int i = 0; i < R.o.header_count; i++) NV(R.o.header_names[i], R.o.header_values[i]);
#undef NV
    nghttp2_data_provider provider = {.source.ptr = c, .read_callback = read_body};
    int32_t id = nghttp2_submit_request(conn->session, NULL, nv, (size_t)n, &provider, c);
    if (id < 0) {
        fprintf(stderr, "grpc-pace: can't start a call: %s\n", nghttp2_strerror(id));
        free(c);
        return false;
    }
    R.issued++;
    R.in_flight++;
    conn->in_flight++;
    return true;
}

static void arm_timer(int64_t due_ns) {
    if (R.o.tick_us > 0) {
        /* Never sooner than a tick from now: the tick is the only thing that wakes the loop. */
        int64_t earliest = now_ns() + (int64_t)(R.o.tick_us * 1000);
        if (due_ns < earliest) due_ns = earliest;
    }
    struct itimerspec its = {0};
    its.it_value.tv_sec = due_ns / 1000000000;
    its.it_value.tv_nsec = due_ns % 1000000000;
    timerfd_settime(R.timerfd, TFD_TIMER_ABSTIME, &its, NULL);
}

/* ---------- the run ---------- */

static bool run_loop(void) {
    nghttp2_session_callbacks *callbacks;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, on_header);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, on_stream_close);

    R.epfd = epoll_create1(0);
    R.timerfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct epoll_event tev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(R.epfd, EPOLL_CTL_ADD, R.timerfd, &tev);
    R.conns = calloc((size_t)R.o.connections, sizeof *R.conns);
    for (int i = 0; i < R.o.connections; i++)
        if (!open_connection(&R.conns[i], callbacks)) return false;

    R.start_ns = now_ns();
    R.measure_from_ns = R.start_ns + (int64_t)(R.o.warmup_s * 1e9);
    R.measure_until_ns = R.measure_from_ns + (int64_t)(R.o.duration_s * 1e9);
    int64_t give_up_ns = 0; /* set when issuing stops: calls still in flight are waited for until then */
    R.issuing = true;
    double interval_ns = R.o.rate > 0 ? 1e9 / R.o.rate : 0;
    long long scheduled = 0; /* open model: calls started so far by the schedule */
    if (R.o.rate == 0) R.closed_to_issue = R.o.concurrency;

    struct epoll_event events[64];
    for (;;) {
        int64_t now = now_ns();
        if (R.issuing && R.o.rate > 0) {
            for (;;) {
                int64_t due = R.start_ns + (int64_t)((double)scheduled * interval_ns);
                if (due >= R.measure_until_ns) {
                    R.issuing = false;
                    break;
                }
                if (due > now) {
                    arm_timer(due);
                    break;
                }
                if (!start_call(due)) return false;
                scheduled++;
            }
        } else if (R.issuing) {
            /* Closed model: replace every finished call, until the count or the duration is reached. */
            while (R.closed_to_issue > 0 && now < R.measure_until_ns && !(R.o.count > 0 && R.measured_issued >= R.o.count)) {
                if (!start_call(0)) return false;
                R.closed_to_issue--;
            }
            if (now >= R.measure_until_ns || (R.o.count > 0 && R.measured_issued >= R.o.count)) R.issuing = false;
            else arm_timer(R.measure_until_ns);
        }
        if (!R.issuing && give_up_ns == 0) {
            give_up_ns = now + (int64_t)(R.o.drain_s * 1e9);
            arm_timer(give_up_ns);
        }
        for (int i = 0; i < R.o.connections; i++)
            if (!flush_connection(&R.conns[i])) return false;
        if (!R.issuing && (R.in_flight == 0 || now >= give_up_ns)) break;
        if (R.o.tick_us > 0 && R.in_flight > 0 && !(R.issuing && R.o.rate > 0)) arm_timer(now); /* poll for answers on the tick */

        int n = epoll_wait(R.epfd, events, 64, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("grpc-pace: epoll_wait");
            return false;
        }
        for (int i = 0; i < n; i++) {
            struct connection *conn = events[i].data.ptr;
            if (!conn) {
                uint64_t expirations;
                if (read(R.timerfd, &expirations, sizeof expirations) < 0 && errno != EAGAIN) return false;
                if (R.o.tick_us > 0)
                    for (int k = 0; k < R.o.connections; k++)
                        if (!read_connection(&R.conns[k])) return false;
                continue;
            }
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                if (!read_connection(conn)) return false;
        }
    }
    /* What is still in flight was not answered in time. */
    R.statuses[UNFINISHED] += R.measured_issued - R.measured_done;
    for (int i = 0; i < R.o.connections; i++) {
        nghttp2_session_del(R.conns[i].session);
        close(R.conns[i].fd);
    }
    nghttp2_session_callbacks_del(callbacks);
    return true;
}

static void print_json_percentiles(FILE *f, const char *name, struct samples *s) {
    fprintf(f, "\"%s\":{\"count\":%zu,\"p50\":%.4f,\"p90\":%.4f,\"p99\":%.4f,\"p999\":%.4f,\"max\":%.4f}", name, s->count,
            percentile_ms(s, 0.5), percentile_ms(s, 0.9), percentile_ms(s, 0.99), percentile_ms(s, 0.999), percentile_ms(s, 1.0));
}

static void report(double elapsed_s) {
    qsort(R.latency.values, R.latency.count, sizeof(int64_t), compare_i64);
    qsort(R.service.values, R.service.count, sizeof(int64_t), compare_i64);
    qsort(R.send_lag.values, R.send_lag.count, sizeof(int64_t), compare_i64);
    long long calls = R.measured_issued;
    double per_second = calls / elapsed_s;
    if (!R.o.quiet) {
        printf("grpc-pace: %s %s, %s model", R.o.authority, R.o.path, R.o.rate > 0 ? "open" : "closed");
        if (R.o.rate > 0) printf(" at %.0f calls/s", R.o.rate);
        else printf(" with %d calls in flight", R.o.concurrency);
        printf(", %d connections\n", R.o.connections);
        printf("calls        %lld in %.2f s (%.1f/s)\n", calls, elapsed_s, per_second);
        for (int k = 0; k < STATUS_KINDS; k++)
            if (R.statuses[k]) printf("  %-22s %lld\n", status_names[k], R.statuses[k]);
        printf("latency ms   p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%s\n", percentile_ms(&R.latency, .5),
               percentile_ms(&R.latency, .9), percentile_ms(&R.latency, .99), percentile_ms(&R.latency, .999),
               percentile_ms(&R.latency, 1), R.o.rate > 0 ? "  (from each intended start)" : "");
        if (R.o.rate > 0) {
            printf("service ms   p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (from each actual start)\n",
                   percentile_ms(&R.service, .5), percentile_ms(&R.service, .9), percentile_ms(&R.service, .99),
                   percentile_ms(&R.service, .999), percentile_ms(&R.service, 1));
            printf("send lag ms  p50 %.3f  p99 %.3f  max %.3f\n", percentile_ms(&R.send_lag, .5),
                   percentile_ms(&R.send_lag, .99), percentile_ms(&R.send_lag, 1));
        }
    }
    if (R.o.json_file) {
        FILE *f = fopen(R.o.json_file, "w");
        if (!f) {
            fprintf(stderr, "grpc-pace: --json: can't write '%s': %s\n", R.o.json_file, strerror(errno));
            R.failed = true;
            return;
        }
        fprintf(f, "{\"model\":\"%s\",\"path\":\"%s\",\"rate\":%.3f,\"concurrency\":%d,\"connections\":%d,", R.o.rate > 0 ? "open" : "closed",
                R.o.path, R.o.rate, R.o.rate > 0 ? 0 : R.o.concurrency, R.o.connections);
        fprintf(f, "\"seconds\":%.6f,\"calls\":%lld,\"callsPerSecond\":%.3f,\"ok\":%lld,\"statuses\":{", elapsed_s, calls, per_second, R.statuses[0]);
        bool first = true;
        for (int k = 0; k < STATUS_KINDS; k++)
            if (R.statuses[k]) {
                fprintf(f, "%s\"%s\":%lld", first ? "" : ",", status_names[k], R.statuses[k]);
                first = false;
            }
        fprintf(f, "},");
        print_json_percentiles(f, "latencyMs", &R.latency);
        fprintf(f, ",");
        print_json_percentiles(f, "serviceMs", &R.service);
        fprintf(f, ",");
        print_json_percentiles(f, "sendLagMs", &R.send_lag);
        fprintf(f, "}\n");
        fclose(f);
    }
}

int main(int argc, char **argv) {
    int rc = parse_options(argc, argv, &R.o);
    if (rc != 0) return rc;
    if (!R.o.allow_remote && !is_loopback(R.o.host))
        return fail_usage("--target: '%s' is not a loopback address; pass --allow-remote to load another machine", R.o.host);
    rc = load_bodies(R.o.body_file, &R.bodies);
    if (rc != 0) return rc;
    if (!run_loop()) return EXIT_RUN;
    /* With --count the run lasts until its last call is answered (at most --duration). */
    double elapsed_s = R.o.count > 0 && R.last_done_ns > R.measure_from_ns ? (double)(R.last_done_ns - R.measure_from_ns) / 1e9 : R.o.duration_s;
    report(elapsed_s);
    return R.failed ? EXIT_RUN : 0;
}
