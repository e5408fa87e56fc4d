"""The texts of the demo council's ICT documents, in Swahili and English (Markdown).

Written for the demo of a district council's ICT unit: the ICT Policy, the acceptable-use
circular (two versions, the second a material change) and the ICT Risk Management Policy, plus a
backup procedure still in review. Each has purpose, scope, rules, responsibilities, sanctions and review.
"""

ICT_POLICY_SW = """\
## 1. Madhumuni

Sera hii inaweka misingi ya jinsi Halmashauri inavyopanga, kununua, kutumia, kulinda na kutunza rasilimali zake za
Teknolojia ya Habari na Mawasiliano (TEHAMA). Lengo ni kuhakikisha kwamba kila mfumo na kila kifaa cha TEHAMA
kinatumika bila kuathiri usalama, uadilifu, usiri na upatikanaji wa taarifa na huduma kwa wananchi.

## 2. Wigo

Sera hii inawahusu watumishi wote wa Halmashauri, wanafunzi wa mafunzo kwa vitendo, watumishi wa kujitolea, wazabuni
na mtu yeyote anayetumia mifumo, mtandao au vifaa vya TEHAMA vya Halmashauri, iwe makao makuu Mngeta, ofisi za kata,
vituo vya afya, zahanati au shule.

## 3. Misingi ya sera

1. **Umiliki wa rasilimali.** Kompyuta, printa, vifaa vya mtandao, programu na taarifa zote zilizonunuliwa au kutengenezwa
   kwa fedha za Halmashauri ni mali ya Halmashauri na zinaandikwa kwenye daftari la mali.
2. **Ununuzi.** Kila idara inawasilisha mahitaji yake ya TEHAMA kwa Kitengo cha TEHAMA kabla ya mpango wa bajeti.
   Vifaa vya TEHAMA vinanunuliwa kwa ushauri wa kitaalamu wa Kitengo cha TEHAMA na kupitia Kitengo cha Usimamizi wa
   Ununuzi (PMU).
3. **Mifumo ya Serikali.** Mifumo kama MUSE, FFARS, PlanRep, GoT-HoMIS, TAUSI, HCMIS na GePG inatumika kwa mujibu wa
   miongozo ya Serikali na ya Mamlaka ya Serikali Mtandao (e-GA).
4. **Usalama wa taarifa.** Kila mfumo una mmiliki wake katika idara husika; ruhusa za kuingia hutolewa kwa kazi tu na
   huondolewa mtumishi anapohama au kuacha kazi.
5. **Mwendelezo wa huduma.** Nakala za akiba za taarifa muhimu zinachukuliwa kwa ratiba na kuhifadhiwa mahali salama
   nje ya chumba cha seva.
6. **Msaada kwa watumiaji.** Hitilafu zote za TEHAMA zinaripotiwa kupitia dawati la msaada la Kitengo cha TEHAMA ili
   zifuatiliwe hadi zitatuliwe.

## 4. Majukumu

| Nani | Jukumu |
| --- | --- |
| Mkurugenzi Mtendaji (Afisa Masuuli) | Kuidhinisha sera na kuhakikisha rasilimali za kuitekeleza zipo. |
| Kitengo cha TEHAMA | Kusimamia utekelezaji, kutoa ushauri, kutunza daftari la mali na kuripoti hali ya TEHAMA. |
| Wakuu wa Idara na Vitengo | Kuhakikisha watumishi wao wanaifahamu na kuifuata sera hii. |
| Kila mtumishi | Kutumia rasilimali za TEHAMA kwa uangalifu na kwa kazi za Halmashauri. |
| Mkaguzi wa Ndani | Kukagua kufuatwa kwa sera hii na kutoa taarifa kwa Menejimenti. |

## 5. Hatua za kinidhamu

Ukiukwaji wa sera hii utashughulikiwa kwa mujibu wa Kanuni za Utumishi wa Umma. Matumizi mabaya yanayosababisha hasara
yanaweza kumlazimu mhusika kulipa gharama, na makosa ya jinai yatapelekwa kwenye vyombo vya sheria.

## 6. Mapitio

Sera hii itapitiwa kila baada ya miaka mitatu, au mapema zaidi pale sheria, miongozo ya Serikali au teknolojia
vinapobadilika kwa kiasi kikubwa. Kitengo cha TEHAMA kinaratibu mapitio na Menejimenti inaidhinisha mabadiliko.
"""

