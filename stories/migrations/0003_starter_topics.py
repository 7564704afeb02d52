"""A starter vocabulary of themes: forms of exploitation as UNODC's Global Report on
Trafficking in Persons classifies them, then the cross-cutting themes of a weekly digest."""

from django.db import migrations

# (slug, name, parent slug, description)
TOPICS = [
    ("sexual-exploitation", "Sexual exploitation", "",
     "Trafficking for the purpose of sexual exploitation, offline and online."),
    ("forced-labour", "Forced labour", "",
     "Work or services exacted under threat of penalty, including debt bondage."),
    ("forced-marriage", "Forced marriage", "",
     "Child, early and forced marriage as a form of and a pathway to trafficking."),
    ("forced-criminality", "Forced criminal activity", "",
     "Victims compelled to commit crimes: online fraud, drug cultivation, theft."),
    ("forced-begging", "Forced begging", "", "People made to beg for the profit of others."),
    ("organ-removal", "Organ removal", "", "Trafficking for the removal of organs."),
    ("illegal-adoption", "Illegal adoption and baby selling", "",
     "Children sold or placed for adoption through trafficking."),
    ("mixed-exploitation", "Mixed and other forms of exploitation", "",
     "Cases combining several forms of exploitation, or forms the other themes do not cover."),
    ("child-trafficking", "Child trafficking", "",
     "The trafficking of children, and the responses built around their specific needs."),
    ("online-child-sexual-exploitation", "Online child sexual exploitation", "child-trafficking",
     "Grooming, abuse material and exploitation of children through digital platforms."),
    ("orphanage-trafficking", "Orphanage trafficking", "child-trafficking",
     "Children recruited into residential institutions to attract donations and volunteers."),
    ("online-exploitation", "Online exploitation", "",
     "How technology is used to recruit, control and exploit, and how it helps detection."),
    ("scam-compounds", "Scam compounds", "forced-criminality",
     "People trafficked into compounds and forced to run online fraud."),
    ("supply-chains", "Supply chains and due diligence", "",
     "Forced labour in business supply chains and the duty of companies to find and end it."),
    ("survivor-support", "Survivor support", "",
     "Identification, shelter, assistance and long-term recovery for survivors."),
    ("labour-migration", "Labour migration", "",
     "Recruitment, migration corridors and the protection of migrant workers."),
    ("funding", "Funding", "",
     "Money for anti-trafficking work: donors, cuts and their consequences."),
    ("access-to-justice", "Access to justice", "",
     "Prosecution, remedies, compensation and legal aid for victims."),
    ("policy-and-legislation", "Policy and legislation", "",
     "National action plans, laws and international commitments."),
    ("research-and-data", "Research and data", "",
     "Reports, data collection and evidence on trafficking."),
    ("prevention", "Prevention", "",
     "Awareness, education and measures that stop trafficking before it starts."),
]  # fmt: skip


def add_topics(apps, schema_editor):
    Topic = apps.get_model("stories", "Topic")
    created = {}
    for slug, name, parent, description in TOPICS:
        created[slug] = Topic.objects.create(
            slug=slug, name=name, description=description, parent=created.get(parent)
        )


def remove_topics(apps, schema_editor):
    Topic = apps.get_model("stories", "Topic")
    slugs = [slug for slug, *_ in TOPICS]
    Topic.objects.filter(slug__in=slugs, parent__isnull=False).delete()
    Topic.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("stories", "0002_load_regions")]

    operations = [migrations.RunPython(add_topics, remove_topics)]
