/*
 * Unit tests: notify_syslog — the pure parts (targets, facility and severity
 * names, escaping, RFC 5424 lines) by table, and the transports against a
 * real rsyslogd started with the test's own configuration: UDP and TCP
 * records as rsyslog parsed them (priority, header fields, structured data,
 * message), a collector that is down, and target = local through /dev/log
 * when (and only when) this machine has no /dev/log of its own.
 */
#include "unit.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "rightswatch/buf.h"
#include "rightswatch/notify_syslog.h"

/* ---- pure ----------------------------------------------------------------- */

static void
test_parse_target(void **state)
{
	static const struct {
		const char *in;
		int rc;
		enum notify_syslog_kind kind;
		const char *host, *port;
	} rows[] = {
		{ "local", 0, NOTIFY_SYSLOG_LOCAL, "", "" },                /* syslog(3) */
		{ "LOCAL", 0, NOTIFY_SYSLOG_LOCAL, "", "" },                /* any case */
		{ NULL, 0, NOTIFY_SYSLOG_LOCAL, "", "" },                   /* default */
		{ "udp://127.0.0.1:514", 0, NOTIFY_SYSLOG_UDP, "127.0.0.1", "514" },  /* UDP */
		{ "tcp://logs.example.org:6514", 0, NOTIFY_SYSLOG_TCP, "logs.example.org", "6514" }, /* name */
		{ "tcp://[::1]:601", 0, NOTIFY_SYSLOG_TCP, "::1", "601" },  /* IPv6 literal */
		{ "udp://host", -1, 0, NULL, NULL },                        /* no port */
		{ "udp://:514", -1, 0, NULL, NULL },                        /* no host */
		{ "udp://h:0", -1, 0, NULL, NULL },                         /* port 0 */
		{ "udp://h:65536", -1, 0, NULL, NULL },                     /* port too big */
		{ "udp://h:51x", -1, 0, NULL, NULL },                       /* junk in port */
		{ "tcp://[::1:601", -1, 0, NULL, NULL },                    /* unclosed bracket */
		{ "tcp://a b:601", -1, 0, NULL, NULL },                     /* space in host */
		{ "tcp://::1:601", -1, 0, NULL, NULL },                     /* IPv6 without brackets */
		{ "http://h:1", -1, 0, NULL, NULL },                        /* other scheme */
		{ "", -1, 0, NULL, NULL },                                  /* empty */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct notify_syslog_target t;
		char err[128] = "";
		int rc = notify_syslog_parse_target(rows[i].in, &t, err, sizeof(err));

		if (rc != rows[i].rc)
			fail_msg("row %zu: rc %d (%s)", i, rc, err);
		if (rc == 0 && (t.kind != rows[i].kind || strcmp(t.host, rows[i].host) != 0 ||
		    strcmp(t.port, rows[i].port) != 0))
			fail_msg("row %zu: kind %d host %s port %s", i, (int)t.kind, t.host, t.port);
		if (rc == -1 && err[0] == '\0')
			fail_msg("row %zu: no reason", i);
	}
}

static void
test_names(void **state)
{
	static const struct {
		const char *name;
		int facility, severity;
	} rows[] = {
		{ "kern", 0, -1 },        /* facility 0 */
		{ "user", 1, -1 },        /* user */
		{ "daemon", 3, -1 },      /* the usual one */
		{ "auth", 4, -1 },        /* auth */
		{ "authpriv", 10, -1 },   /* authpriv */
		{ "local0", 16, -1 },     /* first local */
		{ "LOCAL7", 23, -1 },     /* last local, any case */
		{ "local8", -1, -1 },     /* no such */
		{ "emerg", -1, 0 },       /* severity 0 */
		{ "alert", -1, 1 },       /* 1 */
		{ "critical", -1, 2 },    /* the alert severity name */
		{ "crit", -1, 2 },        /* syslog's name */
		{ "err", -1, 3 },         /* 3 */
		{ "warning", -1, 4 },     /* the alert severity name */
		{ "notice", -1, 5 },      /* 5 */
		{ "info", -1, 6 },        /* the alert severity name */
		{ "debug", -1, 7 },       /* 7 */
		{ "", -1, -1 },           /* empty */
		{ NULL, -1, -1 },         /* absent */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (notify_syslog_facility(rows[i].name) != rows[i].facility)
			fail_msg("row %zu: facility", i);
		if (notify_syslog_severity(rows[i].name) != rows[i].severity)
			fail_msg("row %zu: severity", i);
	}
}

