/* Unit tests: url_policy — the class of every form of address, and the
 * policy of each hop (first URL, redirect, connected address), row by row. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "unit.h"
#include "rightswatch/url_policy.h"

#define N URL_ADDR_NAME
#define P URL_ADDR_PUBLIC
#define L URL_ADDR_PRIVATE
#define F URL_ADDR_FORBIDDEN

static void
test_classify(void **state)
{
	static const struct {
		const char *host;
		enum url_addr want;
	} rows[] = {
		{ "169.254.169.254", F },              /* cloud metadata, link-local */
		{ "2852039166", F },                   /* the same as one decimal number */
		{ "0251.0376.0251.0376", F },          /* the same in octal */
		{ "0xa9fea9fe", F },                   /* the same in hexadecimal */
		{ "0xA9.0xFE.0xA9.0xFE", F },          /* hexadecimal parts */
		{ "169.254.43518", F },                /* three parts, the last two bytes */
		{ "[::ffff:169.254.169.254]", F },     /* IPv4-mapped IPv6 */
		{ "::ffff:a9fe:a9fe", F },             /* mapped, written in hex */
		{ "[::169.254.169.254]", F },          /* IPv4-compatible IPv6 */
		{ "[64:ff9b::a9fe:a9fe]", F },         /* NAT64 */
		{ "[2002:a9fe:a9fe::1]", F },          /* 6to4 */
		{ "[fe80::1]", F },                    /* IPv6 link-local */
		{ "[fe80::1%25eth0]", F },             /* with a zone */
		{ "febf::1", F },                      /* the end of fe80::/10 */
		{ "0.0.0.0", F },                      /* unspecified */
		{ "0", F },                            /* unspecified, short */
		{ "[::]", F },                         /* IPv6 unspecified */
		{ "224.0.0.1", F },                    /* multicast */
		{ "239.255.255.250", F },              /* multicast, SSDP */
		{ "[ff02::1]", F },                    /* IPv6 multicast */
		{ "255.255.255.255", F },              /* broadcast */
		{ "4294967295", F },                   /* broadcast as one number */
		{ "240.0.0.1", F },                    /* reserved */
		{ "127.0.0.1", L },                    /* loopback */
		{ "127.1", L },                        /* loopback, short */
		{ "2130706433", L },                   /* loopback as one number */
		{ "0177.0.0.1", L },                   /* loopback, octal */
		{ "127.0.0.1.", L },                   /* a trailing dot */
		{ "[::1]", L },                        /* IPv6 loopback */
		{ "[::ffff:127.0.0.1]", L },           /* mapped loopback */
		{ "10.1.2.3", L },                     /* RFC 1918 */
		{ "172.16.0.1", L },                   /* RFC 1918 */
		{ "172.31.255.255", L },               /* RFC 1918, its end */
		{ "192.168.1.1", L },                  /* RFC 1918 */
		{ "100.64.0.1", L },                   /* CGNAT */
		{ "100.127.255.255", L },              /* CGNAT, its end */
		{ "[fd12:3456::1]", L },               /* ULA */
		{ "[fec0::1]", L },                    /* site-local */
		{ "172.32.0.1", P },                   /* just past RFC 1918 */
		{ "100.128.0.1", P },                  /* just past CGNAT */
		{ "8.8.8.8", P },                      /* public */
		{ "[2001:db8::1]", P },                /* public IPv6 */
		{ "www.ohchr.org", N },                /* a name */
		{ "1.2.3.4.5", N },                    /* five parts: a name */
		{ "256.1.1.1", N },                    /* a part too large */
		{ "08.1.1.1", N },                     /* not octal: a name */
		{ "0x", N },                           /* no digits */
		{ "127.0.0.1.example.org", N },        /* an address-looking name */
	};
	char why[64];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		enum url_addr got = url_policy_classify(rows[i].host, why, sizeof(why));

		if (got != rows[i].want)
			fail_msg("row %zu (%s): got %d (%s), want %d", i, rows[i].host, got, why,
			    rows[i].want);
	}
}

