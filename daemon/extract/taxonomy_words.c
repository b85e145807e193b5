/*
 * taxonomy_words — the built-in vocabulary the taxonomy is built from
 * (taxonomy.c): each indicator's terms, the words for people, the generic
 * nouns and the kind they default to, countries and regions with their
 * adjectives, capitals and places, in English and French.
 *
 * Written with accents and capitals as a reader would, '|'-separated; they
 * are folded when the taxonomy is built.
 */
#include <stddef.h>

#include "taxonomy_int.h"

const struct taxonomy_builtin taxonomy_indicators[] = {
	{ "killed",
	  "killed|killing|killings|death|deaths|dead|died|lost their lives|lost his life|"
	  "lost her life|lost their life|fatalities|fatality|murdered|murder|murders|"
	  "shot dead|shot and killed|massacred|slain|bodies|"
	  "tué|tuée|tués|tuées|mort|morts|décès|décédé|ont perdu la vie|perdu la vie|"
	  "trouvé la mort|tuerie|homicide|homicides|meurtre|meurtres|assassiné|massacré|tuant|"
	  "cost the lives of|claimed the lives of|coûté la vie à|coûté la vie aux" },
	{ "extrajudicial_executions",
	  "extrajudicial, summary or arbitrary executions|extrajudicial, summary and arbitrary executions|"
	  "summary, arbitrary or extrajudicial executions|"
	  "extrajudicial executions|extra-judicial executions|extrajudicial killings|"
	  "extra-judicial killings|summary executions|arbitrary executions|executions|execution|"
	  "executed|summarily executed|"
	  "exécutions extrajudiciaires, sommaires ou arbitraires|exécutions sommaires|"
	  "exécutions extrajudiciaires|exécution sommaire|exécutions arbitraires|exécutés|exécuté|"
	  "exécutées|exécution extrajudiciaire|exécutions sommaires et extrajudiciaires" },
	{ "abductions",
	  "abductions|abduction|abducted|kidnappings|kidnapping|kidnapped|hostages|hostage|"
	  "taken hostage|hostage-taking|abductees|"
	  "enlèvements|enlèvement|enlevés|enlevé|enlevées|otages|otage|pris en otage|"
	  "kidnappés|kidnappé|kidnappings|rapts|rapt|taken away by|carried off by|"
	  "emmenés par|emmenées par|emmené par|emmenée par" },
	{ "sexual_violence",
	  "rapes|rape|raped|gang rapes|gang-rapes|gang rape|gang-raped|sexual violence|"
	  "conflict-related sexual violence|sexual and gender-based violence|"
	  "subjected to sexual violence|subjected to conflict-related sexual violence|"
	  "sexual assault|sexual assaults|sexually assaulted|"
	  "viols|viol|violées|violée|violences sexuelles|violence sexuelle|"
	  "violences sexuelles liées aux conflits|agressions sexuelles|victimes de violences sexuelles|"
	  "sexual exploitation|sexual slavery|sexual exploitation and abuse|exploitation sexuelle|"
	  "esclavage sexuel|esclavage sexuels|exploitation et esclavage sexuels|"
	  "exploitation et d'esclavage sexuels|exploitation et abus sexuels|survivors of rape|"
	  "survivors of sexual violence|survécu à des viols|survécu à un viol|"
	  "survivantes de viol|survivantes de viols|survivantes de violences sexuelles" },
	{ "arbitrary_detentions",
	  "arbitrary arrests|arbitrary arrest|arbitrary detentions|arbitrary detention|"
	  "arbitrary arrests and detentions|arbitrarily arrested|arbitrarily detained|"
	  "arrested|detained|arrests|detentions|arrests and detentions|"
	  "arrestations arbitraires|arrestation arbitraire|détentions arbitraires|"
	  "détention arbitraire|arrestations et détentions arbitraires|arrêtés|arrêtées|"
	  "arrêté|détenu|détenus|détenues|arbitrairement arrêtés|arbitrairement détenus|arrestations|"
	  "detention of|arrest of|détention de|arrestation de|interpellés|interpellées" },
	{ "enforced_disappearances",
	  "enforced disappearances|enforced disappearance|forcibly disappeared|disappeared|"
	  "disappearances|disparitions forcées|disparition forcée|disparus|disparues|"
	  "portés disparus|victimes de disparition forcée|subjected to enforced disappearance|"
	  "subjected to enforced disappearances|soumis à une disparition forcée" },
	{ "injured",
	  "injured|wounded|injuries|injuring|wounding|injury of|"
	  "sustained injuries|suffered injuries|sustained wounds|suffered wounds|"
	  "blessés|blessées|blessé|blessée|blessures|blessant|subi des blessures|souffrent de blessures" },
	{ "displaced",
	  "displaced|internally displaced|internally displaced persons|internally displaced people|displaced persons|"
	  "idps|idp|fled their homes|forced to flee|forced to flee their homes|displacement|"
	  "déplacés|déplacées|déplacés internes|personnes déplacées|personnes déplacées internes|ont fui|ont fui leurs foyers|"
	  "contraints de fuir|fled|from their homes|de leurs foyers|déplacement|"
	  "took refuge|taken refuge|sought refuge|found refuge|taking refuge|"
	  "contraintes de fuir|contraint de fuir|contrainte de fuir|forcés de fuir|forcées de fuir|"
	  "obligés de fuir|obligées de fuir|déplacés à l'intérieur du pays|"
	  "personnes déplacées à l'intérieur du pays|personnes déplacées à l'intérieur de leur pays|"
	  "déplacées à l'intérieur du pays|displaced within the country|"
	  "se sont réfugiés|se sont réfugiées|s'est réfugiée|ont trouvé refuge|trouvé refuge|"
	  "fui|fuient|fuyant|se sont enfuis|se sont enfuies|enfuis|enfuies|quitter leurs foyers|"
	  "quitté leurs foyers|quitter leurs maisons|quitté leurs maisons|quitter leurs villages|"
	  "quitté leurs villages|escaped|fleeing|left their homes|uprooted|forcés de quitter|"
	  "forcées de quitter|contraints de quitter|contraintes de quitter|obligés de quitter|"
	  "obligées de quitter|ont dû quitter|ont dû fuir|forced to leave|had to flee|had to leave|"
	  "déplacent|déplace|displaces|displacing|uproot|uproots|"
	  "sheltering|are sheltering|were sheltering|s'abritent|s'abritaient|se sont abrités|"
	  "se sont abritées|crossed the river|crossed the lake|traversé la rivière|traversé le fleuve|"
	  "traversé le lac" },
	{ "refugees",
	  "refugees|refugee|réfugiés|réfugiées|réfugié|"
	  "fled across the border|fled across the borders|fled across borders|crossed the border|"
	  "crossed the borders|crossed into|crossing into|fled to neighbouring countries|"
	  "fled into neighbouring countries|to neighbouring countries|into neighbouring countries|"
	  "franchi la frontière|franchi les frontières|traversé la frontière|"
	  "traversé les frontières|passé la frontière|vers les pays voisins|dans les pays voisins|"
	  "vers les pays limitrophes|dans les pays limitrophes" },
	{ "attacks",
	  "attacks|attack|attacked|raids|ambushes|ambush|"
	  "attaques|attaque|attaqués|attentats|attentat|embuscades|embuscade" },
	{ "violations",
	  "violations|violation|abuses|abuse|violations and abuses|human rights violations|"
	  "human rights abuses|human rights violations and abuses|violations and abuses of human rights|"
	  "violations des droits de l'homme|violations des droits humains|atteintes|atteinte|"
	  "violations et atteintes|atteintes aux droits de l'homme|abus|"
	  "violations et abus|violations des droits de l'homme et atteintes|affected by violence|"
	  "individually affected by violence|touchés par la violence|victims of violence|"
	  "civilian casualties|victimes civiles|"
	  "victimes de violences|victimes de violence|victimes des violences" },
	{ "torture",
	  "torture|tortured|ill-treatment|ill treatment|ill-treated|"
	  "cruel, inhuman or degrading treatment|torturés|torturé|mauvais traitements|"
	  "actes de torture|traitements cruels, inhumains ou dégradants" },
};
const size_t taxonomy_nindicators = sizeof(taxonomy_indicators) / sizeof(taxonomy_indicators[0]);

