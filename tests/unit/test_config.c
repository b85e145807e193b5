/* Unit tests: config — durations, sizes, values, and the INI validator's
 * "FILE:LINE: message" reports, row by row. */
#include "unit.h"
#include "rightswatch/buf.h"
#include "rightswatch/config.h"
#include "rightswatch/rules.h"
#include "rightswatch/config_value.h"
#include "rightswatch/http.h"
#include "rightswatch/httpd.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Collects diagnostics, one a line. */
static void
collect(const char *msg, void *arg)
{
	struct buf *b = arg;

	assert_int_equal(buf_printf(b, "%s\n", msg), 0);
}

/* Parse text as /etc/rw/t.ini; returns the config or NULL, messages in b. */
static struct config *
parse(const char *text, const char *env_state, const char *env_creds, struct buf *b)
{
	return config_parse(text, strlen(text), "/etc/rw/t.ini", env_state, env_creds,
	    collect, b);
}

static void
test_duration(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
	} rows[] = {
		{ "30s", 30 },              /* seconds */
		{ "10m", 600 },             /* minutes */
		{ "1h", 3600 },             /* hours */
		{ "1d", 86400 },            /* days */
		{ "45", 45 },               /* bare number: seconds */
		{ "0", -1 },                /* zero is no interval */
		{ "0s", -1 },               /* zero with a unit */
		{ "-5m", -1 },              /* negative */
		{ "", -1 },                 /* empty */
		{ "m", -1 },                /* unit without a number */
		{ "10 m", -1 },             /* blank inside */
		{ "10x", -1 },              /* unknown unit */
		{ "1.5h", -1 },             /* fractions are not taken */
		{ "10mm", -1 },             /* trailing garbage */
		{ "9223372036854775807", INT64_MAX }, /* the largest */
		{ "9223372036854775808", -1 },        /* overflows the number */
		{ "106751991167301d", -1 },           /* overflows the product */
	};
	(void)state;
	for (size_t i = 0; i < N(rows); i++) {
		int64_t got = config_parse_duration(rows[i].in);

		if (got != rows[i].want)
			fail_msg("duration '%s': got %lld, want %lld", rows[i].in,
			    (long long)got, (long long)rows[i].want);
	}
}

static void
test_size(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
	} rows[] = {
		{ "512KiB", 512 * 1024 },        /* binary kilo */
		{ "8MiB", 8 * 1024 * 1024 },     /* binary mega */
		{ "1GiB", 1024 * 1024 * 1024 },  /* binary giga */
		{ "100kB", 100000 },             /* decimal kilo */
		{ "2MB", 2000000 },              /* decimal mega */
		{ "3GB", 3000000000LL },         /* decimal giga */
		{ "4096", 4096 },                /* bare bytes */
		{ "12B", 12 },                   /* explicit bytes */
		{ "0", -1 },                     /* nothing fits in zero */
		{ "8mib", -1 },                  /* units are case-sensitive */
		{ "8 MiB", -1 },                 /* blank inside */
		{ "MiB", -1 },                   /* unit alone */
		{ "-1KiB", -1 },                 /* negative */
		{ "9999999999999GiB", -1 },      /* overflows */
	};
	(void)state;
	for (size_t i = 0; i < N(rows); i++) {
		int64_t got = config_parse_size(rows[i].in);

		if (got != rows[i].want)
			fail_msg("size '%s': got %lld, want %lld", rows[i].in,
			    (long long)got, (long long)rows[i].want);
	}
}

