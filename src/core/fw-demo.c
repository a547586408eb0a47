/* fw-demo.c: deterministic sample data that tells a story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the generator builds in
 * ============================
 *
 * Later tests and screenshots rely on these facts; test-demo.c checks each
 * of them on the generated stream, and fw-demo.h names the numbers.  Where
 * a number depends on the seed, the one for FW_DEMO_DEFAULT_SEED (2026)
 * follows in brackets.
 *
 * Time: 2024-01-01 to 2026-12-31 (1,096 days, twelve quarters), whatever
 *   today is.  Answers come in day order.
 *
 * Units: twelve (units[] below): Customer Service, Billing, Online Sales,
 *   Field Service, four stores in Dutch cities (Amsterdam, Rotterdam,
 *   Utrecht, The Hague), Returns & Repairs, Technical Support, Business
 *   Accounts and the Social Media Team.
 *
 * Touchpoints: exactly "Phone", "E-mail", "Chat", "Store" and "Web"; each
 *   unit has its own mix (stores: 80% "Store").  On top of the unit's
 *   target a touchpoint adds Store +6, Web +3, Phone 0, Chat -3 or E-mail
 *   -6 NPS points.
 *
 * Customers: 60,000 answers expected, within about 1% for any seed
 *   [60,031]; 8% more each year, Q4 15% busier and summer 10% quieter than
 *   Q1, quiet on Sundays, stores busiest on Saturday.  Keys "C-000001"
 *   upwards: 30% of the answers come from someone who dealt with the same
 *   unit in about the last 70 days and 5% from any earlier customer, so
 *   about 30% of the customers answer more than once, some many times
 *   [39,484 customers, 12,143 answer twice or more, one 16 times].  A customer whose last
 *   answer, at most 90 days before, was a detractor's is a detractor again
 *   half of the time: repeat detractors for an "at risk" list [2,923
 *   detractor answers within 90 days of the same customer's last one].
 *   External ids "CX-000001" upwards, unique.
 *
 * Employees: one pulse per unit and quarter, open for 14 days from the
 *   first Monday of the quarter's second month; most answer on the first
 *   days and after the reminder a week later.  Headcounts 6 to 140, 78%
 *   answer: about 6,000 answers [6,035].  Anonymous: no respondent key,
 *   touchpoint or spend; external ids "EX-000001" upwards.  Only Business
 *   Accounts (7 people, 70% answer) and the Social Media Team (6 people, 75%
 *   answer) have quarters with fewer than 5 answers: about 10 of their 24
 *   unit-quarters, 3 to 17 over seeds [8: Business Accounts in 2024-Q1,
 *   Q2, Q4, 2025-Q1, Q2, Q3, Social Media Team in 2024-Q1 and 2026-Q2];
 *   every other unit-quarter has at least 15 [24].
 *
 * The link: a unit's engagement in a quarter is its own level (eNPS -5 to
 *   35), a company-wide rise of 8 points over the three years and a
 *   deviation that barely carries over (AR(1), phi 0.1, shocks of sd 16
 *   points; Billing's 0.4 times as large).  The pulse's eNPS target is the
 *   engagement.  The unit's customer NPS target in quarter q is its own
 *   level (18 to 40) plus 0.8 times the rise and deviation of quarter q - 1,
 *   plus noise of sd 3: eNPS leads NPS by one quarter.  Over the
 *   unit-quarters with at least 5 pulse answers, NPS (q) correlates with
 *   eNPS (q - 1) at about 0.65 (0.44 to 0.80 over seeds) and with eNPS (q)
 *   or eNPS (q - 2) at about 0.2 (at most 0.5); the gap is at least 0.2
 *   for every seed we tried [0.33, 0.66, 0.41 for lags 0, 1, 2].  Unit
 *   levels of eNPS and NPS go together only loosely (r 0.5), so that the
 *   lead, not the level, makes the link.
 *
 * The dip: Billing moved to a new invoicing system in January 2025.  Its
 *   engagement drops 55 points in 2025-Q1 and 40 in 2025-Q2 (answer rate
 *   65% meanwhile), then recovers; its customer NPS follows a quarter later,
 *   44 and 32 points down in 2025-Q2 and 2025-Q3, and is back in 2025-Q4
 *   [eNPS -6, -40, 9 and NPS 7, -27, 10 before, during and after].  In
 *   those quarters most Billing complaints, from customers and staff, are
 *   about the new system; in the two quarters after it half of the staff's
 *   praise is about the recovery.
 *
 * Scores: 0 to 10; the promoter and detractor shares give the target on
 *   average, with about 28% passives for customers and 35% for employees;
 *   detractors lean to 5 and 6, with a bump at 0.  [Overall NPS 27, eNPS
 *   14.]
 *
 * Comments: sample data, not UI text, so not translated.  English and Dutch
 *   from phrase banks; a customer or employee of a store in a Dutch city
 *   writes Dutch 85% of the time, others 10% (customers) or 15% (staff):
 *   about a third of the comments are Dutch [34%].  Detractors complain,
 *   and every complaint holds a word like "never", "nobody", "wrong",
 *   "nooit", "niemand" or "fout"; those scoring 0 to 4 mostly open with
 *   something harsher ("Unacceptable.", "Belachelijk.").  Promoters praise
 *   and passives are lukewarm, without any of those words.  60% of
 *   customer detractors comment, 25% of passives and 40% of promoters; of
 *   employees 45%, 25% and 30% [41% of customer, 32% of employee answers].
 *
 * Spend: customers only; an amount for 85% of Store and Web answers, 35%
 *   of Phone, 25% of Chat and 15% of E-mail ones, NAN otherwise [53%].
 *   Log-normal around EUR 38, the same for every unit, times 1.0 for
 *   detractors, 1.25 for passives and 1.6 for promoters: promoters spend
 *   1.6 times as much as detractors on average.
 *
 * Determinism: our own xoshiro256** seeded through splitmix64, separate
 * streams for the model, the customers, the employees and the words, and
 * no libm function but exactly rounded ones (sqrt, ceil, floor, fabs), so
 * that one seed gives the same data on every machine and in every locale.
 */

#define G_LOG_DOMAIN "fw-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fw-demo.h"

#define N_DAYS            1096 /* 2024 is a leap year */
#define N_WEEKDAYS        7
#define PULSE_DAYS        14
#define RECENT_SIZE       1024
#define RECENT_DAYS       70
#define MIN_REPEAT_POOL   500

