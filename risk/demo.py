"""Demo data of the risk register: the council's own ICT risks, in Swahili and English.

Taken from the challenges the council names itself (../shared/COUNCIL.md): too few ICT staff, an
unstable link to distant servers, power cuts, malware, weak and shared passwords, untested backups,
ageing equipment, departments that do not state their ICT needs, supplier lock-in, laptops lost in
the field. Every risk is recorded, rated, treated, reviewed and accepted through the same services
as the portal (no mail is sent); dates that lie in the past (an overdue action, an acceptance that
ran out, a risk closed last month) are then set on the rows, as if the portal had been used all year.
Idempotent: a risk whose English title exists is left alone.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from kilombero_ict.models import Department, User

from . import services
from .matrix import Rating
from .models import Risk, RiskAcceptance, RiskAction, RiskCategory, RiskEvent
from .models.register import EventKind, Status
from .notify import mail_muted


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


RISKS = [
    {
        "title_sw": "Upungufu wa watumishi wa TEHAMA",
        "title_en": "Too few ICT staff for the council's ICT work",
        "cause_sw": "Kitengo kina watumishi wawili tu wa TEHAMA kwa idara 11, vitengo 7, kata na vituo vya afya.",
        "cause_en": "The unit has only two ICT staff for 11 departments, 7 units, the wards and the health facilities.",
        "event_sw": "Kazi zote za TEHAMA zinamwangukia mtu mmoja; akiwa likizo au mgonjwa hakuna anayeshughulikia hitilafu.",
        "event_en": "Every ICT task lands on one person; when they are on leave or sick, nobody handles faults.",
        "consequence_sw": "Huduma za mifumo ya fedha na afya zinasimama kwa siku kadhaa; kazi za kinga kama nakala rudufu hazifanyiki.",
        "consequence_en": "Finance and health systems stay down for days; preventive work such as backups is not done.",
        "vulnerability_sw": "Hakuna mtu wa akiba aliyefundishwa; nyaraka za mifumo hazijaandikwa.",
        "vulnerability_en": "Nobody is trained as a stand-in; the systems are not documented.",
        "existing_controls_sw": "Msaada wa dharura kutoka kwa TEHAMA wa Mkoa kwa simu.",
        "existing_controls_en": "Emergency help by phone from the regional ICT officer.",
        "category": "people-skills",
        "department": "TEHAMA",
        "owner": "ictofficer",
        "systems": "Mifumo yote / all systems",
        "identified": "2025-08-12",
        "ratings": ((5, 4), (4, 4), (3, 3)),
        "treatment": ("mitigate", "Kuongeza watumishi kupitia bajeti na kujenga uwezo wa mabingwa wa TEHAMA idarani."),
        "actions": [
            {
                "sw": "Kuomba kibali cha ajira ya mafundi wawili wa TEHAMA katika bajeti ya 2027/28",
                "en": "Request posts for two ICT technicians in the 2027/28 budget",
                "owner": "manager",
                "due": "2027-01-31",
            },
            {
                "sw": "Kufundisha bingwa mmoja wa TEHAMA kwa kila idara",
                "en": "Train one ICT champion in every department",
                "owner": "technician",
                "due": "2026-10-15",
                "cost": "2400000",
                "status": "in_progress",
            },
        ],
        "reviews": [("2026-09-15", (4, 4), "Hakuna mabadiliko: ombi la ajira limewasilishwa kwa Utumishi.")],
    },
    {
        "title_sw": "Mtandao usio imara kwenda seva za mbali za Serikali",
        "title_en": "Unstable network link to the distant government data centres",
        "cause_sw": "Seva za MUSE, GoT-HoMIS, e-Office na barua pepe ziko Dodoma na Dar es Salaam; Halmashauri ina njia moja tu ya intaneti.",
        "cause_en": "The MUSE, GoT-HoMIS, e-Office and e-mail servers sit in Dodoma and Dar es Salaam; the council has a single internet link.",
        "event_sw": "Njia ya intaneti inakatika kwa saa kadhaa mara kwa mara.",
        "event_en": "The internet link drops for hours at a time.",
        "consequence_sw": "Malipo, makusanyo ya mapato na huduma za afya zinasimama; kazi zinarudi kwenye karatasi.",
        "consequence_en": "Payments, revenue collection and health services stop; work falls back to paper.",
        "threat_source_sw": "Mtoa huduma wa intaneti; nyaya kukatwa na ujenzi wa barabara.",
        "threat_source_en": "The internet provider; cables cut by road works.",
        "existing_controls_sw": "Mkataba wa huduma na mtoa huduma mmoja; modemu za simu kwa dharura.",
        "existing_controls_en": "A service contract with one provider; mobile modems for emergencies.",
        "category": "availability-network",
        "department": "TEHAMA",
        "owner": "ictofficer",
        "systems": "MUSE, GoT-HoMIS, e-Office, GePG, barua pepe ya Serikali",
        "identified": "2025-07-20",
        "ratings": ((5, 4), (4, 4), (2, 4)),
        "treatment": (
            "mitigate",
            "Njia ya pili ya intaneti kutoka kwa mtoa huduma mwingine na ufuatiliaji wa kila siku.",
        ),
        "actions": [
            {
                "sw": "Kuweka njia ya pili ya intaneti kutoka kwa mtoa huduma mwingine",
                "en": "Install a second internet link from another provider",
                "owner": "ictofficer",
                "due": "2027-03-31",
                "cost": "18000000",
                "status": "in_progress",
            },
            {
                "sw": "Kufuatilia upatikanaji wa mtandao kila siku na kuripoti hitilafu kwa e-GA",
                "en": "Monitor the link daily and report outages to e-GA",
                "owner": "technician",
                "due": "2026-12-31",
                "status": "done",
                "closed": "2026-09-01",
            },
        ],
        "reviews": [
            ("2026-02-10", (4, 4), "Kukatika kumepungua kidogo baada ya mtoa huduma kubadilisha kifaa."),
            ("2026-10-20", (3, 4), "Ufuatiliaji wa kila siku umeanza; kukatika sasa kunagunduliwa mapema."),
        ],
    },
    {
        "title_sw": "Kukatika kwa umeme kunazima chumba cha seva na mtandao",
        "title_en": "Power cuts shut down the server room and the network",
        "cause_sw": "Umeme wa TANESCO hukatika mara kwa mara Mngeta; betri za UPS zimechoka.",
        "cause_en": "Mains power fails often at Mngeta; the UPS batteries are worn out.",
        "event_sw": "Seva na swichi zinazimika ghafla umeme unapokatika.",
        "event_en": "Servers and switches switch off abruptly when the power fails.",
        "consequence_sw": "Data inaharibika, vifaa vinaungua na huduma zinasimama mpaka umeme urudi.",
        "consequence_en": "Data is corrupted, equipment burns out and services stop until power returns.",
        "existing_controls_sw": "UPS mbili za zamani zinazodumu dakika 5.",
        "existing_controls_en": "Two old UPS units that last five minutes.",
        "category": "power-environment",
        "department": "TEHAMA",
        "owner": "technician",
        "systems": "Chumba cha seva - Makao Makuu",
        "identified": "2025-09-02",
        "ratings": ((5, 4), (4, 3), (2, 3)),
        "treatment": ("mitigate", "Betri mpya za UPS na jenereta yenye kuwaka yenyewe."),
        "actions": [
            {
                "sw": "Kubadilisha betri za UPS za chumba cha seva",
                "en": "Replace the server room's UPS batteries",
                "owner": "technician",
                "due": "2026-10-31",
                "cost": "4500000",
            },
            {
                "sw": "Kufunga jenereta yenye swichi ya kuwaka yenyewe (ATS)",
                "en": "Install a generator with an automatic transfer switch",
                "owner": "ictofficer",
                "due": "2027-06-30",
                "cost": "35000000",
            },
        ],
        "reviews": [
            ("2026-03-05", (4, 3), "Betri bado hazijabadilishwa; ombi liko PMU."),
            ("2026-09-01", (4, 3), "Ombi la betri limeidhinishwa; jenereta imeingizwa kwenye bajeti ya 2027/28."),
        ],
    },
    {
        "title_sw": "Virusi na ransomware kwenye kompyuta za Halmashauri",
        "title_en": "Malware and ransomware on council computers",
        "cause_sw": "Kompyuta nyingi hazina antivirus iliyosasishwa; watumishi hutumia USB kutoka nje.",
        "cause_en": "Many computers lack up-to-date antivirus; staff use USB sticks from outside.",
        "event_sw": "Ransomware inasimba kwa njia fiche mafaili ya idara ya Fedha na seva ya mafaili.",
        "event_en": "Ransomware encrypts the Finance department's files and the file server.",
        "consequence_sw": "Kumbukumbu za fedha zinapotea; hoja za ukaguzi; gharama ya kurejesha mifumo.",
        "consequence_en": "Financial records are lost; audit queries; the cost of rebuilding systems.",
        "threat_source_sw": "Wahalifu wa mtandaoni; USB zenye virusi.",
        "threat_source_en": "Cyber criminals; infected USB sticks.",
        "vulnerability_sw": "Antivirus ya bure isiyosimamiwa kati; Windows isiyosasishwa.",
        "vulnerability_en": "Free antivirus with no central management; unpatched Windows.",
        "category": "information-security",
        "department": None,
        "owner": "ictofficer",
        "systems": "Kompyuta za ofisi, seva ya mafaili",
        "identified": "2026-07-14",
        "ratings": ((4, 5), (3, 5), (2, 4)),
        "treatment": ("mitigate", "Antivirus inayosimamiwa kati, kuzuia USB na masasisho ya kila mwezi."),
        "actions": [
            {
                "sw": "Kununua leseni za antivirus inayosimamiwa kati kwa kompyuta 120",
                "en": "Buy centrally managed antivirus licences for 120 computers",
                "owner": "ictofficer",
                "due": "2026-11-15",
                "cost": "9600000",
                "status": "in_progress",
            },
            {
                "sw": "Kuzuia USB kwenye kompyuta za idara ya Fedha",
                "en": "Block USB storage on the Finance department's computers",
                "owner": "technician",
                "due": "2026-09-30",
                "status": "done",
                "closed": "2026-09-12",
            },
        ],
    },
    {
        "title_sw": "Nywila dhaifu na za kushirikiana kwenye mifumo ya fedha",
        "title_en": "Weak and shared passwords on the finance systems",
        "cause_sw": "Wahasibu hushirikiana akaunti moja ya MUSE na nywila zimeandikwa kwenye karatasi mezani.",
        "cause_en": "Accountants share one MUSE account and passwords are written on paper at the desk.",
        "event_sw": "Mtu asiye na mamlaka anaingia kwenye MUSE na kuidhinisha malipo.",
        "event_en": "Someone without authority logs in to MUSE and approves a payment.",
        "consequence_sw": "Malipo ya udanganyifu; haiwezekani kujua nani alifanya nini.",
        "consequence_en": "Fraudulent payments; nobody can tell who did what.",
        "category": "information-security",
        "department": "FEDHA",
        "owner": "ictofficer",
        "systems": "MUSE, FFARS, TAUSI",
        "identified": "2026-10-06",
        "ratings": ((4, 4), (4, 4), (2, 4)),
        "treatment": ("mitigate", "Kila mtumishi kuwa na akaunti yake na uthibitishaji wa hatua mbili."),
        "actions": [
            {
                "sw": "Kampeni ya uelewa kuhusu nywila na akaunti binafsi kwa idara ya Fedha",
                "en": "Password awareness campaign and personal accounts for the Finance department",
                "owner": "ictofficer",
                "due": "2026-12-20",
            },
            {
                "sw": "Kuwezesha uthibitishaji wa hatua mbili kwenye barua pepe ya Serikali",
                "en": "Turn on two-step verification for government e-mail",
                "owner": "technician",
                "due": "2027-02-28",
            },
        ],
    },
    {
        "title_sw": "Nakala rudufu hazijawahi kujaribiwa kurejeshwa",
        "title_en": "Backups have never been test-restored",
        "cause_sw": "Nakala rudufu zinachukuliwa kila usiku lakini hakuna aliyejaribu kuzirejesha.",
        "cause_en": "Backups are taken every night but nobody has ever tried to restore one.",
        "event_sw": "Seva ikiharibika, nakala rudufu zinagundulika kuwa hazifanyi kazi.",
        "event_en": "When a server fails, the backups turn out not to work.",
        "consequence_sw": "Data ya miaka kadhaa inapotea kabisa.",
        "consequence_en": "Years of data are lost for good.",
        "category": "data-backups",
        "department": "TEHAMA",
        "owner": "technician",
        "systems": "Seva ya mafaili, hifadhidata ya mapato",
        "identified": "2025-11-10",
        "ratings": ((3, 5), (3, 5), (1, 5)),
        "treatment": ("mitigate", "Majaribio ya kurejesha kila robo na nakala nje ya jengo."),
        "actions": [
            {
                "sw": "Kujaribu kurejesha nakala rudufu kila robo na kuandika matokeo",
                "en": "Test-restore the backups every quarter and record the result",
                "owner": "technician",
                "due": "2026-09-30",
            },
            {
                "sw": "Kuhifadhi nakala rudufu nje ya jengo la Makao Makuu",
                "en": "Keep a copy of the backups away from the headquarters building",
                "owner": "technician",
                "due": "2026-06-30",
                "status": "done",
                "closed": "2026-06-20",
            },
        ],
        "reviews": [("2026-08-20", (3, 5), "Nakala nje ya jengo zipo; jaribio la kurejesha bado halijafanyika.")],
    },
    {
        "title_sw": "Kompyuta na printa zilizochakaa",
        "title_en": "Ageing computers and printers",
        "cause_sw": "Zaidi ya theluthi ya kompyuta zina umri wa miaka 6 au zaidi.",
        "cause_en": "More than a third of the computers are six years old or more.",
        "event_sw": "Vifaa vinaharibika mara kwa mara na havipati vipuri.",
        "event_en": "Equipment breaks down often and spare parts cannot be found.",
        "consequence_sw": "Watumishi wanakaa bila vifaa; gharama za matengenezo zinapanda.",
        "consequence_en": "Staff sit without equipment; repair costs climb.",
        "category": "availability-network",
        "department": None,
        "owner": "technician",
        "systems": "Kompyuta za mezani, printa",
        "identified": "2025-10-01",
        "ratings": ((4, 3), (4, 3), (2, 3)),
        "reviews": [
            ("2026-03-10", (4, 3), "Vifaa vitano vimeharibika robo hii; vipuri havipatikani."),
            ("2026-09-25", (4, 3), "Mpango wa kubadilisha vifaa unaandaliwa kwa bajeti ya 2027/28."),
        ],
        "treatment": ("mitigate", "Mpango wa kubadilisha vifaa kwa awamu kupitia bajeti."),
        "actions": [
            {
                "sw": "Kuandaa mpango wa kubadilisha vifaa vilivyozidi miaka 6 katika bajeti",
                "en": "Draw up a plan to replace equipment older than six years in the budget",
                "owner": "ictofficer",
                "due": "2027-01-31",
            }
        ],
    },
    {
        "title_sw": "Idara haziwasilishi mahitaji yao ya TEHAMA kwa wakati",
        "title_en": "Departments do not state their ICT needs in time for the budget",
        "cause_sw": "Mahitaji ya TEHAMA hayamo kwenye mzunguko wa maandalizi ya bajeti ya idara.",
        "cause_en": "ICT needs are not part of the departments' budget preparation cycle.",
        "event_sw": "Vifaa na mifumo inanunuliwa bila kupangwa au haipatikani kabisa.",
        "event_en": "Equipment and systems are bought unplanned, or not at all.",
        "consequence_sw": "Manunuzi ya dharura, gharama kubwa na vifaa visivyolingana.",
        "consequence_en": "Emergency purchases, higher costs and equipment that does not fit together.",
        "category": "compliance",
        "department": "MIPANGO",
        "owner": "ictofficer",
        "systems": "PlanRep",
        "identified": "2026-01-20",
        "ratings": ((4, 3), (3, 3), (2, 2)),
        "reviews": [("2026-07-15", (3, 3), "Fomu ya mahitaji imeandaliwa; itatumika katika mzunguko wa Desemba.")],
        "treatment": ("mitigate", "Fomu ya mahitaji ya TEHAMA ndani ya mzunguko wa PlanRep."),
        "actions": [
            {
                "sw": "Kuweka fomu ya mahitaji ya TEHAMA kwenye mzunguko wa PlanRep kila Desemba",
                "en": "Add an ICT needs form to the PlanRep cycle every December",
                "owner": "ictofficer",
                "due": "2026-12-15",
            }
        ],
    },
    {
        "title_sw": "Kutegemea mzabuni mmoja wa vifaa vya kukusanyia mapato",
        "title_en": "Lock-in to one supplier for the revenue collection devices",
        "cause_sw": "Vifaa vya POS na programu yake vinatolewa na mzabuni mmoja bila ushindani.",
        "cause_en": "The POS devices and their software come from a single supplier without competition.",
        "event_sw": "Mzabuni anapandisha bei au anachelewa kutengeneza vifaa.",
        "event_en": "The supplier raises prices or is slow to repair devices.",
        "consequence_sw": "Makusanyo ya mapato yanapungua; Halmashauri haina mbadala.",
        "consequence_en": "Revenue collection falls; the council has no alternative.",
        "category": "suppliers-contracts",
        "department": "FEDHA",
        "owner": "ictofficer",
        "systems": "TAUSI / LGRCIS, vifaa vya POS",
        "identified": "2025-12-03",
        "ratings": ((3, 4), (3, 3), (3, 3)),
        "reviews": [("2026-07-28", (3, 3), "Mzabuni anatoa huduma kwa wakati; mkataba unaendelea hadi Juni 2027.")],
        "accept": {
            "by": "manager",
            "until": "2027-06-30",
            "justification": "Mkataba wa sasa unaisha Juni 2027; kubadilisha mzabuni kabla ya hapo kunagharimu zaidi "
            "ya hasara inayotarajiwa. Zabuni ya ushindani itaandaliwa kwa mwaka wa fedha 2027/28.",
        },
    },
    {
        "title_sw": "Kupotea au kuibiwa kwa kompyuta mpakato za watumishi wa afya walio nje",
        "title_en": "Laptops lost or stolen during health outreach in the field",
        "cause_sw": "Watumishi wa afya husafiri vijijini na kompyuta mpakato zenye taarifa za wagonjwa.",
        "cause_en": "Health staff travel to the villages with laptops holding patients' data.",
        "event_sw": "Kompyuta mpakato inapotea au kuibiwa njiani.",
        "event_en": "A laptop is lost or stolen on the way.",
        "consequence_sw": "Taarifa za wagonjwa zinavuja; gharama ya kununua kifaa kipya.",
        "consequence_en": "Patients' data leaks; the cost of a new device.",
        "category": "physical",
        "department": "AFYA",
        "owner": "hod.health",
        "systems": "Kompyuta mpakato za Afya",
        "identified": "2026-08-05",
        "ratings": ((4, 3), (3, 3), (2, 2)),
        "treatment": ("mitigate", "Usimbaji fiche wa diski na daftari la kukabidhi kompyuta mpakato."),
        "actions": [
            {
                "sw": "Kusimba kwa njia fiche diski za kompyuta mpakato zote za idara ya Afya",
                "en": "Encrypt the disks of every Health department laptop",
                "owner": "technician",
                "due": "2026-11-20",
            },
            {
                "sw": "Kuanzisha daftari la kukabidhi na kurudisha kompyuta mpakato",
                "en": "Start a hand-out and return book for laptops",
                "owner": "hod.health",
                "due": "2027-01-15",
            },
        ],
    },
    {
        "title_sw": "GoT-HoMIS kwenye vituo vya afya haitumiki mtandao unapokatika",
        "title_en": "GoT-HoMIS at the health centres is unusable when the link drops",
        "cause_sw": "GoT-HoMIS inahitaji mtandao wakati wote; vituo vya Mlimba na Mngeta vina mtandao dhaifu.",
        "cause_en": "GoT-HoMIS needs the network all the time; the Mlimba and Mngeta centres have a weak link.",
        "event_sw": "Usajili wa wagonjwa na makusanyo ya ada yanasimama.",
        "event_en": "Patient registration and fee collection stop.",
        "consequence_sw": "Foleni ndefu, mapato ya vituo kupotea na takwimu za afya kukosekana.",
        "consequence_en": "Long queues, lost facility revenue and missing health statistics.",
        "category": "availability-network",
        "department": "AFYA",
        "owner": "hod.health",
        "systems": "GoT-HoMIS, FFARS",
        "identified": "2026-09-10",
        "ratings": ((4, 4), (4, 4), (2, 3)),
        "treatment": ("mitigate", "Seva ndogo ya ndani inayofanya kazi bila mtandao na kusawazisha baadaye."),
        "actions": [
            {
                "sw": "Kuweka seva ndogo ya ndani Kituo cha Afya Mlimba",
                "en": "Install a small local server at Mlimba Health Centre",
                "owner": "technician",
                "due": "2027-03-31",
                "cost": "7200000",
            }
        ],
    },
    {
        "title_sw": "Barua pepe za kughushi zinazowalenga wahasibu",
        "title_en": "Phishing e-mails aimed at the accountants",
        "cause_sw": "Wahasibu hupokea barua pepe zinazojifanya kutoka kwa wazabuni au Hazina.",
        "cause_en": "Accountants receive e-mails pretending to come from suppliers or the Treasury.",
        "event_sw": "Mhasibu anabadilisha akaunti ya benki ya mzabuni kwa maelekezo ya barua pepe ya kughushi.",
        "event_en": "An accountant changes a supplier's bank account on the word of a forged e-mail.",
        "consequence_sw": "Fedha za Halmashauri zinalipwa kwa wahalifu.",
        "consequence_en": "Council money is paid to criminals.",
        "category": "information-security",
        "department": "FEDHA",
        "owner": "ictofficer",
        "systems": "Barua pepe ya Serikali, MUSE",
        "identified": "2026-11-03",
        "ratings": ((4, 4), (3, 4), (2, 3)),
        "treatment": ("mitigate", "Mafunzo mafupi na utaratibu wa kuthibitisha mabadiliko ya akaunti kwa simu."),
        "actions": [
            {
                "sw": "Mafunzo ya dakika 30 kuhusu barua pepe za kughushi kwa idara ya Fedha",
                "en": "A 30-minute phishing briefing for the Finance department",
                "owner": "ictofficer",
                "due": "2026-12-15",
            }
        ],
    },
    {
        "title_sw": "Kuvuja kwa taarifa binafsi za wagonjwa",
        "title_en": "Leak of patients' personal data",
        "cause_sw": "Ripoti za wagonjwa hutumwa kwa WhatsApp na kuhifadhiwa kwenye simu binafsi.",
        "cause_en": "Patient reports are sent over WhatsApp and kept on personal phones.",
        "event_sw": "Taarifa za wagonjwa zinaonekana kwa watu wasiohusika.",
        "event_en": "Patients' data is seen by people who should not see it.",
        "consequence_sw": "Ukiukaji wa Sheria ya Ulinzi wa Taarifa Binafsi; kupoteza imani ya wananchi.",
        "consequence_en": "A breach of the Personal Data Protection Act; citizens lose trust.",
        "category": "compliance",
        "department": "AFYA",
        "owner": "hod.health",
        "systems": "GoT-HoMIS, simu za watumishi",
        "identified": "2026-02-14",
        "ratings": ((3, 5), (2, 5), (2, 4)),
    },
    {
        "title_sw": "Tovuti ya Halmashauri kuharibiwa na wadukuzi",
        "title_en": "The council website defaced by intruders",
        "cause_sw": "Tovuti ilikuwa kwenye mfumo wa zamani usiosasishwa.",
        "cause_en": "The website ran on an old, unpatched content system.",
        "event_sw": "Wadukuzi wanabadilisha ukurasa wa mbele wa tovuti.",
        "event_en": "Intruders replace the website's front page.",
        "consequence_sw": "Aibu kwa Halmashauri na taarifa za uongo kwa wananchi.",
        "consequence_en": "Embarrassment for the council and false information for citizens.",
        "category": "information-security",
        "department": "MAWASILIANO",
        "owner": "ictofficer",
        "systems": "Tovuti ya Halmashauri",
        "identified": "2025-08-01",
        "ratings": ((3, 3), (2, 3), (2, 3)),
        "treatment": ("mitigate", "Kuhamisha tovuti kwenye huduma ya e-GA inayosasishwa na kufuatiliwa."),
        "actions": [
            {
                "sw": "Kuhamisha tovuti kwenye huduma ya e-GA na kusasisha mfumo wake",
                "en": "Move the website to e-GA's hosting and update its software",
                "owner": "technician",
                "due": "2026-03-31",
                "status": "done",
                "closed": "2026-03-18",
            }
        ],
        "monitor": True,
        "reviews": [
            ("2026-05-04", (2, 3), "Tovuti iko e-GA; hakuna tukio jipya."),
            ("2026-11-02", (2, 3), "e-GA wanasasisha mfumo kila mwezi; hakuna tukio."),
        ],
    },
    {
        "title_sw": "Radi kuharibu vifaa vya mtandao vya ofisi za kata",
        "title_en": "Lightning damage to the ward offices' network equipment",
        "cause_sw": "Ofisi za kata hazina kinga ya radi wala waya wa ardhini.",
        "cause_en": "The ward offices have neither lightning protection nor earthing.",
        "event_sw": "Radi inaunguza ruta na swichi wakati wa mvua za masika.",
        "event_en": "Lightning burns routers and switches during the long rains.",
        "consequence_sw": "Ofisi ya kata inakosa mtandao kwa wiki kadhaa.",
        "consequence_en": "A ward office has no network for weeks.",
        "category": "power-environment",
        "department": "UTAWALA",
        "owner": "technician",
        "systems": "Ofisi za kata: Mlimba, Chita, Mchombe",
        "identified": "2025-09-18",
        "ratings": ((3, 3), (3, 3), (2, 2)),
        "reviews": [
            ("2026-10-05", (3, 3), "Hakuna radi iliyoharibu vifaa msimu uliopita; hatari bado ipo masika yajayo.")
        ],
        "expired_accept": {
            "by": "manager",
            "approved": "2025-10-02",
            "until": "2026-09-30",
            "justification": "Gharama ya kinga ya radi kwa kata zote ni kubwa kuliko vifaa vinavyolindwa; tunakubali "
            "hatari hii kwa mwaka mmoja na kubadilisha vifaa vinapoharibika.",
        },
        "request_accept": {
            "by": "ictofficer",
            "until": "2027-09-30",
            "justification": "Hakuna tukio la radi lililotokea msimu uliopita; tunaomba kukubali hatari hii kwa mwaka "
            "mwingine wakati bajeti ya kinga ya radi inasubiriwa.",
        },
    },
    {
        "title_sw": "Windows XP isiyo na masasisho kwenye kompyuta za idara ya Ardhi",
        "title_en": "Unsupported Windows XP on the Lands department's computers",
        "cause_sw": "Programu ya zamani ya ramani ilifanya kazi kwenye Windows XP pekee.",
        "cause_en": "An old mapping program only ran on Windows XP.",
        "event_sw": "Virusi vinaingia kupitia kompyuta zisizo na masasisho.",
        "event_en": "Malware gets in through the unpatched computers.",
        "consequence_sw": "Ramani na hati za ardhi zinaharibika.",
        "consequence_en": "Maps and land records are damaged.",
        "category": "information-security",
        "department": "ARDHI",
        "owner": "technician",
        "systems": "Kompyuta za idara ya Ardhi",
        "identified": "2025-07-15",
        "ratings": ((4, 3), (4, 3), (1, 3)),
        "treatment": ("mitigate", "Kubadilisha kompyuta na kuhamia programu mpya ya ramani."),
        "actions": [
            {
                "sw": "Kubadilisha kompyuta tatu za Ardhi na kuweka programu mpya ya ramani",
                "en": "Replace the three Lands computers and install the new mapping software",
                "owner": "technician",
                "due": "2026-09-30",
                "cost": "6300000",
                "status": "done",
                "closed": "2026-10-10",
            }
        ],
        "close": ("2026-10-20", "Kompyuta zote za Windows XP zimebadilishwa; programu mpya ya ramani inatumika."),
    },
]


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def _backdate_events(risk: Risk) -> None:
    """Show the recording, the first assessment and dated reviews on their own days, as if recorded then."""
    today = timezone.localdate()
    for event in risk.events.order_by("id"):
        day = event.effective_on
        if event.kind == EventKind.CREATED or (
            event.kind == EventKind.STATUS
            and event.from_status == Status.IDENTIFIED
            and event.to_status == Status.ASSESSED
        ):
            day = risk.identified_on
        if day is not None and day < today:
            RiskEvent.objects.filter(pk=event.pk).update(at=_noon(day))


def _seed_risk(spec, people, departments, categories, officer):
    today = timezone.localdate()
    details = services.RiskDetails(
        title_sw=spec["title_sw"],
        title_en=spec["title_en"],
        cause_sw=spec["cause_sw"],
        cause_en=spec["cause_en"],
        event_sw=spec["event_sw"],
        event_en=spec["event_en"],
        consequence_sw=spec["consequence_sw"],
        consequence_en=spec["consequence_en"],
        category=categories[spec["category"]],
        department=departments.get(spec["department"]),
        owner=people[spec["owner"]],
        affected_systems=spec.get("systems", ""),
        threat_source_sw=spec.get("threat_source_sw", ""),
        threat_source_en=spec.get("threat_source_en", ""),
        vulnerability_sw=spec.get("vulnerability_sw", ""),
        vulnerability_en=spec.get("vulnerability_en", ""),
        existing_controls_sw=spec.get("existing_controls_sw", ""),
        existing_controls_en=spec.get("existing_controls_en", ""),
    )
    inherent, current, target = (Rating(*pair) for pair in spec["ratings"])
    risk = services.risk_create(
        by=officer,
        details=details,
        identified_on=_day(spec["identified"]),
        inherent=inherent,
        current=current,
        target=target,
    )
    for day, rating, notes in spec.get("reviews", []):
        reviewer = people[spec["owner"]] if spec["owner"] in ("hod.health",) else officer
        services.risk_review(risk=risk, by=reviewer, reviewed_on=_day(day), current=Rating(*rating), notes=notes)
    if "treatment" in spec:
        treatment, rationale = spec["treatment"]
        services.risk_set_treatment(risk=risk, by=officer, treatment=treatment, rationale=rationale)
    for action_spec in spec.get("actions", []):
        due = _day(action_spec["due"])
        action = services.action_create(
            risk=risk,
            by=officer,
            title_sw=action_spec["sw"],
            title_en=action_spec["en"],
            owner=people[action_spec["owner"]],
            due_on=max(due, today),
            cost=Decimal(action_spec["cost"]) if "cost" in action_spec else None,
        )
        RiskAction.objects.filter(pk=action.pk).update(
            due_on=due, created_at=_noon(min(_day(spec["identified"]) + dt.timedelta(days=14), today))
        )
        action.refresh_from_db()
        status = action_spec.get("status")
        if status == "in_progress":
            services.action_record_progress(
                action=action, by=people[action_spec["owner"]], note="Kazi imeanza.", status="in_progress"
            )
        elif status == "done":
            services.action_record_progress(action=action, by=people[action_spec["owner"]], note="", status="done")
            RiskAction.objects.filter(pk=action.pk).update(closed_on=_day(action_spec["closed"]))
    if spec.get("monitor"):
        services.risk_start_monitoring(risk=risk, by=officer, note="Hatua zote zimekamilika.")
    if "accept" in spec:
        accept = spec["accept"]
        services.risk_accept(
            risk=risk, by=people[accept["by"]], justification=accept["justification"], expires_on=_day(accept["until"])
        )
    if "expired_accept" in spec:
        accept = spec["expired_accept"]
        acceptance = services.risk_accept(
            risk=risk,
            by=people[accept["by"]],
            justification=accept["justification"],
            expires_on=today + dt.timedelta(days=1),
        )
        RiskAcceptance.objects.filter(pk=acceptance.pk).update(
            expires_on=_day(accept["until"]),
            requested_at=_noon(_day(accept["approved"])),
            decided_at=_noon(_day(accept["approved"])),
        )
        services.acceptance_expire(acceptance=acceptance)
        RiskAcceptance.objects.filter(pk=acceptance.pk).update(ended_on=_day(accept["until"]) + dt.timedelta(days=1))
    if "request_accept" in spec:
        request = spec["request_accept"]
        services.acceptance_request(
            risk=risk,
            by=people[request["by"]],
            justification=request["justification"],
            expires_on=_day(request["until"]),
        )
    if "close" in spec:
        day, note = spec["close"]
        services.risk_close(risk=risk, by=officer, note=note)
        Risk.objects.filter(pk=risk.pk).update(closed_on=_day(day))
    _backdate_events(risk)
    return risk


def seed(stdout=None):
    usernames = {"ictofficer", "technician", "hod.health", "manager"}
    people = {u.username: u for u in User.objects.filter(username__in=usernames)}
    if set(people) != usernames:
        if stdout:
            stdout.write("Risk register: the demo accounts are missing; run the organisation layer's demo first.")
        return
    departments = {d.code: d for d in Department.objects.all()}
    categories = {c.code: c for c in RiskCategory.objects.all()}
    existing = set(Risk.objects.filter(title_en__in=[s["title_en"] for s in RISKS]).values_list("title_en", flat=True))
    created = 0
    with mail_muted():
        for spec in RISKS:
            if spec["title_en"] in existing:
                continue
            _seed_risk(spec, people, departments, categories, people["ictofficer"])
            created += 1
    if stdout:
        stdout.write(f"Risk register: {created} risks added, {Risk.objects.count()} in the register.")
