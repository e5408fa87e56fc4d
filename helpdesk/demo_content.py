"""Texts of the helpdesk's demo data: help articles, ready answers, and the requests staff typically send.

Written for Kilombero District Council's ICT unit (see ../shared/COUNCIL.md); every row is editable.
"""

ARTICLES = [
    {
        "slug": "password-reset",
        "category": "account",
        "audience": "public",
        "title_sw": "Nimesahau nywila ya kompyuta au ya barua pepe",
        "title_en": "I forgot my computer or e-mail password",
        "summary_sw": "Jinsi ya kupata nywila mpya kwa usalama, bila kumtumia mtu yeyote nywila yako.",
        "summary_en": "How to get a new password safely, without sending your password to anyone.",
        "body_sw": """## Kabla ya kuanza
- Hakikisha kitufe cha **Caps Lock** hakijawashwa na lugha ya kibodi ni sahihi.
- Nywila ya barua pepe ya Serikali ni tofauti na ya kuingia kwenye kompyuta.

## Barua pepe ya Serikali
1. Fungua ukurasa wa kuingia na ubonyeze **Forgot password / Umesahau nywila**.
2. Fuata maelekezo yanayotumwa kwenye namba ya simu uliyosajili.
3. Kama namba yako haijasajiliwa, wasilisha ombi la msaada kwa aina **Akaunti na nywila**.

## Kompyuta ya ofisi
Fundi wa TEHAMA atakuwekea nywila ya muda; utaombwa kuibadilisha mara utakapoingia.

**Kumbuka:** Kitengo cha TEHAMA hakitakuomba nywila yako kamwe, kwa simu wala barua pepe.""",
        "body_en": """## Before you start
- Check that **Caps Lock** is off and the keyboard language is right.
- The government e-mail password is not the same as the one for signing in to the computer.

## Government e-mail
1. Open the sign-in page and press **Forgot password**.
2. Follow the instructions sent to the phone number you registered.
3. If your number is not registered, file a support request in the category **Account and password**.

## Office computer
An ICT technician sets a temporary password; you will be asked to change it when you sign in.

**Remember:** the ICT unit will never ask for your password, neither by phone nor by e-mail.""",
    },
    {
        "slug": "printer-paper-jam",
        "category": "printer",
        "audience": "public",
        "title_sw": "Karatasi imekwama kwenye printa",
        "title_en": "Paper is jammed in the printer",
        "summary_sw": "Hatua tano za kutoa karatasi iliyokwama bila kuharibu printa.",
        "summary_en": "Five steps to clear a paper jam without damaging the printer.",
        "body_sw": """1. Zima printa na uchomoe waya wa umeme. Subiri dakika tano kama printa ni ya leza (ndani kuna joto).
2. Fungua mlango wa mbele na toa katriji ya tona kwa uangalifu.
3. Vuta karatasi iliyokwama **kwa mikono miwili, polepole, kuelekea njia ya karatasi**. Usitumie kisu wala mkasi.
4. Angalia kama kuna vipande vidogo vya karatasi vimebaki; vitoe vyote.
5. Rudisha katriji, funga mlango, washa printa.

## Ili isijirudie
- Tumia karatasi kavu za A4 za gramu 80; usijaze trei kupita alama.
- Pepea karatasi kabla ya kuziweka kwenye trei.

Kama karatasi inaendelea kukwama au printa inaonyesha kosa, wasilisha ombi la msaada kwa aina **Printa na skana**.""",
        "body_en": """1. Switch the printer off and unplug it. Wait five minutes if it is a laser printer (the inside is hot).
2. Open the front door and take the toner cartridge out carefully.
3. Pull the jammed paper **with both hands, slowly, in the direction the paper travels**. Never use a knife or scissors.
4. Look for small pieces of paper left behind and remove them all.
5. Put the cartridge back, close the door, switch the printer on.

## To keep it from happening again
- Use dry 80 g A4 paper; do not fill the tray above the mark.
- Fan the paper before putting it in the tray.

If the paper keeps jamming or the printer shows an error, file a support request in the category **Printer and scanner**.""",
    },
    {
        "slug": "office-wifi",
        "category": "network",
        "audience": "staff",
        "title_sw": "Kuunganisha na Wi-Fi ya ofisi",
        "title_en": "Connecting to the office Wi-Fi",
        "summary_sw": "Mtandao wa watumishi, nenosiri lake na cha kufanya ukikosa intaneti.",
        "summary_en": "The staff network, its key and what to do when there is no internet.",
        "body_sw": """## Kuunganisha
1. Kwenye kompyuta au simu, chagua mtandao wa **KDC-Watumishi** (si KDC-Wageni).
2. Ingiza nenosiri la Wi-Fi lililo kwenye tangazo la ofisi ya TEHAMA, au uliombe kwa Afisa TEHAMA.
3. Simu binafsi ziunganishwe na **KDC-Wageni** tu.

## Hakuna intaneti?
- Angalia kama wenzako ofisini wana intaneti. Kama hakuna hata mmoja, tatizo ni la mtandao mzima: wasilisha ombi moja tu, kwa aina **Mtandao na intaneti**.
- Zima na uwashe Wi-Fi kwenye kifaa chako.
- Kama kompyuta inatumia waya, hakikisha waya umechomekwa vizuri na taa ya kijani inawaka.

Seva nyingi za mifumo ya Serikali ziko mbali na wilaya; mtandao ukiwa wa polepole, jaribu tena baada ya dakika chache kabla ya kuwasilisha ombi.""",
        "body_en": """## Connecting
1. On the computer or phone, choose the network **KDC-Watumishi** (not KDC-Wageni).
2. Enter the Wi-Fi key shown on the ICT office notice, or ask the ICT officer.
3. Personal phones connect to **KDC-Wageni** only.

## No internet?
- Check whether colleagues in the office have internet. If nobody has, the whole network is down: file one request only, in the category **Network and internet**.
- Switch Wi-Fi off and on again on your device.
- If the computer uses a cable, check that it is plugged in firmly and the green light is on.

Many government system servers are far from the district; when the network is slow, try again after a few minutes before filing a request.""",
    },
    {
        "slug": "email-on-phone",
        "category": "email",
        "audience": "staff",
        "title_sw": "Kuweka barua pepe ya Serikali kwenye simu",
        "title_en": "Setting up government e-mail on your phone",
        "summary_sw": "Pokea barua pepe za kazi kwenye simu ya Android au iPhone.",
        "summary_en": "Receive work e-mail on an Android phone or iPhone.",
        "body_sw": """1. Fungua programu ya barua pepe ya simu (Gmail au Mail) na uchague **Ongeza akaunti**.
2. Chagua aina ya akaunti iliyoelekezwa na Kitengo cha TEHAMA, kisha andika anwani yako kamili, mfano `jina.ukoo@kilomberodc.go.tz`.
3. Andika nywila yako ya barua pepe.
4. Ruhusu usawazishaji wa barua pepe, kalenda na anwani.

## Usalama
- Weka kufuli ya skrini (PIN au alama ya kidole) kwenye simu yenye barua pepe ya kazi.
- Simu ikipotea, mjulishe Afisa TEHAMA mara moja ili akaunti ifungwe kwenye simu hiyo.""",
        "body_en": """1. Open the phone's mail app (Gmail or Mail) and choose **Add account**.
2. Choose the account type the ICT unit advises, then type your full address, e.g. `name.surname@kilomberodc.go.tz`.
3. Type your e-mail password.
4. Allow mail, calendar and contacts to synchronise.

## Security
- Set a screen lock (PIN or fingerprint) on a phone that holds work e-mail.
- If the phone is lost, tell the ICT officer at once so that the account is signed out from it.""",
    },
    {
        "slug": "muse-access",
        "category": "muse",
        "audience": "staff",
        "title_sw": "Kupata au kurejesha ruhusa ya kuingia MUSE",
        "title_en": "Getting or restoring access to MUSE",
        "summary_sw": "Nani anaidhinisha, nini kinahitajika, na muda unaochukua.",
        "summary_en": "Who approves it, what is needed, and how long it takes.",
        "body_sw": """## Akaunti mpya
Ruhusa ya MUSE hutolewa kwa idhini ya Mweka Hazina na Mkurugenzi Mtendaji. Wasilisha ombi kwa aina **MUSE** ukiambatisha barua ya idhini iliyosainiwa (PDF au picha).

## Akaunti imefungwa
- Baada ya kukosea nywila mara kadhaa akaunti hufungwa. Usijaribu tena; wasilisha ombi.
- Andika jina lako la mtumiaji wa MUSE na ujumbe wa kosa unaouona (picha ya skrini husaidia sana).

## Muda
Maombi ya MUSE hushughulikiwa kwa kipaumbele cha juu siku za malipo; mengine ndani ya siku moja ya kazi.""",
        "body_en": """## New account
MUSE rights are given with the approval of the council treasurer and the executive director. File a request in the category **MUSE** with the signed approval letter attached (PDF or photo).

## Locked account
- After several wrong passwords the account locks. Do not keep trying; file a request.
- Write your MUSE user name and the error message you see (a screenshot helps a lot).

## Time
MUSE requests are handled with high priority on payment days; others within one working day.""",
    },
    {
        "slug": "ffars-facility-accounts",
        "category": "ffars",
        "audience": "staff",
        "title_sw": "FFARS: kuingia na kutuma taarifa za kituo",
        "title_en": "FFARS: signing in and sending a facility's reports",
        "summary_sw": "Kwa wahasibu wa vituo vya afya na shule.",
        "summary_en": "For accountants of health facilities and schools.",
        "body_sw": """- Tumia kivinjari kilichosasishwa (Chrome au Firefox).
- Jina la mtumiaji ni lile ulilopewa na Halmashauri; usishirikiane akaunti na mwenzako.
- Kabla ya kufunga mwezi, hakikisha miamala yote imeingizwa na salio linalingana na taarifa ya benki.
- Kosa likitokea wakati wa kutuma, piga picha ya skrini na uwasilishe ombi kwa aina **FFARS**, ukitaja jina la kituo.""",
        "body_en": """- Use an up-to-date browser (Chrome or Firefox).
- The user name is the one the council gave you; never share an account with a colleague.
- Before closing the month, make sure every transaction is entered and the balance matches the bank statement.
- If an error appears while sending, take a screenshot and file a request in the category **FFARS**, naming the facility.""",
    },
    {
        "slug": "planrep-budget",
        "category": "planrep",
        "audience": "staff",
        "title_sw": "PlanRep: kuingia na kuandaa bajeti ya idara",
        "title_en": "PlanRep: signing in and preparing the department's budget",
        "summary_sw": "Ruhusa za PlanRep hutolewa na Idara ya Mipango.",
        "summary_en": "PlanRep rights are given by the Planning department.",
        "body_sw": """1. Ruhusa mpya ya PlanRep huombwa kupitia Afisa Mipango wa Wilaya; Kitengo cha TEHAMA husaidia pale mfumo unapokataa kuingia.
2. Kipindi cha bajeti mtandao huwa na watumiaji wengi: hifadhi kazi yako mara kwa mara.
3. Kama ripoti haitoki au inaonyesha kosa, wasilisha ombi kwa aina **PlanRep** na utaje hatua uliyokuwa ukifanya.""",
        "body_en": """1. New PlanRep rights are requested through the District Planning Officer; the ICT unit helps when the system refuses to sign you in.
2. During the budget season the system has many users: save your work often.
3. If a report does not come out or shows an error, file a request in the category **PlanRep** and say which step you were doing.""",
    },
    {
        "slug": "got-homis-login",
        "category": "got-homis",
        "audience": "staff",
        "title_sw": "GoT-HoMIS: kompyuta ya kituo haiingii kwenye mfumo",
        "title_en": "GoT-HoMIS: the facility computer cannot reach the system",
        "summary_sw": "Ukaguzi wa haraka kabla ya kumpigia fundi.",
        "summary_en": "Quick checks before calling a technician.",
        "body_sw": """- Hakikisha kompyuta ina umeme wa uhakika (UPS imewashwa) na imeunganishwa na mtandao wa kituo.
- Fungua anwani ya GoT-HoMIS uliyopewa; kama ukurasa haufunguki, angalia kama kompyuta nyingine ya kituo inafungua.
- Kama hakuna kompyuta inayofungua, tatizo ni la mtandao au seva: wasilisha ombi moja kwa aina **GoT-HoMIS** ukitaja kituo, na endelea kutumia daftari la karatasi mpaka mfumo urudi.""",
        "body_en": """- Make sure the computer has reliable power (the UPS is on) and is connected to the facility network.
- Open the GoT-HoMIS address you were given; if the page does not open, check whether another computer in the facility can open it.
- If no computer can, the network or the server is down: file one request in the category **GoT-HoMIS** naming the facility, and keep using the paper register until the system is back.""",
    },
    {
        "slug": "tausi-pos",
        "category": "tausi",
        "audience": "staff",
        "title_sw": "Mashine ya POS ya makusanyo haifanyi kazi",
        "title_en": "The revenue collection POS machine does not work",
        "summary_sw": "Betri, mtandao na kusawazisha miamala.",
        "summary_en": "Battery, network and synchronising transactions.",
        "body_sw": """1. Chaji betri mpaka ijae; POS nyingi hazitumi miamala betri ikiwa chini ya asilimia 20.
2. Hakikisha laini ya simu ya POS ina salio la data na mtandao upo.
3. Sawazisha (sync) miamala kabla ya kufunga siku.
4. POS ikipotea au kuibiwa, toa taarifa kwa Mweka Hazina na uwasilishe ombi kwa aina **TAUSI / LGRCIS** siku hiyo hiyo.""",
        "body_en": """1. Charge the battery fully; most POS machines do not send transactions below 20 per cent.
2. Check that the POS SIM card has data credit and a signal.
3. Synchronise transactions before closing the day.
4. If a POS machine is lost or stolen, tell the treasurer and file a request in the category **TAUSI / LGRCIS** the same day.""",
    },
    {
        "slug": "salary-slip-hcmis",
        "category": "hcmis",
        "audience": "staff",
        "title_sw": "Hati ya mshahara na taarifa za mtumishi (HCMIS)",
        "title_en": "Salary slips and staff records (HCMIS)",
        "summary_sw": "Nani wa kumwona kwa taarifa zipi.",
        "summary_en": "Who to see about what.",
        "body_sw": """- Mabadiliko ya taarifa binafsi (jina, benki, cheo) hufanywa na Idara ya Utawala na Rasilimali Watu kupitia HCMIS, si Kitengo cha TEHAMA.
- Kitengo cha TEHAMA husaidia pale kompyuta au mtandao unapozuia kufikia mfumo, au akaunti ya afisa wa HCMIS imefungwa.
- Usitume nakala ya kitambulisho au taarifa za benki kwenye ombi la msaada.""",
        "body_en": """- Changes to personal records (name, bank, grade) are made by the Administration and Human Resources department through HCMIS, not by the ICT unit.
- The ICT unit helps when the computer or the network keeps you from the system, or when an HCMIS officer's account is locked.
- Do not put copies of identity cards or bank details in a support request.""",
    },
    {
        "slug": "suspicious-email",
        "category": "email",
        "audience": "public",
        "title_sw": "Barua pepe ya kutiliwa shaka: usibonyeze kiungo",
        "title_en": "A suspicious e-mail: do not click the link",
        "summary_sw": "Jinsi ya kutambua barua pepe za ulaghai na cha kufanya.",
        "summary_en": "How to recognise a phishing e-mail and what to do.",
        "body_sw": """## Dalili
- Inakuomba nywila, namba ya siri au taarifa za benki.
- Inatisha ("akaunti yako itafungwa leo") au inaahidi zawadi.
- Anwani ya mtumaji haifanani na jina lake, au kiungo kinaelekea tovuti isiyo ya `go.tz`.

## Cha kufanya
1. Usibonyeze kiungo wala kufungua kiambatisho.
2. Wasilisha ombi la msaada ukiambatisha picha ya skrini ya barua hiyo.
3. Kama tayari umebonyeza au kuandika nywila, badilisha nywila mara moja na uliandike hilo kwenye ombi: Kitengo cha TEHAMA kitalishughulikia kama tukio la usalama.""",
        "body_en": """## Signs
- It asks for your password, a PIN or bank details.
- It threatens ("your account will be closed today") or promises a prize.
- The sender's address does not match the name, or the link goes to a site that is not `go.tz`.

## What to do
1. Do not click the link or open the attachment.
2. File a support request with a screenshot of the message.
3. If you already clicked or typed your password, change the password at once and say so in the request: the ICT unit handles it as a security incident.""",
    },
    {
        "slug": "slow-computer",
        "category": "computer",
        "audience": "public",
        "title_sw": "Kompyuta ni nzito sana",
        "title_en": "The computer is very slow",
        "summary_sw": "Mambo manne ya kujaribu kabla ya kuwasilisha ombi.",
        "summary_en": "Four things to try before filing a request.",
        "body_sw": """1. **Washa upya** kompyuta (Restart), si kuizima kwa kitufe tu. Mara nyingi hii inatosha.
2. Funga programu na vichupo vya kivinjari usivyotumia.
3. Angalia nafasi ya diski: kama diski C imejaa, hamisha nyaraka za zamani kwenye folda ya pamoja au diski ya nje.
4. Ruhusu masasisho (updates) ya Windows na kinga-virusi kumalizika; usizime kompyuta wakati wa kusasisha.

Kama bado ni nzito, wasilisha ombi kwa aina **Kompyuta** ukitaja namba ya lebo ya kompyuta (iko kwenye kibandiko cha TEHAMA).""",
        "body_en": """1. **Restart** the computer (Restart, not just the power button). Often this is enough.
2. Close programs and browser tabs you are not using.
3. Check disk space: if drive C is full, move old documents to the shared folder or an external disk.
4. Let Windows and antivirus updates finish; do not switch the computer off while it updates.

If it is still slow, file a request in the category **Computer** with the computer's tag number (on the ICT sticker).""",
    },
    {
        "slug": "scan-to-pdf",
        "category": "printer",
        "audience": "staff",
        "title_sw": "Kuskani barua na kuihifadhi kama PDF",
        "title_en": "Scanning a letter and saving it as PDF",
        "summary_sw": "Kwa printa za ofisi zenye skana.",
        "summary_en": "For office printers with a scanner.",
        "body_sw": """1. Weka karatasi kwenye kioo uso ukiangalia chini, au kwenye trei ya juu uso ukiangalia juu.
2. Kwenye kompyuta fungua **Windows Fax and Scan** au programu ya printa, chagua **Scan**.
3. Chagua rangi nyeusi na nyeupe, 200 dpi: faili linakuwa dogo na linafaa kutumwa kwenye mtandao wa polepole.
4. Hifadhi kama PDF kwenye folda ya idara yako.""",
        "body_en": """1. Put the page face down on the glass, or face up in the top tray.
2. On the computer open **Windows Fax and Scan** or the printer's program and choose **Scan**.
3. Choose black and white, 200 dpi: the file stays small and travels well over a slow connection.
4. Save it as PDF in your department's folder.""",
    },
]

