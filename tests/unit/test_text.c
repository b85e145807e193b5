/*
 * Unit tests: text — a text folded a window at a time (text_fold_begin,
 * text_fold_more, text_break_last, text_fold_drop, text_sentences_from)
 * is the text folded whole: the same folded bytes, the same original
 * offset for every folded byte, the same sentences with the same
 * paragraph numbers, whatever the step the original is folded by and
 * wherever its CR LF pairs, multibyte letters and breaks fall.
 */
#include "unit.h"

#include "rightswatch/text.h"

/* Texts whose breaks, line ends and letters fall across the pieces. */
static const struct {
	const char *name, *in;
} texts[] = {
	/* plain paragraphs, a title, a dateline */
	{ "paragraphs", "Attacks rise in the north\n\nBAMAKO (3 May 2022) - Twelve civilians were "
	  "killed. Mr. Diallo said so.\n\nThe mission counted 40 abductions.\n\nEnd." },
	/* breaks with spaces and tabs in them, and three line feeds */
	{ "spaced breaks", "One paragraph here.\n \nAnother one.\n\n\nA third, after three.\n  \n  "
	  "Indented fourth.\n\t\nTab is no gap." },
	/* CR LF and lone CR line ends: a CR LF folds to one line feed */
	{ "crlf", "Title line\r\n\r\nFirst paragraph. Second sentence.\r\n\r\nNext one\rwith a CR.\r\r"
	  "After two CRs.\r\n" },
	/* letters of two, three and four bytes, a ligature, an ellipsis, a no-break space */
	{ "multibyte", "R\xc3\xa9" "fugi\xc3\xa9s \xc3\xa0 M\xc3\xa9naka\xe2\x80\xa6\n\nC\xc5\x93ur "
	  "\xef\xac\x83 \xf0\x9f\x98\x80 fin.\xc2\xa0" "Suite.\n\n\xc3\x89" "t\xc3\xa9 2021." },
	/* invalid bytes, a sequence cut short before a line feed */
	{ "invalid", "Bad \xff\xfe bytes.\n\n\xc3\nCut short \xe2\x80\n\nEnd \x80." },
	/* a paragraph separator and a line separator */
	{ "separators", "First.\xe2\x80\xa9Second.\xe2\x80\xa8\xe2\x80\xa8Third." },
	/* breaks at the very start and the very end */
	{ "edges", "\n\n\nStarts after a break.\n\nEnds with one.\n\n \n" },
	/* no break at all: one window */
	{ "no break", "Just one line, which goes on. And on, with no paragraph break at all." },
	/* the empty text */
	{ "empty", "" },
};

/* Fold in by step bytes at a time, cutting a window at each break, and
 * compare everything with the whole text's folding. */
static void
check_windows(const char *name, const char *in, size_t step)
{
	size_t len = strlen(in), base = 0, para = 0, ns = 0, seen = 0, k = 0;
	struct text whole, t;
	struct text_sentence *all;

	assert_int_equal(text_fold(in, len, 0, &whole), 0);
	assert_int_equal(text_sentences(&whole, &all, &ns), 0);
	assert_int_equal(text_fold_begin(in, len, 0, &t), 0);
	assert_int_equal(text_fold_more(&t, step), 0);
	for (;;) {
		size_t cut = text_break_last(&t, seen), n;
		struct text win;
		struct text_sentence *sv;

		seen = t.len;
		if (cut == 0 && t.oend < t.olen) {
			assert_int_equal(text_fold_more(&t, step), 0);
			continue;
		}
		if (t.oend == t.olen && cut == 0)
			cut = t.len;
		win = t;
		win.len = cut;
		assert_int_equal(text_sentences_from(&win, para, &sv, &n, &para), 0);
		for (size_t i = 0; i < n; i++, k++) {
			if (k >= ns || sv[i].start + base != all[k].start || sv[i].end + base != all[k].end ||
			    sv[i].para != all[k].para || sv[i].first != all[k].first)
				fail_msg("%s, step %zu: sentence %zu differs", name, step, k);
		}
		for (size_t i = 0; i <= cut; i++) {
			if (i < cut && win.f[i] != whole.f[base + i])
				fail_msg("%s, step %zu: folded byte %zu differs", name, step, base + i);
			if (text_orig(&win, i) != text_orig(&whole, base + i))
				fail_msg("%s, step %zu: the original of %zu differs", name, step, base + i);
		}
		free(sv);
		if (t.oend == t.olen && cut == t.len)
			break;
		text_fold_drop(&t, cut);
		base += cut;
		seen = t.len;
	}
	assert_int_equal(base + t.len, whole.len);
	assert_int_equal(k, ns);
	free(all);
	text_free(&whole);
	text_free(&t);
}

static void
test_windows(void **state)
{
	static const size_t steps[] = { 1, 2, 3, 5, 8, 64, 1 << 20 };

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++)
			check_windows(texts[i].name, texts[i].in, steps[s]);
}

/* Each text's windows: a break is cut before it begins, never inside a
 * run of spaces and line feeds, never at the text's start. */
static void
test_break_last(void **state)
{
	static const struct {
		const char *in;
		size_t at; /* text_break_last from 0 */
	} rows[] = {
		{ "a\n\nb", 1 },         /* the break begins after "a" */
		{ "a \n \n b", 1 },      /* its spaces are part of it */
		{ "a\nb\nc", 0 },        /* single line feeds: no break */
		{ "\n\na", 0 },          /* a break at the start: nothing to cut */
		{ "a\n\nb\n\nc", 4 },    /* the last one */
		{ "a\n\n", 0 },          /* not followed by a paragraph yet */
		{ "a\n\nb\n\n", 1 },     /* the one that is */
	};
	struct text t;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(text_fold(rows[i].in, strlen(rows[i].in), 0, &t), 0);
		if (text_break_last(&t, 0) != rows[i].at)
			fail_msg("row %zu: %zu, wanted %zu", i, text_break_last(&t, 0), rows[i].at);
		text_free(&t);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_windows),
		cmocka_unit_test(test_break_last),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
