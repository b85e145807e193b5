/*
 * Unit tests: period — the temporal-expression normaliser. Each row is a
 * sentence written for the project, the publication date (and, when the
 * row needs them, the reporting period and the previous expression's
 * day), and how its expression reads: the phrase, its type, its anchor and
 * the interval it resolves to. Rows with no phrase must yield no
 * expression at all. test_dateline does the same for the release's own
 * date, read from its dateline.
 */
#include "unit.h"

#include "rightswatch/date.h"
#include "rightswatch/dateline.h"
#include "rightswatch/number.h"
#include "rightswatch/period.h"
#include "rightswatch/text.h"

struct prow {
	const char *in;     /* the sentence */
	const char *pub;    /* the publication date */
	const char *report; /* "START END", the reporting period, or NULL */
	const char *prev;   /* the previous expression's day, or NULL */
	const char *phrase; /* the expression as written; NULL: none at all */
	int type, anchor;
	const char *ps, *pe; /* the interval; ps "-": only the end (as-of); "*": left relative; NULL: vague */
};

#define DATE  PERIOD_T_DATE
#define RANGE PERIOD_T_RANGE
#define BACK  PERIOD_T_BACK
#define REL   PERIOD_T_RELATIVE
#define OPEN  PERIOD_T_OPEN
#define ASOF  PERIOD_T_ASOF
#define VAGUE PERIOD_T_VAGUE
#define NONE  PERIOD_A_NONE
#define PUB   PERIOD_A_PUBLICATION
#define REP   PERIOD_A_REPORTING
#define PREV  PERIOD_A_PREVIOUS

/* 2021-08-06 is a Friday, 2021-08-09 a Monday. */
#define FRI "2021-08-06"
#define MON "2021-08-09"
#define Q2 "2021-04-01 2021-06-30"
#define Y20 "2020-01-01 2020-12-31"