CANNED = [
    {
        "title_sw": "Tumepokea, tunashughulikia",
        "title_en": "Received, working on it",
        "body_sw": "Habari {name}, tumepokea ombi lako {reference} na fundi analishughulikia sasa. Tutakujulisha tukimaliza.",
        "body_en": "Hello {name}, we have received your request {reference} and a technician is working on it now. We will let you know when it is done.",
        "category": None,
    },
    {
        "title_sw": "Tunahitaji picha ya skrini",
        "title_en": "We need a screenshot",
        "body_sw": "Habari {name}, tafadhali tutumie picha ya skrini ya ujumbe wa kosa unaouona, na tuambie ulikuwa unafanya nini lilipotokea.",
        "body_en": "Hello {name}, please send us a screenshot of the error message you see, and tell us what you were doing when it appeared.",
        "category": None,
    },
    {
        "title_sw": "Nywila mpya ya muda",
        "title_en": "Temporary password set",
        "body_sw": "Habari {name}, tumeweka nywila ya muda. Fundi atakupigia simu kukupa; utaombwa kuibadilisha unapoingia mara ya kwanza. Usimtumie mtu yeyote nywila yako.",
        "body_en": "Hello {name}, we have set a temporary password. A technician will phone you with it; you will be asked to change it when you first sign in. Never send your password to anyone.",
        "category": "account",
    },
    {
        "title_sw": "Tatizo la mtandao wa Halmashauri nzima",
        "title_en": "Council-wide network problem",
        "body_sw": "Habari {name}, tatizo hili linagusa ofisi zote na tunashirikiana na mtoa huduma ya intaneti kulitatua. Hakuna haja ya kuwasilisha ombi jingine; tutawajulisha huduma ikirudi.",
        "body_en": "Hello {name}, this problem affects every office and we are working with the internet provider to fix it. There is no need to file another request; we will tell everyone when the service is back.",
        "category": "network",
    },
    {
        "title_sw": "Fundi atafika ofisini",
        "title_en": "A technician will come to your office",
        "body_sw": "Habari {name}, fundi atafika ofisini kwako leo kabla ya saa tisa alasiri. Tafadhali hakikisha kompyuta inapatikana.",
        "body_en": "Hello {name}, a technician will come to your office today before 15:00. Please make sure the computer is available.",
        "category": None,
    },
]

