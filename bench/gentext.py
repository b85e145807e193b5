#!/usr/bin/env python3
"""Write about MB megabytes of release-like prose to stdout, the extraction
benchmark's input: usage gentext.py [MB] [en|fr|mix] (default 5, mix).

Releases of a title, a dateline and a dozen paragraphs drawn from the
templates below (written for this project in the style of UN human-rights
releases), with their places, figures, months and years varied by a seeded
generator, so the text is not one paragraph over and over. Its shape
follows real releases: about a number every 100 bytes, sentences of 150 to
400 bytes, paragraphs of 250 to 400, background sentences with no figure,
quotes, contact lines, document numbers; French with its accents (about 7 %
of its bytes are not ASCII), non-breaking spaces and guillemets. `mix`
alternates English and French releases.
"""
import random
import sys

mb = float(sys.argv[1]) if len(sys.argv) > 1 else 5
lang = sys.argv[2] if len(sys.argv) > 2 else "mix"
rnd = random.Random(20210806)

EN_PLACES = ["Mopti", "Gao", "Ménaka", "Ségou", "Kidal", "Timbuktu", "Bandiagara", "Tillabéri", "Ituri",
             "North Kivu", "Ouham", "Darfur", "Jonglei"]
EN_COUNTRIES = ["Mali", "Burkina Faso", "Niger", "Chad", "the Central African Republic", "South Sudan", "Sudan",
                "the Democratic Republic of the Congo"]
FR_COUNTRIES = ["au Mali", "au Burkina Faso", "au Niger", "au Tchad", "en République centrafricaine",
                "au Soudan du Sud", "en République démocratique du Congo"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]

EN = [
    "The mission documented at least {n1} extrajudicial, summary or arbitrary executions between {d1} {m1} and "
    "{d2} {m2} {y}, and {n2} cases of abuses by armed groups in the first {k} months of this year, "
    "{p} percent of the number reported in all of {y0}.",
    "In the first six months of this year, the division recorded {n1} abductions, {t} times as many as in "
    "all of {y0}. More than {big} people fled their homes in the {pl} region.",
    "The independent expert said at the end of a {k}-day visit that violence was spreading across the centre "
    "of the country, where armed groups now control several roads and markets.",
    "\u201cWe are deeply concerned by the persistence of attacks against civilians,\u201d the spokesperson "
    "said, adding that perpetrators must be held to account and that victims have a right to reparation.",
    "For media enquiries please contact the office on +41 22 917 {ph}. The Council will consider resolution "
    "{res} ({y}) at its {k}th session in {m1} {y}.",
    "According to the report (A/HRC/{k}/{res}), at least {n1} civilians were killed and {n2} others injured "
    "in {pl} during the third quarter, an increase of {p} percent compared with the second quarter.",
    "Some {big} people remain internally displaced in {c}, and about {n2} refugees have crossed into the "
    "neighbouring countries since January.",
    "On {d1} {m1}, gunmen attacked a village near {pl}, killing {n1} people, including {s} women and {s2} "
    "children, and burning granaries and livestock.",
    "The human rights division also recorded {n2} cases of arbitrary detention and {s} enforced "
    "disappearances over the past two weeks, most of them in the {pl} region.",
    "Humanitarian access remains severely constrained: convoys are attacked, roads are mined, and health "
    "centres in several districts have closed for lack of staff and supplies.",
    "The United Nations calls on the authorities to open prompt, thorough and impartial investigations into "
    "these incidents and to ensure that those responsible are brought to justice.",
    "Between {d1} and {d2} {m2}, {n1} incidents of sexual violence were reported, affecting {n2} women and "
    "girls, compared with {s} in the previous month.",
    "The report is based on interviews with victims and witnesses, visits to the affected areas and "
    "information gathered from local authorities, civil society organisations and humanitarian partners.",
    "The expert also met government officials, members of the diplomatic community, representatives of "
    "women's and youth associations, and traditional and religious leaders.",
    "Insecurity has forced many schools to close, leaving children without education and exposing them to "
    "recruitment by armed groups, child marriage and other forms of exploitation.",
    "Those who spoke to the team described a climate of fear, in which families hesitate to report abuses "
    "and community leaders are threatened for cooperating with the authorities.",
    "She urged all parties to respect international humanitarian law and to take every feasible precaution "
    "to spare civilians and civilian objects, including markets, wells and places of worship.",
    "The transitional authorities have announced a national strategy on the protection of civilians, but "
    "its implementation has been slow and its funding remains uncertain.",
]
FR = [
    "La division des droits de l\u2019homme a documenté au moins {n1} exécutions extrajudiciaires, sommaires "
    "ou arbitraires entre le {d1} {m1} et le {d2} {m2} {y}, ainsi que {n2} atteintes commises par des groupes "
    "armés au cours des {k} premiers mois de l\u2019année, soit {p} % du nombre relevé pendant toute "
    "l\u2019année {y0}.",
    "Au premier semestre, la mission a recensé {n1} enlèvements, {t} fois plus que durant toute l\u2019année "
    "{y0}. Plus de {bigfr} personnes ont fui leurs foyers dans la région de {pl}.",
    "L\u2019experte indépendante a déclaré à l\u2019issue d\u2019une visite de {k} jours que la violence "
    "s\u2019étendait au centre du pays, où des groupes armés contrôlent désormais plusieurs routes et marchés.",
    "\u00ab\u00a0Nous sommes profondément préoccupés par la persistance des attaques contre les "
    "civils\u00a0\u00bb, a déclaré le porte-parole, ajoutant que les auteurs doivent répondre de leurs actes.",
    "Pour toute demande des médias, veuillez contacter le bureau au +41 22 917 {ph}. Le Conseil examinera la "
    "résolution {res} ({y}) lors de sa {k}e session en {m1} {y}.",
    "Selon le rapport, au moins {n1} civils ont été tués et {n2} autres blessés dans la région de {pl} au "
    "cours du troisième trimestre, une hausse de {p} % par rapport au trimestre précédent.",
    "Quelque {bigfr} personnes demeurent déplacées à l\u2019intérieur du pays {cf}, et environ {n2} réfugiés "
    "ont franchi la frontière depuis janvier.",
    "Le {d1} {m1}, des hommes armés ont attaqué un village près de {pl}, tuant {n1} personnes, dont {s} "
    "femmes et {s2} enfants, et incendiant des greniers et du bétail.",
    "La division a également enregistré {n2} cas de détention arbitraire et {s} disparitions forcées au "
    "cours des deux dernières semaines, pour la plupart dans la région de {pl}.",
    "L\u2019accès humanitaire reste très limité\u00a0: des convois sont attaqués, des routes sont minées et "
    "des centres de santé ont fermé faute de personnel et de médicaments.",
    "Les Nations Unies appellent les autorités à ouvrir des enquêtes rapides, approfondies et impartiales sur "
    "ces incidents et à veiller à ce que les responsables soient traduits en justice.",
    "Entre le {d1} et le {d2} {m2}, {n1} cas de violences sexuelles ont été signalés, touchant {n2} femmes et "
    "filles, contre {s} le mois précédent.",
    "Le rapport s\u2019appuie sur des entretiens avec des victimes et des témoins, des visites dans les zones "
    "touchées et des informations recueillies auprès des autorités locales et des partenaires humanitaires.",
    "L\u2019experte a également rencontré des responsables gouvernementaux, des membres du corps "
    "diplomatique, des associations de femmes et de jeunes, ainsi que des chefs traditionnels et religieux.",
    "L\u2019insécurité a entraîné la fermeture de nombreuses écoles, privant les enfants d\u2019éducation et les "
    "exposant au recrutement par des groupes armés, au mariage précoce et à d\u2019autres formes "
    "d\u2019exploitation.",
    "Les personnes rencontrées ont décrit un climat de peur, dans lequel les familles hésitent à signaler "
    "les violations et où les chefs communautaires sont menacés pour avoir coopéré avec les autorités.",
    "Elle a exhorté toutes les parties à respecter le droit international humanitaire et à prendre toutes "
    "les précautions possibles pour épargner les civils et les biens civils, y compris les marchés et les puits.",
    "Les autorités de transition ont annoncé une stratégie nationale de protection des civils, mais sa mise "
    "en œuvre reste lente et son financement incertain.",
]