static void
test_policy(void **state)
{
	static char *hosts[] = { "cdn.example.org", "media.example.net:8080", "[::1]:9000" };
	static const struct {
		enum url_hop hop;
		const char *source;
		int allow_private;
		const char *url;
		int want;
	} rows[] = {
		/* feed hops: the configured URL, and redirects on 80, 443 or its own port */
		{ URL_HOP_FEED, "http://127.0.0.1:8080/f", 0, "http://127.0.0.1:8080/f", 1 }, /* own loopback feed */
		{ URL_HOP_FEED, "http://127.0.0.1:8080/f", 0, "http://127.0.0.1:8080/g", 1 }, /* redirect, same port */
		{ URL_HOP_FEED, "http://127.0.0.1:8080/f", 0, "http://127.0.0.1:22/", 0 },     /* another loopback port */
		{ URL_HOP_FEED, "http://127.0.0.1:8080/f", 0, "http://169.254.169.254/", 0 },  /* metadata */
		{ URL_HOP_FEED, "http://127.0.0.1:8080/f", 0, "http://[::ffff:169.254.169.254]/", 0 }, /* mapped */
		{ URL_HOP_FEED, "http://127.0.0.1:8080/f", 0, "http://2852039166/", 0 },       /* decimal */
		{ URL_HOP_FEED, "https://a.org/f", 0, "https://b.org/f", 1 },                  /* another host, 443 */
		{ URL_HOP_FEED, "https://a.org/f", 0, "http://b.org/f", 1 },                   /* another host, 80 */
		{ URL_HOP_FEED, "https://a.org/f", 0, "http://b.org:8080/f", 0 },              /* another port */
		{ URL_HOP_FEED, "https://a.org/f", 0, "http://127.0.0.1/f", 0 },               /* public to loopback */
		{ URL_HOP_FEED, "https://a.org/f", 0, "http://10.0.0.5/f", 0 },                /* public to RFC 1918 */
		{ URL_HOP_FEED, "https://a.org/f", 1, "http://10.0.0.5/f", 1 },                /* allow_private */
		{ URL_HOP_FEED, "https://a.org/f", 1, "http://169.254.169.254/", 0 },          /* never link-local */
		{ URL_HOP_FEED, "http://localhost:8080/f", 0, "http://127.0.0.1:8080/g", 1 },  /* localhost is private */
		{ URL_HOP_FEED, "http://u:p@a.org/f", 0, "http://u:p@a.org/f", 1 },            /* own credentials */
		{ URL_HOP_FEED, "http://a.org/f", 0, "http://u:p@a.org/g", 0 },                /* planted credentials */
		{ URL_HOP_FEED, "http://a.org/f", 0, "file:///etc/passwd", 0 },                /* file: */
		{ URL_HOP_FEED, "http://a.org/f", 0, "ftp://a.org/x", 0 },                     /* ftp: */
		{ URL_HOP_FEED, "http://169.254.169.254/f", 1, "http://169.254.169.254/f", 0 }, /* configured metadata */
		/* page hops: the source's host and port, or page_hosts */
		{ URL_HOP_PAGE, "https://www.ohchr.org/en/press-releases", 0,
		  "https://www.ohchr.org/en/press-releases/2021/08/x", 1 },                    /* own host */
		{ URL_HOP_PAGE, "https://www.ohchr.org/feed", 0, "http://www.ohchr.org/x", 0 }, /* own host, port 80 */
		{ URL_HOP_PAGE, "http://127.0.0.1:8080/f", 0, "http://127.0.0.1:8080/a", 1 },  /* own loopback host:port */
		{ URL_HOP_PAGE, "http://127.0.0.1:8080/f", 0, "http://127.0.0.1:22/a", 0 },    /* another loopback port */
		{ URL_HOP_PAGE, "http://127.0.0.1:8080/f", 0, "http://2130706433:8080/", 1 },  /* own, numeric form */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "http://2130706434/", 0 },                /* loopback from public */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "https://CDN.example.org/a", 1 },         /* page_hosts, 443 */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "http://cdn.example.org/a", 1 },          /* page_hosts, 80 */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "http://cdn.example.org:8080/a", 0 },     /* bare host: not 8080 */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "http://media.example.net:8080/a", 1 },   /* host:port exact */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "http://media.example.net/a", 0 },        /* host:port: not 80 */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "http://[::1]:9000/a", 0 },               /* listed, but loopback */
		{ URL_HOP_PAGE, "http://a.org/f", 1, "http://[::1]:9000/a", 1 },               /* listed, allowed */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "http://sub.cdn.example.org/a", 0 },      /* no suffix matching */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "http://evil@a.org/", 0 },                /* userinfo */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "http://a.org@evil.example/", 0 },        /* userinfo trick */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "/relative", 0 },                         /* not absolute */
		{ URL_HOP_PAGE, "http://a.org/f", 0, "javascript:alert(1)", 0 },               /* script */
	};
	char why[256];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct url_policy *p = url_policy_new(rows[i].hop, rows[i].source, hosts, 3,
		    rows[i].allow_private);
		int got;

		assert_non_null(p);
		got = url_policy_url(p, rows[i].url, why, sizeof(why));
		if (got != rows[i].want)
			fail_msg("row %zu (%s): got %d, why '%s'", i, rows[i].url, got, why);
		if (!got)
			assert_true(why[0] != '\0');
		url_policy_free(p);
	}
}

