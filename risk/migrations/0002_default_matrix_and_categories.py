"""The default 5 x 5 risk matrix and the council's eight risk categories, in Swahili and English.

The ICT officer may change the matrix in the admin until the first risk is rated on it. Going
back removes them only while no risk uses them.
"""

from django.db import migrations

LIKELIHOOD = [
    # value, Swahili, English, description (Swahili), description (English)
    (1, "Nadra", "Rare", "Inaweza kutokea mara moja katika zaidi ya miaka mitano.",
     "May happen once in more than five years."),
    (2, "Si rahisi kutokea", "Unlikely", "Inaweza kutokea mara moja katika miaka miwili hadi mitano.",
     "May happen once in two to five years."),
    (3, "Inawezekana", "Possible", "Inaweza kutokea takriban mara moja kwa mwaka.",
     "May happen about once a year."),
    (4, "Yaelekea kutokea", "Likely", "Inatarajiwa kutokea mara kadhaa kwa mwaka.",
     "Expected to happen several times a year."),
    (5, "Karibu hakika", "Almost certain", "Hutokea kila mwezi au mara nyingi zaidi.",
     "Happens every month or more often."),
]

IMPACT = [
    (1, "Ndogo sana", "Insignificant",
     "Usumbufu mdogo; huduma zinaendelea bila kuathirika.",
     "A small inconvenience; services carry on unaffected."),
    (2, "Ndogo", "Minor",
     "Huduma moja inasimama kwa saa chache; hasara chini ya TSh 1,000,000.",
     "One service stops for a few hours; a loss below TSh 1,000,000."),
    (3, "Wastani", "Moderate",
     "Huduma muhimu zinasimama kwa siku moja; hasara hadi TSh 10,000,000; hoja ya ukaguzi.",
     "Key services stop for a day; a loss of up to TSh 10,000,000; an audit query."),
    (4, "Kubwa", "Major",
     "Mifumo ya fedha, mapato au afya inasimama kwa siku kadhaa au taarifa za wananchi zinavuja; "
     "hasara hadi TSh 50,000,000.",
     "Finance, revenue or health systems stop for several days, or citizens' data leaks; "
     "a loss of up to TSh 50,000,000."),
    (5, "Kubwa sana", "Severe",
     "Huduma za Halmashauri zinasimama kwa wiki au data inapotea kabisa; hasara zaidi ya TSh 50,000,000; "
     "hati isiyoridhisha ya CAG.",
     "Council services stop for weeks or data is lost for good; a loss above TSh 50,000,000; "
     "an adverse opinion from the CAG."),
]

LEVELS = [
    # code, rank, Swahili, English, colour, review interval (days)
    ("low", 1, "Chini", "Low", "green", 360),
    ("medium", 2, "Wastani", "Medium", "yellow", 180),
    ("high", 3, "Juu", "High", "orange", 90),
    ("very_high", 4, "Juu sana", "Very high", "red", 90),
]


def level_of(score):
    if score >= 20:
        return "very_high"
    if score >= 10:
        return "high"
    if score >= 5:
        return "medium"
    return "low"


CATEGORIES = [
    ("information-security", "Usalama wa taarifa", "Information security",
     "Virusi, udukuzi, nywila dhaifu, uvujaji wa taarifa.", "Malware, intrusion, weak passwords, data leaks."),
    ("availability-network", "Upatikanaji wa huduma na mtandao", "Availability and network",
     "Mtandao usio imara, seva za mbali, kukatika kwa huduma.",
     "An unstable network, distant servers, service outages."),
    ("power-environment", "Umeme na mazingira", "Power and environment",
     "Kukatika kwa umeme, joto, unyevu, radi na mafuriko.", "Power cuts, heat, damp, lightning and floods."),
    ("data-backups", "Uadilifu wa data na nakala rudufu", "Data integrity and backups",
     "Nakala rudufu zisizojaribiwa, data iliyoharibika au kupotea.", "Untested backups, corrupted or lost data."),
    ("people-skills", "Watumishi na ujuzi", "People and skills",
     "Upungufu wa watumishi wa TEHAMA, ujuzi na uelewa wa watumiaji.",
     "Too few ICT staff, skills and users' awareness."),
    ("suppliers-contracts", "Wazabuni na mikataba", "Suppliers and contracts",
     "Kutegemea mzabuni mmoja, mikataba ya huduma na leseni.",
     "Dependence on one supplier, service contracts and licences."),
    ("compliance", "Uzingatiaji wa sheria na miongozo", "Compliance",
     "Sheria, miongozo ya e-GA, sera ya TEHAMA na hoja za ukaguzi.",
     "Laws, e-GA guidelines, the ICT policy and audit queries."),
    ("physical", "Usalama wa mali na majengo", "Physical",
     "Wizi, upotevu wa kompyuta mpakato, vyumba vya seva.", "Theft, lost laptops, server rooms."),
]