/* Model constants; the block comment above explains them. */
#define AR_PHI            0.1
#define AR_SHOCK_SD       16.0
#define CX_FOLLOW         0.8
#define CX_NOISE_SD       3.0
#define TREND_POINTS      8.0
#define CX_PASSIVES       0.28
#define EX_PASSIVES       0.35
#define RESPONSE_RATE     0.78
#define DIP_RESPONSE_RATE 0.65
#define P_RECENT_CUSTOMER 0.30
#define P_OLD_CUSTOMER    0.05
#define P_STICKY          0.5
#define SPEND_MEDIAN      38.0
#define SPEND_SIGMA       0.6

typedef enum
{
  TP_PHONE,
  TP_EMAIL,
  TP_CHAT,
  TP_STORE,
  TP_WEB,
} Touchpoint;

static const char *const touchpoint_names[FW_DEMO_N_TOUCHPOINTS + 1] = {
  "Phone", "E-mail", "Chat", "Store", "Web", NULL,
};

static const double touchpoint_offset[FW_DEMO_N_TOUCHPOINTS] = { 0, -6, -3, 6, 3 };
/* Share of answers with a spend amount, per touchpoint. */
static const double touchpoint_spend[FW_DEMO_N_TOUCHPOINTS] = { 0.35, 0.15, 0.25, 0.85, 0.85 };

typedef enum
{
  TOPIC_NONE,
  TOPIC_STORE,
  TOPIC_BILLING,
  TOPIC_DELIVERY,
  TOPIC_FIELD,
  TOPIC_SUPPORT,
  N_TOPICS
} Topic;

typedef struct
{
  const char *name;
  gboolean    dutch;      /* in a Dutch city: its people mostly write Dutch */
  gboolean    store;      /* opening hours of a shop */
  Topic       topic;      /* what its customers talk about */
  double      volume;     /* relative number of customer answers */
  guint8      mix[FW_DEMO_N_TOUCHPOINTS]; /* percent per touchpoint */
  double      enps;       /* engagement level */
  double      nps;        /* customer NPS level */
  guint       headcount;
  double      response_rate;
  double      swing;      /* scales the quarter-to-quarter shocks */
} Unit;

#define DIP_UNIT 1

static const Unit units[FW_DEMO_N_UNITS] = {
  /* name, Dutch city, shop hours, topic, volume, { Phone, E-mail, Chat, Store, Web },
   * eNPS level, NPS level, headcount, response rate, swing */
  { "Customer Service", FALSE, FALSE, TOPIC_SUPPORT, 11.0, { 50, 20, 25, 0, 5 },
    12, 25, 140, RESPONSE_RATE, 1.0 },
  { "Billing", FALSE, FALSE, TOPIC_BILLING, 5.0, { 40, 45, 5, 0, 10 },
    8, 20, 80, RESPONSE_RATE, 0.4 },
  { "Online Sales", FALSE, FALSE, TOPIC_DELIVERY, 7.0, { 5, 10, 20, 0, 65 },
    20, 30, 60, RESPONSE_RATE, 1.0 },
  { "Field Service", FALSE, FALSE, TOPIC_FIELD, 4.0, { 60, 30, 0, 0, 10 },
    0, 26, 60, RESPONSE_RATE, 1.0 },
  { "Amsterdam Store", TRUE, TRUE, TOPIC_STORE, 6.0, { 10, 5, 0, 80, 5 },
    25, 32, 55, RESPONSE_RATE, 1.0 },
  { "Rotterdam Store", TRUE, TRUE, TOPIC_STORE, 5.0, { 10, 5, 0, 80, 5 },
    15, 30, 45, RESPONSE_RATE, 1.0 },
  { "Utrecht Store", TRUE, TRUE, TOPIC_STORE, 4.0, { 10, 5, 0, 80, 5 },
    30, 36, 40, RESPONSE_RATE, 1.0 },
  { "The Hague Store", TRUE, TRUE, TOPIC_STORE, 4.0, { 10, 5, 0, 80, 5 },
    10, 40, 40, RESPONSE_RATE, 1.0 },
  { "Returns & Repairs", FALSE, FALSE, TOPIC_DELIVERY, 3.0, { 10, 20, 0, 40, 30 },
    -5, 18, 35, RESPONSE_RATE, 1.0 },
  { "Technical Support", FALSE, FALSE, TOPIC_SUPPORT, 4.0, { 45, 15, 35, 0, 5 },
    18, 24, 75, RESPONSE_RATE, 1.0 },
  { "Business Accounts", FALSE, FALSE, TOPIC_NONE, 1.2, { 50, 50, 0, 0, 0 },
    35, 30, 7, 0.70, 1.0 },
  { "Social Media Team", FALSE, FALSE, TOPIC_SUPPORT, 1.5, { 0, 0, 70, 0, 30 },
    22, 28, 6, 0.75, 1.0 },
};

/* The dip, per quarter from 2025-Q1, in engagement points. */
static const double dip_points[] = { -55, -40 };

G_STATIC_ASSERT (G_N_ELEMENTS (dip_points) == FW_DEMO_DIP_EX_LAST - FW_DEMO_DIP_EX_FIRST + 1);
G_STATIC_ASSERT (FW_DEMO_DIP_CX_FIRST == FW_DEMO_DIP_EX_FIRST + FW_DEMO_LEAD_QUARTERS);


/* Relative answers per weekday, Monday first; each row averages 1. */
static const double weekday_shop[N_WEEKDAYS] = {
  0.9 * 7 / 6.7, 0.9 * 7 / 6.7, 0.95 * 7 / 6.7, 1.0 * 7 / 6.7, 1.25 * 7 / 6.7,
  1.4 * 7 / 6.7, 0.3 * 7 / 6.7,
};
static const double weekday_office[N_WEEKDAYS] = {
  1.2 * 7 / 6.55, 1.15 * 7 / 6.55, 1.15 * 7 / 6.55, 1.15 * 7 / 6.55, 1.1 * 7 / 6.55,
  0.5 * 7 / 6.55, 0.3 * 7 / 6.55,
};
static const double season[4] = { 1.0, 0.95, 0.9, 1.15 };
static const double growth[3] = { 0.92, 1.0, 1.08 };

/* Which day of an open pulse an employee answers: mostly at the start and
 * after the reminder on day 7, seldom at the weekend. */
static const guint8 pulse_day_weight[PULSE_DAYS] = { 10, 7, 5, 4, 3, 1, 1, 6, 4, 3, 2, 2, 1, 1 };
/* Detractor scores 0..6: most are 5 or 6, with a bump at 0. */
static const guint8 detractor_weight[7] = { 8, 3, 4, 6, 8, 14, 20 };