static void
test_escape_msg(void **state)
{
	static const struct {
		const char *in, *want;
	} rows[] = {
		{ "plain text", "plain text" },                              /* unchanged */
		{ "a\nb\r\tc", "a\\x0Ab\\x0D\\x09c" },                       /* C0 controls */
		{ "x\x7fy", "x\\x7Fy" },                                     /* DEL */
		{ "S\xc3\xa9gou", "S\xc3\xa9gou" },                          /* UTF-8 kept */
		{ "\xe2\x80\x94 dash", "\xe2\x80\x94 dash" },                /* 3-byte UTF-8 kept */
		{ "a\xc2\x85z", "a\\xC2\\x85z" },                            /* C1 control (NEL) */
		{ "bad\xff", "bad\\xFF" },                                   /* invalid byte */
		{ "cut\xc3", "cut\\xC3" },                                   /* truncated sequence */
		{ "\xc0\xaf", "\\xC0\\xAF" },                                /* overlong */
		{ "\xed\xa0\x80", "\\xED\\xA0\\x80" },                        /* surrogate */
		{ "k=\"v\" \\ ]", "k=\"v\" \\ ]" },                          /* MSG escapes no quotes */
		{ "", "" },                                                  /* empty */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct buf b = { 0 };

		assert_int_equal(notify_syslog_escape_msg(&b, rows[i].in), 0);
		if (strcmp(b.data ? b.data : "", rows[i].want) != 0)
			fail_msg("row %zu: got '%s'", i, b.data);
		buf_free(&b);
	}
}

/* The datagram for /dev/log, as syslog(3) would write it. */
static void
test_format_local(void **state)
{
	struct notify_syslog_record r = { 2, 1628244000, -1, NULL, NULL, NULL, 0,
		"value=\"435\"\tS\xc3\xa9gou\xe2\x80\xae" };
	struct buf b = { 0 };

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(notify_syslog_format_local(&b, 20, "rw-alerts", 42, &r), 0);
	assert_string_equal(b.data,
	    "<162>Aug  6 10:00:00 rw-alerts[42]: value=\"435\"\\x09S\xc3\xa9gou\\xE2\\x80\\xAE");
	buf_free(&b);
	r.severity = 8;
	assert_int_equal(notify_syslog_format_local(&b, 20, "rw", 1, &r), -1);
	buf_free(&b);
}

static void
test_format(void **state)
{
	static const struct notify_syslog_param p1[] = {
		{ "rule", "mali_abductions" },
		{ "figure", "435" },
		{ "title", "Say \"no\" \\ to ]brackets[" },
		{ "nl", "a\nb" },
	};
	static const struct notify_syslog_param badname[] = { { "a=b", "x" } };
	/* 2021-08-06T10:00:00Z */
	static const struct {
		int facility;
		const char *host, *app, *procid;
		struct notify_syslog_record r;
		size_t max;
		const char *want; /* NULL: -1 expected */
	} rows[] = {
		/* full record with SD and MSG */
		{ 3, "watch1", "rightswatch", "42",
		  { 2, 1628244000, -1, "alert", "rw@32473", p1, 4, "rule=x figure=435" }, 0,
		  "<26>1 2021-08-06T10:00:00Z watch1 rightswatch 42 alert [rw@32473 rule=\"mali_abductions\" "
		  "figure=\"435\" title=\"Say \\\"no\\\" \\\\ to \\]brackets[\" nl=\"a\\x0Ab\"] rule=x figure=435" },
		/* nil fields, no SD, microseconds, no MSG */
		{ 16, NULL, "", NULL, { 6, 1628244000, 5, NULL, NULL, NULL, 0, NULL }, 0,
		  "<134>1 2021-08-06T10:00:00.000005Z - - - - -" },
		/* header fields forced to printable ASCII and cut */
		{ 1, "h o\xc3\xa9st", "app", "1",
		  { 7, 1628244000, -1, "m123456789012345678901234567890123456789", NULL, NULL, 0, "x" }, 0,
		  "<15>1 2021-08-06T10:00:00Z h_o__st app 1 m1234567890123456789012345678901 - x" },
		/* control characters in MSG */
		{ 1, "h", "a", "1", { 4, 1628244000, -1, "m", NULL, NULL, 0, "one\ntwo" }, 0,
		  "<12>1 2021-08-06T10:00:00Z h a 1 m - one\\x0Atwo" },
		/* cut at max, on a character boundary */
		{ 1, "h", "a", "1", { 4, 1628244000, -1, "m", NULL, NULL, 0, "ab\xc3\xa9" }, 40,
		  "<12>1 2021-08-06T10:00:00Z h a 1 m - ab" },
		/* cut never splits an escape */
		{ 1, "h", "a", "1", { 4, 1628244000, -1, "m", NULL, NULL, 0, "ab\ncd" }, 41,
		  "<12>1 2021-08-06T10:00:00Z h a 1 m - ab" },
		/* bad SD-ID */
		{ 1, "h", "a", "1", { 4, 1628244000, -1, "m", "has space", NULL, 0, "x" }, 0, NULL },
		/* bad PARAM-NAME */
		{ 1, "h", "a", "1", { 4, 1628244000, -1, "m", "rw", badname, 1, "x" }, 0, NULL },
		/* facility out of range */
		{ 24, "h", "a", "1", { 4, 1628244000, -1, "m", NULL, NULL, 0, "x" }, 0, NULL },
		/* severity out of range */
		{ 1, "h", "a", "1", { 8, 1628244000, -1, "m", NULL, NULL, 0, "x" }, 0, NULL },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct buf b = { 0 };
		char err[128] = "";
		int rc = notify_syslog_format(&b, rows[i].facility, rows[i].host, rows[i].app,
		    rows[i].procid, &rows[i].r, rows[i].max, err, sizeof(err));

		if (rows[i].want == NULL) {
			if (rc != -1 || err[0] == '\0')
				fail_msg("row %zu: rc %d, want -1 with a reason", i, rc);
		} else if (rc != 0 || strcmp(b.data, rows[i].want) != 0)
			fail_msg("row %zu: rc %d (%s)\n got '%s'\nwant '%s'", i, rc, err, b.data, rows[i].want);
		buf_free(&b);
	}
}