# category code: [(subject_sw, description_sw, subject_en, description_en, resolution_sw, resolution_en)]
REQUESTS = {
    "computer": [
        (
            "Kompyuta haiwaki",
            "Nikiwasha kompyuta taa inawaka lakini skrini inabaki nyeusi. Nimejaribu kuchomoa na kuchomeka waya.",
            "Computer will not start",
            "When I switch the computer on the light comes on but the screen stays black. I tried unplugging and plugging it in.",
            "Waya wa skrini ulikuwa umelegea; tumeubadilisha na kompyuta sasa inawaka.",
            "The screen cable was loose; we replaced it and the computer starts now.",
        ),
        (
            "Kompyuta ni nzito sana",
            "Kompyuta inachukua zaidi ya dakika kumi kufungua Excel. Inaathiri kazi ya kuandaa taarifa.",
            "Computer is very slow",
            "The computer takes more than ten minutes to open Excel. It holds up preparing reports.",
            "Diski ilikuwa imejaa; tumehamisha faili za zamani na kusafisha programu zisizohitajika.",
            "The disk was full; we moved old files and removed programs that were not needed.",
        ),
        (
            "Word inafunga yenyewe",
            "Ninapofungua nyaraka kubwa Word inajifunga bila kuhifadhi.",
            "Word closes by itself",
            "When I open a large document Word closes without saving.",
            "Tumerekebisha Office na kusakinisha masasisho; nyaraka sasa zinafunguka.",
            "We repaired Office and installed updates; the documents open now.",
        ),
    ],
    "printer": [
        (
            "Karatasi imekwama kwenye printa",
            "Printa ya ofisi ya Afisa Muuguzi inakwamisha kila karatasi ya pili.",
            "Printer keeps jamming",
            "The office printer jams every second page.",
            "Roli ya kuvuta karatasi ilikuwa imechakaa; tumeibadilisha.",
            "The pick-up roller was worn; we replaced it.",
        ),
        (
            "Tona imeisha",
            "Printa inachapisha kwa mistari myeupe; tunahitaji tona mpya.",
            "Toner has run out",
            "The printer prints with white stripes; we need a new toner.",
            "Tona mpya imewekwa kutoka stoo ya TEHAMA.",
            "A new toner from the ICT store has been fitted.",
        ),
        (
            "Printa haionekani kwenye kompyuta",
            "Baada ya kubadilisha kompyuta, printa ya mtandao haionekani.",
            "Printer not found on the computer",
            "Since the computer was replaced, the network printer does not appear.",
            "Tumesakinisha dereva ya printa na kuiunganisha na kompyuta mpya.",
            "We installed the printer driver and connected it to the new computer.",
        ),
    ],
    "network": [
        (
            "Hakuna intaneti ofisini",
            "Tangu asubuhi hakuna kompyuta yenye intaneti katika ofisi ya idara.",
            "No internet in the office",
            "Since this morning no computer in the department's office has internet.",
            "Swichi ya mtandao ilikuwa imezima kwa kukatika kwa umeme; tumeiwasha na kuiweka kwenye UPS.",
            "The network switch went off in a power cut; we restarted it and put it on the UPS.",
        ),
        (
            "Wi-Fi ni ya polepole sana",
            "Wi-Fi ya jengo la utawala inakatika mara kwa mara mchana.",
            "Wi-Fi is very slow",
            "The administration block's Wi-Fi keeps dropping in the afternoon.",
            "Tumehamisha kifaa cha Wi-Fi na kubadilisha chaneli; kasi imerudi.",
            "We moved the access point and changed its channel; the speed is back.",
        ),
        (
            "Waya wa mtandao umekatika",
            "Waya wa mtandao kwenye ofisi ya mapokezi umekatwa wakati wa ukarabati.",
            "Network cable cut",
            "The network cable in the reception office was cut during repairs.",
            "Waya mpya umevutwa na kupimwa.",
            "A new cable has been run and tested.",
        ),
    ],
    "email": [
        (
            "Siwezi kutuma barua pepe",
            "Barua pepe zinabaki kwenye Outbox na hazitumwi.",
            "Cannot send e-mail",
            "Messages stay in the Outbox and are not sent.",
            "Mipangilio ya seva ya kutuma ilikuwa si sahihi; tumeirekebisha.",
            "The outgoing server settings were wrong; we corrected them.",
        ),
        (
            "Barua pepe ya kutiliwa shaka",
            "Nimepokea barua pepe inayodai akaunti yangu itafungwa na kuniomba nywila.",
            "Suspicious e-mail",
            "I received an e-mail saying my account will be closed and asking for my password.",
            "Ni barua ya ulaghai; tumeizuia kwa watumishi wote. Asante kwa kutujulisha.",
            "It was a phishing message; we blocked it for all staff. Thank you for telling us.",
        ),
        (
            "Kuweka barua pepe kwenye simu",
            "Naomba msaada wa kuweka barua pepe ya kazi kwenye simu yangu mpya.",
            "E-mail on my phone",
            "Please help me set up work e-mail on my new phone.",
            "Akaunti imewekwa kwenye simu na kufuli ya skrini imewashwa.",
            "The account is on the phone and a screen lock has been set.",
        ),
    ],
    "account": [
        (
            "Nimesahau nywila",
            "Nimesahau nywila ya kuingia kwenye kompyuta ya ofisi.",
            "Forgot my password",
            "I have forgotten the password of my office computer.",
            "Nywila ya muda imewekwa na kubadilishwa na mtumishi.",
            "A temporary password was set and changed by the staff member.",
        ),
        (
            "Akaunti mpya kwa mtumishi mpya",
            "Tuna mtumishi mpya wa ajira anayeanza Jumatatu; anahitaji akaunti na barua pepe.",
            "Account for a new staff member",
            "A new employee starts on Monday and needs an account and e-mail.",
            "Akaunti na barua pepe zimefunguliwa; maelezo yamekabidhiwa kwa mhusika.",
            "The account and e-mail have been created and handed to the person.",
        ),
    ],
    "muse": [
        (
            "Akaunti ya MUSE imefungwa",
            "Baada ya kukosea nywila akaunti yangu ya MUSE imefungwa; malipo ya leo yanasubiri.",
            "MUSE account locked",
            "After a wrong password my MUSE account is locked; today's payments are waiting.",
            "Akaunti imefunguliwa kwa kushirikiana na msimamizi wa MUSE.",
            "The account was unlocked together with the MUSE administrator.",
        ),
        (
            "Ruhusa ya kuidhinisha MUSE",
            "Naomba kupewa ruhusa ya kuidhinisha malipo kwenye MUSE kwa idhini iliyoambatishwa.",
            "MUSE approval rights",
            "Please give me rights to approve payments in MUSE, per the attached approval.",
            "Ruhusa imeongezwa baada ya kuthibitisha barua ya idhini.",
            "The right was added after checking the approval letter.",
        ),
    ],
    "ffars": [
        (
            "FFARS haifunguki kituoni",
            "Kompyuta ya zahanati haifungui FFARS; inaonyesha kosa la muunganisho.",
            "FFARS does not open at the facility",
            "The dispensary computer cannot open FFARS; it shows a connection error.",
            "Tatizo lilikuwa la kivinjari cha zamani; tumesasisha Chrome.",
            "The browser was out of date; we updated Chrome.",
        ),
    ],
    "planrep": [
        (
            "PlanRep inakataa kuingia",
            "Nikiingia PlanRep ninapata ujumbe kwamba jina la mtumiaji halitambuliki.",
            "PlanRep refuses to sign in",
            "When I sign in to PlanRep it says the user name is not recognised.",
            "Akaunti ilikuwa imezimwa; imewashwa upya kwa idhini ya Afisa Mipango.",
            "The account had been disabled; it was enabled again with the planning officer's approval.",
        ),
    ],
    "got-homis": [
        (
            "GoT-HoMIS haipatikani kituo cha afya",
            "Kituo cha afya hakiwezi kusajili wagonjwa kwenye GoT-HoMIS tangu saa tatu asubuhi.",
            "GoT-HoMIS down at the health centre",
            "The health centre cannot register patients in GoT-HoMIS since nine this morning.",
            "Seva ya kituo ilikuwa imezima kwa kukatika kwa umeme; imewashwa na UPS imerekebishwa.",
            "The facility server went down in a power cut; it was restarted and the UPS fixed.",
        ),
    ],
    "tausi": [
        (
            "POS haitumi miamala",
            "Mashine ya POS ya soko haitumi miamala kwenye TAUSI tangu jana.",
            "POS does not send transactions",
            "The market's POS machine has not sent transactions to TAUSI since yesterday.",
            "Laini ya POS ilikuwa haina data; imeongezwa na miamala imesawazishwa.",
            "The POS SIM had no data; it was topped up and the transactions synchronised.",
        ),
    ],
    "hcmis": [
        (
            "Siwezi kufikia HCMIS",
            "Afisa Utumishi hawezi kufungua HCMIS kwenye kompyuta yake.",
            "Cannot reach HCMIS",
            "The HR officer cannot open HCMIS on her computer.",
            "Cheti cha usalama cha kivinjari kimesasishwa; mfumo unafunguka.",
            "The browser's security certificate was updated; the system opens.",
        ),
    ],
    "website": [
        (
            "Kuweka tangazo la kazi kwenye tovuti",
            "Naomba tangazo la nafasi za kazi lililoambatishwa liwekwe kwenye tovuti ya Halmashauri.",
            "Job advert on the website",
            "Please put the attached job advert on the council website.",
            "Tangazo limewekwa kwenye tovuti kwenye sehemu ya matangazo.",
            "The advert is on the website under notices.",
        ),
    ],
    "other": [
        (
            "Projekta ya ukumbi haionyeshi",
            "Projekta ya ukumbi wa mikutano haionyeshi picha kutoka kwenye kompyuta mpakato.",
            "Meeting room projector shows nothing",
            "The meeting room projector shows no picture from the laptop.",
            "Tumetoa kiunganishi sahihi cha HDMI na kuonyesha jinsi ya kubadilisha skrini.",
            "We provided the right HDMI adapter and showed how to switch the display.",
        ),
    ],
}