/* Phrase banks.  Every complaint holds a word of complaint, in English
 * "never", "nobody", "wrong", "rude", "useless" and the like, in Dutch
 * "nooit", "niemand", "fout", "verkeerd", "slecht"; praise and lukewarm
 * words hold none of them. */

typedef struct
{
  const char *const *text[2]; /* English, Dutch */
  guint              n[2];
} Bank;

#define BANK(name) \
  { { name##_en, name##_nl }, { G_N_ELEMENTS (name##_en), G_N_ELEMENTS (name##_nl) } }

static const char *const harsh_en[] = {
  "Unacceptable.",
  "Worst service I have had in years.",
  "Absolutely terrible.",
  "I am fed up with this.",
  "Shocking, really.",
  "Never again.",
  "What a waste of my time.",
  "Ridiculous.",
};
static const char *const harsh_nl[] = {
  "Onacceptabel.",
  "Slechtste service in jaren.",
  "Echt schandalig.",
  "Ik ben er klaar mee.",
  "Belachelijk.",
  "Nooit meer.",
  "Zonde van mijn tijd.",
  "Wat een waardeloze ervaring.",
};

static const char *const complaint_en[] = {
  "I was on hold for forty minutes and nobody picked up.",
  "Nobody called me back, even though that was promised twice.",
  "The staff member was rude and did not listen.",
  "I had to explain my problem three times; nobody had read my file.",
  "My question was never answered.",
  "You sent me the wrong information and it cost me money.",
  "The promised solution never came.",
  "I feel like a number, not a customer; nobody cares.",
  "Your follow-up was terrible; I had to chase you for everything.",
  "My complaint was closed without asking me, which is unacceptable.",
  "The answer I got was useless.",
  "Very disappointing, I expected much better from you.",
};
static const char *const complaint_nl[] = {
  "Ik heb veertig minuten in de wacht gestaan en niemand nam op.",
  "Niemand heeft mij teruggebeld, terwijl dat twee keer is beloofd.",
  "De medewerker was onbeschoft en luisterde niet.",
  "Ik moest mijn verhaal drie keer doen; niemand had mijn dossier gelezen.",
  "Mijn vraag is nooit beantwoord.",
  "Ik kreeg verkeerde informatie en dat heeft mij geld gekost.",
  "De beloofde oplossing is er nooit gekomen.",
  "Ik voel me een nummer, geen klant; niemand die zich er druk om maakt.",
  "De opvolging was slecht; ik moest overal zelf achteraan.",
  "Mijn klacht is afgesloten zonder overleg, dat is onacceptabel.",
  "Het antwoord dat ik kreeg was waardeloos.",
  "Erg teleurgesteld, ik had veel meer van jullie verwacht.",
};

static const char *const complaint_store_en[] = {
  "The queue at the till was ridiculous and only one checkout was open.",
  "The shop was a mess and nobody could help me find anything.",
  "The staff in the store were rude when I asked a simple question.",
  "The item I reserved online was never put aside for me.",
};
static const char *const complaint_store_nl[] = {
  "De rij bij de kassa was belachelijk lang en er was maar één kassa open.",
  "De winkel was een rommel en niemand kon mij helpen iets te vinden.",
  "Het personeel in de winkel was onbeschoft toen ik een simpele vraag stelde.",
  "Het artikel dat ik online had gereserveerd lag er nooit voor mij klaar.",
};

static const char *const complaint_billing_en[] = {
  "I was charged twice and nobody can explain why.",
  "My invoice was wrong and the correction took weeks.",
  "The direct debit was taken on the wrong date and left me overdrawn.",
  "The bill is impossible to read and the amounts are wrong.",
};
static const char *const complaint_billing_nl[] = {
  "Er is twee keer afgeschreven en niemand kan uitleggen waarom.",
  "Mijn factuur was fout en de correctie duurde weken.",
  "De incasso is op de verkeerde datum afgeschreven en ik stond rood.",
  "De rekening is onleesbaar en de bedragen zijn verkeerd.",
};

static const char *const complaint_delivery_en[] = {
  "My order arrived a week late and nobody told me.",
  "The parcel never arrived and I had to chase it myself.",
  "I received the wrong item and returning it was a hassle.",
  "The refund for my return has still not arrived after a month; unacceptable.",
};
static const char *const complaint_delivery_nl[] = {
  "Mijn bestelling kwam een week te laat en niemand liet iets weten.",
  "Het pakket is nooit aangekomen en ik moest er zelf achteraan.",
  "Ik kreeg het verkeerde artikel en terugsturen was een gedoe.",
  "Het geld voor mijn retour is na een maand nog steeds niet terug; onacceptabel.",
};

static const char *const complaint_field_en[] = {
  "The technician never showed up and I took a day off for nothing.",
  "The technician arrived four hours late without any notice. Unacceptable.",
  "The repair was done wrong and they had to come back twice.",
  "Nobody could tell me when the technician would come.",
};
static const char *const complaint_field_nl[] = {
  "De monteur is nooit gekomen en ik had er een vrije dag voor genomen.",
  "De monteur kwam vier uur te laat zonder bericht. Onacceptabel.",
  "De reparatie was fout uitgevoerd en ze moesten twee keer terugkomen.",
  "Niemand kon mij vertellen wanneer de monteur zou komen.",
};

static const char *const complaint_support_en[] = {
  "The chat bot was useless and I could not reach a person.",
  "Support gave me the wrong advice and my problem got worse.",
  "I was transferred five times and nobody could help.",
  "Your support is hopeless; the same fault keeps coming back.",
};
static const char *const complaint_support_nl[] = {
  "De chatbot was waardeloos en ik kon geen mens bereiken.",
  "De helpdesk gaf mij verkeerd advies en het probleem werd erger.",
  "Ik werd vijf keer doorverbonden en niemand kon mij helpen.",
  "Jullie support is hopeloos; dezelfde storing komt steeds terug.",
};

/* Billing's customers during the dip. */
static const char *const complaint_migration_en[] = {
  "Since your new billing system my invoice has been wrong every month.",
  "Three wrong invoices in a row since the system change. Ridiculous.",
  "The new system charges me for a service I cancelled last year and nobody can fix it.",
  "I got a payment reminder for an invoice I never received.",
  "The new invoices are wrong and your billing team clearly has no time to help.",
};
static const char *const complaint_migration_nl[] = {
  "Sinds jullie nieuwe factuursysteem is mijn factuur elke maand fout.",
  "Drie foute facturen op rij sinds de systeemwijziging. Belachelijk.",
  "Het nieuwe systeem rekent een dienst af die ik vorig jaar heb opgezegd en niemand kan "
  "het oplossen.",
  "Ik kreeg een aanmaning voor een factuur die ik nooit heb ontvangen.",
  "De nieuwe facturen kloppen niet en de afdeling heeft duidelijk geen tijd; slecht geregeld.",
};

static const char *const lukewarm_en[] = {
  "Fine, but it took a bit longer than I expected.",
  "Decent service, but nothing special.",
  "The problem got solved in the end, though it took two calls.",
  "Friendly enough, but the waiting time could be shorter.",
  "OK overall. The website could be clearer.",
  "Helpful, but I had to ask twice.",
  "Good product, the service around it is average.",
  "It was alright. Prices are a bit high.",
  "Reasonable, I got what I needed.",
  "Mostly fine, a little slow.",
};
static const char *const lukewarm_nl[] = {
  "Prima, maar het duurde wat langer dan verwacht.",
  "Redelijke service, maar niets bijzonders.",
  "Uiteindelijk opgelost, al had ik er twee telefoontjes voor nodig.",
  "Vriendelijk genoeg, maar de wachttijd mag korter.",
  "Over het algemeen oké. De website kan duidelijker.",
  "Behulpzaam, maar ik moest het twee keer vragen.",
  "Goed product, de service eromheen is gemiddeld.",
  "Het was in orde. De prijzen zijn wel wat hoog.",
  "Redelijk, ik heb gekregen wat ik nodig had.",
  "Meestal prima, een beetje traag.",
};

static const char *const praise_en[] = {
  "Fantastic service, thank you!",
  "Quick, friendly and they solved it in one go.",
  "The staff member really listened to me.",
  "Always helpful, I recommend you to everyone.",
  "Problem solved within a day. Great job.",
  "Very pleased with the service and the follow-up.",
  "Friendly people who know what they are talking about.",
  "Clear answers and no waiting. Top!",
  "Exactly what I needed, thanks for the quick help.",
  "Everything went smoothly from start to finish.",
};
static const char *const praise_nl[] = {
  "Fantastische service, dank jullie wel!",
  "Snel, vriendelijk en in één keer opgelost.",
  "De medewerker luisterde echt naar mij.",
  "Altijd behulpzaam, ik raad jullie iedereen aan.",
  "Binnen een dag opgelost. Goed gedaan.",
  "Heel tevreden over de service en de opvolging.",
  "Vriendelijke mensen die weten waar ze het over hebben.",
  "Duidelijke antwoorden en geen wachttijd. Top!",
  "Precies wat ik nodig had, bedankt voor de snelle hulp.",
  "Alles verliep soepel van begin tot eind.",
};

static const char *const praise_store_en[] = {
  "The store staff took their time to help me choose.",
  "Lovely shop, tidy and well stocked.",
};
static const char *const praise_store_nl[] = {
  "Het winkelpersoneel nam echt de tijd om mij te helpen kiezen.",
  "Mooie winkel, netjes en alles op voorraad.",
};
static const char *const praise_billing_en[] = {
  "My billing question was sorted out in one call.",
  "A clear invoice and my refund within two days.",
};
static const char *const praise_billing_nl[] = {
  "Mijn vraag over de factuur was in één telefoontje opgelost.",
  "Een duidelijke factuur en het geld binnen twee dagen terug.",
};
static const char *const praise_delivery_en[] = {
  "Ordered in the evening, delivered the next morning.",
  "Returning the item was easy and the refund was quick.",
};
static const char *const praise_delivery_nl[] = {
  "'s Avonds besteld, de volgende ochtend in huis.",
  "Retourneren was makkelijk en het geld stond snel terug.",
};
static const char *const praise_field_en[] = {
  "The technician was on time and explained everything.",
  "Repair done in one visit, very professional.",
};
static const char *const praise_field_nl[] = {
  "De monteur was op tijd en legde alles uit.",
  "Reparatie in één bezoek klaar, heel professioneel.",
};
static const char *const praise_support_en[] = {
  "The support agent stayed on the line until it worked.",
  "I got a real person on the chat within a minute.",
};
static const char *const praise_support_nl[] = {
  "De medewerker bleef aan de lijn tot het werkte.",
  "Binnen een minuut had ik een echt persoon in de chat.",
};

static const char *const closer_en[] = {
  "Keep it up!",
  "Thanks again.",
};
static const char *const closer_nl[] = {
  "Ga zo door!",
  "Nogmaals bedankt.",
};

static const char *const staff_complaint_en[] = {
  "Management never listens to what we report from the floor.",
  "The workload is ridiculous and nobody seems to care.",
  "We are understaffed every single week; it is unacceptable.",
  "Decisions are made above our heads and communicated terribly.",
  "I have asked for the right tools for a year and still nothing; a waste of our time.",
  "Nobody thanks you for staying late.",
  "Our team lead is rude and plays favourites.",
  "The systems we work with are useless and slow.",
  "Training for new colleagues is hopeless; they are thrown in at the deep end.",
  "I am fed up with the constant reorganisations.",
};
static const char *const staff_complaint_nl[] = {
  "Het management luistert nooit naar wat wij van de werkvloer melden.",
  "De werkdruk is belachelijk en niemand lijkt het iets te kunnen schelen.",
  "We zijn elke week onderbezet; dat is onacceptabel.",
  "Besluiten worden boven ons hoofd genomen en slecht gecommuniceerd.",
  "Al een jaar vraag ik om goed gereedschap en nog steeds niets; zonde van onze tijd.",
  "Niemand bedankt je als je langer blijft.",
  "Onze teamleider is onbeschoft en trekt mensen voor.",
  "De systemen waarmee we werken zijn waardeloos en traag.",
  "Het inwerken van nieuwe collega's is hopeloos; ze worden in het diepe gegooid.",
  "De constante reorganisaties, ik ben er klaar mee.",
};

/* Billing's staff during the dip. */
static const char *const staff_migration_en[] = {
  "The new billing system was forced on us without proper training; terrible planning.",
  "Endless overtime since the system change, and nobody from management asks how we are.",
  "Customers shout at us about wrong invoices we cannot fix; it is awful.",
  "We warned that the migration was not ready and nobody listened.",
};
static const char *const staff_migration_nl[] = {
  "Het nieuwe factuursysteem is ingevoerd zonder training; slecht voorbereid.",
  "Eindeloos overwerk sinds de systeemwijziging en niemand van het management vraagt hoe het gaat.",
  "Klanten schreeuwen tegen ons over foute facturen die wij niet kunnen herstellen.",
  "We hebben gewaarschuwd dat de migratie niet klaar was en niemand luisterde.",
};

/* Billing's staff after the dip. */
static const char *const staff_recovery_en[] = {
  "Since we got extra staff and proper training, things are much better.",
  "The billing system finally works and the team is back on its feet.",
  "Management took our warnings seriously in the end; it feels like a fresh start.",
};
static const char *const staff_recovery_nl[] = {
  "Sinds we extra mensen en goede training hebben gekregen, gaat het veel beter.",
  "Het factuursysteem werkt eindelijk en het team staat weer op de been.",
  "Het management heeft onze waarschuwingen uiteindelijk serieus genomen; het voelt als een "
  "nieuwe start.",
};

static const char *const staff_lukewarm_en[] = {
  "It is an OK place to work, but the workload varies a lot.",
  "Nice colleagues; career opportunities could be clearer.",
  "Reasonable, though communication from head office could be better.",
  "Decent job. I would like more flexibility in my schedule.",
  "Mostly fine, the tools are a bit dated.",
  "Good team, but meetings take up a lot of time.",
};
static const char *const staff_lukewarm_nl[] = {
  "Het is een prima plek om te werken, maar de werkdruk wisselt sterk.",
  "Leuke collega's; de doorgroeimogelijkheden mogen duidelijker.",
  "Redelijk, al kan de communicatie van het hoofdkantoor beter.",
  "Prima baan. Ik zou graag meer flexibiliteit in mijn rooster hebben.",
  "Meestal in orde, de systemen zijn wat verouderd.",
  "Goed team, maar vergaderingen kosten veel tijd.",
};

static const char *const staff_praise_en[] = {
  "Great team, we really help each other.",
  "My manager gives me room to solve problems for customers myself.",
  "I feel proud of the work we do.",
  "Good training and clear goals.",
  "Management listens and acts on our feedback.",
  "Flexible hours and a good atmosphere.",
  "I can see how my work makes customers happier.",
  "Best team I have worked in.",
};
static const char *const staff_praise_nl[] = {
  "Geweldig team, we helpen elkaar echt.",
  "Mijn manager geeft mij de ruimte om problemen van klanten zelf op te lossen.",
  "Ik ben trots op het werk dat we doen.",
  "Goede training en duidelijke doelen.",
  "Het management luistert en doet iets met onze feedback.",
  "Flexibele werktijden en een goede sfeer.",
  "Ik zie hoe mijn werk klanten blijer maakt.",
  "Het beste team waar ik ooit in heb gewerkt.",
};

static const Bank harsh = BANK (harsh);
static const Bank complaint = BANK (complaint);
static const Bank complaint_migration = BANK (complaint_migration);
static const Bank lukewarm = BANK (lukewarm);
static const Bank praise = BANK (praise);
static const Bank closer = BANK (closer);
static const Bank staff_complaint = BANK (staff_complaint);
static const Bank staff_migration = BANK (staff_migration);
static const Bank staff_recovery = BANK (staff_recovery);
static const Bank staff_lukewarm = BANK (staff_lukewarm);
static const Bank staff_praise = BANK (staff_praise);

static const Bank topic_complaint[N_TOPICS] = {
  [TOPIC_NONE] = BANK (complaint),
  [TOPIC_STORE] = BANK (complaint_store),
  [TOPIC_BILLING] = BANK (complaint_billing),
  [TOPIC_DELIVERY] = BANK (complaint_delivery),
  [TOPIC_FIELD] = BANK (complaint_field),
  [TOPIC_SUPPORT] = BANK (complaint_support),
};
static const Bank topic_praise[N_TOPICS] = {
  [TOPIC_NONE] = BANK (praise),
  [TOPIC_STORE] = BANK (praise_store),
  [TOPIC_BILLING] = BANK (praise_billing),
  [TOPIC_DELIVERY] = BANK (praise_delivery),
  [TOPIC_FIELD] = BANK (praise_field),
  [TOPIC_SUPPORT] = BANK (praise_support),
};

/* xoshiro256** (Blackman and Vigna), seeded through splitmix64: small, fast
 * and the same on every machine, unlike rand() or GRand's seeding. */
typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

/* Each part of the generator draws from its own stream, so that changing
 * how comments are picked does not move the scores. */
static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  guint64 state = seed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1), exactly representable. */
static double
rng_uniform (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
rng_chance (Rng   *rng,
            double p)
{
  return rng_uniform (rng) < p;
}

/* Uniform in [0, n); the modulo bias is below 2^-40 for our n. */
static guint
rng_below (Rng  *rng,
           guint n)
{
  g_assert (n > 0);
  return (guint) (rng_next (rng) % n);
}

/* Standard normal, approximately (Irwin-Hall: twelve uniforms less six):
 * no log() or cos(), whose last bit may differ between C libraries. */
static double
rng_normal (Rng *rng)
{
  double sum = 0;

  for (guint i = 0; i < 12; i++)
    sum += rng_uniform (rng);
  return sum - 6.0;
}

static guint
rng_binomial (Rng   *rng,
              guint  trials,
              double p)
{
  guint k = 0;

  for (guint i = 0; i < trials; i++)
    k += rng_chance (rng, p);
  return k;
}

static guint
rng_weighted (Rng          *rng,
              const guint8 *weights,
              guint         n)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  pick = rng_below (rng, total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  g_assert_not_reached ();
}

static const char *
bank_pick (Rng        *rng,
           const Bank *bank,
           gboolean    dutch)
{
  return bank->text[dutch][rng_below (rng, bank->n[dutch])];
}

static int
draw_detractor (Rng *rng)
{
  return (int) rng_weighted (rng, detractor_weight, G_N_ELEMENTS (detractor_weight));
}

/* A score whose promoter and detractor shares give @nps on average. */
static int
draw_score (Rng   *rng,
            double nps,
            double passives)
{
  double p, d, u;

  nps = CLAMP (nps, -95.0, 95.0) / 100.0;
  passives = MIN (passives, 1.0 - fabs (nps) - 0.04);
  p = (1.0 - passives + nps) / 2.0;
  d = (1.0 - passives - nps) / 2.0;

  u = rng_uniform (rng);
  if (u < p)
    return rng_chance (rng, 0.55) ? 10 : 9;
  if (u < p + d)
    return draw_detractor (rng);
  return rng_chance (rng, 0.55) ? 8 : 7;
}

/* Log-normal around SPEND_MEDIAN: exp (sigma z) as (1 + sigma z / 16)^16,
 * which stays positive for Irwin-Hall's |z| <= 6 and needs no libm. */
static double
draw_spend (Rng *rng,
            int  score)
{
  double factor = score >= 9 ? FW_DEMO_SPEND_RATIO : score >= 7 ? 1.25 : 1.0;
  double g = 1.0 + SPEND_SIGMA * rng_normal (rng) / 16.0;
  double cents;

  for (guint i = 0; i < 4; i++)
    g *= g;
  cents = floor (SPEND_MEDIAN * factor * g * 100.0 + 0.5);
  return MAX (cents, 100.0) / 100.0;
}

/* The latent model: per unit and quarter the engagement target (eNPS) and
 * the customer NPS target.  Quarter index 0 is 2024-Q1; the engagement of
 * 2023-Q4 is needed for the first quarter's customers. */
typedef struct
{
  double enps[FW_DEMO_N_UNITS][FW_DEMO_N_QUARTERS];
  double nps[FW_DEMO_N_UNITS][FW_DEMO_N_QUARTERS];
} Model;

static double
dip_at (guint u,
        int   quarter)
{
  if (u != DIP_UNIT || quarter < FW_DEMO_DIP_EX_FIRST || quarter > FW_DEMO_DIP_EX_LAST)
    return 0;
  return dip_points[quarter - FW_DEMO_DIP_EX_FIRST];
}

static void
model_build (Model  *model,
             guint64 seed)
{
  Rng rng;
  double stationary_sd = AR_SHOCK_SD / sqrt (1.0 - AR_PHI * AR_PHI);

  rng_init (&rng, seed, 1);

  for (guint u = 0; u < FW_DEMO_N_UNITS; u++)
    {
      /* The deviation from the unit's level, quarter -1 (2023-Q4) first. */
      double dev = units[u].swing * stationary_sd * rng_normal (&rng);
      double prev_swing = 0;

      for (int q = -1; q < FW_DEMO_N_QUARTERS; q++)
        {
          double trend = TREND_POINTS * ((double) (q + 1) / FW_DEMO_N_QUARTERS - 0.5);
          double swing;

          if (q >= 0)
            dev = AR_PHI * dev + units[u].swing * AR_SHOCK_SD * rng_normal (&rng);
          swing = trend + dev + dip_at (u, q);

          if (q >= 0)
            {
              model->enps[u][q] = CLAMP (units[u].enps + swing, -90.0, 90.0);
              model->nps[u][q] = CLAMP (units[u].nps + CX_FOLLOW * prev_swing
                                        + CX_NOISE_SD * rng_normal (&rng),
                                        -90.0, 90.0);
            }
          prev_swing = swing;
        }
    }
}

typedef struct
{
  guint16 last_day;
  guint8  dutch;
  guint8  last_detractor;
} Customer;

/* Tells the caller of demo_run() that a day begins; FALSE stops. */
typedef gboolean (*DayFunc) (guint    day_index,
                             gpointer user_data);

typedef struct
{
  Model     model;
  Rng       cx;    /* customer volumes, customers and scores */
  Rng       ex;    /* pulses and employee scores */
  Rng       words; /* comments and spend */
  GArray   *customers;
  /* Per unit, the customers of its last answers, and how many of them
   * make about RECENT_DAYS days of answers. */
  guint32   recent[FW_DEMO_N_UNITS][RECENT_SIZE];
  guint     n_recent[FW_DEMO_N_UNITS];
  guint     recent_window[FW_DEMO_N_UNITS];
  guint     cx_serial;
  guint     ex_serial;
  double    volume_scale;
  /* The current quarter's pulse: answers per unit and day of the pulse. */
  guint     pulse_first_day;
  guint16   pulse[FW_DEMO_N_UNITS][PULSE_DAYS];
  char      day[16];
  char      respondent[16];
  char      external_id[16];
  char      comment[512];
} Generator;

static double
customer_rate (const Unit *unit,
               GDate      *date,
               int         quarter)
{
  const double *weekday = unit->store ? weekday_shop : weekday_office;

  return unit->volume * weekday[g_date_get_weekday (date) - 1] * season[quarter % 4]
         * growth[quarter / 4];
}

static int
quarter_of_date (GDate *date)
{
  return ((int) g_date_get_year (date) - FW_DEMO_FIRST_YEAR) * 4
         + ((int) g_date_get_month (date) - 1) / 3;
}

/* Scales the volumes so that the expected number of customer answers is
 * exactly FW_DEMO_CUSTOMER_EXPECTED. */
static double
volume_scale (void)
{
  GDate date;
  double total = 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, FW_DEMO_FIRST_YEAR);
  for (guint d = 0; d < N_DAYS; d++, g_date_add_days (&date, 1))
    for (guint u = 0; u < FW_DEMO_N_UNITS; u++)
      total += customer_rate (&units[u], &date, quarter_of_date (&date));

  return FW_DEMO_CUSTOMER_EXPECTED / total;
}

static void
compose (char       *buf,
         gsize       size,
         const char *first,
         const char *second)
{
  if (second != NULL)
    g_snprintf (buf, size, "%s %s", first, second);
  else
    g_strlcpy (buf, first, size);
}

static const char *
customer_comment (Generator *gen,
                  guint      u,
                  int        quarter,
                  int        score,
                  gboolean   dutch)
{
  Rng *rng = &gen->words;
  const Unit *unit = &units[u];
  gboolean dip = u == DIP_UNIT && quarter >= FW_DEMO_DIP_CX_FIRST
                 && quarter <= FW_DEMO_DIP_CX_LAST;

  if (score <= 6)
    {
      const char *opener = NULL;
      const char *body;

      if (!rng_chance (rng, 0.60))
        return NULL;
      if (score <= 4 && rng_chance (rng, 0.7))
        opener = bank_pick (rng, &harsh, dutch);
      if (dip && rng_chance (rng, 0.7))
        body = bank_pick (rng, &complaint_migration, dutch);
      else if (rng_chance (rng, 0.5))
        body = bank_pick (rng, &topic_complaint[unit->topic], dutch);
      else
        body = bank_pick (rng, &complaint, dutch);

      if (opener != NULL)
        compose (gen->comment, sizeof gen->comment, opener, body);
      else
        compose (gen->comment, sizeof gen->comment, body, NULL);
    }
  else if (score <= 8)
    {
      if (!rng_chance (rng, 0.25))
        return NULL;
      compose (gen->comment, sizeof gen->comment, bank_pick (rng, &lukewarm, dutch), NULL);
    }
  else
    {
      const char *body;
      const char *end = NULL;

      if (!rng_chance (rng, 0.40))
        return NULL;
      if (rng_chance (rng, 0.5))
        body = bank_pick (rng, &topic_praise[unit->topic], dutch);
      else
        body = bank_pick (rng, &praise, dutch);
      if (rng_chance (rng, 0.2))
        end = bank_pick (rng, &closer, dutch);
      compose (gen->comment, sizeof gen->comment, body, end);
    }

  return gen->comment;
}

static const char *
employee_comment (Generator *gen,
                  guint      u,
                  int        quarter,
                  int        score)
{
  Rng *rng = &gen->words;
  gboolean dutch = rng_chance (rng, units[u].dutch ? 0.85 : 0.15);
  gboolean dip = u == DIP_UNIT && quarter >= FW_DEMO_DIP_EX_FIRST
                 && quarter <= FW_DEMO_DIP_EX_LAST;
  gboolean recovery = u == DIP_UNIT && quarter > FW_DEMO_DIP_EX_LAST
                      && quarter <= FW_DEMO_DIP_EX_LAST + 2;
  const Bank *bank;

  if (score <= 6)
    {
      if (!rng_chance (rng, 0.45))
        return NULL;
      bank = dip && rng_chance (rng, 0.7) ? &staff_migration : &staff_complaint;
    }
  else
    {
      if (!rng_chance (rng, score <= 8 ? 0.25 : 0.30))
        return NULL;
      if (recovery && rng_chance (rng, 0.5))
        bank = &staff_recovery;
      else
        bank = score <= 8 ? &staff_lukewarm : &staff_praise;
    }

  compose (gen->comment, sizeof gen->comment, bank_pick (rng, bank, dutch), NULL);
  return gen->comment;
}

/* Picks who answers: often someone who dealt with the same unit in the
 * last couple of months, now and then any earlier customer, otherwise a
 * new one. */
static guint
pick_customer (Generator *gen,
               guint      u,
               guint      day_index,
               gboolean  *returning)
{
  Rng *rng = &gen->cx;
  guint n = gen->customers->len;
  guint id = G_MAXUINT;
  double r = rng_uniform (rng);

  if (n >= MIN_REPEAT_POOL)
    {
      if (r < P_RECENT_CUSTOMER && gen->n_recent[u] > 0)
        id = gen->recent[u][(gen->n_recent[u] - 1
                             - rng_below (rng, MIN (gen->n_recent[u], gen->recent_window[u])))
                            % RECENT_SIZE];
      else if (r < P_RECENT_CUSTOMER + P_OLD_CUSTOMER)
        id = rng_below (rng, n);
    }

  /* Nobody answers twice on one day. */
  if (id != G_MAXUINT
      && g_array_index (gen->customers, Customer, id).last_day == day_index)
    id = G_MAXUINT;

  *returning = id != G_MAXUINT;
  if (id == G_MAXUINT)
    {
      Customer customer = { 0, };

      customer.dutch = rng_chance (rng, units[u].dutch ? 0.85 : 0.10);
      customer.last_day = G_MAXUINT16;
      g_array_append_val (gen->customers, customer);
      id = n;
    }

  gen->recent[u][gen->n_recent[u]++ % RECENT_SIZE] = id;
  return id;
}

static void
emit_customer (Generator *gen,
               guint      u,
               guint      day_index,
               int        quarter,
               FwDemoFunc func,
               gpointer   user_data)
{
  Rng *rng = &gen->cx;
  const Unit *unit = &units[u];
  FwResponse response = { 0, };
  Customer *customer;
  gboolean returning;
  guint id;
  Touchpoint tp;
  int score;

  tp = (Touchpoint) rng_weighted (rng, unit->mix, FW_DEMO_N_TOUCHPOINTS);
  id = pick_customer (gen, u, day_index, &returning);
  customer = &g_array_index (gen->customers, Customer, id);

  if (returning && customer->last_detractor
      && day_index - customer->last_day <= FW_DEMO_REPEAT_DAYS && rng_chance (rng, P_STICKY))
    score = draw_detractor (rng);
  else
    score = draw_score (rng, gen->model.nps[u][quarter] + touchpoint_offset[tp], CX_PASSIVES);

  customer->last_day = day_index;
  customer->last_detractor = score <= 6;

  g_snprintf (gen->respondent, sizeof gen->respondent, "C-%06u", id + 1);
  g_snprintf (gen->external_id, sizeof gen->external_id, "CX-%06u", ++gen->cx_serial);

  response.kind = FW_KIND_CUSTOMER;
  response.day = gen->day;
  response.score = score;
  response.unit = unit->name;
  response.touchpoint = touchpoint_names[tp];
  response.respondent = gen->respondent;
  response.external_id = gen->external_id;
  response.comment = customer_comment (gen, u, quarter, score, customer->dutch);
  response.spend = rng_chance (&gen->words, touchpoint_spend[tp])
                   ? draw_spend (&gen->words, score) : NAN;

  func (&response, user_data);
}

static void
emit_employee (Generator *gen,
               guint      u,
               int        quarter,
               FwDemoFunc func,
               gpointer   user_data)
{
  FwResponse response = { 0, };
  int score = draw_score (&gen->ex, gen->model.enps[u][quarter], EX_PASSIVES);

  g_snprintf (gen->external_id, sizeof gen->external_id, "EX-%06u", ++gen->ex_serial);

  response.kind = FW_KIND_EMPLOYEE;
  response.day = gen->day;
  response.score = score;
  response.unit = units[u].name;
  response.external_id = gen->external_id;
  response.comment = employee_comment (gen, u, quarter, score);
  response.spend = NAN;

  func (&response, user_data);
}

/* Plans the quarter's pulse: who answers on which of its days. */
static void
plan_pulse (Generator *gen,
            GDate     *quarter_start,
            guint      day_index,
            int        quarter)
{
  GDate open = *quarter_start;

  /* The first Monday of the quarter's second month. */
  g_date_add_months (&open, 1);
  while (g_date_get_weekday (&open) != G_DATE_MONDAY)
    g_date_add_days (&open, 1);
  gen->pulse_first_day = day_index + g_date_days_between (quarter_start, &open);

  memset (gen->pulse, 0, sizeof gen->pulse);
  for (guint u = 0; u < FW_DEMO_N_UNITS; u++)
    {
      gboolean dip = dip_at (u, quarter) != 0;
      double rate = dip ? DIP_RESPONSE_RATE : units[u].response_rate;
      guint n = rng_binomial (&gen->ex, units[u].headcount, rate);

      for (guint i = 0; i < n; i++)
        gen->pulse[u][rng_weighted (&gen->ex, pulse_day_weight, PULSE_DAYS)]++;
    }
}

static void
demo_run (guint64    seed,
          FwDemoFunc func,
          DayFunc    day_func,
          gpointer   user_data)
{
  g_autofree Generator *gen = g_new0 (Generator, 1);
  g_autoptr(GArray) customers = g_array_sized_new (FALSE, FALSE, sizeof (Customer), 50000);
  GDate date;
  int quarter = -1;

  model_build (&gen->model, seed);
  rng_init (&gen->cx, seed, 2);
  rng_init (&gen->ex, seed, 3);
  rng_init (&gen->words, seed, 4);
  gen->customers = customers;
  gen->volume_scale = volume_scale ();
  for (guint u = 0; u < FW_DEMO_N_UNITS; u++)
    gen->recent_window[u] = CLAMP ((guint) (RECENT_DAYS * gen->volume_scale * units[u].volume),
                                   1, RECENT_SIZE);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, FW_DEMO_FIRST_YEAR);

  for (guint d = 0; d < N_DAYS; d++, g_date_add_days (&date, 1))
    {
      if (day_func != NULL && !day_func (d, user_data))
        return;

      if (quarter_of_date (&date) != quarter)
        {
          quarter = quarter_of_date (&date);
          plan_pulse (gen, &date, d, quarter);
        }

      g_snprintf (gen->day, sizeof gen->day, "%04u-%02u-%02u", (guint) g_date_get_year (&date),
                  (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));

      for (guint u = 0; u < FW_DEMO_N_UNITS; u++)
        {
          double rate = gen->volume_scale * customer_rate (&units[u], &date, quarter);
          /* Binomial with a mean of @rate: close enough to Poisson and
           * needs no exp(). */
          guint trials = (guint) ceil (2 * rate) + 4;
          guint n = rng_binomial (&gen->cx, trials, rate / trials);

          for (guint i = 0; i < n; i++)
            emit_customer (gen, u, d, quarter, func, user_data);
        }

      if (d >= gen->pulse_first_day && d < gen->pulse_first_day + PULSE_DAYS)
        for (guint u = 0; u < FW_DEMO_N_UNITS; u++)
          for (guint i = 0; i < gen->pulse[u][d - gen->pulse_first_day]; i++)
            emit_employee (gen, u, quarter, func, user_data);
    }
}