/* ---- rsyslogd ----------------------------------------------------------- */

static struct {
	char dir[64];
	char conf[128], pidfile[128], out[128], local[128];
	int udp, tcp;
	pid_t pid;
	int own_devlog;   /* rsyslog was given /dev/log by this test */
} rs = { .pid = -1 };

static int
free_port(int type)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof(a);
	int fd = socket(AF_INET, type, 0), port = -1;

	if (fd != -1 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &al) == 0)
		port = ntohs(a.sin_port);
	if (fd != -1)
		close(fd);
	return port;
}

static int
tcp_ready(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = socket(AF_INET, SOCK_STREAM, 0), ok;

	ok = fd != -1 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	if (fd != -1)
		close(fd);
	return ok;
}

static void
msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int
rsyslog_start(void **state)
{
	char work[128];
	FILE *f;

	(void)state;
	if (unit_tmpdir(rs.dir, sizeof(rs.dir), "/tmp/rw-test-syslog-XXXXXX") == -1)
		return -1;
	snprintf(rs.conf, sizeof(rs.conf), "%s/rsyslog.conf", rs.dir);
	snprintf(rs.pidfile, sizeof(rs.pidfile), "%s/rsyslogd.pid", rs.dir);
	snprintf(rs.out, sizeof(rs.out), "%s/remote.log", rs.dir);
	snprintf(rs.local, sizeof(rs.local), "%s/local.log", rs.dir);
	snprintf(work, sizeof(work), "%s/work", rs.dir);
	if (mkdir(work, 0700) == -1)
		return -1;
	rs.udp = free_port(SOCK_DGRAM);
	rs.tcp = free_port(SOCK_STREAM);
	/* Never disturb the machine's own logger: /dev/log is taken only when
	 * nobody has it. */
	rs.own_devlog = access("/dev/log", F_OK) == -1 && errno == ENOENT &&
	    access("/dev", W_OK) == 0;
	if ((f = fopen(rs.conf, "w")) == NULL)
		return -1;
	fprintf(f,
	    "global(workDirectory=\"%s\")\n"
	    "module(load=\"imudp\")\n"
	    "module(load=\"imtcp\")\n"
	    "input(type=\"imudp\" address=\"127.0.0.1\" port=\"%d\" ruleset=\"remote\")\n"
	    "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"%d\" ruleset=\"remote\")\n"
	    "template(name=\"fields\" type=\"string\" string=\"%%pri%%|%%timereported:::date-rfc3339%%|"
	    "%%hostname%%|%%app-name%%|%%procid%%|%%msgid%%|%%structured-data%%|%%msg%%\\n\")\n"
	    "template(name=\"local\" type=\"string\" string=\"%%pri%%|%%programname%%|%%msg%%\\n\")\n"
	    "ruleset(name=\"remote\") { action(type=\"omfile\" file=\"%s\" template=\"fields\") }\n",
	    work, rs.udp, rs.tcp, rs.out);
	if (rs.own_devlog)
		fprintf(f,
		    "module(load=\"imuxsock\" SysSock.Name=\"/dev/log\" SysSock.RateLimit.Interval=\"0\")\n"
		    "action(type=\"omfile\" file=\"%s\" template=\"local\")\n", rs.local);
	fclose(f);
	if ((rs.pid = fork()) == -1)
		return -1;
	if (rs.pid == 0) {
		execl("/usr/sbin/rsyslogd", "rsyslogd", "-n", "-f", rs.conf, "-i", rs.pidfile, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 100 && !tcp_ready(rs.tcp); i++)
		msleep(50);
	if (!tcp_ready(rs.tcp)) {
		fprintf(stderr, "# rsyslogd did not start\n");
		return -1;
	}
	/* imuxsock creates /dev/log on its own schedule: wait for it. */
	for (int i = 0; i < 100 && rs.own_devlog && access("/dev/log", F_OK) == -1; i++)
		msleep(50);
	msleep(200); /* imudp starts alongside imtcp; give it a moment */
	return 0;
}

static int
rsyslog_stop(void **state)
{
	struct stat st;

	(void)state;
	unit_kill(&rs.pid);
	closelog();
	if (rs.own_devlog && lstat("/dev/log", &st) == 0 && S_ISSOCK(st.st_mode))
		unlink("/dev/log");
	unit_rmtree(rs.dir);
	return 0;
}

/* Wait until path has n lines (up to 5 s); returns them joined (caller frees). */
static char *
wait_lines(const char *path, int n)
{
	for (int tries = 0; tries < 100; tries++) {
		FILE *f = fopen(path, "r");
		struct buf b = { 0 };
		char line[4096];
		int got = 0;

		if (f) {
			while (fgets(line, sizeof(line), f)) {
				buf_puts(&b, line);
				got++;
			}
			fclose(f);
		}
		if (got >= n)
			return buf_detach(&b);
		buf_free(&b);
		msleep(50);
	}
	return NULL;
}

/* ---- sending -------------------------------------------------------------- */

struct result {
	int called, ok;
	char errmsg[256];
};

static struct event_base *base;
static int outstanding;

static void
on_sent(int ok, const char *errmsg, void *arg)
{
	struct result *r = arg;

	r->called++;
	r->ok = ok;
	snprintf(r->errmsg, sizeof(r->errmsg), "%s", errmsg);
	if (--outstanding == 0)
		event_base_loopbreak(base);
}

static void
run_loop(void)
{
	struct timeval tv = { 10, 0 };
	struct event *wd = evtimer_new(base, unit_watchdog, base);

	evtimer_add(wd, &tv);
	event_base_dispatch(base);
	event_free(wd);
}

static const struct notify_syslog_param params[] = {
	{ "rule", "mali_h1" },
	{ "title", "Mali: \"435\" abductions ]" },
};

/* Send n records (msg "NAME record I") through target; all must succeed. */
static void
send_records(const char *target, const char *name, int n)
{
	struct notify_syslog_options o = { .target = target, .ident = "rwtest",
	    .facility = notify_syslog_facility("local3"), .hostname = "watchhost" };
	struct notify_syslog *s;
	struct result res[8] = { { 0 } };
	char err[128] = "", msg[8][128];

	assert_non_null(base = event_base_new());
	s = notify_syslog_new(base, &o, err, sizeof(err));
	if (s == NULL)
		fail_msg("new: %s", err);
	for (int i = 0; i < n; i++) {
		struct notify_syslog_record r = { .severity = 2, .time = 1628244000, .usec = -1,
		    .msgid = "alert", .sd_id = "rw@32473", .params = params, .nparams = 2, .msg = msg[i] };

		snprintf(msg[i], sizeof(msg[i]), "%s record %d S\xc3\xa9gou\tend", name, i);
		assert_int_equal(notify_syslog_send(s, &r, on_sent, &res[i]), 0);
		assert_int_equal(res[i].called, 0);   /* never from inside send */
	}
	outstanding = n;
	run_loop();
	for (int i = 0; i < n; i++)
		if (res[i].called != 1 || !res[i].ok)
			fail_msg("record %d: called %d ok %d (%s)", i, res[i].called, res[i].ok, res[i].errmsg);
	assert_int_equal(notify_syslog_pending(s), 0);
	notify_syslog_free(s);
	event_base_free(base);
}

static void
assert_record(const char *all, const char *name, int i)
{
	char want[512];

	snprintf(want, sizeof(want),
	    "154|2021-08-06T10:00:00Z|watchhost|rwtest|%ld|alert|"
	    "[rw@32473 rule=\"mali_h1\" title=\"Mali: \\\"435\\\" abductions \\]\"]|"
	    "%s record %d S\xc3\xa9gou\\x09end\n", (long)getpid(), name, i);
	if (strstr(all, want) == NULL)
		fail_msg("missing record:\n%s\nin:\n%s", want, all);
}

static void
test_udp(void **state)
{
	char target[64], *all;

	(void)state;
	snprintf(target, sizeof(target), "udp://127.0.0.1:%d", rs.udp);
	send_records(target, "udp", 3);
	assert_non_null(all = wait_lines(rs.out, 3));
	for (int i = 0; i < 3; i++)
		assert_record(all, "udp", i);
	free(all);
}

static void
test_tcp(void **state)
{
	char target[64], *all;

	(void)state;
	snprintf(target, sizeof(target), "tcp://127.0.0.1:%d", rs.tcp);
	send_records(target, "tcp", 5);
	assert_non_null(all = wait_lines(rs.out, 8));
	for (int i = 0; i < 5; i++)
		assert_record(all, "tcp", i);
	free(all);
}

/* Nobody listening: each record fails, through its callback. */
static void
test_tcp_down(void **state)
{
	char target[64], err[128];
	struct notify_syslog_options o = { .facility = 3 };
	struct notify_syslog_record r = { .severity = 4, .usec = -1, .msg = "x" };
	struct result res[2] = { { 0 } };
	struct notify_syslog *s;

	(void)state;
	snprintf(target, sizeof(target), "tcp://127.0.0.1:%d", free_port(SOCK_STREAM));
	o.target = target;
	assert_non_null(base = event_base_new());
	assert_non_null(s = notify_syslog_new(base, &o, err, sizeof(err)));
	for (int round = 0; round < 2; round++) {   /* and again: it reconnects */
		assert_int_equal(notify_syslog_send(s, &r, on_sent, &res[round]), 0);
		outstanding = 1;
		run_loop();
		assert_int_equal(res[round].called, 1);
		assert_int_equal(res[round].ok, 0);
		assert_non_null(strstr(res[round].errmsg, "tcp 127.0.0.1"));
	}
	notify_syslog_free(s);
	event_base_free(base);
}

/* Freeing with records pending reports each as cancelled, from inside free. */
static void
test_free_pending(void **state)
{
	char target[64], err[128];
	struct notify_syslog_options o = { .facility = 3 };
	struct notify_syslog_record r = { .severity = 4, .usec = -1, .msg = "x" };
	struct result res = { 0 };
	struct notify_syslog *s;

	(void)state;
	snprintf(target, sizeof(target), "tcp://127.0.0.1:%d", rs.tcp);
	o.target = target;
	assert_non_null(base = event_base_new());
	assert_non_null(s = notify_syslog_new(base, &o, err, sizeof(err)));
	assert_int_equal(notify_syslog_send(s, &r, on_sent, &res), 0);
	outstanding = 5;
	notify_syslog_free(s);
	assert_int_equal(res.called, 1);
	assert_int_equal(res.ok, 0);
	assert_string_equal(res.errmsg, "cancelled");
	event_base_free(base);
	assert_null(notify_syslog_new(NULL, &o, err, sizeof(err)));
	o.target = "udp://nowhere";
	assert_null(notify_syslog_new(base, &o, err, sizeof(err)));
}

static void
test_local(void **state)
{
	char want[256], *all;

	(void)state;
	if (!rs.own_devlog) {
		print_message("# /dev/log exists (this machine's logger owns it): not disturbed\n");
		skip();
	}
	send_records("local", "local", 2);
	/* rsyslogd's own "start" line goes to the same file. */
	assert_non_null(all = wait_lines(rs.local, 3));
	for (int i = 0; i < 2; i++) {
		/* local3.crit = 19 * 8 + 2; syslog(3) adds the ident, rsyslog
		 * keeps the tab escape as written; RFC 3164 MSG keeps its space. */
		snprintf(want, sizeof(want), "154|rwtest| local record %d S\xc3\xa9gou\\x09end", i);
		if (strstr(all, want) == NULL)
			fail_msg("missing: %s\nin:\n%s", want, all);
	}
	free(all);
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_parse_target),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_escape_msg),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_local),
	};
	const struct CMUnitTest live[] = {
		cmocka_unit_test(test_udp),
		cmocka_unit_test(test_tcp),
		cmocka_unit_test(test_tcp_down),
		cmocka_unit_test(test_free_pending),
		cmocka_unit_test(test_local),
	};
	int rc = cmocka_run_group_tests(pure, NULL, NULL);

	return rc | cmocka_run_group_tests(live, rsyslog_start, rsyslog_stop);
}
