"""Demo content modelled on a weekly anti-trafficking digest."""

from __future__ import annotations

import datetime

# Organisations referred to by the demo stories. ``headquarters`` is a region slug,
# ``parent`` the slug of another organisation in this list (or "").
ORGANIZATIONS = [
    {
        "name": "Organization for Security and Co-operation in Europe",
        "acronym": "OSCE",
        "slug": "osce",
        "kind": "intergovernmental",
        "website": "https://www.osce.org",
        "description": (
            "The world's largest regional security organisation, bringing together 57 "
            "participating States from Europe, Central Asia and North America. It treats human "
            "trafficking as a security and human rights issue and runs the annual Alliance against "
            "Trafficking in Persons conference in Vienna."
        ),
        "headquarters": "austria",
        "parent": "",
        "aliases": ["Organisation for Security and Co-operation in Europe"],
    },
    {
        "name": (
            "Office of the Special Representative and Co-ordinator for Combating Trafficking in "
            "Human Beings"
        ),
        "acronym": "OSR/CTHB",
        "slug": "osce-osr-cthb",
        "kind": "intergovernmental",
        "website": "https://www.osce.org/cthb",
        "description": (
            "The OSCE office that co-ordinates the organisation's anti-trafficking work and helps "
            "participating States put their commitments into practice. It publishes guidance, "
            "trains practitioners and convenes the Alliance against Trafficking in Persons."
        ),
        "headquarters": "austria",
        "parent": "osce",
        "aliases": [
            "OSCE Special Representative on trafficking",
            "OSCE anti-trafficking office",
            "OSCE CTHB",
        ],
    },
    {
        "name": "International Organization for Migration",
        "acronym": "IOM",
        "slug": "iom",
        "kind": "un_agency",
        "website": "https://www.iom.int",
        "description": (
            "The UN migration agency, working with governments on migration management, safe "
            "return and reintegration. It assists trafficking victims with shelter, health care, "
            "return and reintegration in many countries."
        ),
        "headquarters": "",
        "parent": "",
        "aliases": ["UN Migration", "International Organisation for Migration"],
    },
    {
        "name": "Winrock International",
        "acronym": "",
        "slug": "winrock-international",
        "kind": "ngo",
        "website": "https://winrock.org",
        "description": (
            "A US-based non-profit that runs development programmes in agriculture, energy and "
            "human rights. Its counter-trafficking projects have supported survivors, prevention "
            "and legal reform in Asia, Africa and elsewhere."
        ),
        "headquarters": "united-states",
        "parent": "",
        "aliases": ["Winrock"],
    },
    {
        "name": "La Strada International",
        "acronym": "LSI",
        "slug": "la-strada-international",
        "kind": "ngo",
        "website": "https://www.lastradainternational.org",
        "description": (
            "A European network of non-governmental organisations working against human "
            "trafficking from a human rights perspective. Its members provide direct support to "
            "trafficked persons and advocate for victim-centred policy."
        ),
        "headquarters": "netherlands",
        "parent": "",
        "aliases": ["La Strada", "LSI network"],
    },
    {
        "name": "Freedom Collaborative",
        "acronym": "",
        "slug": "freedom-collaborative",
        "kind": "ngo",
        "website": "https://freedomcollaborative.org",
        "description": (
            "An online platform and community for people working against human trafficking. It "
            "helps practitioners find partners, share resources and exchange information across "
            "countries."
        ),
        "headquarters": "",
        "parent": "",
        "aliases": [],
    },
    {
        "name": "Association of Southeast Asian Nations",
        "acronym": "ASEAN",
        "slug": "asean-secretariat",
        "kind": "intergovernmental",
        "website": "https://asean.org",
        "description": (
            "The regional organisation of ten South-East Asian states, supported by a secretariat "
            "in Jakarta. Its members are bound by the ASEAN Convention Against Trafficking in "
            "Persons, Especially Women and Children."
        ),
        "headquarters": "indonesia",
        "parent": "",
        "aliases": ["ASEAN Secretariat", "ASEAN"],
    },
    {
        "name": (
            "ASEAN Commission on the Promotion and Protection of the Rights of Women and Children"
        ),
        "acronym": "ACWC",
        "slug": "asean-acwc",
        "kind": "intergovernmental",
        "website": "https://acwc.asean.org",
        "description": (
            "An ASEAN human rights body focused on the rights of women and children. It develops "
            "regional guidance and works with member states on issues such as violence against "
            "children, trafficking and child marriage."
        ),
        "headquarters": "",
        "parent": "asean-secretariat",
        "aliases": ["ASEAN Commission on Women and Children"],
    },
    {
        "name": "ASEAN-Australia Counter Trafficking",
        "acronym": "ASEAN-ACT",
        "slug": "asean-act",
        "kind": "intergovernmental",
        "website": "https://www.aseanact.org",
        "description": (
            "A long-term programme, funded by the Australian Government, that works with ASEAN "
            "bodies and member states to strengthen justice responses to trafficking and protect "
            "victims' rights."
        ),
        "headquarters": "",
        "parent": "asean-secretariat",
        "aliases": ["ASEAN-Australia Counter Trafficking program", "ASEAN-ACT program"],
    },
    {
        "name": "Department of Foreign Affairs and Trade",
        "acronym": "DFAT",
        "slug": "australia-dfat",
        "kind": "government",
        "website": "https://www.dfat.gov.au",
        "description": (
            "Australia's foreign ministry, which manages the country's international development "
            "programme. It funds regional counter-trafficking work in South-East Asia, including "
            "ASEAN-ACT."
        ),
        "headquarters": "australia",
        "parent": "",
        "aliases": ["Australian Government", "Australian Department of Foreign Affairs and Trade"],
    },
    {
        "name": "Hestia",
        "acronym": "",
        "slug": "hestia",
        "kind": "ngo",
        "website": "https://www.hestia.org",
        "description": (
            "A London-based charity supporting adults and children in times of crisis, including "
            "survivors of modern slavery and domestic abuse. It runs the Phoenix Project and "
            "advocates on survivor support."
        ),
        "headquarters": "united-kingdom",
        "parent": "",
        "aliases": ["Hestia Housing and Support"],
    },
    {
        "name": "The Salvation Army",
        "acronym": "",
        "slug": "salvation-army",
        "kind": "ngo",
        "website": "https://www.salvationarmy.org.uk",
        "description": (
            "A Christian church and charity that provides social services worldwide. In England "
            "and Wales it manages the government contract for specialist support to adult victims "
            "of modern slavery."
        ),
        "headquarters": "united-kingdom",
        "parent": "",
        "aliases": ["Salvation Army", "The Salvation Army UK"],
    },
    {
        "name": "Business & Human Rights Resource Centre",
        "acronym": "BHRRC",
        "slug": "business-human-rights-resource-centre",
        "kind": "ngo",
        "website": "https://www.business-humanrights.org",
        "description": (
            "An international non-profit that tracks the human rights impacts of companies and "
            "invites businesses to respond to allegations. It hosts a large public database of "
            "corporate responses and research."
        ),
        "headquarters": "united-kingdom",
        "parent": "",
        "aliases": ["Business and Human Rights Resource Centre", "Resource Centre"],
    },
    {
        "name": "KnowTheChain",
        "acronym": "",
        "slug": "knowthechain",
        "kind": "research",
        "website": "https://knowthechain.org",
        "description": (
            "A benchmarking project that assesses how large companies address forced labour in "
            "their supply chains. It publishes comparative rankings for sectors such as "
            "technology, food and apparel."
        ),
        "headquarters": "",
        "parent": "business-human-rights-resource-centre",
        "aliases": ["Know The Chain"],
    },
    {
        "name": "Office of the United Nations High Commissioner for Human Rights",
        "acronym": "OHCHR",
        "slug": "ohchr",
        "kind": "un_agency",
        "website": "https://www.ohchr.org",
        "description": (
            "The UN entity that leads on human rights, supporting the treaty bodies and the "
            "special procedures. It hosts the mandate of the Special Rapporteur on trafficking in "
            "persons, especially women and children."
        ),
        "headquarters": "",
        "parent": "",
        "aliases": [
            "UN Human Rights",
            "UN Human Rights Office",
            "Office of the High Commissioner for Human Rights",
        ],
    },
    {
        "name": "Committee on the Rights of the Child",
        "acronym": "CRC",
        "slug": "un-committee-on-the-rights-of-the-child",
        "kind": "un_agency",
        "website": "https://www.ohchr.org/en/treaty-bodies/crc",
        "description": (
            "The body of independent experts that monitors how states implement the Convention on "
            "the Rights of the Child and its optional protocols. It also adopts general comments "
            "interpreting children's rights."
        ),
        "headquarters": "",
        "parent": "ohchr",
        "aliases": ["UN Committee on the Rights of the Child", "CRC Committee"],
    },
    {
        "name": "Government of Sweden",
        "acronym": "",
        "slug": "government-of-sweden",
        "kind": "government",
        "website": "https://www.government.se",
        "description": (
            "The Swedish Government and its ministries. Migration policy falls under the Ministry "
            "of Justice, whose Minister for Migration is supported by a State Secretary."
        ),
        "headquarters": "sweden",
        "parent": "",
        "aliases": [
            "Swedish Government",
            "Swedish Ministry of Justice",
            "Government Offices of Sweden",
        ],
    },
    {
        "name": "Ministry of Foreign and Diaspora Affairs (Kenya)",
        "acronym": "",
        "slug": "kenya-ministry-of-foreign-affairs",
        "kind": "government",
        "website": "https://www.mfa.go.ke",
        "description": (
            "Kenya's foreign ministry, responsible for its embassies and for assisting Kenyans "
            "abroad. Through its mission in Bangkok it has organised the return of citizens "
            "trafficked into scam compounds in South-East Asia."
        ),
        "headquarters": "kenya",
        "parent": "",
        "aliases": [
            "Government of Kenya",
            "Kenyan Embassy in Thailand",
            "Embassy of Kenya in Bangkok",
        ],
    },
    {
        "name": "Directorate of Criminal Investigations",
        "acronym": "DCI",
        "slug": "kenya-dci",
        "kind": "government",
        "website": "https://www.dci.go.ke",
        "description": (
            "Kenya's main criminal investigation agency, part of the National Police Service. It "
            "investigates serious crime, including human trafficking and cybercrime."
        ),
        "headquarters": "kenya",
        "parent": "",
        "aliases": ["Kenya DCI", "Directorate of Criminal Investigations Kenya"],
    },
    {
        "name": "United States Agency for International Development",
        "acronym": "USAID",
        "slug": "usaid",
        "kind": "funder",
        "website": "https://www.usaid.gov",
        "description": (
            "The US government's development agency and, for decades, one of the largest funders "
            "of counter-trafficking programmes abroad. Most of its awards were terminated in 2025 "
            "during a review of US foreign assistance."
        ),
        "headquarters": "united-states",
        "parent": "",
        "aliases": ["U.S. Agency for International Development"],
    },
    {
        "name": "U.S. Department of Labor",
        "acronym": "DOL",
        "slug": "us-department-of-labor",
        "kind": "government",
        "website": "https://www.dol.gov",
        "description": (
            "The US federal labour ministry. Its Bureau of International Labor Affairs has funded "
            "projects on child labour, forced labour and trafficking and publishes lists of goods "
            "produced with child or forced labour."
        ),
        "headquarters": "united-states",
        "parent": "",
        "aliases": [
            "US Department of Labor",
            "Department of Labor",
            "Bureau of International Labor Affairs",
        ],
    },
    {
        "name": "United Nations Office on Drugs and Crime",
        "acronym": "UNODC",
        "slug": "unodc",
        "kind": "un_agency",
        "website": "https://www.unodc.org",
        "description": (
            "The UN agency that serves as guardian of the Trafficking in Persons Protocol. It "
            "publishes the Global Report on Trafficking in Persons and supports criminal justice "
            "responses worldwide."
        ),
        "headquarters": "austria",
        "parent": "",
        "aliases": ["UN Office on Drugs and Crime"],
    },
    {
        "name": "International Labour Organization",
        "acronym": "ILO",
        "slug": "ilo",
        "kind": "un_agency",
        "website": "https://www.ilo.org",
        "description": (
            "The tripartite UN agency that sets international labour standards, including the "
            "conventions on forced labour and child labour. It works with governments, employers "
            "and workers to promote decent work."
        ),
        "headquarters": "",
        "parent": "",
        "aliases": ["International Labour Office"],
    },
    {
        "name": "United Nations Children's Fund",
        "acronym": "UNICEF",
        "slug": "unicef",
        "kind": "un_agency",
        "website": "https://www.unicef.org",
        "description": (
            "The UN agency for children, working on child protection, education and health in more "
            "than 190 countries and territories. It supports systems that prevent and respond to "
            "violence, exploitation and trafficking of children."
        ),
        "headquarters": "united-states",
        "parent": "",
        "aliases": ["UN Children's Fund"],
    },
    {
        "name": "UN Refugee Agency",
        "acronym": "UNHCR",
        "slug": "unhcr",
        "kind": "un_agency",
        "website": "https://www.unhcr.org",
        "description": (
            "The UN agency mandated to protect refugees, forcibly displaced communities and "
            "stateless people. It works to identify and protect refugees at risk of trafficking."
        ),
        "headquarters": "",
        "parent": "",
        "aliases": ["Office of the United Nations High Commissioner for Refugees"],
    },
    {
        "name": "European Union Agency for Law Enforcement Cooperation",
        "acronym": "Europol",
        "slug": "europol",
        "kind": "intergovernmental",
        "website": "https://www.europol.europa.eu",
        "description": (
            "The EU's law enforcement agency, supporting member states in fighting serious and "
            "organised crime. It coordinates joint action days against trafficking and labour "
            "exploitation."
        ),
        "headquarters": "netherlands",
        "parent": "",
        "aliases": ["European Police Office"],
    },
    {
        "name": "International Criminal Police Organization",
        "acronym": "INTERPOL",
        "slug": "interpol",
        "kind": "intergovernmental",
        "website": "https://www.interpol.int",
        "description": (
            "The international police organisation connecting the police forces of its member "
            "countries. It runs global databases and coordinates operations against trafficking "
            "and migrant smuggling."
        ),
        "headquarters": "france",
        "parent": "",
        "aliases": ["Interpol"],
    },
    {
        "name": "Council of Europe",
        "acronym": "CoE",
        "slug": "council-of-europe",
        "kind": "intergovernmental",
        "website": "https://www.coe.int",
        "description": (
            "Europe's leading human rights organisation, with 46 member states. Its Convention on "
            "Action against Trafficking in Human Beings is monitored by GRETA."
        ),
        "headquarters": "france",
        "parent": "",
        "aliases": [],
    },
    {
        "name": "Group of Experts on Action against Trafficking in Human Beings",
        "acronym": "GRETA",
        "slug": "coe-greta",
        "kind": "intergovernmental",
        "website": "https://www.coe.int/en/web/anti-human-trafficking",
        "description": (
            "The independent expert body that monitors implementation of the Council of Europe "
            "anti-trafficking convention. It evaluates states in rounds and publishes country "
            "reports with recommendations."
        ),
        "headquarters": "france",
        "parent": "council-of-europe",
        "aliases": ["Council of Europe GRETA"],
    },
    {
        "name": "European Commission",
        "acronym": "",
        "slug": "european-commission",
        "kind": "intergovernmental",
        "website": "https://commission.europa.eu",
        "description": (
            "The executive body of the European Union. It proposes EU anti-trafficking law and "
            "strategy and hosts the EU Anti-Trafficking Coordinator."
        ),
        "headquarters": "belgium",
        "parent": "",
        "aliases": ["EU Anti-Trafficking Coordinator", "EU Commission"],
    },
    {
        "name": "Walk Free",
        "acronym": "",
        "slug": "walk-free",
        "kind": "ngo",
        "website": "https://www.walkfree.org",
        "description": (
            "An international human rights group working to end modern slavery. It produces the "
            "Global Slavery Index and advocates for stronger laws on supply chains."
        ),
        "headquarters": "australia",
        "parent": "minderoo-foundation",
        "aliases": ["Walk Free Foundation"],
    },
    {
        "name": "Minderoo Foundation",
        "acronym": "",
        "slug": "minderoo-foundation",
        "kind": "funder",
        "website": "https://www.minderoo.org",
        "description": (
            "A philanthropic foundation based in Western Australia. It funds work on a range of "
            "social issues and is home to the Walk Free initiative."
        ),
        "headquarters": "australia",
        "parent": "",
        "aliases": [],
    },
    {
        "name": "Polaris",
        "acronym": "",
        "slug": "polaris-project",
        "kind": "ngo",
        "website": "https://polarisproject.org",
        "description": (
            "A US non-profit working against sex and labour trafficking. It operates the US "
            "National Human Trafficking Hotline and analyses the data it gathers."
        ),
        "headquarters": "united-states",
        "parent": "",
        "aliases": ["Polaris Project"],
    },
    {
        "name": "ECPAT International",
        "acronym": "ECPAT",
        "slug": "ecpat-international",
        "kind": "ngo",
        "website": "https://ecpat.org",
        "description": (
            "A global network of civil society organisations working to end the sexual "
            "exploitation of children. It focuses on online exploitation, trafficking and "
            "exploitation in travel and tourism."
        ),
        "headquarters": "thailand",
        "parent": "",
        "aliases": ["ECPAT"],
    },
    {
        "name": "Anti-Slavery International",
        "acronym": "",
        "slug": "anti-slavery-international",
        "kind": "ngo",
        "website": "https://www.antislavery.org",
        "description": (
            "The world's oldest international human rights organisation, founded in 1839. It "
            "campaigns against contemporary slavery, including forced labour in supply chains."
        ),
        "headquarters": "united-kingdom",
        "parent": "",
        "aliases": [],
    },
    {
        "name": "Lumos",
        "acronym": "",
        "slug": "lumos",
        "kind": "ngo",
        "website": "https://www.wearelumos.org",
        "description": (
            "An international charity working to end the institutionalisation of children. It "
            "campaigns against orphanage tourism and supports the transition to family-based care."
        ),
        "headquarters": "united-kingdom",
        "parent": "",
        "aliases": ["Lumos Foundation"],
    },
    {
        "name": "Internet Watch Foundation",
        "acronym": "IWF",
        "slug": "internet-watch-foundation",
        "kind": "ngo",
        "website": "https://www.iwf.org.uk",
        "description": (
            "A UK charity that finds, assesses and removes images and videos of child sexual abuse "
            "online. It provides technical services to the internet industry."
        ),
        "headquarters": "united-kingdom",
        "parent": "",
        "aliases": [],
    },
    {
        "name": "International Justice Mission",
        "acronym": "IJM",
        "slug": "international-justice-mission",
        "kind": "ngo",
        "website": "https://www.ijm.org",
        "description": (
            "A global organisation that partners with local justice systems to protect people in "
            "poverty from violence. Its work covers online sexual exploitation of children, forced "
            "labour and trafficking."
        ),
        "headquarters": "united-states",
        "parent": "",
        "aliases": [],
    },
    {
        "name": "Rights Lab, University of Nottingham",
        "acronym": "",
        "slug": "rights-lab",
        "kind": "research",
        "website": "https://www.nottingham.ac.uk/research/beacons-of-excellence/rights-lab/",
        "description": (
            "A research programme at the University of Nottingham dedicated to ending modern "
            "slavery. It works on survivor support, data, law and policy."
        ),
        "headquarters": "united-kingdom",
        "parent": "",
        "aliases": ["Rights Lab", "University of Nottingham Rights Lab"],
    },
    {
        "name": "Home Office",
        "acronym": "",
        "slug": "uk-home-office",
        "kind": "government",
        "website": "https://www.gov.uk/government/organisations/home-office",
        "description": (
            "The UK government department responsible for immigration, security and policing. It "
            "oversees the National Referral Mechanism for identifying and supporting victims of "
            "modern slavery."
        ),
        "headquarters": "united-kingdom",
        "parent": "",
        "aliases": ["UK Home Office"],
    },
]