static void
test_address(void **state)
{
	static const struct {
		const char *source, *addr;
		int want;
	} rows[] = {
		{ "http://a.org/f", "93.184.216.34", 1 },            /* public */
		{ "http://a.org/f", "169.254.169.254", 0 },          /* a name rebound to metadata */
		{ "http://a.org/f", "127.0.0.1", 0 },                /* a name rebound to loopback */
		{ "http://a.org/f", "::ffff:127.0.0.1", 0 },         /* ... as IPv6 */
		{ "http://a.org/f", "fd00::1", 0 },                  /* ULA */
		{ "http://127.0.0.1:8080/f", "127.0.0.1", 1 },       /* a loopback source */
		{ "http://127.0.0.1:8080/f", "169.254.169.254", 0 }, /* never link-local */
	};
	char why[256];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct url_policy *p = url_policy_new(URL_HOP_FEED, rows[i].source, NULL, 0, 0);
		struct sockaddr_storage ss;
		int got;

		memset(&ss, 0, sizeof(ss));
		if (strchr(rows[i].addr, ':') != NULL) {
			struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

			in6->sin6_family = AF_INET6;
			assert_int_equal(inet_pton(AF_INET6, rows[i].addr, &in6->sin6_addr), 1);
		} else {
			struct sockaddr_in *in = (struct sockaddr_in *)&ss;

			in->sin_family = AF_INET;
			assert_int_equal(inet_pton(AF_INET, rows[i].addr, &in->sin_addr), 1);
		}
		got = url_policy_address(p, (struct sockaddr *)&ss, why, sizeof(why));
		if (got != rows[i].want)
			fail_msg("row %zu (%s): got %d, why '%s'", i, rows[i].addr, got, why);
		url_policy_free(p);
	}
}

static void
test_loopback(void **state)
{
	static const struct {
		const char *host;
		int want;
	} rows[] = {
		{ "127.0.0.1", 1 }, { "127.1", 1 }, { "[::1]", 1 }, { "localhost", 1 },
		{ "mail.localhost", 1 }, { "[::ffff:127.0.0.1]", 1 },
		{ "10.0.0.25", 0 }, { "mail.example.org", 0 }, { "localhost.example.org", 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (url_policy_loopback(rows[i].host) != rows[i].want)
			fail_msg("row %zu (%s)", i, rows[i].host);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_loopback),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