static const struct prow prows[] = {
	/* dates, ranges and parts of years */
	{ "between 1 April and 30 June 2021", FRI, NULL, NULL, "between 1 April and 30 June 2021", RANGE, NONE, "2021-04-01", "2021-06-30" },
	{ "from January to June", FRI, NULL, NULL, "from January to June", RANGE, PUB, "2021-01-01", "2021-06-30" },
	{ "in the first six months of this year", FRI, NULL, NULL, "first six months of this year", DATE, PUB, "2021-01-01", "2021-06-30" },
	{ "the first half of 2020", FRI, NULL, NULL, "first half of 2020", DATE, NONE, "2020-01-01", "2020-06-30" },
	{ "in the first quarter", FRI, NULL, NULL, "first quarter", DATE, PUB, "2021-01-01", "2021-03-31" },
	{ "in all of 2019", FRI, NULL, NULL, "2019", DATE, NONE, "2019-01-01", "2019-12-31" },
	{ "entre le 1er avril et le 30 juin 2021", FRI, NULL, NULL, "entre le 1er avril et le 30 juin 2021", RANGE, NONE, "2021-04-01", "2021-06-30" },
	{ "du 13 au 20 d\xc3\xa9" "cembre 2020", FRI, NULL, NULL, "du 13 au 20 d\xc3\xa9" "cembre 2020", RANGE, NONE, "2020-12-13", "2020-12-20" },
	{ "au premier semestre 2021", FRI, NULL, NULL, "premier semestre 2021", DATE, NONE, "2021-01-01", "2021-06-30" },
	{ "en octobre", FRI, NULL, NULL, "octobre", DATE, PUB, "2020-10-01", "2020-10-31" }, /* after the release: the year before */
	{ "between 1 July and 30 September", "2021-10-15", NULL, NULL, "between 1 July and 30 September", RANGE, PUB, "2021-07-01", "2021-09-30" },
	{ "du 1er juillet au 30 septembre", "2021-10-15", NULL, NULL, "du 1er juillet au 30 septembre", RANGE, PUB, "2021-07-01", "2021-09-30" },
	/* a range followed by its year in words: the range in that year */
	{ "between 1 March and 31 May this year", "2023-09-01", NULL, NULL, "between 1 March and 31 May this year", RANGE, PUB, "2023-03-01", "2023-05-31" },
	{ "from March to May last year", "2023-09-01", NULL, NULL, "from March to May last year", RANGE, PUB, "2022-03-01", "2022-05-31" },
	{ "entre le 1er mars et le 31 mai de cette ann\xc3\xa9" "e", "2023-09-01", NULL, NULL, "entre le 1er mars et le 31 mai de cette ann\xc3\xa9" "e", RANGE, PUB, "2023-03-01", "2023-05-31" },
	{ "du 1er mars au 31 mai de l'ann\xc3\xa9" "e derni\xc3\xa8" "re", "2023-09-01", NULL, NULL, "du 1er mars au 31 mai de l'ann\xc3\xa9" "e derni\xc3\xa8" "re", RANGE, PUB, "2022-03-01", "2022-05-31" },
	{ "entre mars et mai de l'an dernier", "2023-09-01", NULL, NULL, "entre mars et mai de l'an dernier", RANGE, PUB, "2022-03-01", "2022-05-31" },
	{ "between 2010 and 2015", MON, NULL, NULL, "between 2010 and 2015", RANGE, NONE, "2010-01-01", "2015-12-31" },
	{ "Attacks rose in 2019-2020.", MON, NULL, NULL, "2019-2020", RANGE, NONE, "2019-01-01", "2020-12-31" },
	{ "from 4 to 22 this month", "2021-08-25", NULL, NULL, "from 4 to 22 this month", RANGE, PUB, "2021-08-04", "2021-08-22" },
	{ "du 4 au 22 de ce mois", "2021-08-25", NULL, NULL, "du 4 au 22 de ce mois", RANGE, PUB, "2021-08-04", "2021-08-22" },
	{ "from Monday to Wednesday", MON, NULL, NULL, "from Monday to Wednesday", RANGE, PUB, "2021-08-02", "2021-08-04" },
	{ "du lundi au mercredi", MON, NULL, NULL, "du lundi au mercredi", RANGE, PUB, "2021-08-02", "2021-08-04" },
	{ "talks held 19-28 November 2020", MON, NULL, NULL, "19-28 November 2020", RANGE, NONE, "2020-11-19", "2020-11-28" },
	{ "in the night of 9 to 10 June", MON, NULL, NULL, "9 to 10 June", RANGE, PUB, "2021-06-09", "2021-06-10" },
	{ "the quarter 1 April - 30 June 2021", MON, NULL, NULL, "1 April - 30 June 2021", RANGE, NONE, "2021-04-01", "2021-06-30" },
	{ "dans la nuit du 9 au 10 juin", MON, NULL, NULL, "du 9 au 10 juin", RANGE, PUB, "2021-06-09", "2021-06-10" },
	{ "la p\xc3\xa9riode 1er avril-30 juin 2021", MON, NULL, NULL, "1er avril-30 juin 2021", RANGE, NONE, "2021-04-01", "2021-06-30" },
	{ "in the first 10 months of the year", MON, NULL, NULL, "first 10 months of the year", DATE, PUB, "2021-01-01", "2021-10-31" },
	{ "this quarter", MON, NULL, NULL, "this quarter", OPEN, PUB, "2021-07-01", MON },
	{ "ce trimestre", MON, NULL, NULL, "ce trimestre", OPEN, PUB, "2021-07-01", MON },
	{ "au cours de l'ann\xc3\xa9" "e \xc3\xa9" "coul\xc3\xa9" "e", MON, NULL, NULL, "l'ann\xc3\xa9" "e \xc3\xa9" "coul\xc3\xa9" "e", BACK, PUB, "2020-08-09", MON },
	{ "compared with the previous two years", MON, NULL, NULL, "the previous two years", REL, PREV, "*", "*" },
	{ "were killed near Gao on 3 July, and two more", MON, NULL, NULL, "3 July", DATE, PUB, "2021-07-03", "2021-07-03" }, /* the comma is not the date's */
	{ "ont \xc3\xa9t\xc3\xa9 tu\xc3\xa9s le 3 juillet, puis", MON, NULL, NULL, "3 juillet", DATE, PUB, "2021-07-03", "2021-07-03" },
	{ "on 3 July, 2020", MON, NULL, NULL, "3 July, 2020", DATE, NONE, "2020-07-03", "2020-07-03" },
	{ "a 10-day visit to 5 regions", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "5 to 10 people", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	/* dates in figures */
	{ "Figures for 2016-11 were revised.", MON, NULL, NULL, "2016-11", DATE, NONE, "2016-11-01", "2016-11-30" },
	{ "Les chiffres de 11/2016 ont \xc3\xa9t\xc3\xa9 revus.", MON, NULL, NULL, "11/2016", DATE, NONE, "2016-11-01", "2016-11-30" },
	{ "The 2016 Q3 note", MON, NULL, NULL, "2016 Q3", DATE, NONE, "2016-07-01", "2016-09-30" },
	{ "In Q3 2016, attacks rose.", MON, NULL, NULL, "Q3 2016", DATE, NONE, "2016-07-01", "2016-09-30" },
	{ "Au T3 2016, les attaques ont augment\xc3\xa9.", MON, NULL, NULL, "T3 2016", DATE, NONE, "2016-07-01", "2016-09-30" },
	{ "Au S1 2021, la situation s'est d\xc3\xa9t\xc3\xa9rior\xc3\xa9" "e.", MON, NULL, NULL, "S1 2021", DATE, NONE, "2021-01-01", "2021-06-30" },
	{ "The attack of 14/03/2024 killed ten.", MON, NULL, NULL, "14/03/2024", DATE, NONE, "2024-03-14", "2024-03-14" },
	{ "L'attaque du 2024-03-14 a fait dix morts.", MON, NULL, NULL, "2024-03-14", DATE, NONE, "2024-03-14", "2024-03-14" },
	/* parts of months, modified years and months (full bounds), decades */
	{ "during the last week of July", MON, NULL, NULL, "the last week of July", DATE, PUB, "2021-07-25", "2021-07-31" },
	{ "in the last two weeks of March", MON, NULL, NULL, "the last two weeks of March", DATE, PUB, "2021-03-18", "2021-03-31" },
	{ "the first ten days of May", MON, NULL, NULL, "the first ten days of May", DATE, PUB, "2021-05-01", "2021-05-10" },
	{ "durant la derni\xc3\xa8re semaine de juillet", MON, NULL, NULL, "la derni\xc3\xa8re semaine de juillet", DATE, PUB, "2021-07-25", "2021-07-31" },
	{ "pendant la seconde quinzaine d'ao\xc3\xbbt", "2021-09-10", NULL, NULL, "la seconde quinzaine d'ao\xc3\xbbt", DATE, PUB, "2021-08-16", "2021-08-31" },
	{ "les dix premiers jours de mai", MON, NULL, NULL, "les dix premiers jours de mai", DATE, PUB, "2021-05-01", "2021-05-10" },
	{ "the last quarter of 2023", MON, NULL, NULL, "last quarter of 2023", DATE, NONE, "2023-10-01", "2023-12-31" },
	{ "in the 2010s", MON, NULL, NULL, "2010s", DATE, NONE, "2010-01-01", "2019-12-31" },
	{ "dans les ann\xc3\xa9" "es 1990", MON, NULL, NULL, "les ann\xc3\xa9" "es 1990", DATE, NONE, "1990-01-01", "1999-12-31" },
	{ "in early 2023", MON, NULL, NULL, "early 2023", DATE, NONE, "2023-01-01", "2023-12-31" },
	{ "by mid-2023", MON, NULL, NULL, "mid-2023", DATE, NONE, "2023-01-01", "2023-12-31" },
	{ "in late 2023", MON, NULL, NULL, "late 2023", DATE, NONE, "2023-01-01", "2023-12-31" },
	{ "in mid-July", MON, NULL, NULL, "mid-July", DATE, PUB, "2021-07-01", "2021-07-31" },
	{ "d\xc3\xa9" "but 2023", MON, NULL, NULL, "d\xc3\xa9" "but 2023", DATE, NONE, "2023-01-01", "2023-12-31" },
	{ "\xc3\xa0 la mi-juillet", MON, NULL, NULL, "mi-juillet", DATE, PUB, "2021-07-01", "2021-07-31" },
	{ "fin juillet", MON, NULL, NULL, "fin juillet", DATE, PUB, "2021-07-01", "2021-07-31" },
	{ "fin 2023", MON, NULL, NULL, "fin 2023", DATE, NONE, "2023-01-01", "2023-12-31" },
	/* relative to the publication */
	{ "since the beginning of the year", FRI, NULL, NULL, "since the beginning of the year", OPEN, PUB, "2021-01-01", FRI },
	{ "since January", FRI, NULL, NULL, "since January", OPEN, PUB, "2021-01-01", FRI },
	{ "depuis le d\xc3\xa9" "but de l'ann\xc3\xa9" "e", FRI, NULL, NULL, "depuis le d\xc3\xa9" "but de l'ann\xc3\xa9" "e", OPEN, PUB, "2021-01-01", FRI },
	{ "last year", FRI, NULL, NULL, "last year", REL, PUB, "2020-01-01", "2020-12-31" },
	{ "l'ann\xc3\xa9" "e derni\xc3\xa8" "re", FRI, NULL, NULL, "l'ann\xc3\xa9" "e derni\xc3\xa8" "re", REL, PUB, "2020-01-01", "2020-12-31" },
	{ "le mois dernier", FRI, NULL, NULL, "le mois dernier", REL, PUB, "2021-07-01", "2021-07-31" },
	{ "over the past week", FRI, NULL, NULL, "past week", BACK, PUB, "2021-07-30", FRI },
	{ "Five people were killed yesterday.", MON, NULL, NULL, "yesterday", REL, PUB, "2021-08-08", "2021-08-08" },
	{ "hier soir", MON, NULL, NULL, "hier soir", REL, PUB, "2021-08-08", "2021-08-08" },
	{ "avant-hier", MON, NULL, NULL, "avant-hier", REL, PUB, "2021-08-07", "2021-08-07" },
	{ "So far in May, the clashes have left nine dead.", "2020-05-21", NULL, NULL, "So far in May", OPEN, PUB, "2020-05-01", "2020-05-21" },
	{ "since 3 October", MON, NULL, NULL, "since 3 October", OPEN, PUB, "2020-10-03", MON },
	{ "depuis le 3 octobre", MON, NULL, NULL, "depuis le 3 octobre", OPEN, PUB, "2020-10-03", MON },
	{ "since the start of the offensive on 11 January", MON, NULL, NULL, "since the start of the offensive on 11 January", OPEN, PUB, "2021-01-11", MON },
	{ "depuis le lancement de l'offensive, le 4 mars", MON, NULL, NULL, "depuis le lancement de l'offensive, le 4 mars", OPEN, PUB, "2021-03-04", MON },
	{ "since its creation in 2013", MON, NULL, NULL, "since its creation in 2013", OPEN, PUB, "2013-01-01", MON },
	/* T6: the event's month or year in apposition after a comma */
	{ "Depuis le lancement de l'op\xc3\xa9ration, en mars 2019, 85 civils ont \xc3\xa9t\xc3\xa9 tu\xc3\xa9s.", MON, NULL, NULL,
	    "Depuis le lancement de l'op\xc3\xa9ration, en mars 2019", OPEN, PUB, "2019-03-01", MON },
	{ "Since the start of the operation, in March 2019, 85 civilians have been killed.", MON, NULL, NULL,
	    "Since the start of the operation, in March 2019", OPEN, PUB, "2019-03-01", MON },
	{ "depuis la signature de l'accord, en 2015", MON, NULL, NULL, "depuis la signature de l'accord, en 2015", OPEN, PUB, "2015-01-01", MON },
	{ "since the mission deployed, in July 2013", MON, NULL, NULL, "since the mission deployed, in July 2013", OPEN, PUB, "2013-07-01", MON },
	/* not a date after the comma: the event alone dates nothing */
	{ "since the attack, in which 12 people died", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "depuis l'attaque, en d\xc3\xa9pit des renforts", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "since last week", MON, NULL, NULL, "since last week", OPEN, PUB, "2021-08-02", MON },
	{ "depuis la semaine derni\xc3\xa8re", MON, NULL, NULL, "depuis la semaine derni\xc3\xa8re", OPEN, PUB, "2021-08-02", MON },
	{ "since mid-March", MON, NULL, NULL, "since mid-March", OPEN, PUB, "2021-03-01", MON },
	/* durations back from the publication */
	{ "over the past two weeks", MON, NULL, NULL, "past two weeks", BACK, PUB, "2021-07-26", MON },
	{ "in the last 5 days", MON, NULL, NULL, "last 5 days", BACK, PUB, "2021-08-04", MON },
	{ "the past three years", MON, NULL, NULL, "past three years", BACK, PUB, "2018-08-09", MON },
	{ "within five days", MON, NULL, NULL, "within five days", BACK, PUB, "2021-08-04", MON },
	{ "over the past decade", MON, NULL, NULL, "past decade", BACK, PUB, "2011-08-09", MON },
	{ "in the past 24 hours", MON, NULL, NULL, "past 24 hours", BACK, PUB, "2021-08-08", MON },
	{ "en six mois", MON, NULL, NULL, "en six mois", BACK, PUB, "2021-02-09", MON },
	{ "au cours des deux derniers mois", MON, NULL, NULL, "des deux derniers mois", BACK, PUB, "2021-06-09", MON },
	{ "over the previous two weeks", MON, NULL, NULL, "the previous two weeks", BACK, PUB, "2021-07-26", MON }, /* no figure before it, no comparison: back from the publication */
	{ "au cours des deux semaines pr\xc3\xa9" "c\xc3\xa9" "dentes", MON, NULL, NULL, "des deux semaines pr\xc3\xa9" "c\xc3\xa9" "dentes", BACK, PUB, "2021-07-26", MON },
	{ "in the preceding ten days", MON, NULL, NULL, "the preceding ten days", BACK, PUB, "2021-07-30", MON },
	{ "the past three days", MON, NULL, NULL, "past three days", BACK, PUB, "2021-08-06", MON },
	{ "les trois derniers jours", MON, NULL, NULL, "les trois derniers jours", BACK, PUB, "2021-08-06", MON },
	{ "twice as many as in the previous two weeks", MON, NULL, NULL, "the previous two weeks", REL, PREV, "*", "*" }, /* a reference: before the figure's own period */
	{ "contre 40 au cours des dix jours pr\xc3\xa9" "c\xc3\xa9" "dents", MON, NULL, NULL, "des dix jours pr\xc3\xa9" "c\xc3\xa9" "dents", REL, PREV, "*", "*" },
	{ "compared with the previous two weeks", MON, "2021-07-26 2021-08-08", NULL, "the previous two weeks", REL, REP, "2021-07-12", "2021-07-25" },
	{ "the previous two reports", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "ces six derni\xc3\xa8res semaines", MON, NULL, NULL, "ces six derni\xc3\xa8res semaines", BACK, PUB, "2021-06-28", MON },
	{ "au cours de la derni\xc3\xa8re d\xc3\xa9" "cennie", MON, NULL, NULL, "la derni\xc3\xa8re d\xc3\xa9" "cennie", BACK, PUB, "2011-08-09", MON },
	{ "en l'espace de trois semaines", MON, NULL, NULL, "en l'espace de trois semaines", BACK, PUB, "2021-07-19", MON },
	/* a span of days or weeks ending on a day: "to", "ending" count the day, "before", "preceding" do not */
	{ "Aid stalled in the week to 16 April.", "2024-05-10", NULL, NULL, "the week to 16 April", RANGE, PUB, "2024-04-10", "2024-04-16" },
	{ "in the seven days to 3 May 2024", "2024-05-10", NULL, NULL, "the seven days to 3 May 2024", RANGE, NONE, "2024-04-27", "2024-05-03" },
	{ "over the two weeks ending 12 March", "2024-03-20", NULL, NULL, "the two weeks ending 12 March", RANGE, PUB, "2024-02-28", "2024-03-12" },
	{ "during the ten days before 3 May", "2024-05-10", NULL, NULL, "the ten days before 3 May", RANGE, PUB, "2024-04-23", "2024-05-02" },
	{ "la semaine qui s'est achev\xc3\xa9" "e le 16 avril", "2024-05-10", NULL, NULL, "la semaine qui s'est achev\xc3\xa9" "e le 16 avril", RANGE, PUB, "2024-04-10", "2024-04-16" },
	{ "au cours des dix jours pr\xc3\xa9" "c\xc3\xa9" "dant le 3 mai", "2024-05-10", NULL, NULL, "des dix jours pr\xc3\xa9" "c\xc3\xa9" "dant le 3 mai", RANGE, PUB, "2024-04-23", "2024-05-02" },
	{ "pendant les sept jours qui ont pr\xc3\xa9" "c\xc3\xa9" "d\xc3\xa9 le 3 mai", "2024-05-10", NULL, NULL, "les sept jours qui ont pr\xc3\xa9" "c\xc3\xa9" "d\xc3\xa9 le 3 mai", RANGE, PUB, "2024-04-26", "2024-05-02" },
	{ "la semaine se terminant le 12 mars", "2024-03-20", NULL, NULL, "la semaine se terminant le 12 mars", RANGE, PUB, "2024-03-06", "2024-03-12" },
	{ "in the three months to 30 June", "2024-07-10", NULL, NULL, "the three months to 30 June", RANGE, PUB, "2024-04-01", "2024-06-30" },
	{ "in the week to come", "2024-05-10", NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "les jours pr\xc3\xa9" "c\xc3\xa9" "dant le scrutin", "2024-05-10", NULL, NULL, NULL, 0, 0, NULL, NULL },
	/* weekdays: the latest such day before the publication */
	{ "Thursday's attack killed 12 people.", MON, NULL, NULL, "Thursday", REL, PUB, "2021-08-05", "2021-08-05" },
	{ "On Saturday, gunmen attacked the village.", MON, NULL, NULL, "On Saturday", REL, PUB, "2021-08-07", "2021-08-07" },
	{ "Gunmen attacked the village Sunday.", MON, NULL, NULL, "Sunday", REL, PUB, "2021-08-08", "2021-08-08" },
	{ "Dimanche, des hommes arm\xc3\xa9s ont attaqu\xc3\xa9 le village.", MON, NULL, NULL, "Dimanche", REL, PUB, "2021-08-08", "2021-08-08" },
	{ "dans la nuit de samedi \xc3\xa0 dimanche", MON, NULL, NULL, "samedi", REL, PUB, "2021-08-07", "2021-08-07" },
	{ "jeudi dernier", MON, NULL, NULL, "jeudi dernier", REL, PUB, "2021-08-05", "2021-08-05" },
	/* relative to the reporting period */
	{ "a rise on the previous quarter", MON, Q2, NULL, "the previous quarter", REL, REP, "2021-01-01", "2021-03-31" },
	{ "une hausse par rapport au trimestre pr\xc3\xa9" "c\xc3\xa9" "dent", MON, Q2, NULL, "au trimestre pr\xc3\xa9" "c\xc3\xa9" "dent", REL, REP, "2021-01-01", "2021-03-31" },
	{ "compared with the previous month", "2020-11-15", "2020-10-01 2020-10-31", NULL, "the previous month", REL, REP, "2020-09-01", "2020-09-30" },
	{ "par rapport au mois pr\xc3\xa9" "c\xc3\xa9" "dent", "2020-11-15", "2020-10-01 2020-10-31", NULL, "au mois pr\xc3\xa9" "c\xc3\xa9" "dent", REL, REP, "2020-09-01", "2020-09-30" },
	{ "la semaine pr\xc3\xa9" "c\xc3\xa9" "dente", MON, "2021-08-02 2021-08-08", NULL, "la semaine pr\xc3\xa9" "c\xc3\xa9" "dente", REL, REP, "2021-07-26", "2021-08-01" },
	{ "le semestre pr\xc3\xa9" "c\xc3\xa9" "dent", MON, "2021-01-01 2021-06-30", NULL, "le semestre pr\xc3\xa9" "c\xc3\xa9" "dent", REL, REP, "2020-07-01", "2020-12-31" },
	{ "a rise on the previous quarter", MON, NULL, NULL, "the previous quarter", REL, PREV, "*", "*" }, /* left to the figure's period */
	{ "during the reporting period", MON, Q2, NULL, "the reporting period", REL, REP, "2021-04-01", "2021-06-30" },
	{ "durant la p\xc3\xa9riode consid\xc3\xa9r\xc3\xa9" "e", MON, Q2, NULL, "la p\xc3\xa9riode consid\xc3\xa9r\xc3\xa9" "e", REL, REP, "2021-04-01", "2021-06-30" },
	{ "le mois sous revue", "2020-11-15", "2020-10-01 2020-10-31", NULL, "le mois sous revue", REL, REP, "2020-10-01", "2020-10-31" },
	{ "the previous year", "2021-03-01", Y20, NULL, "the previous year", REL, REP, "2019-01-01", "2019-12-31" },
	{ "l'ann\xc3\xa9" "e pr\xc3\xa9" "c\xc3\xa9" "dente", "2021-03-01", Y20, NULL, "l'ann\xc3\xa9" "e pr\xc3\xa9" "c\xc3\xa9" "dente", REL, REP, "2019-01-01", "2019-12-31" },
	{ "in March", "2021-06-30", Y20, NULL, "March", DATE, REP, "2020-03-01", "2020-03-31" }, /* the year reported on */
	{ "en mai", "2021-06-30", Y20, NULL, "mai", DATE, REP, "2020-05-01", "2020-05-31" },
	{ "In the previous quarter, 356 people were abducted.", MON, Q2, NULL, "the previous quarter", REL, REP, "2021-01-01", "2021-03-31" },
	{ "en six mois", "2021-06-30", "2021-01-01 2021-06-30", NULL, "en six mois", BACK, REP, "2021-01-01", "2021-06-30" }, /* as long as the period reported on */
	{ "over the past two weeks", MON, Q2, NULL, "past two weeks", BACK, PUB, "2021-07-26", MON }, /* not as long: from the publication */
	{ "compared with the same period last year", MON, Q2, NULL, "the same period last year", REL, PREV, "*", "*" },
	/* relative to the previous expression */
	{ "During the same period, 35 people were abducted.", MON, NULL, "2021-07-03", "the same period", REL, PREV, "2021-07-03", "2021-07-03" },
	{ "Au cours de la m\xc3\xaame p\xc3\xa9riode, 35 personnes ont \xc3\xa9t\xc3\xa9 enlev\xc3\xa9" "es.", MON, NULL, "2021-07-03", "la m\xc3\xaame p\xc3\xa9riode", REL, PREV, "2021-07-03", "2021-07-03" },
	{ "the day before", MON, NULL, "2015-04-11", "the day before", REL, PREV, "2015-04-10", "2015-04-10" },
	{ "two days later", MON, NULL, "2021-07-03", "two days later", REL, PREV, "2021-07-05", "2021-07-05" },
	{ "la veille", MON, NULL, "2021-07-03", "la veille", REL, PREV, "2021-07-02", "2021-07-02" },
	{ "le lendemain", MON, NULL, "2021-07-03", "le lendemain", REL, PREV, "2021-07-04", "2021-07-04" },
	{ "trois jours plus tard", MON, NULL, "2021-07-03", "trois jours plus tard", REL, PREV, "2021-07-06", "2021-07-06" },
	{ "depuis lors", MON, NULL, "2021-07-03", "depuis lors", OPEN, PREV, "2021-07-03", MON },
	{ "On 3 July, 12 people were killed; the next day, five more died.", MON, NULL, NULL, "the next day", REL, PREV, "2021-07-04", "2021-07-04" },
	{ "on 3 July and the next day", MON, NULL, NULL, "3 July and the next day", RANGE, PUB, "2021-07-03", "2021-07-04" },
	{ "(from 140 in the third quarter to 97 in the fourth)", MON, NULL, NULL, "fourth", DATE, PREV, "2021-10-01", "2021-12-31" },
	{ "(de 140 au troisi\xc3\xa8me trimestre 2020 \xc3\xa0 97 au quatri\xc3\xa8me)", MON, NULL, NULL, "quatri\xc3\xa8me", DATE, PREV, "2020-10-01", "2020-12-31" },
	{ "in the third quarter, and in the fourth attack", MON, NULL, NULL, "third quarter", DATE, PUB, "2021-07-01", "2021-09-30" }, /* "the fourth attack" is no quarter */
	/* stocks: only the end */
	{ "as of 29 July", MON, NULL, NULL, "as of 29 July", ASOF, NONE, "-", "2021-07-29" },
	{ "412.000 r\xc3\xa9" "fugi\xc3\xa9s \xc3\xa0 ce jour", MON, NULL, NULL, "\xc3\xa0 ce jour", ASOF, PUB, "-", MON },
	{ "killed to date", MON, NULL, NULL, "to date", ASOF, PUB, "-", MON },
	{ "en date du 29 juillet", MON, NULL, NULL, "en date du 29 juillet", ASOF, NONE, "-", "2021-07-29" },
	{ "by the end of June", MON, NULL, NULL, "by the end of June", ASOF, NONE, "-", "2021-06-30" },
	/* French "au" + a day is an as-of date, not the end of a range */
	{ "Au 31 juillet, le camp comptait 9 000 r\xc3\xa9" "fugi\xc3\xa9s.", MON, NULL, NULL, "Au 31 juillet", ASOF, NONE, "-", "2021-07-31" },
	{ "des personnes enregistr\xc3\xa9" "es au 30 juin 2021", MON, NULL, NULL, "au 30 juin 2021", ASOF, NONE, "-", "2021-06-30" },
	{ "selon les chiffres arr\xc3\xaa" "t\xc3\xa9s au 31 d\xc3\xa9" "cembre", MON, NULL, NULL, "au 31 d\xc3\xa9" "cembre", ASOF, NONE, "-", "2020-12-31" },
	{ "du 3 au 5 juillet", MON, NULL, NULL, "du 3 au 5 juillet", RANGE, PUB, "2021-07-03", "2021-07-05" },
	{ "du d\xc3\xa9" "but de l'ann\xc3\xa9" "e jusqu'au 21 juillet", MON, NULL, NULL, "du d\xc3\xa9" "but de l'ann\xc3\xa9" "e jusqu'au 21 juillet", RANGE, PUB, "2021-01-01", "2021-07-21" },
	{ "au total, 40 personnes", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	/* "the same period" of a stated year: left relative to the figure it is compared with */
	{ "contre 61 sur la m\xc3\xaame p\xc3\xa9riode en 2019", MON, Q2, NULL, "la m\xc3\xaame p\xc3\xa9riode en 2019", REL, PREV, "*", "*" },
	{ "contre 29 au cours des m\xc3\xaames mois de 2020", MON, Q2, NULL, "des m\xc3\xaames mois de 2020", REL, PREV, "*", "*" },
	{ "up from 29 in the same months of 2020", MON, Q2, NULL, "the same months of 2020", REL, PREV, "*", "*" },
	{ "les m\xc3\xaames mesures", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	/* "la semaine" / "the week" in a weekly note: the week reported on */
	{ "Bilan de la semaine : 12 incidents", "2021-08-09", "2021-08-02 2021-08-08", NULL, "la semaine", REL, REP, "2021-08-02", "2021-08-08" },
	{ "Incidents of the week: 12", "2021-08-09", "2021-08-02 2021-08-08", NULL, "the week", REL, REP, "2021-08-02", "2021-08-08" },
	{ "la semaine derni\xc3\xa8re", "2021-08-09", "2021-08-02 2021-08-08", NULL, "la semaine derni\xc3\xa8re", BACK, PUB, "2021-08-02", "2021-08-09" }, /* as without a weekly note */
	{ "over the week", "2021-08-09", "2021-04-01 2021-06-30", NULL, NULL, 0, 0, NULL, NULL }, /* a quarterly note */
	/* T2: the reporting period named by its unit alone ("over the quarter",
	 * "au cours du semestre", "sur la p\xc3\xa9riode"), when the unit fits it;
	 * not a unit qualified after it, nor one of another length */
	{ "Gunmen killed 85 herders over the quarter.", "2022-04-20", "2022-01-01 2022-03-31", NULL, "the quarter", REL, REP, "2022-01-01", "2022-03-31" },
	{ "During the month, 14 schools were attacked.", "2022-04-20", "2022-03-01 2022-03-31", NULL, "the month", REL, REP, "2022-03-01", "2022-03-31" },
	{ "Across the period, 230 people were detained.", "2022-04-20", "2022-01-01 2022-03-31", NULL, "the period", REL, REP, "2022-01-01", "2022-03-31" },
	{ "Au cours du semestre, 75 attaques ont vis\xc3\xa9 des \xc3\xa9" "coles.", "2022-07-20", "2022-01-01 2022-06-30", NULL, "du semestre", REL, REP, "2022-01-01", "2022-06-30" },
	{ "On a compt\xc3\xa9 40 enl\xc3\xa8vements pendant le trimestre.", "2022-04-20", "2022-01-01 2022-03-31", NULL, "le trimestre", REL, REP, "2022-01-01", "2022-03-31" },
	{ "Sur la p\xc3\xa9riode, 230 personnes ont \xc3\xa9t\xc3\xa9 arr\xc3\xaat\xc3\xa9" "es.", "2022-04-20", "2022-01-01 2022-03-31", NULL, "la p\xc3\xa9riode", REL, REP, "2022-01-01", "2022-03-31" },
	{ "au cours du mois", "2022-04-20", "2022-03-01 2022-03-31", NULL, "du mois", REL, REP, "2022-03-01", "2022-03-31" },
	{ "Gunmen killed 85 herders over the quarter.", "2022-04-20", NULL, NULL, NULL, 0, 0, NULL, NULL }, /* no reporting period known */
	{ "Gunmen killed 85 herders over the quarter.", "2022-04-20", "2022-03-01 2022-03-31", NULL, NULL, 0, 0, NULL, NULL }, /* a monthly note */
	{ "au cours du semestre", "2022-04-20", "2022-01-01 2022-03-31", NULL, NULL, 0, 0, NULL, NULL }, /* a quarterly note */
	{ "pendant la p\xc3\xa9riode \xc3\xa9lectorale", "2022-04-20", "2022-01-01 2022-03-31", NULL, NULL, 0, 0, NULL, NULL },
	{ "in the month of Ramadan", "2022-04-20", "2022-03-01 2022-03-31", NULL, NULL, 0, 0, NULL, NULL },
	{ "the period of the rains", "2022-04-20", "2022-01-01 2022-03-31", NULL, NULL, 0, 0, NULL, NULL },
	{ "the quarter ended with new clashes", "2022-04-20", "2022-01-01 2022-03-31", NULL, NULL, 0, 0, NULL, NULL },
	/* "sept" followed by a noun is seven, not September */
	{ "Trois civils ont \xc3\xa9" "t\xc3\xa9 tu\xc3\xa9s et sept autres bless\xc3\xa9s.", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "sept personnes ont disparu", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "the attacks of 14 Sept 2020", MON, NULL, NULL, "14 Sept 2020", DATE, NONE, "2020-09-14", "2020-09-14" },
	{ "in Sept and October", MON, NULL, NULL, "Sept and October", RANGE, PUB, "2020-09-01", "2020-10-31" }, /* after the release: the year before */
	{ "earlier this year", MON, NULL, NULL, "earlier this year", OPEN, PUB, "2021-01-01", MON },
	/* vague: recognised, resolved to nothing */
	{ "after the earlier kidnapping of two pupils", MON, NULL, NULL, "earlier", VAGUE, PUB, NULL, NULL },
	{ "12 people were killed earlier in March", MON, NULL, NULL, "March", DATE, PUB, "2021-03-01", "2021-03-31" },
	{ "12 personnes ont \xc3\xa9t\xc3\xa9 tu\xc3\xa9" "es auparavant en mars", MON, NULL, NULL, "mars", DATE, PUB, "2021-03-01", "2021-03-31" },
	{ "in the past days", MON, NULL, NULL, "past days", VAGUE, PUB, NULL, NULL },
	{ "r\xc3\xa9" "cemment", MON, NULL, NULL, "r\xc3\xa9" "cemment", VAGUE, PUB, NULL, NULL },
	{ "in recent days", MON, NULL, NULL, "recent days", VAGUE, PUB, NULL, NULL },
	{ "over the past few days", MON, NULL, NULL, "past few days", VAGUE, PUB, NULL, NULL },
	{ "ces derniers jours", MON, NULL, NULL, "ces derniers jours", VAGUE, PUB, NULL, NULL },
	{ "une hausse de 50 % en un an", MON, NULL, NULL, "en un an", REL, PREV, "*", "*" }, /* the span of a change */
	/* no expression at all */
	{ "The mission has 15,000 troops.", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "Every Friday, the market opens.", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "The council meets next Monday.", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "the day before", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },             /* no previous date */
	{ "during the reporting period", MON, NULL, NULL, NULL, 0, 0, NULL, NULL }, /* none known */
	{ "an 11-day visit and a 10-year plan", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "at 10 a.m. on the road", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "call +41 22 917 9220", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "see A/HRC/48/2019", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "the early warning system", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "tous les vendredis", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "lundi prochain", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "la veille", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },                  /* no previous date */
	{ "pendant 10 jours", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "\xc3\xa2" "g\xc3\xa9 de 12 ans", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "pour mettre fin aux violences", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "la r\xc3\xa9solution 2480", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
	{ "le mois sous revue", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },        /* none known */
	{ "des centaines de personnes", MON, NULL, NULL, NULL, 0, 0, NULL, NULL },
};

static void
parse(const char *s, struct date_ymd *d)
{
	assert_int_equal(date_parse_ymd(s, d), 0);
}

/* Whether row r reads as it says; why not in msg. */
static int
prow_ok(const struct prow *r, char *msg, size_t size)
{
	struct period_context ctx;
	struct period_mention pm[16];
	struct text t, tp;
	char a[16] = "-", b[16] = "-", rs[16];
	size_t n, k;
	int ok = 0;

	memset(&ctx, 0, sizeof(ctx));
	parse(r->pub, &ctx.release);
	if (r->report != NULL) {
		memcpy(rs, r->report, 10);
		rs[10] = '\0';
		parse(rs, &ctx.rs);
		parse(r->report + 11, &ctx.re);
		ctx.has_report = 1;
	}
	if (r->prev != NULL) {
		parse(r->prev, &ctx.prev_s);
		ctx.prev_e = ctx.prev_s;
		ctx.has_prev = 1;
	}
	assert_int_equal(text_fold(r->in, strlen(r->in), 0, &t), 0);
	n = period_scan_ctx(t.f, t.len, 0, t.len, &ctx, pm, 16);
	if (r->phrase == NULL) {
		snprintf(msg, size, "\"%s\": %zu expressions, want none; first [%.*s]", r->in, n,
		    n ? (int)(pm[0].end - pm[0].start) : 0, n ? t.f + pm[0].start : "");
		text_free(&t);
		return n == 0;
	}
	assert_int_equal(text_fold(r->phrase, strlen(r->phrase), 0, &tp), 0);
	for (k = 0; k < n; k++)
		if (pm[k].end - pm[k].start == tp.len && memcmp(t.f + pm[k].start, tp.f, tp.len) == 0)
			break;
	if (k < n) {
		const struct period_mention *m = &pm[k];

		if (m->kind != PERIOD_ABSOLUTE)
			strcpy(a, "*"), strcpy(b, "*");
		else if (m->type != PERIOD_T_VAGUE) {
			date_format_ymd(m->pe, b);
			if (!m->open)
				date_format_ymd(m->ps, a);
		}
		ok = m->type == r->type && m->anchor == r->anchor &&
		    (r->ps == NULL ? m->type == PERIOD_T_VAGUE : strcmp(a, r->ps) == 0 && strcmp(b, r->pe) == 0);
		snprintf(msg, size, "\"%s\": [%s] %s %s %s..%s", r->in, r->phrase, period_type_name(m->type),
		    period_anchor_name(m->anchor), a, b);
	} else {
		snprintf(msg, size, "\"%s\": no [%s] among %zu; first [%.*s]", r->in, r->phrase, n,
		    n ? (int)(pm[0].end - pm[0].start) : 0, n ? t.f + pm[0].start : "");
	}
	text_free(&tp);
	text_free(&t);
	return ok;
}

static void
test_period_rows(void **state)
{
	char msg[512];
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(prows) / sizeof(prows[0]); i++)
		if (!prow_ok(&prows[i], msg, sizeof(msg))) {
			print_message("row %zu: %s\n", i, msg);
			bad++;
		}
	assert_int_equal(bad, 0);
}

/* The release date a text's dateline gives. */
static void
test_dateline(void **state)
{
	static const struct {
		const char *in;
		const char *date; /* NULL: none */
		const char *span; /* the date as written */
	} rows[] = {
		{ "Title\n\nBAMAKO (6 August 2021) \xe2\x80\x93 Violence is spreading.", "2021-08-06", "6 August 2021" },
		{ "Title\n\nGENEVA (14 March 2024) - The expert said.", "2024-03-14", "14 March 2024" },
		{ "Title\n\nNEW YORK, 2 May 2023\n\nThe Secretary-General said.", "2023-05-02", "2 May 2023" },
		{ "Title\nNew York, 2 May 2023 \xe2\x80\x94 The Council met.", "2023-05-02", "2 May 2023" },
		{ "DAKAR, Senegal, 3 March 2020 - The office said.", "2020-03-03", "3 March 2020" },
		{ "Titre\n\nGen\xc3\xa8ve, le 9 f\xc3\xa9vrier 2025 \xe2\x80\x93 Le rapporteur a dit.", "2025-02-09", "9 f\xc3\xa9vrier 2025" },
		{ "Titre\n\n17 mars 2016 \xe2\x80\x93 L'Unicef a indiqu\xc3\xa9 jeudi.", "2016-03-17", "17 mars 2016" },
		{ "Titre\n\nOUAGADOUGOU (15 novembre 2023) - La mission a publi\xc3\xa9 sa note.", "2023-11-15", "15 novembre 2023" },
		{ "Titre\n\n\xc3\x89VIAN, le 1er mars 2022 \xe2\x80\x93 La r\xc3\xa9union.", "2022-03-01", "1er mars 2022" },
		{ "Title\n\n\xc5\x81\xc3\x93" "D\xc5\xb9" ", 4 June 2022 - The rapporteur met.", "2022-06-04", "4 June 2022" }, /* a capital past Latin-1 */
		{ "Title\n\n\xc3\xa9" "vian, le 1er mars 2022 \xe2\x80\x93 la r\xc3\xa9union.", NULL, NULL }, /* no capital */
		{ "Title\n\nOn 3 May 2021 - armed men attacked the village.", NULL, NULL },   /* a sentence */
		{ "Niger : 64 \xc3\xa9" "coles ferm\xc3\xa9" "es en 2018\n\nLe rapport.", NULL, NULL },      /* a title's year */
		{ "Title\n\nBAMAKO (6 August) - No year is written.", NULL, NULL },
		{ "Title\n\nthe mission said on 6 August 2021 - that", NULL, NULL },            /* no place */
		{ "Title\n\nGENEVA (6 August 2021) the text goes on", NULL, NULL },             /* no dash */
		{ "Titre\n\nle 3 octobre 2020, des hommes arm\xc3\xa9s ont attaqu\xc3\xa9.", NULL, NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct date_ymd d;
		size_t s, e;
		char day[16];
		int rc = dateline_find(rows[i].in, strlen(rows[i].in), &d, &s, &e);

		if (rows[i].date == NULL ? rc == 0 : rc != 0 || strcmp(date_format_ymd(d, day), rows[i].date) != 0 ||
		    e - s != strlen(rows[i].span) || memcmp(rows[i].in + s, rows[i].span, e - s) != 0)
			fail_msg("row %zu: \"%s\": rc %d, %s [%.*s]", i, rows[i].in, rc, rc == 0 ? date_format_ymd(d, day) : "-",
			    rc == 0 ? (int)(e - s) : 0, rc == 0 ? rows[i].in + s : "");
	}
}

static int
same_day(struct date_ymd a, struct date_ymd b)
{
	return a.y == b.y && a.m == b.m && a.d == b.d;
}

/* Whether two scans of the same text found the same expressions. */
static int
same_mentions(const struct period_mention *a, size_t na, const struct period_mention *b, size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t k = 0; k < na; k++)
		if (a[k].start != b[k].start || !same_day(a[k].ps, b[k].ps) || !same_day(a[k].pe, b[k].pe) || a[k].end != b[k].end || a[k].kind != b[k].kind ||
		    a[k].shift != b[k].shift || a[k].ref != b[k].ref || a[k].open != b[k].open ||
		    a[k].type != b[k].type || a[k].anchor != b[k].anchor || a[k].grain != b[k].grain)
			return 0;
	return 1;
}

/* The hashed words (period_words) find what the word lists find: every
 * row's text, and a text made of every trigger, month and number word
 * each before a unit, a date and a gate's next word, read with and
 * without a previous expression (which "two days later" needs). */
static void
test_period_words(void **state)
{
	static const char *const extra[] = {
		"two days later, three weeks after that, deux jours plus tard, on 3 May, the same period",
		"twice the number since last year; le premier trimestre, les six premiers mois, mi-juin",
		"trente jours apres, thrice, double, a hundred, the 2010s, Q3 2024, H1 2023, t2 2022",
		"Jan. 2020, sept 2019, sep 2019, aout dernier, mardi 4 mai, cet apres midi, aujourd hui",
	};
	/* the trigger words of period_trig.c, as a reader would list them */
	static const char *const trig[] = {
		"a", "as", "at", "au", "aujourd", "auparavant", "avant", "beginning", "between", "by", "ce",
		"ces", "cet", "cette", "d", "de", "debut", "depuis", "dernier", "derniere", "des", "deuxieme",
		"dimanche", "du", "durant", "during", "earlier", "early", "en", "end", "entre", "fin", "final",
		"first", "fourth", "friday", "from", "h1", "h2", "hier", "jeudi", "l", "la", "last", "late",
		"le", "les", "lundi", "mardi", "mercredi", "mi", "mid", "middle", "monday", "on", "over", "past",
		"pendant", "plus", "precedemment", "premier", "premiere", "previously", "q1", "q2", "q3", "q4",
		"quatrieme", "recemment", "recent", "s1", "s2", "samedi", "saturday", "second", "seconde",
		"since", "so", "sunday", "t1", "t2", "t3", "t4", "that", "the", "third", "this", "thursday",
		"to", "today", "tonight", "troisieme", "tuesday", "until", "vendredi", "wednesday", "within",
		"year", "yesterday",
	};
	static const char *const after[] = {
		" days later", " 12 May 2021", " the last week", " mois", " janvier 2020", " trois derniers mois",
		" twenty days", "-juin", ""
	};
	struct period_words *pw = period_words_new();
	struct period_mention a[64], b[64];
	struct period_context ctx;
	char *s = malloc(262144);
	size_t n = 0;

	(void)state;
	assert_non_null(pw);
	assert_non_null(s);
	for (size_t r = 0; r < sizeof(prows) / sizeof(prows[0]) + sizeof(extra) / sizeof(extra[0]); r++) {
		const char *in = r < sizeof(prows) / sizeof(prows[0]) ? prows[r].in :
		    extra[r - sizeof(prows) / sizeof(prows[0])];
		struct text t;

		assert_int_equal(text_fold(in, strlen(in), 0, &t), 0);
		for (int prev = 0; prev < 2; prev++) {
			size_t na, nb;

			memset(&ctx, 0, sizeof(ctx));
			ctx.release = (struct date_ymd){ 2021, 8, 9 };
			ctx.has_prev = prev;
			ctx.prev_s = ctx.prev_e = (struct date_ymd){ 2021, 7, 1 };
			na = period_scan_ctx(t.f, t.len, 0, t.len, &ctx, a, 64);
			ctx.words = pw;
			nb = period_scan_ctx(t.f, t.len, 0, t.len, &ctx, b, 64);
			if (!same_mentions(a, na, b, nb))
				fail_msg("\"%s\" (previous %d): %zu expressions from the lists, %zu from the hash",
				    in, prev, na, nb);
		}
		text_free(&t);
	}
	/* every word of the lists, each followed by each of after[] */
	for (size_t k = 0; k < 400 + sizeof(trig) / sizeof(trig[0]); k++) {
		const char *w = k < 100 ? number_month_name(k) : k < 250 ? number_word_name(0, k - 100) :
		    k < 400 ? number_word_name(1, k - 250) : trig[k - 400];

		for (size_t x = 0; w != NULL && x < sizeof(after) / sizeof(after[0]) && n + 64 < 262144; x++)
			n += (size_t)snprintf(s + n, 262144 - n, "%s%s, ", w, after[x]);
	}
	{
		struct text t;
		struct period_mention *c = malloc(4096 * sizeof(*c)), *d = malloc(4096 * sizeof(*d));
		size_t nc, nd;

		assert_non_null(c);
		assert_non_null(d);
		assert_int_equal(text_fold(s, n, 0, &t), 0);
		memset(&ctx, 0, sizeof(ctx));
		ctx.release = (struct date_ymd){ 2021, 8, 9 };
		ctx.has_prev = 1;
		ctx.prev_s = ctx.prev_e = (struct date_ymd){ 2021, 7, 1 };
		nc = period_scan_ctx(t.f, t.len, 0, t.len, &ctx, c, 4096);
		ctx.words = pw;
		nd = period_scan_ctx(t.f, t.len, 0, t.len, &ctx, d, 4096);
		assert_true(nc > 100); /* the text does hold expressions */
		assert_true(same_mentions(c, nc, d, nd));
		text_free(&t);
		free(c);
		free(d);
	}
	free(s);
	period_words_free(pw);
}

/* period_reporting_cue over folded sentences written for the test: the
 * cue it finds (NULL: none) when the range is the sentence from lo, less
 * cut bytes at its end. */
static const struct {
	const char *in;
	size_t lo, cut;
	const char *cue;
} cues[] = {
	/* a cue in the middle, and the longest of those starting there */
	{ "the update covering the period from 2 to 9 may", 0, 0, "covering the period" },
	{ "it covers the months of may and june", 0, 0, "covers" },
	/* at the range's first and last bytes */
	{ "couvrant la periode de juin", 0, 0, "couvrant la periode" },
	{ "ce bilan couvre", 0, 0, "couvre" },
	{ "xx periode couverte: juin", 3, 0, "periode couverte" },
	/* the stem inside a longer word, or not a cue's word */
	{ "a recovery plan for the period", 0, 0, NULL },
	{ "periodic reviews of the camps", 0, 0, NULL },
	/* the range cuts the cue, or starts past it */
	{ "during the reporting period", 0, 1, NULL },
	{ "covering them all", 2, 0, NULL },
	{ "", 0, 0, NULL },
};

static void
test_reporting_cue(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof(cues) / sizeof(cues[0]); r++) {
		const char *in = cues[r].in;
		size_t want = 0;

		if (cues[r].cue != NULL)
			want = (size_t)(strstr(in, cues[r].cue) - in) + strlen(cues[r].cue);
		if (period_reporting_cue(in, cues[r].lo, strlen(in) - cues[r].cut) != want)
			fail_msg("row %zu (%s): want %zu", r, in, want);
	}
}

/* Hostile text stays linear: long runs of trigger words and digits. */
static void
test_period_hostile(void **state)
{
	static const char *const units[] = { "the ", "since ", "2016-", "last ", "de ", "mi-", "les 1 " };
	size_t len = 400000;
	char *s = malloc(len + 1);
	struct period_mention pm[8];
	struct date_ymd rel = { 2021, 8, 9 };

	(void)state;
	assert_non_null(s);
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		size_t ul = strlen(units[u]), i;

		for (i = 0; i + ul <= len; i += ul)
			memcpy(s + i, units[u], ul);
		s[i] = '\0';
		(void)period_scan(s, i, 0, i, rel, pm, 8);
	}
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_rows),
		cmocka_unit_test(test_dateline),
		cmocka_unit_test(test_period_hostile),
		cmocka_unit_test(test_period_words),
		cmocka_unit_test(test_reporting_cue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