static void
test_values(void **state)
{
	static const struct {
		const char *in;
		int glob, ok;
	} urls[] = {
		{ "https://www.ohchr.org/en/press-releases", 0, 1 }, /* https */
		{ "HTTP://example.org", 0, 1 },                      /* scheme case */
		{ "ftp://example.org/", 0, 0 },                      /* other scheme */
		{ "file:///etc/passwd", 0, 0 },                      /* local file */
		{ "https://", 0, 0 },                                /* no host */
		{ "https://a b/", 0, 0 },                            /* blank */
		{ "https://a/*", 0, 0 },                             /* glob outside a pattern */
		{ "https://a/en/*", 1, 1 },                          /* glob in a pattern */
	};
	static const struct {
		const char *in;
		size_t n;
	} lists[] = {
		{ "a", 1 },            /* one element */
		{ " a ,b,  c d ", 3 }, /* trimmed, inner blank kept */
		{ "a,,b", 0 },         /* empty element */
		{ "a,", 0 },           /* trailing comma */
		{ ",a", 0 },           /* leading comma */
		{ "", 0 },             /* nothing */
	};
	char why[256], **v;
	size_t n;

	(void)state;
	for (size_t i = 0; i < N(urls); i++)
		if ((config_value_url(urls[i].in, urls[i].glob, why, sizeof(why)) == 0) !=
		    urls[i].ok)
			fail_msg("url '%s' not %s", urls[i].in, urls[i].ok ? "accepted" : "rejected");
	for (size_t i = 0; i < N(lists); i++) {
		int rc = config_value_list(lists[i].in, 0, &v, &n, why, sizeof(why));

		assert_int_equal(rc, lists[i].n > 0 ? 0 : -1);
		assert_int_equal(n, lists[i].n);
		for (size_t j = 0; j < n; j++)
			free(v[j]);
		free(v);
	}
	assert_int_equal(config_value_list("news.un.org, [::1]:8080, h:1", 1, &v, &n,
	    why, sizeof(why)), 0); /* hosts, an IPv6 literal, a port */
	for (size_t j = 0; j < n; j++)
		free(v[j]);
	free(v);
	assert_int_equal(config_value_list("https://x", 1, &v, &n, why, sizeof(why)), -1);
	assert_int_equal(config_value_list("h:0", 1, &v, &n, why, sizeof(why)), -1);
	assert_int_equal(config_value_xpath("//a[contains(@href, '/x/')]", why, sizeof(why)), 0);
	assert_int_equal(config_value_xpath("//a[", why, sizeof(why)), -1);
	assert_int_equal(config_value_bool("yes"), 1);
	assert_int_equal(config_value_bool("false"), 0);
	assert_int_equal(config_value_bool("1"), -1);
}

static void
test_listen(void **state)
{
	static const struct {
		const char *in;
		const char *addr; /* NULL: rejected */
		int port, loopback;
	} rows[] = {
		{ "9100", "127.0.0.1", 9100, 1 },           /* a bare port: loopback */
		{ "localhost:9100", "127.0.0.1", 9100, 1 }, /* localhost, not resolved */
		{ "127.0.0.2:80", "127.0.0.2", 80, 1 },     /* all of 127/8 is loopback */
		{ "[::1]:9100", "::1", 9100, 1 },           /* IPv6 loopback */
		{ "0.0.0.0:9100", "0.0.0.0", 9100, 0 },     /* every address, when asked */
		{ "192.0.2.7:65535", "192.0.2.7", 65535, 0 }, /* one other address */
		{ "[::]:1", "::", 1, 0 },                   /* every IPv6 address */
		{ "0", NULL, 0, 0 },                        /* port 0 */
		{ "65536", NULL, 0, 0 },                    /* port too big */
		{ "http", NULL, 0, 0 },                     /* a name, not a port */
		{ "example.org:80", NULL, 0, 0 },           /* a host name */
		{ "::1:80", NULL, 0, 0 },                   /* IPv6 without brackets */
		{ "[::1]", NULL, 0, 0 },                    /* no port */
		{ "[127.0.0.1]:80", NULL, 0, 0 },           /* IPv4 in brackets */
		{ ":80", NULL, 0, 0 },                      /* empty address */
		{ "1.2.3:80", NULL, 0, 0 },                 /* short IPv4 */
		{ "127.0.0.1:", NULL, 0, 0 },               /* empty port */
	};
	char addr[64], why[256];
	int port, loopback;

	(void)state;
	for (size_t i = 0; i < N(rows); i++) {
		int rc = httpd_parse_listen(rows[i].in, addr, sizeof(addr), &port, &loopback,
		    why, sizeof(why));

		if (rows[i].addr == NULL) {
			if (rc != -1)
				fail_msg("listen '%s' accepted", rows[i].in);
			continue;
		}
		if (rc != 0)
			fail_msg("listen '%s' rejected: %s", rows[i].in, why);
		assert_string_equal(addr, rows[i].addr);
		assert_int_equal(port, rows[i].port);
		assert_int_equal(loopback, rows[i].loopback);
	}
}