const char taxonomy_people[] =
	"civilians|civilian|people|persons|person|individuals|children|child|women|woman|"
	"men|man|girls|girl|boys|boy|soldiers|soldier|troops|peacekeepers|peacekeeper|"
	"fighters|combatants|militants|villagers|residents|inhabitants|protesters|"
	"demonstrators|migrants|students|pupils|teachers|workers|aid workers|humanitarian workers|"
	"journalists|members|others|contractors|police officers|policemen|gendarmes|"
	"detainees|prisoners|farmers|herders|worshippers|minors|"
	"infants|babies|elderly|patients|health workers|staff|personnel|nationals|citizens|"
	"passengers|travellers|employees|traders|relatives|family members|officers|guards|"
	"nurses|nurse|doctors|doctor|drivers|driver|deminers|miners|gold miners|fishermen|"
	"hunters|merchants|shopkeepers|vendors|chiefs|village chiefs|leaders|community leaders|"
	"religious leaders|imams|priests|pastors|officials|mayors|councillors|judges|lawyers|"
	"activists|human rights defenders|defenders|volunteers|youths|young people|young men|"
	"young women|adolescents|teenagers|elders|suspects|hostages|militiamen|recruits|"
	"customs officers|rangers|widows|toddlers|grandmothers|passers-by|bystanders|"
	"civils|civil|personnes|personne|individus|enfants|enfant|femmes|femme|hommes|homme|"
	"filles|fille|garçons|garçon|soldats|soldat|militaires|casques bleus|casque bleu|combattants|"
	"villageois|habitants|manifestants|migrants|élèves|enseignants|"
	"travailleurs|journalistes|membres|autres|policiers|détenus|prisonniers|"
	"agriculteurs|éleveurs|fidèles|mineurs|patients|agents|ressortissants|citoyens|"
	"passagers|voyageurs|employés|commerçants|proches|parents|gardes|officiers|"
	"infirmiers|infirmières|médecins|chauffeurs|démineurs|orpailleurs|pêcheurs|chasseurs|"
	"marchands|vendeurs|chefs|chefs de village|chefs coutumiers|dirigeants|responsables|"
	"imams|prêtres|pasteurs|religieux|élus|maires|conseillers|juges|magistrats|avocats|"
	"militants|défenseurs des droits humains|défenseurs|bénévoles|volontaires|jeunes|"
	"adolescents|notables|suspects|otages|miliciens|recrues|douaniers|soignants|étudiants|"
	"fonctionnaires|gardiens|fillettes|garçonnets|bébés|nourrissons|veuves|vieillards|"
	"personnes âgées|passants";