ICT_POLICY_EN = """\
## 1. Purpose

This policy sets out how the Council plans, buys, uses, protects and maintains its Information and Communication
Technology (ICT) resources. Its aim is that every ICT system and device is used without harming the security,
integrity, confidentiality or availability of information and of services to citizens.

## 2. Scope

It applies to all Council staff, interns, volunteers, suppliers and anyone who uses the Council's ICT systems,
network or equipment, whether at the Mngeta headquarters, a ward office, a health centre, a dispensary or a school.

## 3. Policy principles

1. **Ownership.** Computers, printers, network equipment, software and data bought or produced with Council funds
   belong to the Council and are recorded in the asset register.
2. **Procurement.** Each department submits its ICT needs to the ICT Unit before budget planning. ICT equipment is
   bought on the technical advice of the ICT Unit and through the Procurement Management Unit (PMU).
3. **Government systems.** Systems such as MUSE, FFARS, PlanRep, GoT-HoMIS, TAUSI, HCMIS and GePG are used according
   to Government guidelines and those of the e-Government Authority (e-GA).
4. **Information security.** Every system has an owner in the department concerned; access is granted for work
   only and removed when a staff member moves or leaves.
5. **Continuity.** Backups of important data are taken on a schedule and kept in a safe place outside the server room.
6. **User support.** Every ICT fault is reported through the ICT Unit's helpdesk, so that it is followed up until solved.

## 4. Responsibilities

| Who | Responsibility |
| --- | --- |
| District Executive Director (Accounting Officer) | Approves the policy and ensures resources exist to carry it out. |
| ICT Unit | Oversees implementation, advises, keeps the asset register and reports on the state of ICT. |
| Heads of departments and units | Make sure their staff know and follow this policy. |
| Every staff member | Uses ICT resources with care and for Council work. |
| Internal Auditor | Audits compliance with this policy and reports to Management. |

## 5. Sanctions

Breaches of this policy are handled under the Public Service Regulations. Misuse that causes loss may oblige the
person responsible to pay for it, and criminal offences are referred to the law enforcement authorities.

## 6. Review

This policy is reviewed every three years, or sooner when the law, Government guidelines or technology change
significantly. The ICT Unit coordinates the review and Management approves the changes.
"""

CIRCULAR_V1_SW = """\
## 1. Madhumuni

Waraka huu unaeleza matumizi bora na sahihi ya rasilimali za TEHAMA za Halmashauri: kompyuta, mtandao, barua pepe ya
Serikali, printa na mifumo ya kazi. Unalenga kulinda taarifa za Halmashauri na za wananchi, na kuzuia hasara
inayotokana na matumizi mabaya au uzembe.

## 2. Wigo

Waraka huu unamhusu kila mtumishi wa Halmashauri anayepewa kifaa au akaunti ya mfumo wowote wa Halmashauri.

## 3. Kanuni za matumizi

1. Tumia kompyuta, mtandao na barua pepe ya Serikali kwa kazi za Halmashauri. Matumizi binafsi madogo yanaruhusiwa
   ilimradi hayaingilii kazi wala hayavunji sheria.
2. Usimpe mtu yeyote nywila yako. Nywila iwe na angalau herufi nane na ibadilishwe ukihisi imejulikana.
3. Funga kompyuta yako (Windows + L) kila unapoondoka mezani.
4. Usiweke programu yoyote kwenye kompyuta ya Halmashauri bila idhini ya Kitengo cha TEHAMA.
5. Usipakue wala kusambaza maudhui ya ngono, ya chuki, ya kamari au yanayovunja hakimiliki.
6. Hifadhi nyaraka za kazi kwenye folda ya idara iliyopo kwenye seva, si kwenye kompyuta pekee.
7. Ripoti kwa Kitengo cha TEHAMA kifaa kilichoibiwa, kilichoharibika au kinachotenda kazi isivyo kawaida.

## 4. Majukumu

- **Mtumishi:** kusoma, kukubali na kufuata waraka huu.
- **Mkuu wa Idara:** kuhakikisha kila mtumishi wa idara amekubali waraka huu na kusimamia ufuataji wake.
- **Kitengo cha TEHAMA:** kutoa elimu, kusaidia watumiaji na kufuatilia matumizi ya mtandao.

## 5. Hatua za kinidhamu

Mtumishi atakayekiuka waraka huu atapewa onyo la maandishi kwa kosa la kwanza; makosa yanayojirudia au makubwa
yatashughulikiwa kwa mujibu wa Kanuni za Utumishi wa Umma, ikiwemo kusimamishwa kutumia mifumo.

## 6. Mapitio

Waraka huu utapitiwa kila mwaka na Kitengo cha TEHAMA.
"""