static void
test_paths(void **state)
{
	static const struct {
		const char *in, *dir, *st, *cr;
		int secret;
		const char *want; /* NULL: an error */
	} rows[] = {
		{ "x.db", "/etc/rw", NULL, NULL, 0, "/etc/rw/x.db" },         /* relative */
		{ "/abs/x", "/etc/rw", NULL, NULL, 0, "/abs/x" },             /* absolute */
		{ "../var/x", "cfg", NULL, NULL, 0, "cfg/../var/x" },         /* dotdot kept */
		{ "${CREDENTIALS_DIRECTORY}/pw", "/d", NULL, "/run/c", 1, "/run/c/pw" }, /* creds */
		{ "${STATE_DIRECTORY}/a", "/d", "/var/lib/rw", NULL, 0, "/var/lib/rw/a" }, /* state */
		{ "${CREDENTIALS_DIRECTORY}/pw", "/d", NULL, NULL, 0, NULL }, /* unset */
		/* unset, in a secret's path: kept as written for its reader to refuse */
		{ "${CREDENTIALS_DIRECTORY}/pw", "/d", NULL, NULL, 1, "${CREDENTIALS_DIRECTORY}/pw" },
		{ "${STATE_DIRECTORY}/pw", "/d", NULL, NULL, 1, NULL },       /* only creds defer */
		{ "${HOME}/x", "/d", NULL, NULL, 1, NULL },                   /* other variable */
		{ "${STATE_DIRECTORY", "/d", "/s", NULL, 0, NULL },           /* unclosed */
		{ "$HOME/x", "/d", NULL, NULL, 0, "/d/$HOME/x" },             /* not a ${} */
	};
	char why[256];

	(void)state;
	for (size_t i = 0; i < N(rows); i++) {
		char *got = config_value_path(rows[i].in, rows[i].dir, rows[i].st, rows[i].cr,
		    rows[i].secret, why, sizeof(why));

		if (rows[i].want == NULL)
			assert_null(got);
		else {
			assert_non_null(got);
			assert_string_equal(got, rows[i].want);
		}
		free(got);
	}
}

static const char valid_ini[] =
	"; a comment\n"
	"# another\n"
	"[daemon]\n"
	"state = db/rw.db\n"
	"interval = 10m\n"
	"max_parallel = 3\n"
	"timeout = 2m ; inline comment\n"
	"max_body = 512KiB\n"
	"log_level = debug\n"
	"\n"
	"[source ohchr]\n"
	"url = https://www.ohchr.org/en/press-releases\n"
	"type = html\n"
	"links = //a[contains(@href, '/en/press-releases/')]\n"
	"link_pattern = https://www.ohchr.org/en/press-releases/*\n"
	"[source news]\n"
	"url = https://news.un.org/feed/rss.xml\n"
	"type = rss\n"
	"lang = fr\n"
	"fetch_pages = always\n"
	"page_hosts = news.un.org, news.un.org:443\n"
	"max_items = 20\n"
	"interval = 1h\n"
	"[indicator abductions]\n"
	"terms = hostages taken\n"
	"terms_fr = otages, prises d'otages\n"
	"replace = yes\n"
	"[country Mali]\n"
	"  terms = Mali, Malian,\n" /* indented after a header: a key, not a continuation */
	"    Bamako,\n"
	"\tSégou\n";

static void
test_valid(void **state)
{
	struct buf b = { 0 };
	struct config *cf;

	(void)state;
	cf = parse(valid_ini, NULL, NULL, &b);
	assert_null(b.data);
	assert_non_null(cf);
	assert_string_equal(cf->state, "/etc/rw/db/rw.db");
	assert_int_equal(cf->interval, 600);
	assert_int_equal(cf->max_parallel, 3);
	assert_int_equal(cf->per_host, HTTP_DEFAULT_PER_HOST);
	assert_int_equal(cf->timeout, 120);
	assert_int_equal(cf->max_body, 512 * 1024);
	assert_int_equal(cf->log_level, 3);
	assert_string_equal(cf->user_agent, CONFIG_DEFAULT_USER_AGENT);
	assert_true(strstr(cf->user_agent, RW_URL) != NULL);
	assert_int_equal(cf->nsources, 2);
	assert_string_equal(cf->sources[0].name, "ohchr");
	assert_int_equal(cf->sources[0].type, CONFIG_TYPE_HTML);
	assert_int_equal(cf->sources[0].interval, 600); /* inherited from [daemon] */
	assert_int_equal(cf->sources[0].max_items, CONFIG_DEFAULT_MAX_ITEMS);
	assert_string_equal(cf->sources[0].link_pattern, "https://www.ohchr.org/en/press-releases/*");
	assert_int_equal(cf->sources[1].lang, CONFIG_LANG_FR);
	assert_int_equal(cf->sources[1].fetch_pages, CONFIG_FETCH_ALWAYS);
	assert_int_equal(cf->sources[1].page_hosts.n, 2);
	assert_string_equal(cf->sources[1].page_hosts.v[1], "news.un.org:443");
	assert_int_equal(cf->sources[1].max_items, 20);
	assert_int_equal(cf->sources[1].interval, 3600);
	assert_int_equal(cf->nindicators, 1);
	assert_int_equal(cf->indicators[0].replace, 1);
	assert_int_equal(cf->indicators[0].terms_fr.n, 2);
	assert_string_equal(cf->indicators[0].terms_fr.v[1], "prises d'otages");
	assert_int_equal(cf->ncountries, 1);
	assert_int_equal(cf->countries[0].terms.n, 4); /* continuation lines joined */
	assert_string_equal(cf->countries[0].terms.v[3], "Ségou");
	assert_string_equal(config_source_type_name(CONFIG_TYPE_HTML), "html");
	config_free(cf);
}