const struct taxonomy_generic taxonomy_generics[] = {
	{ "cases", "violations" }, { "case", "violations" }, { "cas", "violations" },
	{ "incidents", "attacks" }, { "incident", "attacks" }, { "victims", "violations" },
	{ "victimes", "violations" }, { "victim", "violations" }, { "victime", "violations" }, { "allegations", "violations" }, { "allégations", "violations" },
};
const size_t taxonomy_ngenerics = sizeof(taxonomy_generics) / sizeof(taxonomy_generics[0]);

const struct taxonomy_builtin taxonomy_countries[] = {
	{ "Mali", "Mali|Malian|Malians|malien|malienne|maliens|maliennes|MINUSMA|Bamako|Gao|Ménaka|"
	  "Menaka|Timbuktu|Tombouctou|Mopti|Ségou|Kidal|Bandiagara|Sikasso|Douentza|Koutiala|Kayes|"
	  "Djenné|Niono|Tessit|Ansongo|Bankass|Koro|Ogossagou|Sobane|Moura" },
	{ "Burkina Faso", "Burkina Faso|Burkina|Burkinabe|Burkinabè|burkinabés|Ouagadougou|Djibo|Dori|"
	  "Kaya|Fada N'Gourma|Ouahigouya|Solenzo" },
	{ "Niger", "Niger|Nigerien|Nigeriens|nigérien|nigériens|Niamey|Tillabéri|Tillaberi|Tahoua|Diffa|Agadez" },
	{ "Nigeria", "Nigeria|Nigerian|Nigerians|nigérian|nigérians|Abuja|Borno|Maiduguri|Zamfara|Kaduna|Lagos" },
	{ "Chad", "Chad|Chadian|Chadians|Tchad|tchadien|tchadiens|tchadienne|tchadiennes|N'Djamena" },
	{ "Sudan", "Sudan|Sudanese|Soudan|soudanais|Khartoum|Darfur|Darfour|El Fasher|El Geneina|UNITAMS" },
	{ "South Sudan", "South Sudan|South Sudanese|Soudan du Sud|sud-soudanais|Juba|UNMISS|Jonglei|"
	  "Unity State|Upper Nile|Warrap|Lakes State|Pibor|Malakal|Bentiu" },
	{ "Democratic Republic of the Congo", "Democratic Republic of the Congo|Democratic Republic of Congo|"
	  "DRC|DR Congo|Congolese|RDC|République démocratique du Congo|congolais|congolaise|MONUSCO|"
	  "Kinshasa|Ituri|North Kivu|South Kivu|Nord-Kivu|Sud-Kivu|Beni|Goma|Bunia|Kasai|Kasaï|"
	  "Djugu|Mahagi|Tanganyika|BCNUDH|UNJHRO" },
	{ "Central African Republic", "Central African Republic|Centrafrique|République centrafricaine|"
	  "centrafricain|centrafricaine|centrafricains|centrafricaines|Central African|Central Africans|"
	  "MINUSCA|Bangui" },
	{ "Somalia", "Somalia|Somali|Somalie|somalien|somaliens|Mogadishu|Mogadiscio|UNSOM|AMISOM" },
	{ "Ethiopia", "Ethiopia|Ethiopian|Éthiopie|éthiopien|éthiopiens|Addis Ababa|Tigray|Amhara|Oromia" },
	{ "Libya", "Libya|Libyan|Libye|libyen|libyens|Tripoli|Benghazi|UNSMIL" },
	{ "Yemen", "Yemen|Yemeni|Yémen|yéménite|yéménites|Sana'a|Sanaa|Aden|Hodeidah|Taizz" },
	{ "Syria", "Syria|Syrian|Syrie|syrien|syriens|Damascus|Damas|Aleppo|Alep|Idlib|Homs" },
	{ "Afghanistan", "Afghanistan|Afghan|Afghans|afghane|afghanes|UNAMA|Kabul|Kaboul|Kandahar|Herat" },
	{ "Myanmar", "Myanmar|Burma|Birmanie|birman|birmans|Rohingya|Rakhine|Yangon|Naypyitaw" },
	{ "Ukraine", "Ukraine|Ukrainian|Ukrainians|ukrainien|ukrainiens|Kyiv|Kiev|Kharkiv|Donetsk|Luhansk|"
	  "Mariupol|Kherson|Zaporizhzhia|HRMMU" },
	{ "Haiti", "Haiti|Haitian|Haïti|haïtien|haïtiens|Port-au-Prince|BINUH|Artibonite" },
	/* neighbours where refugees of the Sahel and central Africa arrive */
	{ "Mauritania", "Mauritania|Mauritanian|Mauritanie|mauritanien|mauritaniens|Nouakchott" },
	{ "Algeria", "Algeria|Algerian|Algérie|algérien|algériens|Algiers|Alger" },
	{ "Senegal", "Senegal|Senegalese|Sénégal|sénégalais|Dakar" },
	{ "Guinea", "Guinea|Guinean|Guinée|guinéen|guinéens|Conakry" },
	{ "Côte d'Ivoire", "Côte d'Ivoire|Cote d'Ivoire|Ivory Coast|Ivorian|ivoirien|ivoiriens|Abidjan" },
	{ "Ghana", "Ghana|Ghanaian|ghanéen|ghanéens|Accra" },
	{ "Togo", "Togo|Togolese|togolais|Lomé|Lome" },
	{ "Benin", "Benin|Beninese|Bénin|béninois|Cotonou|Porto-Novo" },
	{ "Cameroon", "Cameroon|Cameroonian|Cameroun|camerounais|Yaoundé|Yaounde|Douala" },
	{ "Iraq", "Iraq|Iraqi|Irak|irakien|irakiens|Baghdad|Bagdad|Mosul|UNAMI" },
	{ "Mozambique", "Mozambique|Mozambican|mozambicain|Cabo Delgado|Maputo" },
	{ "Colombia", "Colombia|Colombian|Colombie|colombien|Bogotá|Bogota" },
	{ "Venezuela", "Venezuela|Venezuelan|vénézuélien|vénézuéliens|Caracas" },
	{ "Occupied Palestinian Territory", "Occupied Palestinian Territory|occupied Palestinian territory|"
	  "Gaza|West Bank|Palestinian|Palestinians|Palestine|Territoire palestinien occupé|"
	  "Cisjordanie|palestinien|palestiniens|Jérusalem-Est|East Jerusalem" },
	{ "Israel", "Israel|Israeli|Israelis|Israël|israélien|israéliens" },
	{ "Lebanon", "Lebanon|Lebanese|Liban|libanais|Beirut|Beyrouth" },
};
const size_t taxonomy_ncountries = sizeof(taxonomy_countries) / sizeof(taxonomy_countries[0]);