CIRCULAR_V1_EN = """\
## 1. Purpose

This circular describes the good and proper use of the Council's ICT resources: computers, the network, Government
e-mail, printers and work systems. It aims to protect the information of the Council and of citizens, and to
prevent losses caused by misuse or carelessness.

## 2. Scope

It applies to every Council staff member who is given a device or an account on any Council system.

## 3. Rules of use

1. Use computers, the network and Government e-mail for Council work. Limited personal use is allowed as long as it
   does not interfere with work or break the law.
2. Never give your password to anyone. It must have at least eight characters and be changed if you suspect it is known.
3. Lock your computer (Windows + L) whenever you leave your desk.
4. Do not install any software on a Council computer without the ICT Unit's approval.
5. Do not download or share pornographic, hateful or gambling content, or content that breaks copyright.
6. Keep work documents in the department's folder on the server, not only on your computer.
7. Report to the ICT Unit any device that is stolen, damaged or behaving unusually.

## 4. Responsibilities

- **Staff member:** read, accept and follow this circular.
- **Head of department:** make sure every staff member of the department has accepted it, and oversee compliance.
- **ICT Unit:** train and support users, and monitor the use of the network.

## 5. Sanctions

A first breach earns a written warning; repeated or serious breaches are handled under the Public Service
Regulations, including suspension of access to systems.

## 6. Review

The ICT Unit reviews this circular every year.
"""

CIRCULAR_V2_SW = """\
## 1. Madhumuni

Waraka huu unaeleza matumizi bora na sahihi ya rasilimali za TEHAMA za Halmashauri: kompyuta, simu na kompyuta
mpakato za kazi, mtandao, barua pepe ya Serikali, printa na mifumo ya kazi. Unalenga kulinda taarifa za Halmashauri
na za wananchi, na kuzuia hasara inayotokana na matumizi mabaya, uzembe au mashambulizi ya kimtandao.

## 2. Wigo

Waraka huu unamhusu kila mtumishi wa Halmashauri anayepewa kifaa au akaunti ya mfumo wowote wa Halmashauri, pamoja na
anayetumia simu yake binafsi kupata barua pepe ya Serikali au mifumo ya kazi.

## 3. Kanuni za matumizi

1. Tumia kompyuta, mtandao na barua pepe ya Serikali kwa kazi za Halmashauri. Matumizi binafsi madogo yanaruhusiwa
   ilimradi hayaingilii kazi wala hayavunji sheria.
2. Usimpe mtu yeyote nywila yako, hata mtumishi wa Kitengo cha TEHAMA. Nywila iwe na angalau **herufi kumi na mbili**
   na isitumike kwenye tovuti au mfumo mwingine.
3. **Washa uthibitisho wa hatua mbili** kwenye barua pepe ya Serikali na kwenye kila mfumo unaoruhusu.
4. Funga kompyuta yako (Windows + L) kila unapoondoka mezani.
5. Usiweke programu yoyote kwenye kompyuta ya Halmashauri bila idhini ya Kitengo cha TEHAMA.
6. Usipakue wala kusambaza maudhui ya ngono, ya chuki, ya kamari au yanayovunja hakimiliki.
7. Hifadhi nyaraka za kazi kwenye folda ya idara iliyopo kwenye seva, si kwenye kompyuta pekee.
8. **Flash disk na diski za nje** zitumike tu baada ya kukaguliwa na kinga-virusi; taarifa binafsi za wananchi
   (kwa mfano za wagonjwa au walipa kodi) zisihifadhiwe kwenye vifaa hivyo bila kufichwa kwa nywila.
9. **Usitume taarifa za siri za Halmashauri kupitia makundi ya WhatsApp** au mitandao ya kijamii; tumia barua pepe ya
   Serikali au e-Office.
10. Ripoti kwa Kitengo cha TEHAMA **ndani ya saa 24** kifaa kilichoibiwa, barua pepe ya kutiliwa shaka uliyoifungua,
    au tukio lolote la usalama.

## 4. Majukumu

- **Mtumishi:** kusoma, kukubali na kufuata waraka huu, na kuripoti matukio ya usalama.
- **Mkuu wa Idara:** kuhakikisha kila mtumishi wa idara amekubali waraka huu ndani ya muda uliowekwa, na kusimamia
  ufuataji wake.
- **Kitengo cha TEHAMA:** kutoa elimu, kusaidia watumiaji kuwasha uthibitisho wa hatua mbili, kufuatilia matumizi ya
  mtandao na kutoa taarifa ya kila robo ya mwaka kwa Menejimenti.

## 5. Hatua za kinidhamu

Mtumishi atakayekiuka waraka huu atapewa onyo la maandishi kwa kosa la kwanza; makosa yanayojirudia au makubwa
yatashughulikiwa kwa mujibu wa Kanuni za Utumishi wa Umma, ikiwemo kusimamishwa kutumia mifumo. Kuvujisha taarifa za
wananchi kunaweza pia kushughulikiwa kwa mujibu wa Sheria ya Ulinzi wa Taarifa Binafsi.

## 6. Mapitio

Waraka huu utapitiwa kila mwaka na Kitengo cha TEHAMA, au mapema zaidi baada ya tukio kubwa la usalama.
"""