/* The sections of alerts: notify destinations, thresholds, baselines, and
 * enum names spelled as rules.c spells them. */
static void
test_alert_sections(void **state)
{
	static const char ini[] =
	    "[daemon]\nstate = s.db\nbaselines = baselines.csv\n"
	    "[country Mali]\nterms = Mali, Gao\n"
	    "[notify mail]\ntype = email\nurl = smtps://mail.example.org:465\n"
	    "starttls = try\nfrom = rightswatch@example.org\nto = a@example.org, b@example.org\n"
	    "username = rw\npassword_file = ${CREDENTIALS_DIRECTORY}/smtp-password\n"
	    "[notify log]\ntype = syslog\ntarget = udp://127.0.0.1:5514\nfacility = local3\n"
	    "[notify hook]\ntype = webhook\nurl = https://hooks.example.org/x\n"
	    "header = Authorization: Bearer abc\n"
	    "[notify run]\ntype = exec\ncommand = /usr/local/bin/page-oncall --urgent\ntimeout = 10s\n"
	    "[threshold mali-abductions]\nindicator = abductions\ncountry = Mali\n"
	    "compare = prior_year_total\nseverity = critical\nnotify = mail, log\n"
	    "[threshold pace]\nindicator = killed\ncompare = annualized_prior_year\nfactor = 1.5\n"
	    "renotify = never\n"
	    "[threshold big]\nindicator = displaced\ncompare = value\nabove = 100000\n"
	    "[baseline mali-2020]\ncountry = Mali\nindicator = abductions\nperiod = 2020\n"
	    "value = 98\nsource = a report\n";
	struct buf b = { 0 };
	struct config *cf;

	(void)state;
	cf = parse(ini, NULL, "/run/creds", &b);
	if (cf == NULL)
		fail_msg("%s", b.data);
	assert_string_equal(cf->baselines, "/etc/rw/baselines.csv");
	assert_int_equal(cf->nnotifies, 4);
	assert_int_equal(cf->notifies[0].type, CONFIG_NOTIFY_EMAIL);
	assert_int_equal(cf->notifies[0].starttls, CONFIG_STARTTLS_TRY);
	assert_int_equal(cf->notifies[0].to.n, 2);
	assert_string_equal(cf->notifies[0].password_file, "/run/creds/smtp-password");
	assert_int_equal(cf->notifies[1].type, CONFIG_NOTIFY_SYSLOG);
	assert_string_equal(cf->notifies[1].target, "udp://127.0.0.1:5514");
	assert_int_equal(cf->notifies[2].type, CONFIG_NOTIFY_WEBHOOK);
	assert_int_equal(cf->notifies[3].timeout, 10);
	assert_int_equal(cf->notifies[0].timeout, CONFIG_DEFAULT_NOTIFY_TIMEOUT);
	assert_int_equal(cf->nthresholds, 3);
	assert_int_equal(cf->thresholds[0].compare, rules_compare_parse("prior_year_total"));
	assert_int_equal(cf->thresholds[0].severity, rules_severity_parse("critical"));
	assert_int_equal(cf->thresholds[0].renotify, rules_renotify_parse("on_increase"));
	assert_int_equal(cf->thresholds[0].notify.n, 2);
	assert_true(cf->thresholds[0].factor == 1.0);
	assert_int_equal(cf->thresholds[1].compare, rules_compare_parse("annualized_prior_year"));
	assert_true(cf->thresholds[1].factor == 1.5);
	assert_int_equal(cf->thresholds[1].renotify, rules_renotify_parse("never"));
	assert_int_equal(cf->thresholds[1].severity, rules_severity_parse("warning"));
	assert_int_equal(cf->thresholds[2].compare, rules_compare_parse("value"));
	assert_int_equal(cf->thresholds[2].above, 100000);
	assert_int_equal(rules_compare_parse("same_period_prior_year"), RULES_SAME_PERIOD_PRIOR_YEAR);
	assert_int_equal(rules_compare_parse("previous_report"), RULES_PREVIOUS_REPORT);
	assert_int_equal(cf->nbaselines_cf, 1);
	assert_int_equal(cf->baselines_cf[0].value, 98);
	assert_string_equal(cf->baselines_cf[0].period, "2020");
	config_free(cf);
}