def fill(t, fr):
    months = FR_MONTHS if fr else EN_MONTHS
    big = rnd.randrange(1000, 400000)
    return t.format(
        n1=rnd.randrange(3, 900), n2=rnd.randrange(3, 900), s=rnd.randrange(2, 40), s2=rnd.randrange(2, 40),
        k=rnd.randrange(2, 12), p=rnd.randrange(5, 95), t=rnd.choice(["two", "three", "five"] if not fr else
                                                                     ["deux", "trois", "cinq"]),
        d1=rnd.randrange(1, 28), d2=rnd.randrange(1, 28), m1=rnd.choice(months), m2=rnd.choice(months),
        y=rnd.randrange(2015, 2025), y0=rnd.randrange(2014, 2024), big="{:,}".format(big),
        bigfr="{:,}".format(big).replace(",", "\u00a0"), pl=rnd.choice(EN_PLACES),
        c=rnd.choice(EN_COUNTRIES), cf=rnd.choice(FR_COUNTRIES), ph=rnd.randrange(1000, 9999),
        res=rnd.randrange(1000, 2700))


def release(fr):
    place = rnd.choice(["BAMAKO", "GENEVA", "NIAMEY", "BANGUI", "JUBA", "N\u2019DJAMENA"])
    day = "%d %s %d" % (rnd.randrange(1, 28), rnd.choice(FR_MONTHS if fr else EN_MONTHS), rnd.randrange(2015, 2025))
    title = ("Mali : la violence s\u2019étend au centre du pays, selon une experte de l\u2019ONU" if fr else
             "Mali: UN expert alarmed by spreading violence in the centre of the country")
    paras = [" ".join(fill(rnd.choice(FR if fr else EN), fr) for _ in range(rnd.choice((1, 2, 2, 3))))
             for _ in range(rnd.randrange(6, 12))]
    paras[0] = "%s (%s) \u2013 %s" % (place, day, paras[0])
    return title + "\n\n" + "\n\n".join(paras) + "\n\n"


target = int(mb * 1024 * 1024)
written = 0
i = 0
out = sys.stdout.buffer
while written < target:
    r = release(lang == "fr" or (lang == "mix" and i % 2 == 1)).encode()
    out.write(r)
    written += len(r)
    i += 1
