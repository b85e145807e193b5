/*
 * crashpoint — named points where the daemon can be made to abort, for the
 * tests that kill it at an exact moment rather than after a guessed delay:
 * RIGHTSWATCH_CRASH_AT=after_alert_commit aborts right after an alert and
 * its outbox rows are committed, before anything is delivered.
 *
 * Points: after_alert_commit, after_delivery (a message sent, not yet marked
 * delivered), before_feed_parse (a feed's body received and its hash
 * stored, as a parser that crashes on it would leave things). crashpoint_hang's point: hang_after_poll (a feed's response
 * handled; the event loop then never returns, as a stuck parser would leave
 * it, so the watchdog test can see systemd kill and restart the daemon).
 */
#ifndef RW_CRASHPOINT_H
#define RW_CRASHPOINT_H

/* Abort the process when $RIGHTSWATCH_CRASH_AT names this point. */
void crashpoint(const char *name);
/* Stop the event loop for good (sleep forever, signals included) when
 * $RIGHTSWATCH_CRASH_AT names this point. */
void crashpoint_hang(const char *name);

#endif