/**
 * fw_demo_generate:
 * @seed: the same seed gives the same answers, on every machine
 * @func: called once per answer, in day order
 *
 * Generates the sample data without storing it.
 */
void
fw_demo_generate (guint64    seed,
                  FwDemoFunc func,
                  gpointer   user_data)
{
  g_return_if_fail (func != NULL);

  demo_run (seed, func, NULL, user_data);
}

const char *const *
fw_demo_get_units (void)
{
  static const char *names[FW_DEMO_N_UNITS + 1];
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      for (guint u = 0; u < FW_DEMO_N_UNITS; u++)
        names[u] = units[u].name;
      g_once_init_leave (&once, 1);
    }

  return names;
}

const char *const *
fw_demo_get_touchpoints (void)
{
  return touchpoint_names;
}

int
fw_demo_quarter_of_day (const char *day)
{
  unsigned y, m, d;
  char end;
  int quarter;

  g_return_val_if_fail (day != NULL, -1);

  if (sscanf (day, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 || !g_date_valid_dmy (d, m, y))
    return -1;
  quarter = ((int) y - FW_DEMO_FIRST_YEAR) * 4 + ((int) m - 1) / 3;
  return quarter >= 0 && quarter < FW_DEMO_N_QUARTERS ? quarter : -1;
}

typedef struct
{
  FwBatch            *batch;
  GCancellable       *cancellable;
  FwDemoProgressFunc  progress;
  gpointer            progress_data;
  GError             *error;
} Fill;

static void
fill_response (const FwResponse *response,
               gpointer          user_data)
{
  Fill *fill = user_data;

  if (fill->error == NULL)
    fw_batch_add (fill->batch, response, &fill->error);
}

static gboolean
fill_day (guint    day_index,
          gpointer user_data)
{
  Fill *fill = user_data;

  if (fill->error != NULL || g_cancellable_set_error_if_cancelled (fill->cancellable, &fill->error))
    return FALSE;
  /* About a hundred steps; the commit takes the last few percent. */
  if (fill->progress != NULL && day_index % 11 == 0)
    fill->progress (0.95 * day_index / N_DAYS, fill->progress_data);
  return TRUE;
}

gboolean
fw_demo_fill (FwStore           *store,
              guint64            seed,
              gboolean           replace,
              FwDemoProgressFunc progress,
              gpointer           progress_data,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(FwBatch) batch = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *source_name = NULL;
  FwBatchInfo info = { 0, };
  Fill fill = { 0, };
  gint64 old_id, new_id;

  g_return_val_if_fail (FW_IS_STORE (store), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_id = fw_store_find_batch_by_format (store, FW_DEMO_FORMAT, error);
  if (old_id < 0)
    return FALSE;
  if (old_id > 0 && !replace)
    {
      g_set_error_literal (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                           _("The database already holds the sample data."));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* TRANSLATORS: the name under which generated sample data is listed
   * among the imports; %s is a number. */
  seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  source_name = g_strdup_printf (_("Sample data (seed %s)"), seed_text);
  info.source_name = source_name;
  info.format = FW_DEMO_FORMAT;
  info.kind = "mixed";

  batch = fw_store_begin_batch (store, &info, error);
  if (batch == NULL)
    return FALSE;

  fill.batch = batch;
  fill.cancellable = cancellable;
  fill.progress = progress;
  fill.progress_data = progress_data;
  demo_run (seed, fill_response, fill_day, &fill);

  /* Freeing the batch without a commit rolls all of it back. */
  if (fill.error == NULL)
    g_cancellable_set_error_if_cancelled (cancellable, &fill.error);
  if (fill.error != NULL)
    {
      g_propagate_error (error, fill.error);
      return FALSE;
    }

  if (!fw_batch_commit (batch, &new_id, error))
    return FALSE;
  g_clear_pointer (&batch, fw_batch_free);

  /* The old sample goes only once the new one is in, so that a cancelled
   * or failed replacement leaves the database as it was.  Should removing
   * it fail, the new one goes instead, for the same reason. */
  if (old_id > 0 && !fw_store_remove_batch (store, old_id, error))
    {
      g_autoptr(GError) undo_error = NULL;

      if (!fw_store_remove_batch (store, new_id, &undo_error))
        g_warning ("Could not take back the new sample data: %s", undo_error->message);
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}
