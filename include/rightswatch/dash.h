/*
 * dash — the read-only dashboard the daemon's listener serves next to
 * /metrics, /healthz and /status: `/` (sources, latest releases, recent
 * alerts and their deliveries, active silences, thresholds lacking a
 * baseline), `/release/ID` (one release, its figures in their sentences,
 * its alerts), `/series?country=C&indicator=I` (the chart and its table)
 * and `/style.css`. Server-rendered HTML with one stylesheet, no script,
 * paginated, every value escaped for its context (htmlesc); a strict
 * Content-Security-Policy, no cookies, nothing fetched from elsewhere.
 * Bad parameters get a 400 page saying why, unknown ids a 404.
 *
 * Read-only: a page only reads the store (the browse queries the command
 * line uses). The handlers borrow the store and the configuration.
 */
#ifndef RW_DASH_H
#define RW_DASH_H

#include <stdint.h>

struct config;
struct httpd_answer;
struct store;

/* What a page reads: borrowed for the call. */
struct dash_req {
	struct store *st;
	const struct config *cf;
	int64_t now;         /* seconds UTC */
	const char *path;    /* the request's path and query (httpd_answer's) */
	const char *query;
};

void dash_home(struct httpd_answer *ans, const struct dash_req *r);
void dash_release(struct httpd_answer *ans, const struct dash_req *r);
void dash_series(struct httpd_answer *ans, const struct dash_req *r);
void dash_style(struct httpd_answer *ans, const struct dash_req *r);

#endif