CIRCULAR_V2_EN = """\
## 1. Purpose

This circular describes the good and proper use of the Council's ICT resources: computers, work phones and laptops,
the network, Government e-mail, printers and work systems. It aims to protect the information of the Council and of
citizens, and to prevent losses caused by misuse, carelessness or cyber attacks.

## 2. Scope

It applies to every Council staff member who is given a device or an account on any Council system, including anyone
who reads Government e-mail or work systems on a personal phone.

## 3. Rules of use

1. Use computers, the network and Government e-mail for Council work. Limited personal use is allowed as long as it
   does not interfere with work or break the law.
2. Never give your password to anyone, not even to ICT Unit staff. It must have at least **twelve characters** and
   must not be used on any other website or system.
3. **Turn on two-step verification** for Government e-mail and every system that offers it.
4. Lock your computer (Windows + L) whenever you leave your desk.
5. Do not install any software on a Council computer without the ICT Unit's approval.
6. Do not download or share pornographic, hateful or gambling content, or content that breaks copyright.
7. Keep work documents in the department's folder on the server, not only on your computer.
8. **Flash drives and external disks** may be used only after an antivirus scan; personal data of citizens (for
   example patients or taxpayers) must not be stored on them unless encrypted with a password.
9. **Do not send confidential Council information through WhatsApp groups** or social media; use Government e-mail
   or e-Office.
10. Report to the ICT Unit **within 24 hours** a stolen device, a suspicious e-mail you opened, or any security incident.

## 4. Responsibilities

- **Staff member:** read, accept and follow this circular, and report security incidents.
- **Head of department:** make sure every staff member of the department accepts it by the deadline, and oversee
  compliance.
- **ICT Unit:** train users, help them turn on two-step verification, monitor the use of the network and report
  quarterly to Management.

## 5. Sanctions

A first breach earns a written warning; repeated or serious breaches are handled under the Public Service
Regulations, including suspension of access to systems. Leaking citizens' data may also be dealt with under the
Personal Data Protection Act.

## 6. Review

The ICT Unit reviews this circular every year, or sooner after a major security incident.
"""

CIRCULAR_V2_CHANGES_SW = (
    "Nywila sasa ziwe na angalau herufi 12; uthibitisho wa hatua mbili ni lazima; kanuni mpya za flash disk, "
    "WhatsApp na kuripoti matukio ya usalama ndani ya saa 24. Kila mtumishi anatakiwa kukubali upya."
)
CIRCULAR_V2_CHANGES_EN = (
    "Passwords now need at least 12 characters; two-step verification is required; new rules on flash drives, "
    "WhatsApp and reporting security incidents within 24 hours. Every staff member must accept again."
)

RISK_POLICY_SW = """\
## 1. Madhumuni

Sera hii inaweka utaratibu wa kutambua, kupima, kushughulikia na kufuatilia vihatarishi vinavyoweza kuathiri mifumo
na taarifa za TEHAMA za Halmashauri, ili huduma kwa wananchi ziendelee hata pale tatizo linapotokea.

## 2. Wigo

Inahusu mifumo yote ya TEHAMA inayotumiwa na Halmashauri, mtandao wake, seva, vifaa vya watumiaji na huduma
zinazotolewa na wadau wa nje kama e-GA na watoa huduma za intaneti.

## 3. Utaratibu

1. **Kutambua.** Kitengo cha TEHAMA, kwa kushirikiana na wamiliki wa mifumo, kinatambua vihatarishi na kuviandika
   kwenye daftari la vihatarishi.
2. **Kupima.** Kila kihatarishi kinapimwa kwa uwezekano wa kutokea na athari yake kwa kiwango cha 1 hadi 5.
3. **Kushughulikia.** Kwa kila kihatarishi kunachaguliwa hatua: kupunguza, kukubali, kuepuka au kuhamisha. Kukubali
   kihatarishi cha kiwango cha juu kunahitaji idhini ya Afisa Masuuli.
4. **Kufuatilia.** Vihatarishi vya juu vinapitiwa kila siku 90, vya kati kila siku 180 na vya chini kila mwaka.
5. **Kuripoti.** Taarifa ya vihatarishi vya TEHAMA inawasilishwa kwa Mkaguzi wa Ndani kila robo ya mwaka.

## 4. Majukumu

- **Afisa Masuuli:** kuidhinisha kiwango cha vihatarishi kinachokubalika na maamuzi ya kukubali vihatarishi vya juu.
- **Kitengo cha TEHAMA:** kutunza daftari la vihatarishi na kuratibu hatua za kuvipunguza.
- **Wamiliki wa mifumo (Wakuu wa Idara):** kutekeleza hatua walizopangiwa kwa wakati.
- **Mkaguzi wa Ndani:** kupima ufanisi wa usimamizi wa vihatarishi.

## 5. Hatua za kinidhamu

Kushindwa kutekeleza hatua ulizopangiwa bila sababu ya msingi, au kuficha tukio la usalama, kutashughulikiwa kwa
mujibu wa Kanuni za Utumishi wa Umma.

## 6. Mapitio

Sera hii itapitiwa kila baada ya miaka miwili.
"""