/* The BOM at the start of the file, and defaults when [daemon] is absent. */
static void
test_bom_and_defaults(void **state)
{
	struct buf b = { 0 };
	struct config *cf;

	(void)state;
	cf = parse("\xEF\xBB\xBF[source a]\r\nurl = http://a/feed\r\n", NULL, NULL, &b);
	assert_null(b.data);
	assert_non_null(cf);
	assert_string_equal(cf->state, CONFIG_DEFAULT_STATE_DIR "/" CONFIG_DEFAULT_STATE_FILE);
	assert_int_equal(cf->sources[0].interval, CONFIG_DEFAULT_INTERVAL);
	assert_string_equal(cf->sources[0].url, "http://a/feed");
	config_free(cf);
	cf = parse("[source a]\nurl = http://a/\n", "/var/lib/rw:/var/lib/other", NULL, &b);
	assert_non_null(cf);
	assert_string_equal(cf->state, "/var/lib/rw/rightswatch.db"); /* first directory */
	config_free(cf);
}

/* Paths: state against $STATE_DIRECTORY, ${...} expansion. */
static void
test_state_paths(void **state)
{
	static const struct {
		const char *ini, *st, *cr, *want;
	} rows[] = {
		{ "[daemon]\nstate = rw.db\n", NULL, NULL, "/etc/rw/rw.db" },             /* file's dir */
		{ "[daemon]\nstate = rw.db\n", "/var/lib/rw", NULL, "/var/lib/rw/rw.db" }, /* STATE_DIRECTORY */
		{ "[daemon]\nstate = /srv/rw.db\n", "/var/lib/rw", NULL, "/srv/rw.db" },   /* absolute */
		{ "[daemon]\nstate = ${CREDENTIALS_DIRECTORY}/db\n", NULL, "/run/cred/rw", "/run/cred/rw/db" }, /* creds */
		{ "[daemon]\nstate = ${STATE_DIRECTORY}/x/rw.db\n", "/s", NULL, "/s/x/rw.db" }, /* expansion */
	};

	(void)state;
	for (size_t i = 0; i < N(rows); i++) {
		struct buf b = { 0 };
		struct config *cf = parse(rows[i].ini, rows[i].st, rows[i].cr, &b);

		if (cf == NULL)
			fail_msg("row %zu: %s", i, b.data);
		assert_string_equal(cf->state, rows[i].want);
		config_free(cf);
		buf_free(&b);
	}
}

