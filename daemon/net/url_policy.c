/*
 * url_policy — the one policy every hop of a fetch passes (see
 * url_policy.h): address classes by table (IPv4 ranges, IPv6 prefixes, and
 * the IPv6 forms that carry an IPv4 address), IPv4 literals read in every
 * form a resolver would accept, and the host and port rules of feed and
 * page hops.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/url.h"
#include "rightswatch/url_policy.h"

/* ---- address classes ---- */

static const struct {
	uint32_t net;
	int bits;
	enum url_addr cls;
	const char *name;
} policy_v4[] = {
	{ 0x00000000, 8, URL_ADDR_FORBIDDEN, "unspecified (0.0.0.0/8)" },
	{ 0x7f000000, 8, URL_ADDR_PRIVATE, "loopback" },
	{ 0x0a000000, 8, URL_ADDR_PRIVATE, "private (RFC 1918)" },
	{ 0xac100000, 12, URL_ADDR_PRIVATE, "private (RFC 1918)" },
	{ 0xc0a80000, 16, URL_ADDR_PRIVATE, "private (RFC 1918)" },
	{ 0x64400000, 10, URL_ADDR_PRIVATE, "shared (CGNAT)" },
	{ 0xa9fe0000, 16, URL_ADDR_FORBIDDEN, "link-local" },
	{ 0xe0000000, 4, URL_ADDR_FORBIDDEN, "multicast" },
	{ 0xffffffff, 32, URL_ADDR_FORBIDDEN, "broadcast" },
	{ 0xf0000000, 4, URL_ADDR_FORBIDDEN, "reserved (240.0.0.0/4)" },
};

static const struct {
	uint8_t net[16];
	int bits;
	enum url_addr cls;
	const char *name;
} policy_v6[] = {
	{ { 0 }, 128, URL_ADDR_FORBIDDEN, "unspecified" },
	{ { [15] = 1 }, 128, URL_ADDR_PRIVATE, "loopback" },
	{ { 0xfe, 0x80 }, 10, URL_ADDR_FORBIDDEN, "link-local" },
	{ { 0xff }, 8, URL_ADDR_FORBIDDEN, "multicast" },
	{ { 0xfc }, 7, URL_ADDR_PRIVATE, "unique local (ULA)" },
	{ { 0xfe, 0xc0 }, 10, URL_ADDR_PRIVATE, "site-local" },
};

/* IPv6 prefixes that carry an IPv4 address, and where it sits. */
static const struct {
	uint8_t net[16];
	int bits;
	int at; /* byte offset of the IPv4 address */
} policy_embed[] = {
	{ { [10] = 0xff, [11] = 0xff }, 96, 12 },  /* IPv4-mapped ::ffff:a.b.c.d */
	{ { 0 }, 96, 12 },                          /* IPv4-compatible ::a.b.c.d */
	{ { 0x00, 0x64, 0xff, 0x9b }, 96, 12 },     /* NAT64 64:ff9b::a.b.c.d */
	{ { 0x20, 0x02 }, 16, 2 },                  /* 6to4 2002:AABB:CCDD:: */
};

static void
policy_name(char *why, size_t whylen, const char *name)
{
	if (why != NULL && whylen > 0)
		snprintf(why, whylen, "%s", name);
}

static enum url_addr
policy_v4_class(uint32_t a, char *why, size_t whylen)
{
	for (size_t i = 0; i < sizeof(policy_v4) / sizeof(policy_v4[0]); i++) {
		uint32_t mask = policy_v4[i].bits == 0 ? 0 : 0xffffffffu << (32 - policy_v4[i].bits);

		if ((a & mask) == policy_v4[i].net) {
			policy_name(why, whylen, policy_v4[i].name);
			return policy_v4[i].cls;
		}
	}
	policy_name(why, whylen, "public");
	return URL_ADDR_PUBLIC;
}

/* Do the first bits of a and net agree? */
static int
policy_prefix(const uint8_t *a, const uint8_t *net, int bits)
{
	int whole = bits / 8, rest = bits % 8;

	if (memcmp(a, net, (size_t)whole) != 0)
		return 0;
	return rest == 0 || ((a[whole] ^ net[whole]) & (0xff << (8 - rest))) == 0;
}