QUESTIONS = [
    (
        "Tafadhali tuambie namba ya lebo ya kompyuta iliyo kwenye kibandiko cha TEHAMA.",
        "Please tell us the tag number on the computer's ICT sticker.",
    ),
    ("Tafadhali tutumie picha ya skrini ya ujumbe wa kosa.", "Please send us a screenshot of the error message."),
    ("Je, tatizo bado lipo leo asubuhi?", "Is the problem still there this morning?"),
]
ANSWERS = [
    ("Lebo ni KDC-ICT-0142.", "The tag is KDC-ICT-0142."),
    ("Nimeambatisha picha ya skrini sasa.", "I have attached the screenshot now."),
    ("Ndiyo, bado lipo.", "Yes, it is still there."),
]
NOTES = [
    "Nimewasiliana na mtoa huduma ya intaneti; wanakuja kesho.",
    "Kipuri kinahitajika; nimeomba kwenye stoo.",
    "Huenda ni tatizo la seva ya kanda, si la kituo.",
    "Mtumiaji alithibitisha kwa simu.",
]
COMMENTS = [
    "Asante kwa huduma ya haraka.",
    "Fundi alikuwa mwelekevu sana.",
    "Ilichukua muda mrefu lakini imetatuliwa.",
    "Thank you, it works now.",
    "",
]