def create(apps, schema_editor):
    RiskMatrix = apps.get_model("risk", "RiskMatrix")
    LikelihoodLevel = apps.get_model("risk", "LikelihoodLevel")
    ImpactLevel = apps.get_model("risk", "ImpactLevel")
    RiskLevel = apps.get_model("risk", "RiskLevel")
    MatrixCell = apps.get_model("risk", "MatrixCell")
    RiskCategory = apps.get_model("risk", "RiskCategory")

    if not RiskMatrix.objects.exists():
        matrix = RiskMatrix.objects.create(name_sw="Jedwali la vihatarishi 5 x 5", name_en="5 x 5 risk matrix")
        likelihoods = {
            value: LikelihoodLevel.objects.create(
                matrix=matrix, value=value, label_sw=sw, label_en=en, description_sw=dsw, description_en=den
            )
            for value, sw, en, dsw, den in LIKELIHOOD
        }
        impacts = {
            value: ImpactLevel.objects.create(
                matrix=matrix, value=value, label_sw=sw, label_en=en, description_sw=dsw, description_en=den
            )
            for value, sw, en, dsw, den in IMPACT
        }
        levels = {
            code: RiskLevel.objects.create(
                matrix=matrix, code=code, rank=rank, label_sw=sw, label_en=en, colour=colour,
                review_interval_days=days,
            )
            for code, rank, sw, en, colour, days in LEVELS
        }
        for lv, likelihood in likelihoods.items():
            for iv, impact in impacts.items():
                MatrixCell.objects.create(
                    matrix=matrix, likelihood=likelihood, impact=impact, level=levels[level_of(lv * iv)]
                )
        matrix.appetite = levels["medium"]
        matrix.save(update_fields=["appetite"])

    for order, (code, sw, en, dsw, den) in enumerate(CATEGORIES, start=1):
        RiskCategory.objects.get_or_create(
            code=code,
            defaults={"name_sw": sw, "name_en": en, "description_sw": dsw, "description_en": den, "order": order},
        )


def remove(apps, schema_editor):
    RiskMatrix = apps.get_model("risk", "RiskMatrix")
    RiskCategory = apps.get_model("risk", "RiskCategory")
    Risk = apps.get_model("risk", "Risk")
    if Risk.objects.exists():
        return  # the register is in use: keep its matrix and categories
    db = schema_editor.connection.alias
    RiskMatrix.objects.using(db).update(appetite=None)
    # Plain deletes, child tables first: the historical models of the migration state confuse
    # Django's cascade collector, and nothing else points at these rows while no risk exists.
    for name in ("MatrixCell", "RiskLevel", "LikelihoodLevel", "ImpactLevel"):
        apps.get_model("risk", name).objects.using(db).all()._raw_delete(db)
    RiskMatrix.objects.using(db).all()._raw_delete(db)
    RiskCategory.objects.using(db).filter(code__in=[c[0] for c in CATEGORIES])._raw_delete(db)


class Migration(migrations.Migration):
    dependencies = [("risk", "0001_risk_register")]

    operations = [migrations.RunPython(create, remove)]