static enum url_addr
policy_v6_class(const uint8_t a[16], char *why, size_t whylen)
{
	/* The exact addresses and the IPv6-only ranges come first: :: and ::1
	 * are inside the IPv4-compatible prefix. */
	for (size_t i = 0; i < sizeof(policy_v6) / sizeof(policy_v6[0]); i++)
		if (policy_prefix(a, policy_v6[i].net, policy_v6[i].bits)) {
			policy_name(why, whylen, policy_v6[i].name);
			return policy_v6[i].cls;
		}
	for (size_t i = 0; i < sizeof(policy_embed) / sizeof(policy_embed[0]); i++)
		if (policy_prefix(a, policy_embed[i].net, policy_embed[i].bits)) {
			const uint8_t *v = a + policy_embed[i].at;

			return policy_v4_class((uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 |
			    (uint32_t)v[2] << 8 | v[3], why, whylen);
		}
	policy_name(why, whylen, "public");
	return URL_ADDR_PUBLIC;
}

/* An IPv4 literal in any form inet_aton(3) and URL parsers read: one to
 * four parts, each decimal, octal (a leading 0) or hexadecimal (0x), the
 * last filling the bytes that remain. 0, or -1 when s is not one. */
static int
policy_ipv4(const char *s, size_t n, uint32_t *out)
{
	uint32_t parts[4];
	size_t i = 0, np = 0;

	while (i <= n) {
		uint64_t v = 0;
		unsigned base = 10, digits = 0;

		if (np == 4)
			return -1;
		if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
			base = 16, i += 2;
		else if (i + 1 < n && s[i] == '0' && s[i + 1] != '.')
			base = 8, i++;
		for (; i < n && s[i] != '.'; i++, digits++) {
			unsigned d = isdigit((unsigned char)s[i]) ? (unsigned)(s[i] - '0') :
			    isxdigit((unsigned char)s[i]) ? (unsigned)(tolower((unsigned char)s[i]) - 'a' + 10) :
			    99;

			if (d >= base || (v = v * base + d) > 0xffffffffu)
				return -1;
		}
		if (digits == 0)
			return -1;
		parts[np++] = (uint32_t)v;
		i++; /* past the dot, or past the end */
	}
	for (size_t k = 0; k + 1 < np; k++)
		if (parts[k] > 255)
			return -1;
	if (np < 4 && parts[np - 1] > (0xffffffffu >> (8 * (np - 1))))
		return -1;
	*out = 0;
	for (size_t k = 0; k + 1 < np; k++)
		*out |= parts[k] << (24 - 8 * k);
	*out |= parts[np - 1];
	return 0;
}

enum url_addr
url_policy_classify(const char *host, char *why, size_t whylen)
{
	char v6[64];
	struct in6_addr a6;
	uint32_t a4;
	size_t n;

	policy_name(why, whylen, "");
	if (host == NULL)
		return URL_ADDR_NAME;
	n = strlen(host);
	if (n > 0 && host[n - 1] == '.')
		n--;
	if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
		host++;
		n -= 2;
	}
	if (n < sizeof(v6) && memchr(host, ':', n) != NULL) {
		memcpy(v6, host, n);
		v6[n] = '\0';
		v6[strcspn(v6, "%")] = '\0'; /* a zone: fe80::1%eth0 */
		if (inet_pton(AF_INET6, v6, &a6) == 1)
			return policy_v6_class(a6.s6_addr, why, whylen);
		return URL_ADDR_NAME;
	}
	if (policy_ipv4(host, n, &a4) == 0)
		return policy_v4_class(a4, why, whylen);
	return URL_ADDR_NAME;
}

enum url_addr
url_policy_classify_sockaddr(const struct sockaddr *sa, char *why, size_t whylen)
{
	/* Copied out: the caller's storage need not be aligned for either. */
	if (sa != NULL && sa->sa_family == AF_INET) {
		struct sockaddr_in in;

		memcpy(&in, sa, sizeof(in));
		return policy_v4_class(ntohl(in.sin_addr.s_addr), why, whylen);
	}
	if (sa != NULL && sa->sa_family == AF_INET6) {
		struct sockaddr_in6 in6;

		memcpy(&in6, sa, sizeof(in6));
		return policy_v6_class(in6.sin6_addr.s6_addr, why, whylen);
	}
	policy_name(why, whylen, "not an internet address");
	return URL_ADDR_FORBIDDEN;
}

/* ---- policies ---- */

/* Is host the name of this machine ("localhost", "x.localhost")? */
static int
policy_localhost(const char *host)
{
	size_t n = strlen(host);

	return strcasecmp(host, "localhost") == 0 ||
	    (n > 10 && strcasecmp(host + n - 10, ".localhost") == 0);
}

int
url_policy_loopback(const char *host)
{
	char why[64];

	return host != NULL && (policy_localhost(host) ||
	    (url_policy_classify(host, why, sizeof(why)) == URL_ADDR_PRIVATE &&
	    strcmp(why, "loopback") == 0));
}

