/*
 * url_policy — where a fetch may go: one policy for every hop of a
 * transfer (its first URL, each redirect before it is followed, and the
 * address each connection is made to), so a hostile feed or page can steer
 * the daemon neither at a cloud metadata address nor at another service on
 * loopback, however the address is written, nor by DNS rebinding.
 *
 * Addresses, whatever their form (IPv4 as dotted quad, one decimal, octal
 * or hexadecimal number, or the short forms "127.1"; IPv6 with the IPv4
 * address mapped, compatible, NAT64 or 6to4 inside it, classified by that
 * IPv4 address):
 *   forbidden  always refused: unspecified (0.0.0.0/8, ::), link-local
 *              (169.254.0.0/16, fe80::/10), multicast (224.0.0.0/4,
 *              ff00::/8), broadcast and reserved (240.0.0.0/4)
 *   private    loopback (127.0.0.0/8, ::1), RFC 1918, CGNAT
 *              (100.64.0.0/10), ULA (fc00::/7) and site-local (fec0::/10):
 *              refused unless the source's own configured URL is such an
 *              address (or the name localhost), or it says allow_private
 *   public     the rest
 * Hosts and ports:
 *   feed hop   the configured URL itself; a redirect (or the URL a
 *              permanent redirect left) to any host, but only on port 80,
 *              443 or the source's own port
 *   page hop   the source's own host and port, or page_hosts ("host" for
 *              80 and 443, "host:port" for that port)
 * Always: http or https only, and no user name or password in a URL the
 * source did not configure.
 *
 * Pure: no I/O, no resolver. The caller (http.c) asks url_policy_url for
 * each URL before a request and url_policy_address for each address
 * before connecting to it.
 */
#ifndef RW_URL_POLICY_H
#define RW_URL_POLICY_H

#include <stddef.h>

struct sockaddr;

enum url_addr {
	URL_ADDR_NAME = 0,  /* not an address literal: judged when connected */
	URL_ADDR_PUBLIC,
	URL_ADDR_PRIVATE,
	URL_ADDR_FORBIDDEN
};

enum url_hop {
	URL_HOP_FEED = 0,   /* the feed or listing and its redirects */
	URL_HOP_PAGE        /* a release page and its redirects */
};

/* What a policy knows of its source. Every string is owned by the policy
 * (url_policy_new copies; url_policy_free releases). */
struct url_policy {
	enum url_hop hop;
	char *source_url;    /* the configured URL */
	char **page_hosts;
	size_t npage_hosts;
	int allow_private;   /* the source's allow_private, or its own URL is private */
};

/* The class of host as a URL holds it (brackets around IPv6 allowed, a
 * trailing dot and an IPv6 zone ignored); the name of its range in why
 * ("link-local", "loopback" ...; "" for a name). */
enum url_addr url_policy_classify(const char *host, char *why, size_t whylen);
/* The same for an address (AF_INET or AF_INET6; other families are
 * forbidden). */
enum url_addr url_policy_classify_sockaddr(const struct sockaddr *sa, char *why,
    size_t whylen);

/* Is host this machine: a loopback address in any form, or the name
 * localhost (or a name under .localhost)? 1 or 0. */
int url_policy_loopback(const char *host);

/* A policy for hop of the source at source_url with its page_hosts (all
 * copied); allow_private as configured (the source's own private URL
 * allows private addresses by itself). NULL when out of memory or
 * source_url is not an absolute URL. */
struct url_policy *url_policy_new(enum url_hop hop, const char *source_url,
    char *const *page_hosts, size_t npage_hosts, int allow_private);
/* A copy of p (NULL when p is NULL or out of memory). */
struct url_policy *url_policy_dup(const struct url_policy *p);
/* Accepts NULL. */
void url_policy_free(struct url_policy *p);

/* May a request go to url under p? 1, or 0 with the reason in why. */
int url_policy_url(const struct url_policy *p, const char *url, char *why, size_t whylen);
/* May a connection be made to sa under p? 1, or 0 with the reason in why
 * (which names the address). */
int url_policy_address(const struct url_policy *p, const struct sockaddr *sa, char *why,
    size_t whylen);

#endif