static void
test_invalid(void **state)
{
	static const struct {
		const char *ini;
		const char *want; /* every message, in order */
	} rows[] = {
		/* unknown section */
		{ "[daemons]\ninterval = 1m\n",
		  "/etc/rw/t.ini:1: unknown section [daemons] (expected daemon, source, indicator, country, notify, threshold or baseline)\n" },
		/* unknown key */
		{ "[daemon]\ncolour = blue\n",
		  "/etc/rw/t.ini:2: unknown key 'colour' in [daemon]\n" },
		/* typo'd key, with a suggestion */
		{ "[source a]\nurl = http://a/\nintreval = 1h\n",
		  "/etc/rw/t.ini:3: unknown key 'intreval' in [source a] (did you mean 'interval'?)\n" },
		/* bad duration */
		{ "[daemon]\ninterval = 5 minutes\n",
		  "/etc/rw/t.ini:2: interval: bad duration (use e.g. 30s, 10m, 1h, 1d): '5 minutes'\n" },
		/* zero duration */
		{ "[daemon]\ntimeout = 0s\n",
		  "/etc/rw/t.ini:2: timeout: bad duration (use e.g. 30s, 10m, 1h, 1d): '0s'\n" },
		/* bad listen port */
		{ "[daemon]\nlisten = 127.0.0.1:99999\n",
		  "/etc/rw/t.ini:2: listen: expected [ADDRESS:]PORT with a port from 1 to 65535: '127.0.0.1:99999'\n" },
		/* listen on a host name */
		{ "[daemon]\nlisten = metrics.example:9100\n",
		  "/etc/rw/t.ini:2: listen: 'metrics.example' is not a numeric IPv4 address (nor localhost): 'metrics.example:9100'\n" },
		/* bad size */
		{ "[daemon]\nmax_body = 8M\n",
		  "/etc/rw/t.ini:2: max_body: bad size (use e.g. 512KiB, 8MiB, 1GiB, 100kB): '8M'\n" },
		/* bad URL scheme */
		{ "[source a]\nurl = ftp://a/feed\n",
		  "/etc/rw/t.ini:2: url: only http:// and https:// URLs are allowed: 'ftp://a/feed'\n" },
		/* html source without links */
		{ "\n[source a]\nurl = http://a/\ntype = html\n",
		  "/etc/rw/t.ini:2: [source a]: type = html needs 'links' (an XPath selecting the release links)\n" },
		/* links on a feed */
		{ "[source a]\nurl = http://a/\ntype = rss\nlinks = //a\n",
		  "/etc/rw/t.ini:4: links: only for type = html (this source is rss)\n" },
		/* bad XPath */
		{ "[source a]\nurl = http://a/\ntype = html\nlinks = //a[\n",
		  "/etc/rw/t.ini:4: links: bad XPath (invalid expression): '//a['\n" },
		/* empty source: url missing, at the header's line */
		{ "[source x]\n[source y]\nurl = http://a/\n",
		  "/etc/rw/t.ini:1: [source x]: missing required key 'url'\n" },
		/* empty [daemon] */
		{ "[daemon]\n; nothing\n",
		  "/etc/rw/t.ini:1: [daemon]: empty section\n" },
		/* over-long line, the rest still checked */
		{ "[daemon]\nuser_agent = %LONG%\ninterval = x\n",
		  "/etc/rw/t.ini:2: line too long (5000 bytes, at most 4096)\n"
		  "/etc/rw/t.ini:3: interval: bad duration (use e.g. 30s, 10m, 1h, 1d): 'x'\n" },
		/* continuation lines belong to the key above: the error is at its line */
		{ "[country A]\nterms = a,\n  b,\n  ,c\n",
		  "/etc/rw/t.ini:2: terms: empty element 3 in list: 'a, b, ,c'\n" },
		/* duplicate key */
		{ "[daemon]\ninterval = 1m\ninterval = 2m\n",
		  "/etc/rw/t.ini:3: duplicate key 'interval' in [daemon] (first at line 2)\n" },
		/* duplicate section, names of countries compare without case */
		{ "[country Mali]\nterms = Mali\n[country MALI]\nterms = x\n",
		  "/etc/rw/t.ini:3: duplicate section [country MALI] (first at line 1)\n" },
		/* duplicate [daemon] */
		{ "[daemon]\ninterval = 1m\n[daemon]\ntimeout = 1m\n",
		  "/etc/rw/t.ini:3: duplicate section [daemon] (first at line 1)\n" },
		/* ${CREDENTIALS_DIRECTORY} referenced but unset */
		{ "[daemon]\nstate = ${CREDENTIALS_DIRECTORY}/db\n",
		  "/etc/rw/t.ini:2: state: ${CREDENTIALS_DIRECTORY} is used but not set: '${CREDENTIALS_DIRECTORY}/db'\n" },
		/* a key before any section */
		{ "interval = 1m\n[daemon]\ninterval = 1m\n",
		  "/etc/rw/t.ini:1: 'interval' outside any section\n" },
		/* not a key = value line */
		{ "[daemon]\ninterval\n",
		  "/etc/rw/t.ini:2: expected 'key = value' or '[section]'\n"
		  "/etc/rw/t.ini:1: [daemon]: empty section\n" },
		/* header without ']' */
		{ "[daemon\ninterval = 1m\n",
		  "/etc/rw/t.ini:1: section header must end with ']'\n" },
		/* a named section without its name, and a name where none goes */
		{ "[source]\n[daemon main]\n",
		  "/etc/rw/t.ini:1: [source] needs a name: [source NAME]\n"
		  "/etc/rw/t.ini:2: [daemon] takes no name\n" },
		/* indicator names are identifiers */
		{ "[indicator Killed people]\nterms = x\n",
		  "/etc/rw/t.ini:1: bad name in [indicator Killed people]: lower-case letters, digits and '_', starting with a letter\n" },
		/* an indicator needs terms */
		{ "[indicator killed]\nreplace = yes\n",
		  "/etc/rw/t.ini:1: [indicator killed]: needs 'terms' or 'terms_fr'\n" },
		/* enums and booleans */
		{ "[source a]\nurl = http://a/\nlang = de\nfetch_pages = sometimes\n[indicator x]\nterms = y\nreplace = 1\n",
		  "/etc/rw/t.ini:3: lang: expected auto, en or fr: 'de'\n"
		  "/etc/rw/t.ini:4: fetch_pages: expected auto, always or never: 'sometimes'\n"
		  "/etc/rw/t.ini:7: replace: expected yes, no, true or false: '1'\n" },
		/* numbers out of range */
		{ "[daemon]\nmax_parallel = 0\nper_host = 1000\n",
		  "/etc/rw/t.ini:2: max_parallel: expected a whole number from 1 to 1000: '0'\n"
		  "/etc/rw/t.ini:3: per_host: expected a whole number from 1 to 100: '1000'\n" },
		/* page_hosts are hosts, not URLs */
		{ "[source a]\nurl = http://a/\npage_hosts = https://b/\n",
		  "/etc/rw/t.ini:3: page_hosts: 'https://b/' is not a host or host:port: 'https://b/'\n" },
		/* empty value */
		{ "[source a]\nurl =\n",
		  "/etc/rw/t.ini:2: url: empty value\n" },
		/* email without its recipients, and a key of another type */
		{ "[notify m]\ntype = email\nurl = smtp://127.0.0.1:25\nfrom = a@b.org\nfacility = local0\n",
		  "/etc/rw/t.ini:5: [notify m]: 'facility' does not apply to type = email\n"
		  "/etc/rw/t.ini:1: [notify m]: type = email needs url, from and to\n" },
		/* not a mail address; an http URL for email */
		{ "[notify m]\ntype = email\nurl = http://x/\nfrom = a@b.org\nto = ops@x.org, not an address\n",
		  "/etc/rw/t.ini:3: url: expected smtp:// or smtps://: 'http://x/'\n"
		  "/etc/rw/t.ini:5: to: not a mail address: 'not an address'\n" },
		/* a syslog target that is neither local nor udp/tcp */
		{ "[notify s]\ntype = syslog\ntarget = /dev/log\n",
		  "/etc/rw/t.ini:3: target: expected local, udp://HOST:PORT or tcp://HOST:PORT: '/dev/log'\n" },
		/* an unknown notify type */
		{ "[notify s]\ntype = pager\n",
		  "/etc/rw/t.ini:2: type: expected syslog, email, webhook or exec: 'pager'\n" },
		/* compare = value needs above; a factor of zero */
		{ "[threshold t]\nindicator = killed\ncompare = value\nfactor = 0\n",
		  "/etc/rw/t.ini:4: factor: expected a number above 0 and at most 1000000: '0'\n"
		  "/etc/rw/t.ini:1: [threshold t]: compare = value needs 'above'\n" },
		/* an unknown indicator and a notify name with no section */
		{ "[threshold t]\nindicator = kidnapings\ncompare = prior_year_total\nnotify = mail\n",
		  "/etc/rw/t.ini:1: [threshold t]: unknown indicator 'kidnapings'\n"
		  "/etc/rw/t.ini:1: [threshold t]: notify: no [notify mail] section\n" },
		/* a password over smtp:// that STARTTLS may not protect */
		{ "[notify m]\ntype = email\nurl = smtp://mail.example.org:587\nstarttls = try\n"
		  "from = a@example.org\nto = b@example.org\nusername = u\npassword_file = /p\n",
		  "/etc/rw/t.ini:4: starttls = try with a password over smtp://: the password would "
		  "cross in plain text whenever the server offers no STARTTLS (or a man in the middle "
		  "removes it); use starttls = required, or smtps://\n" },
		{ "[notify m]\ntype = email\nurl = smtp://10.0.0.25\nstarttls = never\n"
		  "from = a@example.org\nto = b@example.org\nusername = u\npassword_file = /p\n",
		  "/etc/rw/t.ini:4: starttls = never with a password over smtp://: the password would "
		  "cross in plain text whenever the server offers no STARTTLS (or a man in the middle "
		  "removes it); use starttls = required, or smtps://\n" },
				/* a baseline period that is not one */
		{ "[baseline b]\ncountry = Mali\nindicator = abductions\nperiod = 2020-H3\nvalue = 98\n",
		  "/etc/rw/t.ini:4: period: expected 2020, 2020-H1, 2020-Q3, 2020-05 or 2020-01-01/2020-06-30: '2020-H3'\n" },
	};

	(void)state;
	for (size_t i = 0; i < N(rows); i++) {
		struct buf b = { 0 }, text = { 0 };
		const char *p = rows[i].ini, *mark;
		struct config *cf;

		/* %LONG% stands for 5000 bytes */
		if ((mark = strstr(p, "%LONG%")) != NULL) {
			assert_int_equal(buf_append(&text, p, (size_t)(mark - p)), 0);
			for (int k = 0; k < 5000 - 13; k++)
				assert_int_equal(buf_putc(&text, 'x'), 0);
			assert_int_equal(buf_puts(&text, mark + 6), 0);
			p = text.data;
		}
		cf = parse(p, NULL, NULL, &b);
		if (cf != NULL || b.data == NULL || strcmp(b.data, rows[i].want) != 0)
			fail_msg("row %zu: got\n%swant\n%s", i, b.data ? b.data : "(nothing)\n",
			    rows[i].want);
		buf_free(&b);
		buf_free(&text);
	}
}