# Demo stories. Dates for the digest period fall in April-June 2025; a handful of
# calls for input are dated November 2026 with deadlines in the months after that.
STORIES = [
    {
        "title": "Coordinated checks across Europe target labour exploitation in high-risk sectors",
        "slug": "europol-action-days-labour-exploitation",
        "summary": (
            "Police, labour inspectors and border officials in several European countries carried "
            "out joint checks on farms, building sites and factories in an operation supported by "
            "Europol."
        ),
        "body": (
            "Law enforcement and labour inspection authorities from a number of European countries "
            "took part in a week of coordinated action days aimed at uncovering labour "
            "exploitation and human trafficking, with **Europol** providing analytical and "
            "operational support.\n\n"
            "Teams concentrated on sectors where recruitment debts, withheld wages and confiscated "
            "identity documents are commonly reported, including agriculture, construction, food "
            "processing and cleaning. Inspections were combined with interviews so that workers "
            "could be screened for indicators of trafficking.\n\n"
            "Europol has repeatedly pointed out that labour exploitation tends to stay hidden "
            "because workers fear losing their income or their residence status if they speak up. "
            "Joint action days are meant to pool information that individual agencies rarely see "
            "on their own.\n\n"
            "Participating authorities said investigations would continue after the operation, and "
            "that workers identified as potential victims were being referred to support services."
        ),
        "source_url": (
            "https://www.europol.europa.eu/media-press/newsroom/news/joint-action-days-labour-explo"
            "itation"
        ),
        "source_name": "Europol",
        "event_date": datetime.date(2025, 4, 15),
        "published_on": datetime.date(2025, 4, 16),
        "topics": ["forced-labour", "labour-migration"],
        "regions": ["europe", "european-union"],
        "organizations": ["europol"],
        "tags": ["operation", "law enforcement"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Council of Europe experts press for better access to compensation for victims",
        "slug": "greta-compensation-for-victims",
        "summary": (
            "GRETA's monitoring keeps finding that few trafficking survivors ever receive "
            "compensation. The expert body wants remedies to become a routine part of every case."
        ),
        "body": (
            "The Council of Europe's Group of Experts on Action against Trafficking in Human "
            "Beings (GRETA) has again drawn attention to a gap that runs through its country "
            "monitoring: survivors of trafficking rarely receive the compensation they are "
            "entitled to.\n\n"
            "Obstacles identified by the expert group include a lack of information about rights, "
            "short time limits for claims, the absence of state compensation funds in some "
            "countries, and difficulties in enforcing court orders against traffickers whose "
            "assets have been moved abroad.\n\n"
            "GRETA recommends that states give victims free legal assistance from an early stage, "
            "use confiscated criminal assets to fund compensation, and make sure that survivors "
            "can claim damages whatever their immigration status.\n\n"
            "The [Council of Europe anti-trafficking "
            "convention](https://www.coe.int/en/web/anti-human-trafficking) obliges its parties to "
            "guarantee a right to compensation. The monitoring body wants that obligation to turn "
            "into payments that actually reach survivors."
        ),
        "source_url": "https://www.coe.int/en/web/anti-human-trafficking/news",
        "source_name": "Council of Europe",
        "event_date": datetime.date(2025, 4, 18),
        "published_on": datetime.date(2025, 4, 19),
        "topics": ["access-to-justice", "policy-and-legislation"],
        "regions": ["europe"],
        "organizations": ["coe-greta", "council-of-europe"],
        "tags": ["compensation", "monitoring"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Returnee migrants in Nepal help prepare workers heading abroad",
        "slug": "nepal-returnees-pre-departure-sessions",
        "summary": (
            "Former migrant workers are sharing their experience with people preparing to leave "
            "Nepal for jobs in the Gulf and Malaysia, with a focus on fees, contracts and where to "
            "find help."
        ),
        "body": (
            "In several districts of Nepal, people who have previously worked abroad are joining "
            "orientation sessions for prospective migrant workers, explaining in practical terms "
            "what to check before signing a contract.\n\n"
            "Sessions cover the fees recruiters may legally charge, the risks of handing over a "
            "passport, and the embassy and helpline contacts available in destination countries "
            "such as Qatar, Saudi Arabia and Malaysia.\n\n"
            "Labour rights groups working with the ILO say advice from peers tends to be more "
            "persuasive than official leaflets, because returnees can describe warning signs they "
            "ran into themselves.\n\n"
            "Organisers hope to extend the model to migrants' families, who often take on the "
            "loans used to pay for recruitment."
        ),
        "source_url": "https://www.ilo.org/regions-and-countries/asia-and-pacific/nepal",
        "source_name": "International Labour Organization",
        "event_date": datetime.date(2025, 4, 16),
        "published_on": datetime.date(2025, 4, 17),
        "topics": ["labour-migration", "prevention"],
        "regions": [
            "asia",
            "southern-asia",
            "nepal",
            "western-asia",
            "qatar",
            "south-eastern-asia",
            "malaysia",
        ],
        "organizations": ["ilo"],
        "tags": ["migrant workers", "awareness"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Children removed from online sexual exploitation in the Philippines",
        "slug": "philippines-online-exploitation-rescue",
        "summary": (
            "A police operation in the Philippines, supported by International Justice Mission, "
            "led to the rescue of several children who were being abused to produce livestreamed "
            "content for offenders abroad."
        ),
        "body": (
            "Philippine police have removed several children from online sexual exploitation "
            "following an operation carried out with support from International Justice Mission "
            "(IJM). A suspect was arrested at the scene.\n\n"
            "The case fits a pattern that child protection agencies in the country know well: the "
            "abuse is streamed or recorded at home, often by a relative or someone the family "
            "knows, and paid for by offenders in other countries.\n\n"
            "The children have been placed in the care of social workers and are receiving "
            "trauma-informed support. No identifying details have been released, in order to "
            "protect their privacy.\n\n"
            "IJM and its government partners have long argued that prosecutions must reach the "
            "overseas buyers as well as local facilitators, which depends on close cooperation "
            "with police in the countries where demand originates."
        ),
        "source_url": "https://www.ijm.org/news",
        "source_name": "International Justice Mission",
        "event_date": datetime.date(2025, 4, 14),
        "published_on": datetime.date(2025, 4, 15),
        "topics": ["online-child-sexual-exploitation", "child-trafficking"],
        "regions": ["asia", "south-eastern-asia", "philippines", "asean"],
        "organizations": ["international-justice-mission"],
        "tags": ["rescue", "law enforcement"],
        "content_note": "This story refers to the sexual abuse of children.",
        "deadline": None,
        "involves_vulnerable_person": True,
    },
    {
        "title": "Brazilian inspectors find workers in slave-like conditions on coffee farms",
        "slug": "brazil-coffee-farm-inspections",
        "summary": (
            "Mobile inspection teams in Brazil released farm workers from degrading conditions "
            "during the harvest, putting coffee supply chains under fresh scrutiny."
        ),
        "body": (
            "Brazil's mobile labour inspection teams have released a group of rural workers from "
            "conditions that the authorities classified as analogous to slavery on coffee "
            "plantations in the south-east of the country.\n\n"
            "Brazilian law defines the offence broadly: besides forced labour and debt bondage, it "
            "covers exhausting working hours and degrading conditions, such as the lack of "
            "drinking water, toilets or decent housing reported in this case.\n\n"
            "Rescued workers are entitled to their unpaid wages and to emergency unemployment "
            "benefit. Employers held responsible can be added to the government's public register "
            "of those caught using slave labour, widely known as the *lista suja*.\n\n"
            "Coffee buyers and certification schemes face renewed questions about how such "
            "conditions go unnoticed in audited supply chains."
        ),
        "source_url": "https://www.gov.br/trabalho-e-emprego/pt-br/noticias-e-conteudo",
        "source_name": "Brazilian Ministry of Labour and Employment",
        "event_date": datetime.date(2025, 4, 17),
        "published_on": datetime.date(2025, 4, 18),
        "topics": ["forced-labour", "supply-chains"],
        "regions": ["americas", "south-america", "brazil"],
        "organizations": [],
        "tags": ["inspection", "agriculture"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Uganda reviews oversight of agencies recruiting workers for the Gulf",
        "slug": "uganda-recruitment-agency-oversight",
        "summary": (
            "Ugandan authorities are tightening checks on private recruitment agencies that place "
            "domestic workers and security guards in Gulf states, after repeated complaints of "
            "abuse."
        ),
        "body": (
            "Uganda's labour ministry has announced a review of licensed agencies that recruit "
            "workers for jobs in the Middle East, with particular attention to women employed as "
            "domestic workers.\n\n"
            "Complaints raised with the ministry and with civil society include contracts being "
            "swapped on arrival, passports being confiscated, wages going unpaid and workers being "
            "unable to leave abusive employers.\n\n"
            "The review is expected to examine pre-departure training, how agencies are monitored "
            "after workers have been placed, and what support exists for those who need to come "
            "home. IOM has been working with the government on safer migration and return "
            "assistance.\n\n"
            "Labour migration is an important source of income for many Ugandan households, and "
            "officials say the aim is to make the route safer rather than to close it."
        ),
        "source_url": "https://mglsd.go.ug/news/",
        "source_name": "Ugandan Ministry of Gender, Labour and Social Development",
        "event_date": datetime.date(2025, 4, 15),
        "published_on": datetime.date(2025, 4, 16),
        "topics": ["labour-migration", "policy-and-legislation", "forced-labour"],
        "regions": [
            "africa",
            "eastern-africa",
            "uganda",
            "western-asia",
            "saudi-arabia",
            "united-arab-emirates",
        ],
        "organizations": ["iom"],
        "tags": ["recruitment", "domestic work"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "ECPAT urges travel companies to build child protection into their operations",
        "slug": "ecpat-travel-industry-child-protection",
        "summary": (
            "As travel rebounds, ECPAT International is calling on hotels, tour operators and "
            "booking platforms to train staff and set clear procedures for reporting suspected "
            "child exploitation."
        ),
        "body": (
            "ECPAT International has renewed its appeal to the travel and tourism industry to "
            "treat the sexual exploitation of children as a business risk that needs concrete "
            "policies rather than statements of intent.\n\n"
            "The network recommends that companies train front-line staff to recognise warning "
            "signs, add child protection clauses to contracts with suppliers, and set up clear "
            "channels for passing concerns to the authorities.\n\n"
            "ECPAT also notes that offenders increasingly use short-term rentals and informal "
            "accommodation, where oversight is weaker than in large hotels, and that booking "
            "platforms have a part to play in closing these gaps.\n\n"
            "Companies can join *The Code*, an industry initiative on child protection in travel "
            "and tourism, which offers members training and reporting tools."
        ),
        "source_url": "https://ecpat.org/news/",
        "source_name": "ECPAT International",
        "event_date": datetime.date(2025, 4, 16),
        "published_on": datetime.date(2025, 4, 17),
        "topics": ["child-trafficking", "sexual-exploitation", "prevention"],
        "regions": ["world"],
        "organizations": ["ecpat-international"],
        "tags": ["tourism", "private sector"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": True,
    },
    {
        "title": "UNODC warns that scam compound networks are spreading worldwide",
        "slug": "unodc-scam-compounds-spreading",
        "summary": (
            "Criminal groups behind industrial-scale online fraud in South-East Asia are moving "
            "into new regions, UNODC warns, and many of the people forced to run the scams are "
            "trafficking victims."
        ),
        "body": (
            "The UN Office on Drugs and Crime (UNODC) has warned that the criminal groups running "
            "large scam centres in the Mekong region are extending their reach, setting up "
            "operations in other parts of Asia and further afield as pressure on their original "
            "bases grows.\n\n"
            "Many of the people working inside these compounds answered fake job advertisements "
            "for customer service, IT or translation roles. Once inside, they are often held "
            "against their will, stripped of their passports and made to defraud people online "
            "under threat of violence.\n\n"
            "UNODC describes a business model that combines fraud, money laundering and human "
            "trafficking and that adapts quickly to enforcement. Crackdowns in one country have "
            "tended to push operations across borders rather than shut them down.\n\n"
            "The agency is calling for coordinated action that targets the money and the "
            "corruption that let the compounds operate, alongside better protection for the people "
            "trafficked into them. Victims forced to commit fraud, it stresses, should not be "
            "treated as offenders. Its recommendations include:\n\n"
            "- closer cooperation between police in countries of origin, transit and destination;\n"
            "- scrutiny of the payment channels and crypto-asset services used to move proceeds;\n"
            "- screening of people leaving compounds so that trafficking victims are identified "
            "and supported."
        ),
        "source_url": "https://www.unodc.org/roseap/en/news/scam-centres-expansion.html",
        "source_name": "UNODC",
        "event_date": datetime.date(2025, 4, 22),
        "published_on": datetime.date(2025, 4, 23),
        "topics": ["scam-compounds", "forced-criminality", "online-exploitation"],
        "regions": ["world", "asia", "south-eastern-asia", "myanmar", "cambodia", "laos", "asean"],
        "organizations": ["unodc"],
        "tags": ["report", "cybercrime"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Indonesians freed from scam operations return home",
        "slug": "indonesians-return-from-scam-compounds",
        "summary": (
            "A group of Indonesian nationals who had been held in scam compounds across the border "
            "from Thailand have been repatriated, with IOM supporting screening and onward help."
        ),
        "body": (
            "A group of Indonesian citizens released from online scam operations in Myanmar has "
            "returned to Jakarta after crossing into Thailand, where they were processed before "
            "their flights home.\n\n"
            "Many said they had been recruited through social media with promises of well-paid "
            "office jobs in Thailand, only to be taken across the border and forced to run online "
            "fraud schemes.\n\n"
            "Indonesian authorities said the returnees would be interviewed to establish whether "
            "they were trafficking victims. Those identified are to receive health checks, "
            "counselling and help getting back to their home provinces. IOM has supported "
            "screening in the region.\n\n"
            "The government has urged the public to verify job offers abroad through official "
            "channels and to be wary of recruiters promising unusually high salaries for little "
            "experience."
        ),
        "source_url": "https://indonesia.iom.int/news",
        "source_name": "IOM Indonesia",
        "event_date": datetime.date(2025, 4, 23),
        "published_on": datetime.date(2025, 4, 24),
        "topics": ["scam-compounds", "forced-criminality", "survivor-support"],
        "regions": ["asia", "south-eastern-asia", "indonesia", "myanmar", "thailand", "asean"],
        "organizations": ["iom"],
        "tags": ["repatriation"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Moldova steps up trafficking prevention for refugees from Ukraine",
        "slug": "moldova-refugee-trafficking-prevention",
        "summary": (
            "Information points and outreach teams in Moldova are working to stop refugees, most "
            "of them women and children, from being targeted with exploitative offers of work or "
            "housing."
        ),
        "body": (
            "Moldovan authorities and humanitarian agencies are reinforcing trafficking prevention "
            "for people who have fled the war in Ukraine, many of whom stay in the country or pass "
            "through it on the way to the European Union.\n\n"
            "Outreach staff at border crossings and accommodation centres give advice on safe "
            "travel and employment and explain how to check offers of transport, housing or jobs "
            "received through social media and messaging apps.\n\n"
            "UNHCR and its partners stress that women travelling alone, older people and "
            "unaccompanied or separated children face the greatest risks, and that clear referral "
            "routes to specialised services are essential.\n\n"
            "Agencies say sustained funding will be needed to keep prevention services running as "
            "displacement drags on."
        ),
        "source_url": "https://www.unhcr.org/md/news",
        "source_name": "UNHCR Moldova",
        "event_date": datetime.date(2025, 4, 22),
        "published_on": datetime.date(2025, 4, 23),
        "topics": ["prevention", "sexual-exploitation"],
        "regions": ["europe", "eastern-europe", "moldova", "ukraine"],
        "organizations": ["unhcr", "iom"],
        "tags": ["refugees"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Children rescued from forced labour in Ghana's Lake Volta fishing industry",
        "slug": "ghana-lake-volta-children-rescued",
        "summary": (
            "Ghanaian authorities, working with International Justice Mission, removed children "
            "from hazardous fishing work on Lake Volta and referred them for care."
        ),
        "body": (
            "Police and social welfare officers in Ghana have removed several children from forced "
            "labour on fishing boats on Lake Volta, in an operation supported by International "
            "Justice Mission.\n\n"
            "Children on the lake are commonly made to work long hours casting and hauling nets, "
            "and some are sent underwater to free nets snagged on submerged tree stumps, a task "
            "that can kill.\n\n"
            "Social workers are now caring for the children and will assess whether they can "
            "safely go back to their families. Suspected traffickers and boat owners face "
            "prosecution under Ghana's anti-trafficking law.\n\n"
            "Child protection groups say many of the children were handed over by families living "
            "in poverty, who had been told their children would be fed and sent to school."
        ),
        "source_url": "https://www.ijm.org/ghana",
        "source_name": "International Justice Mission",
        "event_date": datetime.date(2025, 4, 25),
        "published_on": datetime.date(2025, 4, 26),
        "topics": ["child-trafficking", "forced-labour"],
        "regions": ["africa", "western-africa", "ghana"],
        "organizations": ["international-justice-mission"],
        "tags": ["rescue", "fishing"],
        "content_note": "This story describes the exploitation of children in dangerous work.",
        "deadline": None,
        "involves_vulnerable_person": True,
    },
    {
        "title": "Polaris highlights hidden labour trafficking in US hotline cases",
        "slug": "polaris-labour-trafficking-under-identified",
        "summary": (
            "Polaris says labour trafficking is still under-identified in the United States and "
            "wants more attention paid to workers on temporary visas and in informal jobs."
        ),
        "body": (
            "Polaris, which runs the US National Human Trafficking Hotline, says the cases "
            "reaching it suggest that labour trafficking is identified far less often than sex "
            "trafficking, even though it is unlikely to be less common.\n\n"
            "The organisation points to workers on temporary visas, and to people in domestic "
            "work, agriculture and restaurants, who often depend on a single employer for their "
            "pay, their housing and their immigration status.\n\n"
            "Polaris is calling for stronger protections for visa holders who report abuse, more "
            "proactive labour inspections, and better data sharing between agencies so that "
            "patterns are spotted sooner.\n\n"
            "Anyone in the United States who is worried about their own situation or someone "
            "else's can contact the hotline confidentially by phone, text or online chat."
        ),
        "source_url": "https://polarisproject.org/press-releases/",
        "source_name": "Polaris",
        "event_date": datetime.date(2025, 4, 24),
        "published_on": datetime.date(2025, 4, 25),
        "topics": ["forced-labour", "labour-migration", "research-and-data"],
        "regions": ["americas", "northern-america", "united-states"],
        "organizations": ["polaris-project"],
        "tags": ["hotline", "data"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Campaigners urge the UK to block goods made with forced labour",
        "slug": "uk-forced-labour-import-controls-campaign",
        "summary": (
            "Anti-Slavery International and partners want the UK government to introduce import "
            "controls on goods produced with forced labour, in line with measures adopted in the "
            "EU and the US."
        ),
        "body": (
            "Anti-Slavery International has renewed its call for legislation that would allow UK "
            "authorities to stop products made with forced labour from entering the country.\n\n"
            "The campaign points to the EU Forced Labour Regulation, which will ban such products "
            "from the EU market from late 2027, and to existing US import restrictions. Without "
            "similar rules, campaigners argue, the UK risks becoming an outlet for goods that "
            "other markets turn away.\n\n"
            "They also want the reporting duty in the Modern Slavery Act 2015 upgraded to a "
            "requirement to carry out due diligence, backed by penalties for companies that fail "
            "to act.\n\n"
            "Businesses that already invest in responsible sourcing have signalled support for a "
            "level playing field, according to the organisation."
        ),
        "source_url": "https://www.antislavery.org/latest/",
        "source_name": "Anti-Slavery International",
        "event_date": datetime.date(2025, 4, 24),
        "published_on": datetime.date(2025, 4, 25),
        "topics": ["supply-chains", "forced-labour", "policy-and-legislation"],
        "regions": ["europe", "northern-europe", "united-kingdom"],
        "organizations": ["anti-slavery-international"],
        "tags": ["campaign", "import ban"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Research explores pathways into decent work for modern slavery survivors",
        "slug": "rights-lab-survivor-employment-research",
        "summary": (
            "Research from the University of Nottingham's Rights Lab looks at what helps survivors "
            "of modern slavery find and keep stable jobs, and what stands in their way."
        ),
        "body": (
            "Researchers at the Rights Lab, University of Nottingham, have examined how survivors "
            "of modern slavery in the UK move into paid work, drawing on interviews with "
            "survivors, support workers and employers.\n\n"
            "Barriers described in the research include uncertain immigration status, long waits "
            "for official decisions, gaps in employment history and limited access to training or "
            "English classes.\n\n"
            "Participants also identified what helps: flexible and understanding employers, "
            "mentoring, and support that carries on after a person has left the formal victim care "
            "system.\n\n"
            "The work adds to growing evidence that lasting recovery depends on financial "
            "independence, not only on short-term assistance."
        ),
        "source_url": (
            "https://www.nottingham.ac.uk/research/beacons-of-excellence/rights-lab/news/"
        ),
        "source_name": "Rights Lab, University of Nottingham",
        "event_date": datetime.date(2025, 4, 24),
        "published_on": datetime.date(2025, 4, 25),
        "topics": ["survivor-support", "research-and-data"],
        "regions": ["europe", "northern-europe", "united-kingdom"],
        "organizations": ["rights-lab"],
        "tags": ["research", "employment"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "ILO renews push for ratification of the Forced Labour Protocol",
        "slug": "ilo-forced-labour-protocol-ratification",
        "summary": (
            "The ILO is encouraging more states to ratify the 2014 Protocol to the Forced Labour "
            "Convention, which commits governments to prevention, protection and remedies for "
            "victims."
        ),
        "body": (
            "The International Labour Organization (ILO) is stepping up its call for governments "
            "to ratify the Protocol of 2014 to the Forced Labour Convention, the binding "
            "instrument that updated the 1930 convention to address today's forms of "
            "exploitation.\n\n"
            "States that ratify commit to adopting national policies and action plans, protecting "
            "victims whatever their legal status, giving them access to remedies including "
            "compensation, and ensuring they are not punished for unlawful acts they were forced "
            "to commit.\n\n"
            "The protocol also puts weight on prevention. That includes extending labour "
            "inspection to high-risk sectors, shielding migrant workers from abusive recruitment "
            "and supporting due diligence by businesses.\n\n"
            "According to the ILO, ratification matters because it brings regular reporting and "
            "supervision, which gives trade unions, employers' organisations and civil society a "
            "formal channel for raising concerns.\n\n"
            "> **In brief:** the protocol turns a century-old ban on forced labour into a set of "
            "concrete duties on prevention, protection and remedy."
        ),
        "source_url": (
            "https://www.ilo.org/topics/forced-labour-modern-slavery-and-trafficking-persons"
        ),
        "source_name": "International Labour Organization",
        "event_date": datetime.date(2025, 4, 29),
        "published_on": datetime.date(2025, 4, 30),
        "topics": ["forced-labour", "policy-and-legislation", "access-to-justice"],
        "regions": ["world"],
        "organizations": ["ilo"],
        "tags": ["ratification", "standards"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "La Strada International urges a victim-centred transposition of the EU directive",
        "slug": "la-strada-eu-directive-transposition",
        "summary": (
            "With the deadline for transposing the revised EU Anti-Trafficking Directive coming in "
            "2026, La Strada International is asking member states to go beyond the minimum on "
            "victim protection."
        ),
        "body": (
            "La Strada International, the European network of anti-trafficking NGOs, has published "
            "recommendations for member states as they prepare to bring the revised EU "
            "Anti-Trafficking Directive into national law.\n\n"
            "The revision, adopted in 2024, adds **forced marriage**, **illegal adoption** and the "
            "exploitation of surrogacy to the forms of exploitation that must be criminalised, and "
            "deals explicitly with offences committed or facilitated online.\n\n"
            "The network argues that transposition should be used to strengthen support for "
            "victims. It asks for assistance that does not depend on cooperating with criminal "
            "proceedings, and for formal national referral mechanisms in which civil society has a "
            "clear role.\n\n"
            "It also warns that making it an offence to knowingly use services provided by "
            "trafficking victims must come with safeguards, so that survivors themselves are not "
            "penalised.\n\n"
            "Member states have until July 2026 to transpose the directive."
        ),
        "source_url": "https://www.lastradainternational.org/news/",
        "source_name": "La Strada International",
        "event_date": datetime.date(2025, 5, 2),
        "published_on": datetime.date(2025, 5, 3),
        "topics": [
            "policy-and-legislation",
            "forced-marriage",
            "illegal-adoption",
            "survivor-support",
        ],
        "regions": ["europe", "european-union"],
        "organizations": ["la-strada-international", "european-commission"],
        "tags": ["eu law", "advocacy"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Families freed from bonded labour at brick kilns in India",
        "slug": "india-brick-kiln-bonded-labour-release",
        "summary": (
            "District officials in India released families, including children, held in debt "
            "bondage at brick kilns and began issuing the release certificates that unlock "
            "rehabilitation support."
        ),
        "body": (
            "Revenue and police officials in India have released several families working in debt "
            "bondage at brick kilns, after a complaint brought by a local organisation with "
            "support from International Justice Mission.\n\n"
            "The families, some of whom had migrated from other states, described taking an "
            "advance they could never repay, earning far less than the minimum wage and being "
            "stopped from leaving the kiln.\n\n"
            "Under the Bonded Labour System (Abolition) Act, officials can issue release "
            "certificates that entitle survivors to immediate cash assistance and longer-term "
            "rehabilitation. Advocates say delays in issuing these certificates are often the weak "
            "link.\n\n"
            "Children who had been working alongside their parents are being helped to enrol in "
            "school."
        ),
        "source_url": "https://www.ijm.org/india",
        "source_name": "International Justice Mission",
        "event_date": datetime.date(2025, 4, 30),
        "published_on": datetime.date(2025, 5, 1),
        "topics": ["forced-labour", "child-trafficking"],
        "regions": ["asia", "southern-asia", "india"],
        "organizations": ["international-justice-mission"],
        "tags": ["bonded labour", "rescue"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": True,
    },
    {
        "title": "Nigerian returnees from Libya receive reintegration support in Edo State",
        "slug": "nigeria-edo-returnees-reintegration",
        "summary": (
            "Women and men returning to Nigeria after exploitation in Libya and Europe are being "
            "offered counselling, training and small business grants to rebuild their lives."
        ),
        "body": (
            "A reintegration programme in Edo State, southern Nigeria, is supporting people who "
            "have come back from Libya and elsewhere, many of whom experienced trafficking, "
            "detention or forced labour along the way.\n\n"
            "Support is tailored to each returnee and can include psychosocial counselling, "
            "medical care, vocational training and start-up grants. Women who were trafficked for "
            "sexual exploitation are offered specialised services.\n\n"
            "IOM, which assists voluntary returns from Libya, works with state-level "
            "anti-trafficking bodies and local organisations to follow up with returnees over "
            "time.\n\n"
            "Practitioners say stigma remains one of the biggest obstacles, and that community "
            "awareness work is needed so that survivors are not blamed for what was done to them."
        ),
        "source_url": "https://nigeria.iom.int/news",
        "source_name": "IOM Nigeria",
        "event_date": datetime.date(2025, 4, 28),
        "published_on": datetime.date(2025, 4, 29),
        "topics": ["survivor-support", "sexual-exploitation", "labour-migration"],
        "regions": ["africa", "western-africa", "nigeria", "northern-africa", "libya"],
        "organizations": ["iom"],
        "tags": ["reintegration"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": (
            "UNICEF calls for stronger protection of children crossing the Central Mediterranean"
        ),
        "slug": "unicef-children-central-mediterranean",
        "summary": (
            "UNICEF warns that unaccompanied and separated children travelling through North "
            "Africa to Italy face high risks of trafficking and urges better reception and "
            "guardianship."
        ),
        "body": (
            "UNICEF has called on countries along the Central Mediterranean route to do more to "
            "protect children, many of whom travel without parents or carers from West Africa and "
            "the Horn of Africa through Libya towards Italy.\n\n"
            "At many points on the journey, children are exposed to violence, detention, forced "
            "labour and sexual exploitation. Those who are alone or have become separated from "
            "their families are at particular risk.\n\n"
            "The agency wants authorities to appoint guardians quickly, provide reception suited "
            "to children, stop detaining children for migration reasons and support family "
            "reunification where it is in the child's best interests.\n\n"
            "UNICEF also stresses the need for safe and legal routes, so that children and "
            "families are not pushed into the hands of smugglers."
        ),
        "source_url": "https://www.unicef.org/eca/press-releases",
        "source_name": "UNICEF",
        "event_date": datetime.date(2025, 4, 30),
        "published_on": datetime.date(2025, 5, 1),
        "topics": ["child-trafficking", "prevention"],
        "regions": ["africa", "northern-africa", "libya", "europe", "southern-europe", "italy"],
        "organizations": ["unicef"],
        "tags": ["children on the move"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": True,
    },
    {
        "title": "Migrants in Mexico face recruitment and extortion by criminal groups",
        "slug": "mexico-migrants-criminal-recruitment",
        "summary": (
            "Humanitarian agencies warn that people in transit through Mexico are at risk of "
            "kidnapping, extortion and being forced into criminal activity."
        ),
        "body": (
            "Humanitarian organisations working along migration routes in Mexico report that "
            "migrants, including families with children, continue to be targeted by organised "
            "criminal groups.\n\n"
            "The dangers range from kidnapping for ransom and extortion to recruitment into "
            "criminal work such as transporting drugs or acting as lookouts, which can amount to "
            "trafficking for forced criminality.\n\n"
            "IOM and local shelters are informing migrants about their rights and available "
            "services, and are calling for identification procedures that recognise people coerced "
            "into crime as potential victims rather than offenders.\n\n"
            "Shifts in migration policy across the region have left many people stranded in "
            "northern and southern Mexico for long periods, which aid groups say increases their "
            "exposure to exploitation."
        ),
        "source_url": "https://mexico.iom.int/news",
        "source_name": "IOM Mexico",
        "event_date": datetime.date(2025, 5, 1),
        "published_on": datetime.date(2025, 5, 2),
        "topics": ["forced-criminality", "labour-migration", "prevention"],
        "regions": ["americas", "central-america", "mexico"],
        "organizations": ["iom"],
        "tags": ["migrants"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Australian civil society pushes for stronger modern slavery reporting rules",
        "slug": "australia-modern-slavery-act-reform",
        "summary": (
            "Advocates in Australia are urging the government to press ahead with reforms to the "
            "Modern Slavery Act, including penalties and mandatory due diligence."
        ),
        "body": (
            "Civil society groups in Australia, Walk Free among them, are pressing the federal "
            "government to act on reforms to the Modern Slavery Act 2018, which requires large "
            "businesses to report on how they deal with slavery risks.\n\n"
            "Advocates argue that many statements remain descriptive and that, without penalties "
            "for non-compliance or a duty to carry out due diligence, the law has done too little "
            "to change practice in high-risk supply chains.\n\n"
            "They welcome the creation of an independent Anti-Slavery Commissioner and say the "
            "office needs the resources to monitor compliance and guide businesses.\n\n"
            "Other proposals include lowering the revenue threshold so that more companies are "
            "covered."
        ),
        "source_url": "https://www.walkfree.org/news/",
        "source_name": "Walk Free",
        "event_date": datetime.date(2025, 5, 1),
        "published_on": datetime.date(2025, 5, 2),
        "topics": ["supply-chains", "policy-and-legislation"],
        "regions": ["oceania", "australia-and-new-zealand", "australia"],
        "organizations": ["walk-free"],
        "tags": ["due diligence", "advocacy"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Care reform advocates warn travellers against volunteering in orphanages",
        "slug": "lumos-orphanage-volunteering-warning",
        "summary": (
            "Ahead of the summer travel season, Lumos and other child rights groups are urging "
            "volunteers, donors and faith groups to support families rather than residential "
            "institutions."
        ),
        "body": (
            "Lumos, the charity working to end institutional care for children, has asked "
            "prospective travellers, schools and faith groups to avoid short-term volunteering "
            "placements in orphanages.\n\n"
            "Casework and research in several countries have shown that the demand for orphanage "
            "visits and donations can drive the recruitment of children away from their families, "
            "sometimes on the false promise of an education, to fill institutions that attract "
            "foreign money. This is increasingly recognised as **orphanage trafficking**.\n\n"
            "Most children who live in orphanages have at least one living parent. Advocates argue "
            "that the money spent on institutions would go further if it helped families stay "
            "together and paid for foster and kinship care.\n\n"
            "Lumos suggests that anyone who wants to help should:\n\n"
            "- skip trips that include visits to, or placements in, residential care;\n"
            "- ask charities whether they support family-based care;\n"
            "- give to organisations that strengthen families and community services.\n\n"
            "Several governments have started to treat orphanage tourism as a child protection "
            "issue, and some donors now include care reform in their development policy."
        ),
        "source_url": "https://www.wearelumos.org/news/",
        "source_name": "Lumos",
        "event_date": datetime.date(2025, 5, 6),
        "published_on": datetime.date(2025, 5, 7),
        "topics": ["orphanage-trafficking", "child-trafficking", "prevention"],
        "regions": ["world", "africa", "asia"],
        "organizations": ["lumos"],
        "tags": ["voluntourism", "care reform"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": True,
    },
    {
        "title": (
            "Foreign nationals freed from Myanmar scam sites wait for transfer through Thailand"
        ),
        "slug": "myanmar-scam-sites-transfers-thailand",
        "summary": (
            "Large numbers of people from many countries who were released from scam compounds in "
            "Myanmar are being processed at the Thai border while their embassies arrange their "
            "return."
        ),
        "body": (
            "Many foreign nationals released from scam compounds in Myanmar's Karen State are "
            "waiting to be moved through Thailand, where they are screened before being handed "
            "over to their embassies.\n\n"
            "The returnees come from across Asia and Africa, among other regions. Many say they "
            "were lured by job adverts and then forced to carry out online fraud, and some "
            "describe beatings and other punishments.\n\n"
            "Thai officials interview returnees to identify trafficking victims, while embassies "
            "prepare travel documents and book flights. IOM has helped some governments with "
            "transport, temporary accommodation and medical care.\n\n"
            "Delays in the process have left some people in difficult conditions on the Myanmar "
            "side of the border, and humanitarian agencies are calling for faster coordination."
        ),
        "source_url": "https://thailand.iom.int/news",
        "source_name": "IOM Thailand",
        "event_date": datetime.date(2025, 5, 7),
        "published_on": datetime.date(2025, 5, 8),
        "topics": ["scam-compounds", "forced-criminality", "survivor-support"],
        "regions": ["asia", "south-eastern-asia", "myanmar", "thailand", "asean"],
        "organizations": ["iom"],
        "tags": ["repatriation"],
        "content_note": "This story refers to physical abuse of people held in scam compounds.",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Internet Watch Foundation warns of growth in AI-generated child abuse imagery",
        "slug": "iwf-ai-generated-abuse-imagery",
        "summary": (
            "The Internet Watch Foundation says AI tools are being used to produce ever more "
            "realistic child sexual abuse imagery, and calls for safeguards to be built into the "
            "technology."
        ),
        "body": (
            "The Internet Watch Foundation (IWF), which finds and removes child sexual abuse "
            "material online, has warned that offenders are using generative AI to create images "
            "and videos of abuse that are increasingly hard to tell apart from real recordings.\n\n"
            "Some of this material shows real children, including known victims whose images are "
            "manipulated, while some is entirely synthetic. The IWF stresses that both are illegal "
            "in the UK and both cause harm, not least by normalising abuse and taking up "
            "investigators' time.\n\n"
            "The organisation wants AI developers to build in safeguards that stop their models "
            "producing such content, and governments to make sure the law keeps pace with the "
            "technology.\n\n"
            "Anyone who comes across child sexual abuse imagery online can [report it anonymously "
            "to the IWF](https://report.iwf.org.uk)."
        ),
        "source_url": "https://www.iwf.org.uk/news-media/",
        "source_name": "Internet Watch Foundation",
        "event_date": datetime.date(2025, 5, 8),
        "published_on": datetime.date(2025, 5, 9),
        "topics": ["online-child-sexual-exploitation", "online-exploitation"],
        "regions": ["world", "europe", "northern-europe", "united-kingdom"],
        "organizations": ["internet-watch-foundation"],
        "tags": ["artificial intelligence", "online safety"],
        "content_note": "This story discusses child sexual abuse material.",
        "deadline": None,
        "involves_vulnerable_person": True,
    },
    {
        "title": "Social workers in the Western Balkans tackle forced child begging",
        "slug": "balkans-forced-child-begging",
        "summary": (
            "Child protection professionals from Serbia and Albania compared approaches to "
            "identifying children forced to beg, a form of trafficking that is often overlooked."
        ),
        "body": (
            "Social workers, police officers and NGO staff from Serbia and Albania met to compare "
            "how they identify and respond to children who are forced to beg on the streets, at a "
            "workshop supported by the OSCE.\n\n"
            "Participants noted that forced begging is often handled as a public order problem or "
            "simply as a sign of poverty, while the adults who organise it and profit from it "
            "escape attention.\n\n"
            "Ideas discussed included joint outreach by social services and police, better "
            "information sharing across the border, and making sure children are referred to child "
            "protection services instead of being fined or detained.\n\n"
            "Practitioners stressed that families also need support, including access to schooling "
            "and social benefits, if children are not to end up back on the street."
        ),
        "source_url": "https://www.osce.org/mission-to-serbia",
        "source_name": "OSCE",
        "event_date": datetime.date(2025, 5, 7),
        "published_on": datetime.date(2025, 5, 8),
        "topics": ["forced-begging", "child-trafficking"],
        "regions": ["europe", "southern-europe", "serbia", "albania", "osce"],
        "organizations": ["osce"],
        "tags": ["child protection", "workshop"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": True,
    },
    {
        "title": "Japan prepares to replace its Technical Intern Training Program",
        "slug": "japan-technical-intern-programme-reform",
        "summary": (
            "Japan is preparing a new system for foreign workers to replace the Technical Intern "
            "Training Program, which has long been criticised over abuse and limits on changing "
            "employers."
        ),
        "body": (
            "Japan is getting ready to replace its Technical Intern Training Program with a new "
            "employment system for foreign workers, after years of criticism from rights groups, "
            "UN bodies and trade unions.\n\n"
            "Under the current programme, trainees, many of them from Vietnam, Indonesia and the "
            "Philippines, have often been unable to change employers, and cases of unpaid wages, "
            "excessive overtime and harassment have been widely reported.\n\n"
            "The new framework, due to start in 2027, is expected to let workers change employers "
            "under certain conditions and to put more emphasis on skills development and worker "
            "protection.\n\n"
            "Advocates say the detail of implementation will decide whether it succeeds, "
            "especially the rules on recruitment fees charged in countries of origin, which leave "
            "many workers in debt before they even arrive."
        ),
        "source_url": "https://www.moj.go.jp/isa/index.html",
        "source_name": "Immigration Services Agency of Japan",
        "event_date": datetime.date(2025, 5, 5),
        "published_on": datetime.date(2025, 5, 6),
        "topics": ["labour-migration", "forced-labour", "policy-and-legislation"],
        "regions": ["asia", "eastern-asia", "japan", "south-eastern-asia", "vietnam"],
        "organizations": [],
        "tags": ["migrant workers", "reform"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Sri Lankan domestic workers in the Gulf call for stronger protections",
        "slug": "sri-lanka-domestic-workers-protections",
        "summary": (
            "Returnee domestic workers and rights groups in Sri Lanka are pressing for contracts "
            "that are enforced, safe complaint channels and support for people who come home after "
            "abuse."
        ),
        "body": (
            "Women who have returned to Sri Lanka after working as domestic workers in Gulf states "
            "are calling for better protection for those who follow them, in discussions convened "
            "by labour rights groups with ILO support.\n\n"
            "In several destination countries, domestic workers are still excluded from parts of "
            "labour law. Many live in their employer's home, which makes it hard to seek help when "
            "wages go unpaid or they are mistreated.\n\n"
            "Participants recommended standard contracts that are enforced in practice, complaint "
            "mechanisms at embassies that actually work, and reintegration support for returnees, "
            "including help with debt and psychosocial care.\n\n"
            "Money sent home by migrant workers is a major source of income for Sri Lanka, which "
            "advocates say makes their welfare a matter of national interest."
        ),
        "source_url": "https://www.ilo.org/regions-and-countries/asia-and-pacific/sri-lanka",
        "source_name": "International Labour Organization",
        "event_date": datetime.date(2025, 5, 9),
        "published_on": datetime.date(2025, 5, 10),
        "topics": ["labour-migration", "forced-labour"],
        "regions": [
            "asia",
            "southern-asia",
            "sri-lanka",
            "western-asia",
            "saudi-arabia",
            "united-arab-emirates",
        ],
        "organizations": ["ilo"],
        "tags": ["domestic work"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Interpol-coordinated operation targets trafficking and smuggling networks",
        "slug": "interpol-operation-trafficking-smuggling",
        "summary": (
            "Police in many countries took part in an Interpol-coordinated operation against human "
            "trafficking and migrant smuggling, identifying potential victims on several "
            "continents."
        ),
        "body": (
            "Interpol has coordinated a multi-country operation to disrupt human trafficking and "
            "migrant smuggling networks, with police, border and immigration agencies taking part "
            "on several continents.\n\n"
            "Officers carried out checks at airports, land borders and suspected exploitation "
            "sites, and used Interpol's databases to verify travel documents and trace wanted "
            "persons.\n\n"
            "Potential victims found during the operation included people exploited in the sex "
            "industry, domestic work, farming and forced criminality. They were referred to "
            "national support services.\n\n"
            "Interpol says such operations also build longer-term cooperation between countries, "
            "and that follow-up investigations usually continue for months."
        ),
        "source_url": "https://www.interpol.int/en/News-and-Events/News",
        "source_name": "INTERPOL",
        "event_date": datetime.date(2025, 5, 8),
        "published_on": datetime.date(2025, 5, 9),
        "topics": ["forced-labour", "sexual-exploitation", "forced-criminality"],
        "regions": ["world", "africa", "americas", "asia"],
        "organizations": ["interpol"],
        "tags": ["operation", "law enforcement"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Frontline anti-trafficking services scale back as foreign aid shrinks",
        "slug": "aid-cuts-frontline-services-scale-back",
        "summary": (
            "Shelters, hotlines and legal aid projects in several regions are cutting services "
            "after sudden reductions in international funding, leaving survivors with fewer places "
            "to turn."
        ),
        "body": (
            "Organisations that support trafficking survivors in Africa, Asia, Latin America and "
            "Europe report that programmes have been paused or closed after abrupt cuts to "
            "international development funding, including the termination of many USAID awards.\n\n"
            "The services affected range from emergency shelter and medical care to hotlines, "
            "legal representation for victims in criminal cases and prevention work in communities "
            "at risk. Some groups say they have had to let experienced staff go at short "
            "notice.\n\n"
            "Practitioners warn that when such services close, survivors may be unable to leave "
            "exploitative situations or to take part in prosecutions, and that rebuilding "
            "expertise and trust later will take years.\n\n"
            "Networks of anti-trafficking organisations are trying to map the impact and are "
            "appealing to other governments, foundations and private donors to cover the most "
            "urgent gaps.\n\n"
            "> **Why it matters:** survivor services are often run by small organisations that "
            "depend on one or two grants. Losing a single donor can mean a shelter or helpline "
            "closes altogether."
        ),
        "source_url": "https://www.usaid.gov/",
        "source_name": "USAID",
        "event_date": datetime.date(2025, 5, 13),
        "published_on": datetime.date(2025, 5, 14),
        "topics": ["funding", "survivor-support"],
        "regions": ["world", "africa", "asia", "americas", "europe"],
        "organizations": ["usaid"],
        "tags": ["funding cuts"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Ethiopian migrants return from Saudi Arabia as reception support is stretched",
        "slug": "ethiopia-returnees-from-saudi-arabia",
        "summary": (
            "Ethiopia keeps receiving migrants returned from Saudi Arabia, and agencies warn that "
            "many need medical, psychosocial and reintegration support after exploitation and "
            "detention."
        ),
        "body": (
            "Return flights from Saudi Arabia to Addis Ababa are continuing, bringing home "
            "Ethiopian migrants, many of whom had travelled irregularly along the Eastern Route "
            "through Djibouti, Somalia and Yemen.\n\n"
            "Some returnees say they were exploited in domestic work or farming, held in detention "
            "or abused by smugglers on the way. Women and unaccompanied children are among the "
            "arrivals.\n\n"
            "IOM supports reception at the airport and in transit centres, offering medical "
            "screening, temporary shelter, family tracing and transport home. Longer-term "
            "reintegration support, however, reaches only some of those who need it.\n\n"
            "The Ethiopian government and its partners are also working to expand regular labour "
            "migration channels, which they hope will reduce reliance on smugglers."
        ),
        "source_url": "https://ethiopia.iom.int/news",
        "source_name": "IOM Ethiopia",
        "event_date": datetime.date(2025, 5, 14),
        "published_on": datetime.date(2025, 5, 15),
        "topics": ["labour-migration", "survivor-support", "forced-labour"],
        "regions": ["africa", "eastern-africa", "ethiopia", "western-asia", "saudi-arabia"],
        "organizations": ["iom"],
        "tags": ["repatriation"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "EU begins preparing its next anti-trafficking strategy",
        "slug": "eu-next-anti-trafficking-strategy",
        "summary": (
            "As the current EU strategy on trafficking in human beings runs out in 2025, the "
            "European Commission is gathering views from member states, agencies and civil society "
            "on what should come next."
        ),
        "body": (
            "The European Commission has begun work on a successor to the EU Strategy on Combating "
            "Trafficking in Human Beings 2021-2025, holding exchanges with member states, EU "
            "agencies and civil society organisations.\n\n"
            "Priorities raised so far include putting the revised anti-trafficking directive into "
            "practice, the growing role of online platforms in recruitment and exploitation, "
            "labour exploitation in supply chains, and support for people displaced by the war in "
            "Ukraine.\n\n"
            "Civil society groups have asked for survivors to be consulted directly and for the "
            "new strategy to contain measurable targets and dedicated funding.\n\n"
            "The EU Anti-Trafficking Coordinator, based in the Commission, is responsible for "
            "keeping EU policy in this area coherent."
        ),
        "source_url": (
            "https://home-affairs.ec.europa.eu/policies/internal-security/organised-crime-and-human"
            "-trafficking_en"
        ),
        "source_name": "European Commission",
        "event_date": datetime.date(2025, 5, 15),
        "published_on": datetime.date(2025, 5, 16),
        "topics": ["policy-and-legislation", "online-exploitation"],
        "regions": ["europe", "european-union"],
        "organizations": ["european-commission"],
        "tags": ["strategy", "consultation"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": (
            "Concern grows over sexual exploitation of migrant women in Colombian border areas"
        ),
        "slug": "colombia-migrant-women-sexual-exploitation",
        "summary": (
            "Aid agencies in Colombia warn that Venezuelan women and adolescent girls in border "
            "areas are being targeted for sexual exploitation, and call for more protection "
            "services."
        ),
        "body": (
            "Humanitarian agencies in Colombian border areas say they continue to see cases of "
            "sexual exploitation of women and adolescent girls who have left Venezuela, many of "
            "whom have no regular status or income.\n\n"
            "Traffickers often approach people soon after they arrive, offering work, a place to "
            "stay or onward transport, and then use debts or threats to control them. Irregular "
            "status makes many reluctant to go to the police.\n\n"
            "UNHCR and its partners provide safe spaces, case management and information on "
            "regularisation, and are calling for more specialised shelters and legal "
            "assistance.\n\n"
            "Colombia's temporary protection status for Venezuelans has helped many people reach "
            "services, but agencies say gaps remain for new arrivals and people in transit."
        ),
        "source_url": "https://www.unhcr.org/co/noticias",
        "source_name": "UNHCR Colombia",
        "event_date": datetime.date(2025, 5, 13),
        "published_on": datetime.date(2025, 5, 14),
        "topics": ["sexual-exploitation", "prevention"],
        "regions": ["americas", "south-america", "colombia"],
        "organizations": ["unhcr"],
        "tags": ["migrants", "gender"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": (
            "Rights groups link brands' purchasing practices to forced labour risks in Bangladesh"
        ),
        "slug": "bangladesh-garment-purchasing-practices",
        "summary": (
            "A briefing shared through the Business & Human Rights Resource Centre argues that "
            "price pressure and short lead times from global brands raise the risk of labour abuse "
            "in Bangladesh's garment factories."
        ),
        "body": (
            "Labour rights organisations have set out how the purchasing practices of "
            "international fashion brands can push suppliers in Bangladesh towards excessive "
            "overtime, wage violations and other abuses that heighten the risk of forced "
            "labour.\n\n"
            "The briefing, shared through the Business & Human Rights Resource Centre, points to "
            "last-minute order changes, prices that do not cover legal wages and late payments as "
            "recurring problems.\n\n"
            "Advocates want brands to share responsibility for working conditions, for instance by "
            "committing to fair prices, leaving suppliers responsibly and engaging seriously with "
            "trade unions.\n\n"
            "The issue is becoming more pressing as new due diligence laws in Europe require "
            "companies to look at how their own practices contribute to harm in their supply "
            "chains."
        ),
        "source_url": "https://www.business-humanrights.org/en/latest-news/",
        "source_name": "Business & Human Rights Resource Centre",
        "event_date": datetime.date(2025, 5, 16),
        "published_on": datetime.date(2025, 5, 17),
        "topics": ["supply-chains", "forced-labour"],
        "regions": ["asia", "southern-asia", "bangladesh"],
        "organizations": ["business-human-rights-resource-centre"],
        "tags": ["garment sector", "due diligence"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Canadian companies file second round of forced labour supply chain reports",
        "slug": "canada-supply-chain-reports-second-round",
        "summary": (
            "Entities covered by Canada's forced and child labour supply chain law must submit "
            "their annual reports by 31 May, and observers are looking for signs of real change."
        ),
        "body": (
            "Companies and government institutions covered by Canada's Fighting Against Forced "
            "Labour and Child Labour in Supply Chains Act are preparing their second annual "
            "reports, due by 31 May.\n\n"
            "The law requires them to describe what they have done to prevent and reduce the risk "
            "of forced labour and child labour in their supply chains, and to make their reports "
            "public.\n\n"
            "Civil society groups have described the first round of reports as uneven, and are "
            "calling for the law to be strengthened with mandatory due diligence and more "
            "effective enforcement of the ban on importing goods made with forced labour.\n\n"
            "Public Safety Canada publishes guidance and a catalogue of submitted reports on its "
            "website."
        ),
        "source_url": (
            "https://www.publicsafety.gc.ca/cnt/cntrng-crm/frcd-lbr-cndn-spply-chns/index-en.aspx"
        ),
        "source_name": "Public Safety Canada",
        "event_date": datetime.date(2025, 5, 16),
        "published_on": datetime.date(2025, 5, 17),
        "topics": ["supply-chains", "policy-and-legislation", "forced-labour"],
        "regions": ["americas", "northern-america", "canada"],
        "organizations": [],
        "tags": ["reporting", "due diligence"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Migrant workers in New Zealand report exploitation tied to employer-linked visas",
        "slug": "new-zealand-migrant-worker-exploitation",
        "summary": (
            "Migrant support groups in New Zealand say workers who paid large fees for jobs that "
            "turned out not to exist, or paid less than promised, need faster protection and "
            "remedies."
        ),
        "body": (
            "Community organisations that support migrant workers in New Zealand are calling for "
            "quicker action on exploitation complaints, having heard from people who arrived on "
            "employer-linked visas only to find little or no work.\n\n"
            "Some workers told support groups they had paid substantial fees to agents in their "
            "home countries and were left in debt, with few options because their visa depended on "
            "a single employer.\n\n"
            "New Zealand has a special visa for migrants experiencing exploitation, which lets "
            "them leave their employer and stay in the country while they look for other work. "
            "Advocates say too few people know about it and that processing should be faster.\n\n"
            "The groups also want tougher checks on employers before they are accredited to "
            "recruit from overseas."
        ),
        "source_url": "https://www.employment.govt.nz/",
        "source_name": "Employment New Zealand",
        "event_date": datetime.date(2025, 5, 15),
        "published_on": datetime.date(2025, 5, 16),
        "topics": ["labour-migration", "forced-labour"],
        "regions": ["oceania", "australia-and-new-zealand", "new-zealand"],
        "organizations": [],
        "tags": ["migrant workers", "visas"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "OSCE experts call for consistent use of the non-punishment principle",
        "slug": "osce-non-punishment-principle",
        "summary": (
            "Trafficking victims forced to commit crimes are still being prosecuted across the "
            "OSCE region, experts warned, urging states to apply the non-punishment principle from "
            "the very first contact."
        ),
        "body": (
            "Specialists brought together by the Office of the OSCE Special Representative and "
            "Co-ordinator for Combating Trafficking in Human Beings have urged participating "
            "States to apply the **non-punishment principle** consistently, so that people "
            "trafficked into crime are protected rather than prosecuted.\n\n"
            "Forced criminality is becoming more visible. Victims are made to grow cannabis, sell "
            "drugs, shoplift, commit benefit fraud or, more and more often, run online scams. "
            "Because their exploitation looks like offending, they are frequently arrested before "
            "anyone asks how they became involved.\n\n"
            "Participants said the principle should apply from the moment a person comes into "
            "contact with the authorities, not only at trial, and that police, prosecutors, judges "
            "and defence lawyers need training to recognise indicators of trafficking.\n\n"
            "They also highlighted the value of clear legal provisions, since practice varies "
            "widely between countries that rely on prosecutors' discretion and those that have a "
            "statutory defence.\n\n"
            "Children deserve particular attention, the experts noted, as they are often exploited "
            "in criminal activities such as drug dealing."
        ),
        "source_url": "https://www.osce.org/cthb",
        "source_name": "OSCE",
        "event_date": datetime.date(2025, 5, 20),
        "published_on": datetime.date(2025, 5, 21),
        "topics": ["forced-criminality", "access-to-justice", "policy-and-legislation"],
        "regions": ["osce", "europe"],
        "organizations": ["osce-osr-cthb", "osce"],
        "tags": ["non-punishment", "expert meeting"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Scam operations persist in Laos' Golden Triangle zone despite raids",
        "slug": "laos-golden-triangle-scam-operations",
        "summary": (
            "Reports from the Golden Triangle Special Economic Zone in Laos suggest that scam "
            "operations are still recruiting and holding foreign workers, despite periodic raids "
            "and rescues."
        ),
        "body": (
            "Online scam operations continue to be reported in the Golden Triangle Special "
            "Economic Zone in northern Laos, close to the borders with Thailand and Myanmar, "
            "despite several rounds of raids by the Lao authorities.\n\n"
            "People rescued from the zone in the past have described being recruited for jobs that "
            "sounded legitimate and then forced to target victims online with romance and "
            "investment fraud.\n\n"
            "Rights groups say raids alone are not enough when operations can relocate quickly, "
            "and call for the owners and investors who profit from them to be held to account.\n\n"
            "ASEAN member states have discussed closer regional cooperation against online scams "
            "and the trafficking linked to them, including information sharing and joint "
            "investigations."
        ),
        "source_url": "https://asean.org/news/",
        "source_name": "ASEAN",
        "event_date": datetime.date(2025, 5, 23),
        "published_on": datetime.date(2025, 5, 24),
        "topics": ["scam-compounds", "forced-criminality"],
        "regions": ["asia", "south-eastern-asia", "laos", "asean"],
        "organizations": ["asean-secretariat"],
        "tags": ["cybercrime"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Malaysian plantation companies under pressure to repay recruitment fees",
        "slug": "malaysia-plantations-recruitment-fees",
        "summary": (
            "Buyers and investors are pressing plantation companies in Malaysia to reimburse "
            "recruitment fees paid by migrant workers, a key driver of debt bondage in the sector."
        ),
        "body": (
            "Palm oil producers in Malaysia face continued pressure from buyers, investors and "
            "labour rights groups to deal with forced labour risks, with a focus on the fees "
            "migrant workers pay to secure their jobs.\n\n"
            "Workers from countries such as Bangladesh, Nepal and Indonesia often borrow heavily "
            "to cover fees and costs at home, leaving them with debts that can take years to "
            "clear.\n\n"
            "Some companies have signed up to the *employer pays* principle and started "
            "reimbursing workers. Advocates say remediation must be independently verified and "
            "extended to subcontracted workers and to smallholder supply.\n\n"
            "The sector has faced import restrictions in the past over forced labour concerns, "
            "which has sharpened attention to these issues."
        ),
        "source_url": "https://www.business-humanrights.org/en/latest-news/",
        "source_name": "Business & Human Rights Resource Centre",
        "event_date": datetime.date(2025, 5, 21),
        "published_on": datetime.date(2025, 5, 22),
        "topics": ["supply-chains", "forced-labour", "labour-migration"],
        "regions": ["asia", "south-eastern-asia", "malaysia", "asean"],
        "organizations": ["business-human-rights-resource-centre"],
        "tags": ["palm oil", "recruitment fees"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Moroccan seasonal workers on Spain's berry farms face exploitation risks",
        "slug": "morocco-spain-seasonal-berry-workers",
        "summary": (
            "Labour rights groups are calling for better safeguards for Moroccan women recruited "
            "under a circular migration scheme to pick strawberries and other berries in southern "
            "Spain."
        ),
        "body": (
            "Each year, thousands of Moroccan women travel to the province of Huelva in southern "
            "Spain to harvest strawberries and other berries under a circular migration scheme "
            "agreed between the two countries.\n\n"
            "Labour rights organisations and trade unions say the scheme provides valuable income, "
            "but that workers can face underpayment, poor housing and harassment, and may hesitate "
            "to complain because they hope to be hired again next season.\n\n"
            "Recommendations include independent information points for workers, interpreters, "
            "regular inspections of housing and workplaces, and clear ways to report abuse without "
            "jeopardising future contracts.\n\n"
            "Retailers buying from the region are also being asked to check conditions among their "
            "suppliers."
        ),
        "source_url": "https://www.ilo.org/regions-and-countries/europe-and-central-asia",
        "source_name": "International Labour Organization",
        "event_date": datetime.date(2025, 5, 20),
        "published_on": datetime.date(2025, 5, 21),
        "topics": ["labour-migration", "forced-labour", "supply-chains"],
        "regions": [
            "africa",
            "northern-africa",
            "morocco",
            "europe",
            "southern-europe",
            "spain",
            "european-union",
        ],
        "organizations": [],
        "tags": ["agriculture", "seasonal work"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Greece strengthens guardianship for unaccompanied children",
        "slug": "greece-guardianship-unaccompanied-children",
        "summary": (
            "Child protection agencies in Greece are expanding guardianship and supported "
            "accommodation for unaccompanied children, who face serious risks of exploitation if "
            "they go missing."
        ),
        "body": (
            "Greek authorities and child protection partners are working to expand guardianship "
            "and supported independent living for unaccompanied migrant children, with the aim of "
            "reducing the number who disappear from care.\n\n"
            "Children who leave reception facilities to continue their journey alone are at high "
            "risk of exploitation, including forced labour, forced begging and sexual "
            "exploitation.\n\n"
            "UNICEF has supported training for guardians and social workers and argues that every "
            "unaccompanied child should have a trusted adult who can help them understand their "
            "options and reach services.\n\n"
            "Child rights groups say fast family reunification procedures and clear information "
            "are among the most effective ways of keeping children away from smugglers."
        ),
        "source_url": "https://www.unicef.org/eca/greece",
        "source_name": "UNICEF",
        "event_date": datetime.date(2025, 5, 21),
        "published_on": datetime.date(2025, 5, 22),
        "topics": ["child-trafficking", "prevention", "forced-begging"],
        "regions": ["europe", "southern-europe", "greece", "european-union"],
        "organizations": ["unicef"],
        "tags": ["unaccompanied children", "guardianship"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": True,
    },
    {
        "title": "South Africa expands training for prosecutors handling trafficking cases",
        "slug": "south-africa-prosecutor-training",
        "summary": (
            "Prosecutors and investigators in South Africa took part in specialised training on "
            "trafficking cases, focusing on victim-centred practice and financial investigation."
        ),
        "body": (
            "Prosecutors, investigators and victim support officers in South Africa have completed "
            "specialised training on trafficking in persons, supported by UNODC.\n\n"
            "Sessions covered the Prevention and Combating of Trafficking in Persons Act, "
            "financial investigations to trace criminal proceeds, and the handling of digital "
            "evidence from social media and messaging apps.\n\n"
            "Much of the training focused on protecting victims during proceedings, for example by "
            "limiting how often they have to recount their experience and by using testimony "
            "arrangements that keep them apart from the accused.\n\n"
            "Participants named coordination between provinces and with neighbouring countries as "
            "a priority, since many cases involve recruitment across borders in southern Africa."
        ),
        "source_url": "https://www.unodc.org/southernafrica/en/news.html",
        "source_name": "UNODC Southern Africa",
        "event_date": datetime.date(2025, 5, 22),
        "published_on": datetime.date(2025, 5, 23),
        "topics": ["access-to-justice", "policy-and-legislation"],
        "regions": ["africa", "southern-africa", "south-africa"],
        "organizations": ["unodc"],
        "tags": ["training", "prosecution"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Trafficking for organ removal remains rarely detected, experts warn",
        "slug": "organ-removal-trafficking-under-detected",
        "summary": (
            "Specialists say trafficking for organ removal is seldom identified, because victims "
            "tend to be recruited among migrants and people in debt and rarely come forward."
        ),
        "body": (
            "Trafficking in persons for the purpose of organ removal remains one of the least "
            "detected forms of trafficking, practitioners said at an expert meeting supported by "
            "UNODC.\n\n"
            "Cases that have come to light typically involve people in poverty, in debt or without "
            "regular migration status. They are recruited with promises of payment, then paid far "
            "less than agreed or nothing at all, and left without follow-up medical care.\n\n"
            "Participants from North Africa, including Egypt, shared their experience of "
            "regulating transplant procedures. The meeting called for closer cooperation between "
            "health professionals, transplant authorities and police, and for doctors to be "
            "trained to spot signs that a donation may not be voluntary.\n\n"
            "Transplant tourism and online advertising can link buyers and brokers across borders, "
            "participants noted, which makes investigations harder."
        ),
        "source_url": "https://www.unodc.org/unodc/en/human-trafficking/news.html",
        "source_name": "UNODC",
        "event_date": datetime.date(2025, 5, 22),
        "published_on": datetime.date(2025, 5, 23),
        "topics": ["organ-removal", "research-and-data"],
        "regions": ["world", "africa", "northern-africa", "egypt"],
        "organizations": ["unodc"],
        "tags": ["health sector", "expert meeting"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": (
            "Alliance conference in Vienna puts child trafficking at the top of the OSCE agenda"
        ),
        "slug": "osce-alliance-conference-child-trafficking",
        "summary": (
            "At the 25th Alliance against Trafficking in Persons conference, OSCE officials and "
            "experts urged participating States to step up their response to child trafficking, "
            "from online grooming to orphanage trafficking and child marriage."
        ),
        "body": (
            "Child trafficking dominated the agenda in Vienna last week as the Organization for "
            "Security and Co-operation in Europe (OSCE) held the 25th conference of its Alliance "
            "against Trafficking in Persons. Speakers acknowledged that real gains have been made, "
            "yet they described the continuing scale of child exploitation as unacceptable and "
            "asked participating States to multiply their efforts.\n\n"
            "The timing carried symbolic weight. Two decades have passed since the OSCE adopted "
            "its 2005 Addendum to the Action Plan on Combating Trafficking in Human Beings, a text "
            "devoted to children that asked states to create national co-ordination and referral "
            "mechanisms for child victims. Even so, the number of cases detected in the OSCE "
            "region remains stubbornly high. Globally, three times as many victims are being "
            "identified as 15 years ago, and the abuse of children online is rising at a worrying "
            "pace.\n\n"
            "Delegates from national authorities, international organisations, civil society and "
            "the private sector examined emerging trends and discussed how responses can be built "
            "around the particular vulnerabilities of children. Among the remedies put forward:\n\n"
            "- identification and prevention systems that work across national borders;\n"
            "- specialised training for professionals, combined with campaigns that raise public "
            "awareness;\n"
            "- joined-up responses in which police, social services and NGOs act together rather "
            "than in parallel.\n\n"
            "Several speakers insisted that young people should help shape the response rather "
            "than simply be its object. Schooling, awareness-raising and digital literacy were "
            "described as essential if children and teenagers are to spot danger and know how to "
            "keep themselves safe.\n\n"
            "**Online grooming and abuse material.** Experts argued that when offenders groom "
            "children online to produce child sexual abuse material, this should be treated as "
            "trafficking, given how organised offender networks are and how lasting the damage to "
            "victims is. Speakers admitted that policing the internet is hard. Child protection "
            "online often climbs the political agenda only after a scandal, and officials then "
            "find themselves squeezed between the case for security and the case for privacy.\n\n"
            "**Children without family care.** Children cut off from their families were "
            "identified as a group at heightened risk, above all where they are not in school and "
            "have nobody dependable to turn to. Delegates singled out *orphanage trafficking*, in "
            "which institutions deliberately take in children who have families, often luring "
            "parents with false assurances, because a full orphanage brings in donors, volunteers "
            "and money. The children can then be abused in several ways: paraded before visitors "
            "as part of orphanage tourism, sexually exploited, put to work, or held in conditions "
            "close to slavery. Donor countries, the OSCE said, should check that development money "
            "is not unwittingly feeding this trade; it should go instead towards family-based "
            "alternatives to institutions and towards stamping out exploitation.\n\n"
            "**Child and forced marriage.** A side event turned to child and forced marriage, "
            "which participants described as exploitation in its own right and, at the same time, "
            "a common entry point to trafficking. In South-East Asia, the ASEAN Commission on the "
            "Promotion and Protection of the Rights of Women and Children (ACWC) is drafting a "
            "regional guideline on preventing child and forced marriage in the context of "
            "trafficking in persons, with backing from the ASEAN-Australia Counter Trafficking "
            "program (ASEAN-ACT). The aim is a single reference framework for the region, one that "
            "anchors national and regional measures in international human rights law and builds "
            "partnerships between state agencies and NGOs.\n\n"
            "**Funding cuts bite.** A speaker from Winrock International, a US-based organisation, "
            "gave a sobering account of how shrinking budgets are hitting the field. She pointed "
            "to the termination of counter-trafficking programmes funded by USAID, the US "
            "Department of Labor's decision to end all of its international programmes on child "
            "labour and trafficking, and steep reductions in international assistance by many "
            "European donors. The consequences, according to Winrock, are already visible:\n\n"
            "- assistance to survivors has been interrupted, including emergency support and "
            "shelter places;\n"
            "- critical hotlines have lost their funding;\n"
            "- legal aid and representation for victims in criminal trafficking cases has been "
            "disrupted;\n"
            "- community resilience work has stalled, with Freedom Collaborative losing its "
            "funding along with 15 projects run by La Strada International members in the Balkans "
            "and the United Kingdom.\n\n"
            "Winrock warned that a quarter of a century of shared work is at risk of being undone, "
            "with survivors left without help and traffickers given room to expand. It urged "
            "governments, companies and philanthropic funders both to respond quickly to the most "
            "pressing shortfalls and to think afresh about who will lead the fight against "
            "trafficking in the years ahead."
        ),
        "source_url": "https://www.osce.org/cthb/alliance-conference",
        "source_name": "OSCE",
        "event_date": datetime.date(2025, 5, 27),
        "published_on": datetime.date(2025, 5, 29),
        "topics": [
            "child-trafficking",
            "online-child-sexual-exploitation",
            "orphanage-trafficking",
            "forced-marriage",
            "funding",
            "policy-and-legislation",
        ],
        "regions": [
            "osce",
            "europe",
            "western-europe",
            "austria",
            "asean",
            "south-eastern-asia",
            "world",
        ],
        "organizations": [
            "osce",
            "osce-osr-cthb",
            "asean-acwc",
            "asean-act",
            "winrock-international",
            "usaid",
            "us-department-of-labor",
            "freedom-collaborative",
            "la-strada-international",
        ],
        "tags": ["conference", "funding cuts", "child protection"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": True,
    },
    {
        "title": "Sweden reaffirms backing for IOM's work on migration in Africa",
        "slug": "sweden-iom-africa-ethiopia-visit",
        "summary": (
            "The State Secretary to Sweden's migration minister used a four-day stay in Ethiopia "
            "to signal that Stockholm will keep backing IOM's work across Africa."
        ),
        "body": (
            "A senior Swedish official has used a visit to Ethiopia to underline that Stockholm "
            "remains committed to the migration work of the International Organization for "
            "Migration (IOM) in Africa. The State Secretary to the Minister for Migration spent "
            "four days in the country.\n\n"
            "The agenda covered migration management in sub-Saharan Africa in general, and three "
            "areas in particular: what pushes people to migrate irregularly in the first place, "
            "how migration can be governed better, and how humanitarian help can reach people "
            "travelling along the busiest routes.\n\n"
            "Ethiopia is a country of origin, transit and destination for migrants. Many "
            "Ethiopians travel along the Eastern Route towards the Arabian Peninsula, where they "
            "are exposed to serious risks of exploitation and trafficking."
        ),
        "source_url": "https://www.government.se/press-releases/",
        "source_name": "Government of Sweden",
        "event_date": datetime.date(2025, 5, 26),
        "published_on": datetime.date(2025, 5, 28),
        "topics": ["labour-migration", "funding", "prevention"],
        "regions": ["africa", "eastern-africa", "ethiopia", "europe", "northern-europe", "sweden"],
        "organizations": ["government-of-sweden", "iom"],
        "tags": ["diplomacy", "funding"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "UK charities launch survivor-focused manifesto in Parliament",
        "slug": "uk-modern-slavery-survivor-manifesto",
        "summary": (
            "A coalition of 13 UK survivor-support organisations, including Hestia and The "
            "Salvation Army, wants ministers to rethink victim support so that safety and "
            "wellbeing come first."
        ),
        "body": (
            "Thirteen organisations that work with survivors of modern slavery in the UK, "
            "including Hestia and The Salvation Army, have jointly published a manifesto calling "
            "on the government to put the needs of victims first.\n\n"
            "The document asks ministers to take a fresh look at how the UK supports people who "
            "have been exploited, with the emphasis on keeping them safe and improving their "
            "wellbeing over the long term.\n\n"
            "Parliamentarians heard the proposals at a launch in Westminster, alongside survivors "
            "and practitioners from across the anti-slavery field.\n\n"
            "Support providers have long raised concerns about delays in identification decisions, "
            "the effect of immigration rules on survivors' willingness to come forward, and the "
            "limited help available once people leave the National Referral Mechanism, which is "
            "overseen by the Home Office."
        ),
        "source_url": "https://www.hestia.org/news",
        "source_name": "Hestia",
        "event_date": datetime.date(2025, 5, 28),
        "published_on": datetime.date(2025, 5, 29),
        "topics": ["survivor-support", "policy-and-legislation"],
        "regions": ["europe", "northern-europe", "united-kingdom"],
        "organizations": ["hestia", "salvation-army", "uk-home-office"],
        "tags": ["manifesto", "advocacy"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "Last group of 78 Kenyans rescued from Myanmar scam compounds lands in Nairobi",
        "slug": "kenyans-rescued-myanmar-scam-compounds-return",
        "summary": (
            "Kenya has completed the return of citizens trafficked into Myanmar's scam compounds, "
            "with 78 people flown back to Nairobi under an operation run by its embassy in Bangkok."
        ),
        "body": (
            "Nairobi's airport on Saturday received 78 people who had been held in online scam "
            "compounds in Myanmar. They made up the last group brought home in a repatriation "
            "effort that the Kenyan Embassy in Thailand organised.\n\n"
            "The returnees are due to give statements to the Directorate of Criminal "
            "Investigations (DCI) explaining how they ended up trafficked into Myanmar. "
            "Investigators hope the accounts will help them pursue the recruiters involved.\n\n"
            "Speaking to Kenyan media, some survivors said they had been tortured, beaten and "
            "given electric shocks whenever they fell short of the fraud targets set by their "
            "bosses, targets they described as impossible to reach.\n\n"
            "Kenyan authorities have repeatedly warned jobseekers to treat offers of well-paid "
            "work in South-East Asia with caution, especially when they come through informal "
            "agents or social media."
        ),
        "source_url": "https://www.mfa.go.ke/news",
        "source_name": "Ministry of Foreign and Diaspora Affairs (Kenya)",
        "event_date": datetime.date(2025, 5, 31),
        "published_on": datetime.date(2025, 6, 1),
        "topics": ["scam-compounds", "forced-criminality", "survivor-support"],
        "regions": [
            "africa",
            "eastern-africa",
            "kenya",
            "asia",
            "south-eastern-asia",
            "myanmar",
            "thailand",
        ],
        "organizations": ["kenya-ministry-of-foreign-affairs", "kenya-dci"],
        "tags": ["repatriation"],
        "content_note": (
            "This story mentions torture, beatings and electrocution of trafficking victims."
        ),
        "deadline": None,
        "involves_vulnerable_person": True,
    },
    {
        "title": "Vietnam-Germany labour migration: can legal routes keep trafficking at bay?",
        "slug": "vietnam-germany-labour-migration-analysis",
        "summary": (
            "Is the Vietnam-Germany labour corridor a model worth copying? A new analysis weighs "
            "the safeguards against trafficking and sets out what would make the arrangement work "
            "for migrants as well as for states."
        ),
        "body": (
            "Labour migration from Vietnam to Germany is often held up as an example of "
            "cooperation that serves both sides: Germany needs workers in sectors such as care and "
            "hospitality, while Vietnam gains from remittances and from the skills its citizens "
            "bring home.\n\n"
            "A new analysis tests that picture against what is known about trafficking prevention. "
            "It welcomes the opportunities the partnership has opened up, but it also finds "
            "worrying gaps in how the most vulnerable migrants are kept safe and well.\n\n"
            "Its authors assess whether today's prevention measures are working and propose what "
            "Berlin and Hanoi could do so that the gains are shared by migrants, their families "
            "and the two economies.\n\n"
            "Issues commonly raised in this context include recruitment costs and the debts they "
            "create, dependence on employers and intermediaries, and access to advice and support "
            "services that migrants trust."
        ),
        "source_url": "https://www.fes.de/en/displacement-migration-integration",
        "source_name": "Friedrich-Ebert-Stiftung",
        "event_date": datetime.date(2025, 5, 29),
        "published_on": datetime.date(2025, 5, 30),
        "topics": ["labour-migration", "prevention", "research-and-data"],
        "regions": [
            "asia",
            "south-eastern-asia",
            "vietnam",
            "europe",
            "western-europe",
            "germany",
            "european-union",
        ],
        "organizations": [],
        "tags": ["analysis"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "KnowTheChain finds tech companies falling short on forced labour due diligence",
        "slug": "knowthechain-tech-forced-labour-analysis",
        "summary": (
            "A sector-wide review by KnowTheChain finds that dozens of tech firms lack even basic "
            "safeguards against forced labour among the suppliers that make their products."
        ),
        "body": (
            "A KnowTheChain review of the technology sector paints an unflattering picture: dozens "
            "of companies have not put in place even the most elementary checks for forced labour "
            "among their suppliers. KnowTheChain is run by the Business & Human Rights Resource "
            "Centre.\n\n"
            "The consequence, the analysis says, is that the workers who produce the sector's "
            "goods remain exposed to abuse that threatens both their safety and their income.\n\n"
            "Risks are highest at the start of the chain, where minerals are dug out of the "
            "ground, and in the factories that turn out the parts assembled into phones, laptops "
            "and other devices.\n\n"
            "KnowTheChain benchmarks assess companies on themes such as governance, traceability, "
            "purchasing practices, recruitment, worker voice and remedy. [More on the KnowTheChain "
            "website](https://knowthechain.org)."
        ),
        "source_url": "https://knowthechain.org/benchmarks/",
        "source_name": "KnowTheChain",
        "event_date": datetime.date(2025, 5, 29),
        "published_on": datetime.date(2025, 5, 30),
        "topics": ["supply-chains", "forced-labour", "research-and-data"],
        "regions": ["world"],
        "organizations": ["knowthechain", "business-human-rights-resource-centre"],
        "tags": ["benchmark", "technology", "report"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": (
            "UN child rights committee seeks input on draft general comment on access to justice"
        ),
        "slug": "crc-general-comment-access-to-justice-call",
        "summary": (
            "Anyone with a stake in child rights can now comment on the Committee's draft guidance "
            "on access to justice and effective remedies for children. Submissions close on 30 "
            "June 2025."
        ),
        "body": (
            "The UN Committee on the Rights of the Child, supported by the Office of the High "
            "Commissioner for Human Rights (OHCHR), has opened a consultation on its draft general "
            "comment on children's access to justice and to an effective remedy.\n\n"
            "Anyone with an interest can contribute, including states, UN entities, national human "
            "rights institutions, civil society organisations, academics, and children and young "
            "people themselves.\n\n"
            "General comments offer authoritative guidance on how the Convention on the Rights of "
            "the Child should be read. For children who have been trafficked or exploited, access "
            "to justice can mean child-friendly proceedings, legal aid, compensation and "
            "protection from punishment for acts they were forced to commit.\n\n"
            "**Deadline:** contributions must arrive by 30 June 2025. Submission details are "
            "available on the [OHCHR website](https://www.ohchr.org/en/treaty-bodies/crc)."
        ),
        "source_url": (
            "https://www.ohchr.org/en/calls-for-input/2025/call-comments-draft-general-comment-chil"
            "drens-access-justice"
        ),
        "source_name": "OHCHR",
        "event_date": datetime.date(2025, 5, 30),
        "published_on": datetime.date(2025, 5, 31),
        "topics": ["access-to-justice", "child-trafficking", "policy-and-legislation"],
        "regions": ["world"],
        "organizations": ["un-committee-on-the-rights-of-the-child", "ohchr"],
        "tags": ["call for input", "consultation"],
        "content_note": "",
        "deadline": datetime.date(2025, 6, 30),
        "involves_vulnerable_person": True,
    },
    {
        "title": "Philippine agencies warn jobseekers about fake overseas offers on social media",
        "slug": "philippines-fake-overseas-job-offers",
        "summary": (
            "Authorities in the Philippines and IOM are urging people looking for work abroad to "
            "verify offers, after cases of recruitment into scam operations through social media "
            "posts."
        ),
        "body": (
            "Philippine authorities have issued fresh warnings about bogus overseas job offers "
            "circulating on social media and messaging apps, some of which have led people into "
            "scam compounds elsewhere in South-East Asia.\n\n"
            "Typical offers promise high pay for customer service or data-entry work, tell "
            "applicants to travel on tourist visas, and discourage them from registering as "
            "overseas workers with the government.\n\n"
            "Jobseekers are advised to check that recruiters are licensed, to be suspicious of "
            "employers who avoid formal procedures, and to report dubious offers. IOM supports "
            "awareness work in communities where recruiters are active.\n\n"
            "Officials say migrant workers who leave through regular channels are more likely to "
            "get help if something goes wrong."
        ),
        "source_url": "https://philippines.iom.int/news",
        "source_name": "IOM Philippines",
        "event_date": datetime.date(2025, 5, 24),
        "published_on": datetime.date(2025, 5, 26),
        "topics": ["online-exploitation", "scam-compounds", "prevention", "labour-migration"],
        "regions": ["asia", "south-eastern-asia", "philippines", "asean"],
        "organizations": ["iom"],
        "tags": ["awareness", "recruitment"],
        "content_note": "",
        "deadline": None,
        "involves_vulnerable_person": False,
    },
    {
        "title": "OSCE collects good practices on protecting children from online exploitation",
        "slug": "osce-call-good-practices-child-online-protection",
        "summary": (
            "The OSCE anti-trafficking office is gathering examples of effective measures against "
            "online child sexual exploitation and trafficking, to be shared across participating "
            "States. Deadline: 15 December 2026."
        ),
        "body": (
            "Building on its work on child trafficking, the Office of the OSCE Special "
            "Representative and Co-ordinator for Combating Trafficking in Human Beings has "
            "launched a call for good practices in protecting children from exploitation "
            "online.\n\n"
            "The office is looking for examples from governments, civil society, technology "
            "companies and researchers, in areas such as detecting grooming, age-appropriate "
            "design, digital literacy education and cooperation between platforms and law "
            "enforcement.\n\n"
            "Selected practices will appear in a compilation for practitioners and policymakers "
            "across the OSCE region. Contributors are asked to describe challenges as well as "
            "results.\n\n"
            "**Deadline:** 15 December 2026."
        ),
        "source_url": "https://www.osce.org/cthb/call-for-good-practices",
        "source_name": "OSCE",
        "event_date": datetime.date(2026, 11, 5),
        "published_on": datetime.date(2026, 11, 6),
        "topics": ["online-child-sexual-exploitation", "child-trafficking", "prevention"],
        "regions": ["osce", "europe"],
        "organizations": ["osce-osr-cthb", "osce"],
        "tags": ["call for input", "good practices"],
        "content_note": "",
        "deadline": datetime.date(2026, 12, 15),
        "involves_vulnerable_person": True,
    },
    {
        "title": "UN Special Rapporteur on trafficking invites submissions for thematic report",
        "slug": "special-rapporteur-call-digital-recruitment",
        "summary": (
            "The UN Special Rapporteur on trafficking in persons is seeking written input for a "
            "report on how digital platforms are used to recruit people into exploitation. "
            "Deadline: 15 January 2027."
        ),
        "body": (
            "The UN Special Rapporteur on trafficking in persons, especially women and children, "
            "whose mandate is supported by OHCHR, has issued a call for written contributions to "
            "inform a forthcoming thematic report.\n\n"
            "The report will examine how digital platforms, including social media, job sites and "
            "messaging services, are used to recruit people into exploitation, and what states and "
            "companies are doing to prevent it.\n\n"
            "Submissions are welcome from states, international organisations, civil society, "
            "survivor-led groups, researchers and businesses. Examples of effective prevention, "
            "and of cooperation between platforms and police that respects privacy, are "
            "particularly sought.\n\n"
            "**Deadline:** 15 January 2027. Please follow the submission guidance on the OHCHR "
            "website."
        ),
        "source_url": (
            "https://www.ohchr.org/en/calls-for-input/2026/call-input-digital-recruitment-trafficki"
            "ng"
        ),
        "source_name": "OHCHR",
        "event_date": datetime.date(2026, 11, 10),
        "published_on": datetime.date(2026, 11, 11),
        "topics": ["online-exploitation", "prevention", "research-and-data"],
        "regions": ["world"],
        "organizations": ["ohchr"],
        "tags": ["call for input"],
        "content_note": "",
        "deadline": datetime.date(2027, 1, 15),
        "involves_vulnerable_person": False,
    },
    {
        "title": "GRETA invites civil society input ahead of its next evaluation round",
        "slug": "greta-civil-society-input-evaluation-round",
        "summary": (
            "The Council of Europe's anti-trafficking monitoring body is asking NGOs, survivor "
            "groups and researchers to share information for country evaluations starting next "
            "year. Deadline: 1 February 2027."
        ),
        "body": (
            "The Group of Experts on Action against Trafficking in Human Beings (GRETA) is "
            "inviting civil society organisations to contribute information ahead of its next set "
            "of country evaluations under the Council of Europe anti-trafficking convention.\n\n"
            "GRETA relies on non-governmental sources to complement the replies governments give "
            "to its questionnaires. It is especially interested in first-hand information on "
            "victim identification, access to assistance and compensation, and the treatment of "
            "victims in criminal proceedings.\n\n"
            "Organisations can send written information and ask to meet the delegation during "
            "country visits. Information can be kept confidential on request.\n\n"
            "**Deadline:** 1 February 2027, for contributions to be considered in the first "
            "evaluations of the round."
        ),
        "source_url": "https://www.coe.int/en/web/anti-human-trafficking/civil-society",
        "source_name": "Council of Europe",
        "event_date": datetime.date(2026, 11, 16),
        "published_on": datetime.date(2026, 11, 17),
        "topics": ["policy-and-legislation", "access-to-justice", "survivor-support"],
        "regions": ["europe"],
        "organizations": ["coe-greta", "council-of-europe"],
        "tags": ["call for input", "monitoring"],
        "content_note": "",
        "deadline": datetime.date(2027, 2, 1),
        "involves_vulnerable_person": False,
    },
    {
        "title": "Call for papers: research conference on technology and modern slavery",
        "slug": "rights-lab-call-for-papers-technology",
        "summary": (
            "The Rights Lab at the University of Nottingham is inviting abstracts for a research "
            "conference on technology in modern slavery and in efforts to end it. Deadline: 1 "
            "March 2027."
        ),
        "body": (
            "Researchers and practitioners are invited to submit abstracts for a conference on "
            "technology and modern slavery hosted by the Rights Lab at the University of "
            "Nottingham.\n\n"
            "Themes include the use of satellite imagery and data science to detect exploitation, "
            "online recruitment and scam operations, the impact of artificial intelligence on "
            "child sexual exploitation, and the ethical questions raised by new tools.\n\n"
            "Contributions that draw on survivors' knowledge are particularly welcome, as are "
            "proposals from early-career researchers and from practitioners in the global "
            "South.\n\n"
            "**Deadline for abstracts:** 1 March 2027."
        ),
        "source_url": (
            "https://www.nottingham.ac.uk/research/beacons-of-excellence/rights-lab/events/"
        ),
        "source_name": "Rights Lab, University of Nottingham",
        "event_date": datetime.date(2026, 11, 20),
        "published_on": datetime.date(2026, 11, 23),
        "topics": ["research-and-data", "online-exploitation"],
        "regions": ["world", "europe", "northern-europe", "united-kingdom"],
        "organizations": ["rights-lab"],
        "tags": ["call for papers", "conference"],
        "content_note": "",
        "deadline": datetime.date(2027, 3, 1),
        "involves_vulnerable_person": False,
    },
    {
        "title": "ASEAN consultation on child and forced marriage guideline invites contributions",
        "slug": "acwc-consultation-child-forced-marriage-guideline",
        "summary": (
            "The ACWC, supported by ASEAN-ACT, is asking civil society in South-East Asia how to "
            "put the regional guideline on child and forced marriage in the context of trafficking "
            "into practice. Deadline: 31 January 2027."
        ),
        "body": (
            "The ASEAN Commission on the Promotion and Protection of the Rights of Women and "
            "Children (ACWC) is seeking contributions from civil society organisations in ASEAN "
            "member states on how to apply its regional guideline on preventing child and forced "
            "marriage in the context of trafficking in persons.\n\n"
            "The consultation, supported by the ASEAN-Australia Counter Trafficking program "
            "(ASEAN-ACT), which the Australian Government funds, asks about the situation in each "
            "country, the obstacles to prevention and response, and the kinds of cooperation "
            "between governments and NGOs that have worked well.\n\n"
            "Organisations working directly with girls and young women, and groups led by "
            "survivors, are especially encouraged to respond. Their input will feed into regional "
            "and national workshops.\n\n"
            "**Deadline:** 31 January 2027."
        ),
        "source_url": "https://www.aseanact.org/news/",
        "source_name": "ASEAN-ACT",
        "event_date": datetime.date(2026, 11, 24),
        "published_on": datetime.date(2026, 11, 25),
        "topics": ["forced-marriage", "child-trafficking", "prevention"],
        "regions": ["asia", "south-eastern-asia", "asean"],
        "organizations": ["asean-acwc", "asean-act", "australia-dfat"],
        "tags": ["call for input", "consultation"],
        "content_note": "",
        "deadline": datetime.date(2027, 1, 31),
        "involves_vulnerable_person": True,
    },
]


# The review queue the demo leaves, so that the workflow can be tried at once: the latest
# round-up (the one the seed digest describes) is in review with its stories at different
# steps. Every other story is published, those involving a child or an identifiable survivor
# after the demo moderator confirmed their identity protection, as the workflow requires.
QUEUED_STORIES = {
    "osce-alliance-conference-child-trafficking": {"state": "in_review"},
    "sweden-iom-africa-ethiopia-visit": {"state": "in_review"},
    "kenyans-rescued-myanmar-scam-compounds-return": {"state": "in_review"},
    "vietnam-germany-labour-migration-analysis": {
        "state": "changes_requested",
        "comment": (
            "The digest we took this from does not say who wrote the analysis: check who "
            "published it, correct the source and its link, then submit again."
        ),
    },
    # Published tomorrow at nine (see load_demo_content).
    "uk-modern-slavery-survivor-manifesto": {"state": "scheduled"},
    "knowthechain-tech-forced-labour-analysis": {"state": "approved"},
    "crc-general-comment-access-to-justice-call": {"state": "approved"},
}
QUEUED_ROUNDUPS = {107: "in_review"}

# Weekly round-ups. ``items`` holds (story_slug, blurb) pairs; an empty blurb means
# the story's own summary is used.
ROUNDUPS = [
    {
        "number": 101,
        "title": "Europe-wide checks put labour exploitation in the spotlight",
        "slug": "101-europe-wide-checks-labour-exploitation",
        "published_on": datetime.date(2025, 4, 21),
        "introduction": (
            "Coordinated inspections across Europe look for signs of labour exploitation on farms "
            "and building sites. Also this week: children rescued from online abuse in the "
            "Philippines, returnees coaching Nepal's next generation of migrant workers, and a "
            "renewed push on compensation for victims."
        ),
        "lead": "europol-action-days-labour-exploitation",
        "items": [
            ("philippines-online-exploitation-rescue", ""),
            ("nepal-returnees-pre-departure-sessions", ""),
            (
                "brazil-coffee-farm-inspections",
                (
                    "Brazil's labour inspectors have again found rural workers in conditions the "
                    "law treats as slavery, this time on coffee farms."
                ),
            ),
            ("uganda-recruitment-agency-oversight", ""),
            ("greta-compensation-for-victims", ""),
            ("ecpat-travel-industry-child-protection", ""),
        ],
    },
    {
        "number": 102,
        "title": "UNODC: the scam compound industry is going global",
        "slug": "102-scam-compound-industry-going-global",
        "published_on": datetime.date(2025, 4, 28),
        "introduction": (
            "UNODC warns that the criminal groups behind South-East Asia's scam compounds are "
            "moving into new regions. Meanwhile, Indonesians freed from scam operations return "
            "home, children are rescued from Lake Volta, and UK campaigners push for a ban on "
            "goods made with forced labour."
        ),
        "lead": "unodc-scam-compounds-spreading",
        "items": [
            ("indonesians-return-from-scam-compounds", ""),
            ("moldova-refugee-trafficking-prevention", ""),
            ("ghana-lake-volta-children-rescued", ""),
            (
                "polaris-labour-trafficking-under-identified",
                (
                    "Labour trafficking is still being missed in the United States, Polaris says, "
                    "particularly among workers on temporary visas."
                ),
            ),
            ("uk-forced-labour-import-controls-campaign", ""),
            ("rights-lab-survivor-employment-research", ""),
        ],
    },
    {
        "number": 103,
        "title": "ILO calls for wider ratification of the Forced Labour Protocol",
        "slug": "103-ilo-forced-labour-protocol",
        "published_on": datetime.date(2025, 5, 5),
        "introduction": (
            "The ILO urges more governments to sign up to the 2014 Forced Labour Protocol. This "
            "issue also covers La Strada International's advice on the revised EU directive, "
            "families freed from brick kilns in India and reintegration support for returnees in "
            "Nigeria."
        ),
        "lead": "ilo-forced-labour-protocol-ratification",
        "items": [
            ("la-strada-eu-directive-transposition", ""),
            ("india-brick-kiln-bonded-labour-release", ""),
            ("nigeria-edo-returnees-reintegration", ""),
            ("unicef-children-central-mediterranean", ""),
            ("mexico-migrants-criminal-recruitment", ""),
            (
                "australia-modern-slavery-act-reform",
                (
                    "Australian advocates want penalties and a due diligence duty added to the "
                    "Modern Slavery Act."
                ),
            ),
        ],
    },
    {
        "number": 104,
        "title": "Orphanage volunteering under scrutiny as travel season nears",
        "slug": "104-orphanage-volunteering-under-scrutiny",
        "published_on": datetime.date(2025, 5, 12),
        "introduction": (
            "Care reform advocates ask travellers and donors to support families, not orphanages. "
            "We also report on people freed from Myanmar's scam sites, AI-generated abuse imagery "
            "and efforts against forced child begging in the Western Balkans."
        ),
        "lead": "lumos-orphanage-volunteering-warning",
        "items": [
            ("myanmar-scam-sites-transfers-thailand", ""),
            ("iwf-ai-generated-abuse-imagery", ""),
            ("balkans-forced-child-begging", ""),
            ("japan-technical-intern-programme-reform", ""),
            ("sri-lanka-domestic-workers-protections", ""),
            ("interpol-operation-trafficking-smuggling", ""),
        ],
    },
    {
        "number": 105,
        "title": "Aid cuts leave trafficking survivors with fewer places to turn",
        "slug": "105-aid-cuts-survivors-fewer-places-to-turn",
        "published_on": datetime.date(2025, 5, 19),
        "introduction": (
            "Shelters, hotlines and legal aid projects are closing as international funding dries "
            "up. This week's round-up also looks at returns from Saudi Arabia to Ethiopia, the "
            "EU's next anti-trafficking strategy and supply chain reporting in Canada."
        ),
        "lead": "aid-cuts-frontline-services-scale-back",
        "items": [
            ("ethiopia-returnees-from-saudi-arabia", ""),
            ("eu-next-anti-trafficking-strategy", ""),
            ("colombia-migrant-women-sexual-exploitation", ""),
            ("bangladesh-garment-purchasing-practices", ""),
            ("canada-supply-chain-reports-second-round", ""),
            ("new-zealand-migrant-worker-exploitation", ""),
        ],
    },
    {
        "number": 106,
        "title": "Victims forced into crime should not be punished, OSCE experts say",
        "slug": "106-non-punishment-forced-criminality",
        "published_on": datetime.date(2025, 5, 26),
        "introduction": (
            "OSCE experts want the non-punishment principle applied from a victim's first contact "
            "with the authorities. Also in this issue: scam operations in Laos, recruitment fees "
            "on Malaysian plantations and the hidden problem of trafficking for organ removal."
        ),
        "lead": "osce-non-punishment-principle",
        "items": [
            ("laos-golden-triangle-scam-operations", ""),
            ("malaysia-plantations-recruitment-fees", ""),
            ("morocco-spain-seasonal-berry-workers", ""),
            ("greece-guardianship-unaccompanied-children", ""),
            ("south-africa-prosecutor-training", ""),
            (
                "organ-removal-trafficking-under-detected",
                (
                    "Trafficking for organ removal is rarely detected, experts warn, because its "
                    "victims seldom come forward."
                ),
            ),
        ],
    },
    {
        "number": 107,
        "title": "OSCE Alliance urges joined-up action against child trafficking",
        "slug": "107-osce-alliance-child-trafficking",
        "published_on": datetime.date(2025, 6, 2),
        "introduction": (
            "Child trafficking dominates the agenda at the OSCE's Alliance conference in Vienna. "
            "Also this week: Sweden confirms its support for IOM in Africa, UK charities launch a "
            "survivor manifesto, and the last group of Kenyans freed from Myanmar's scam compounds "
            "returns home."
        ),
        "lead": "osce-alliance-conference-child-trafficking",
        "items": [
            ("sweden-iom-africa-ethiopia-visit", ""),
            ("uk-modern-slavery-survivor-manifesto", ""),
            ("kenyans-rescued-myanmar-scam-compounds-return", ""),
            ("vietnam-germany-labour-migration-analysis", ""),
            ("knowthechain-tech-forced-labour-analysis", ""),
            (
                "crc-general-comment-access-to-justice-call",
                (
                    "The UN Committee on the Rights of the Child wants views on its draft general "
                    "comment on children's access to justice; inputs are due by 30 June 2025."
                ),
            ),
        ],
    },
]