const struct taxonomy_region taxonomy_regions[] = {
	{ "Sahel", NULL, "Sahel|Sahelian|sahélien|sahéliens|central Sahel|Sahel central" },
	{ "Liptako-Gourma", NULL, "Liptako-Gourma|Liptako Gourma|three borders|trois frontières" },
	{ "central Mali", "Mali", "central Mali|centre du Mali|center of Mali|centre of Mali|Mali central" },
	{ "northern Mali", "Mali", "northern Mali|north of Mali|nord du Mali|Nord-Mali" },
	{ "southern Mali", "Mali", "southern Mali|south of Mali|sud du Mali" },
	{ "Lake Chad Basin", NULL, "Lake Chad|Lake Chad Basin|lac Tchad|bassin du lac Tchad" },
	{ "eastern Democratic Republic of the Congo", "Democratic Republic of the Congo",
	  "eastern DRC|eastern Democratic Republic of the Congo|est de la RDC|l'est de la RDC" },
	{ "West Africa", NULL, "West Africa|Afrique de l'Ouest" },
	{ "Great Lakes", NULL, "Great Lakes|Grands Lacs" },
	{ "Horn of Africa", NULL, "Horn of Africa|Corne de l'Afrique" },
	/* administrative regions, named as such ("the Mopti region", "la région de Gao") */
	{ "Gao", "Mali",
	  "Gao region|region of Gao|région de Gao|region de Gao" },
	{ "Mopti", "Mali",
	  "Mopti region|region of Mopti|région de Mopti|region de Mopti" },
	{ "Kidal", "Mali",
	  "Kidal region|region of Kidal|région de Kidal|region de Kidal" },
	{ "Menaka", "Mali",
	  "Ménaka region|region of Ménaka|région de Ménaka|region de Ménaka|"
	  "Menaka region|region of Menaka|région de Menaka|region de Menaka" },
	{ "Timbuktu", "Mali",
	  "Timbuktu region|region of Timbuktu|région de Timbuktu|"
	  "region de Timbuktu|Tombouctou region|region of Tombouctou|"
	  "région de Tombouctou|region de Tombouctou" },
	{ "Segou", "Mali",
	  "Ségou region|region of Ségou|région de Ségou|region de Ségou|"
	  "Segou region|region of Segou|région de Segou|region de Segou" },
	{ "Sikasso", "Mali",
	  "Sikasso region|region of Sikasso|région de Sikasso|region de Sikasso" },
	{ "Kayes", "Mali",
	  "Kayes region|region of Kayes|région de Kayes|region de Kayes" },
	{ "Koulikoro", "Mali",
	  "Koulikoro region|region of Koulikoro|région de Koulikoro|"
	  "region de Koulikoro" },
	{ "Taoudeni", "Mali",
	  "Taoudéni region|region of Taoudéni|région de Taoudéni|"
	  "region de Taoudéni|Taoudeni region|region of Taoudeni|"
	  "région de Taoudeni|region de Taoudeni" },
	{ "Bandiagara", "Mali",
	  "Bandiagara region|region of Bandiagara|région de Bandiagara|"
	  "region de Bandiagara" },
	{ "Douentza", "Mali",
	  "Douentza region|region of Douentza|région de Douentza|"
	  "region de Douentza" },
	{ "Tillaberi", "Niger",
	  "Tillabéri region|region of Tillabéri|région de Tillabéri|"
	  "region de Tillabéri|Tillaberi region|region of Tillaberi|"
	  "région de Tillaberi|region de Tillaberi" },
	{ "Tahoua", "Niger",
	  "Tahoua region|region of Tahoua|région de Tahoua|region de Tahoua" },
	{ "Diffa", "Niger",
	  "Diffa region|region of Diffa|région de Diffa|region de Diffa" },
	{ "Ituri", "Democratic Republic of the Congo",
	  "Ituri province|province of Ituri|province de l'Ituri|province d'Ituri|Ituri region" },
	{ "North Kivu", "Democratic Republic of the Congo",
	  "North Kivu province|province of North Kivu|province du Nord-Kivu|Nord-Kivu province" },
	{ "South Kivu", "Democratic Republic of the Congo",
	  "South Kivu province|province of South Kivu|province du Sud-Kivu|Sud-Kivu province" },
};
const size_t taxonomy_nregions = sizeof(taxonomy_regions) / sizeof(taxonomy_regions[0]);