RISK_POLICY_EN = """\
## 1. Purpose

This policy sets out how the Council identifies, rates, treats and monitors the risks that could affect its ICT
systems and information, so that services to citizens continue even when something goes wrong.

## 2. Scope

It covers every ICT system the Council uses, its network, servers, user devices and services provided by outside
parties such as e-GA and internet service providers.

## 3. Process

1. **Identify.** The ICT Unit, with the system owners, identifies risks and records them in the risk register.
2. **Rate.** Each risk is rated for likelihood and impact on a scale of 1 to 5.
3. **Treat.** For each risk a treatment is chosen: mitigate, accept, avoid or transfer. Accepting a high risk needs
   the approval of the Accounting Officer.
4. **Monitor.** High risks are reviewed every 90 days, medium risks every 180 days and low risks every year.
5. **Report.** A report on ICT risks goes to the Internal Auditor every quarter.

## 4. Responsibilities

- **Accounting Officer:** approves the acceptable level of risk and decisions to accept high risks.
- **ICT Unit:** keeps the risk register and coordinates the treatment actions.
- **System owners (heads of departments):** carry out the actions assigned to them on time.
- **Internal Auditor:** assesses how well risks are managed.

## 5. Sanctions

Failing without good reason to carry out assigned actions, or hiding a security incident, is handled under the
Public Service Regulations.

## 6. Review

This policy is reviewed every two years.
"""

BACKUP_PROCEDURE_SW = """\
## 1. Madhumuni

Utaratibu huu unaeleza jinsi nakala za akiba za taarifa za Halmashauri zinavyochukuliwa, kuhifadhiwa na kujaribiwa.

## 2. Wigo

Seva ya faili ya makao makuu, hifadhidata ya mfumo wa ndani, na folda za idara.

## 3. Hatua

1. Nakala kamili kila Ijumaa saa 10:00 jioni; nakala za mabadiliko kila siku ya kazi.
2. Nakala moja inahifadhiwa kwenye diski iliyofichwa kwa nywila iliyoko kwenye kabati la moto ofisi ya Mweka Hazina.
3. Kila robo ya mwaka Kitengo cha TEHAMA kinajaribu kurejesha faili kutoka kwenye nakala na kuandika matokeo.

## 4. Majukumu

Fundi TEHAMA anachukua na kukagua nakala; Afisa TEHAMA anahakikisha majaribio ya kurejesha yanafanyika.

## 5. Hatua za kinidhamu

Kuruka ratiba ya nakala bila taarifa kutashughulikiwa kama uzembe kazini.

## 6. Mapitio

Utaratibu huu utapitiwa kila mwaka.
"""

BACKUP_PROCEDURE_EN = """\
## 1. Purpose

This procedure describes how backups of the Council's data are taken, stored and tested.

## 2. Scope

The headquarters file server, the internal system's database, and the department folders.

## 3. Steps

1. A full backup every Friday at 16:00; incremental backups every working day.
2. One copy is kept on an encrypted disk in the fire-proof cabinet in the Treasurer's office.
3. Every quarter the ICT Unit restores files from a backup as a test and records the result.

## 4. Responsibilities

The ICT technician takes and checks the backups; the ICT officer makes sure the restore tests happen.

## 5. Sanctions

Skipping the backup schedule without notice is treated as negligence at work.

## 6. Review

This procedure is reviewed every year.
"""