struct url_policy *
url_policy_new(enum url_hop hop, const char *source_url, char *const *page_hosts,
    size_t npage_hosts, int allow_private)
{
	struct url_policy *p;
	char scheme[16], host[256];
	int port;

	if (source_url == NULL || url_split(source_url, scheme, sizeof(scheme), host,
	    sizeof(host), &port) == -1 || (p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->hop = hop;
	p->allow_private = allow_private || policy_localhost(host) ||
	    url_policy_classify(host, NULL, 0) == URL_ADDR_PRIVATE;
	if ((p->source_url = strdup(source_url)) == NULL ||
	    (npage_hosts > 0 && (p->page_hosts = calloc(npage_hosts, sizeof(char *))) == NULL))
		goto fail;
	for (; p->npage_hosts < npage_hosts; p->npage_hosts++)
		if ((p->page_hosts[p->npage_hosts] = strdup(page_hosts[p->npage_hosts])) == NULL)
			goto fail;
	return p;
fail:
	url_policy_free(p);
	return NULL;
}

struct url_policy *
url_policy_dup(const struct url_policy *p)
{
	struct url_policy *c;

	if (p == NULL || (c = url_policy_new(p->hop, p->source_url, p->page_hosts,
	    p->npage_hosts, p->allow_private)) == NULL)
		return NULL;
	return c;
}

void
url_policy_free(struct url_policy *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->npage_hosts; i++)
		free(p->page_hosts[i]);
	free(p->page_hosts);
	free(p->source_url);
	free(p);
}

/* Does one page_hosts entry admit host:port? "host" admits ports 80 and
 * 443 (either scheme); "host:port" and "[v6]:port" admit exactly that
 * port. Names compare without regard to case. */
static int
policy_host_entry(const char *entry, const char *host, int port)
{
	const char *colon, *end;
	size_t hlen = strlen(host), n;
	char *endp;
	long eport;

	while (*entry == ' ' || *entry == '\t')
		entry++;
	end = entry + strlen(entry);
	while (end > entry && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	/* The port separator is the last colon, after any "]" of an IPv6 literal. */
	colon = NULL;
	for (const char *c = end; c > entry; c--) {
		if (c[-1] == ']')
			break;
		if (c[-1] == ':') {
			colon = c - 1;
			break;
		}
	}
	if (*entry != '[' && colon != NULL && memchr(entry, ':', (size_t)(colon - entry)) != NULL)
		colon = NULL; /* a bare IPv6 address without brackets and port */
	n = colon != NULL ? (size_t)(colon - entry) : (size_t)(end - entry);
	if (n != hlen || strncasecmp(entry, host, n) != 0)
		return 0;
	if (colon == NULL)
		return port == 80 || port == 443;
	eport = strtol(colon + 1, &endp, 10);
	return endp == end && colon + 1 != end && eport == port;
}

/* The host and port rules of p's hop for host:port (url is the source's
 * own URL when own is set). 1, or 0 with why. */
static int
policy_place(const struct url_policy *p, const char *host, int port, int own, char *why,
    size_t whylen)
{
	char sscheme[16], shost[256];
	int sport;

	if (url_split(p->source_url, sscheme, sizeof(sscheme), shost, sizeof(shost), &sport) == -1) {
		snprintf(why, whylen, "the source's URL is not absolute");
		return 0;
	}
	if (p->hop == URL_HOP_FEED) {
		if (own || port == 80 || port == 443 || port == sport)
			return 1;
		snprintf(why, whylen, "port %d is not 80, 443 or the source's own (%d)", port, sport);
		return 0;
	}
	if (strcmp(shost, host) == 0 && sport == port)
		return 1;
	for (size_t i = 0; i < p->npage_hosts; i++)
		if (policy_host_entry(p->page_hosts[i], host, port))
			return 1;
	snprintf(why, whylen, "host %.200s port %d is neither the source's nor in page_hosts",
	    host, port);
	return 0;
}

int
url_policy_url(const struct url_policy *p, const char *url, char *why, size_t whylen)
{
	char scheme[16], host[256], cls[64];
	int port, own;
	enum url_addr a;

	if (why != NULL && whylen > 0)
		why[0] = '\0';
	if (url == NULL || url_split(url, scheme, sizeof(scheme), host, sizeof(host), &port) == -1) {
		snprintf(why, whylen, "not an absolute URL");
		return 0;
	}
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
		snprintf(why, whylen, "scheme %.15s is not http or https", scheme);
		return 0;
	}
	own = p != NULL && strcmp(url, p->source_url) == 0;
	/* A link or a redirect never needs credentials; "http://trusted@evil"
	 * is a trick. */
	if (!own && url_userinfo(url) != 0) {
		snprintf(why, whylen, "user information in URL");
		return 0;
	}
	a = url_policy_classify(host, cls, sizeof(cls));
	if (a == URL_ADDR_FORBIDDEN || (a == URL_ADDR_PRIVATE && (p == NULL || !p->allow_private))) {
		snprintf(why, whylen, "%.200s: %s address", host, cls);
		return 0;
	}
	return p == NULL || policy_place(p, host, port, own, why, whylen);
}

int
url_policy_address(const struct url_policy *p, const struct sockaddr *sa, char *why,
    size_t whylen)
{
	char cls[64], text[INET6_ADDRSTRLEN] = "?";
	enum url_addr a = url_policy_classify_sockaddr(sa, cls, sizeof(cls));

	if (a != URL_ADDR_FORBIDDEN && (a != URL_ADDR_PRIVATE || (p != NULL && p->allow_private)))
		return 1;
	if (sa != NULL && sa->sa_family == AF_INET) {
		struct sockaddr_in in;

		memcpy(&in, sa, sizeof(in));
		inet_ntop(AF_INET, &in.sin_addr, text, sizeof(text));
	} else if (sa != NULL && sa->sa_family == AF_INET6) {
		struct sockaddr_in6 in6;

		memcpy(&in6, sa, sizeof(in6));
		inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof(text));
	}
	snprintf(why, whylen, "connecting to %s: %s address", text, cls);
	return 0;
}