/* A NUL byte inside a line, and the file being cut anywhere. */
static void
test_hostile(void **state)
{
	static const char nul[] = "[daemon]\ninter\0val = 1m\ntimeout = 1m\n";
	struct buf b = { 0 };
	struct config *cf;

	(void)state;
	cf = config_parse(nul, sizeof(nul) - 1, "t.ini", NULL, NULL, collect, &b);
	assert_null(cf);
	assert_string_equal(b.data, "t.ini:2: NUL byte in line\n");
	buf_free(&b);
	for (size_t cut = 0; cut < sizeof(valid_ini) - 1; cut++) {
		cf = config_parse(valid_ini, cut, "t.ini", NULL, NULL, NULL, NULL);
		config_free(cf);
	}
}

/* Values longer than libinih's 200-byte line come back whole. */
static void
test_long_values(void **state)
{
	struct buf ini = { 0 }, terms = { 0 }, xp = { 0 }, b = { 0 };
	struct config *cf;

	(void)state;
	for (int i = 0; i < 300; i++)
		assert_int_equal(buf_printf(&terms, "%sterm number %d", i ? ", " : "", i), 0);
	assert_int_equal(buf_puts(&xp, "//a[contains(@href, '/en/press-releases/')"), 0);
	for (int i = 0; i < 40; i++)
		assert_int_equal(buf_printf(&xp, " or contains(@href, '/x%d/')", i), 0);
	assert_int_equal(buf_putc(&xp, ']'), 0);
	assert_true(xp.len > 1000 && xp.len < CONFIG_MAX_LINE);
	assert_int_equal(buf_printf(&ini, "[source s]\nurl = http://a/\ntype = html\n"
	    "links = %s\n[country C]\nterms = ", xp.data), 0);
	/* the terms over many continuation lines, 60 terms a line */
	for (int i = 0; i < 300; i++)
		assert_int_equal(buf_printf(&ini, "%sterm number %d%s", i % 60 == 0 && i ? "\n   " : "",
		    i, i < 299 ? "," : "\n"), 0);
	assert_int_equal(buf_puts(&ini, "[daemon]\nbogus = 1\n"), 0);
	cf = parse(ini.data, NULL, NULL, &b);
	assert_null(cf);
	/* line numbers stay right after a long logical line */
	assert_string_equal(b.data, "/etc/rw/t.ini:12: unknown key 'bogus' in [daemon]\n");
	buf_free(&b);
	ini.data[ini.len - strlen("bogus = 1\n")] = '\0';
	ini.len -= strlen("bogus = 1\n");
	assert_int_equal(buf_puts(&ini, "interval = 1m\n"), 0);
	cf = parse(ini.data, NULL, NULL, &b);
	if (cf == NULL)
		fail_msg("%s", b.data);
	assert_string_equal(cf->sources[0].links, xp.data);
	assert_int_equal(cf->countries[0].terms.n, 300);
	assert_string_equal(cf->countries[0].terms.v[299], "term number 299");
	assert_string_equal(cf->countries[0].terms.v[60], "term number 60");
	config_free(cf);
	buf_free(&ini);
	buf_free(&terms);
	buf_free(&xp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_size),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_listen),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_alert_sections),
		cmocka_unit_test(test_bom_and_defaults),
		cmocka_unit_test(test_state_paths),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_long_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
