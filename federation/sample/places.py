"""Places in France for sample data: the regions of the 12 networks with a few real communes
each. Typed by hand; INSEE codes are the COG commune codes (not postal codes). The partner
countries abroad are in ``partners.py``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Commune:
    name: str
    insee: str
    postal_code: str
    departement: str
    hospital: str = ""  # the name of its university hospital, if it has one


@dataclass(frozen=True, slots=True)
class University:
    name: str
    insee: str  # the commune of its seat
    domain: str


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    network: str
    communes: tuple[Commune, ...]  # the first is the regional capital
    universities: tuple[University, ...]
    water_agency: str
    partner_boost: tuple[str, ...]  # countries the region's actors work with more than others

    def commune(self, insee: str) -> Commune:
        return next(c for c in self.communes if c.insee == insee)


C, U = Commune, University
RMC = "Agence de l’eau Rhône Méditerranée Corse"

REGIONS: tuple[Region, ...] = (
    Region(
        "Bourgogne-Franche-Comté",
        "Bourgogne-Franche-Comté International",
        (
            C("Besançon", "25056", "25000", "25", "CHU de Besançon"),
            C("Dijon", "21231", "21000", "21", "CHU Dijon Bourgogne"),
            C("Dole", "39198", "39100", "39"),
            C("Belfort", "90010", "90000", "90"),
            C("Chalon-sur-Saône", "71076", "71100", "71"),
            C("Nevers", "58194", "58000", "58"),
            C("Auxerre", "89024", "89000", "89"),
            C("Mâcon", "71270", "71000", "71"),
            C("Vesoul", "70550", "70000", "70"),
            C("Lons-le-Saunier", "39300", "39000", "39"),
            C("Montbéliard", "25388", "25200", "25"),
            C("Pontarlier", "25462", "25300", "25"),
        ),
        (
            U("Université de Franche-Comté", "25056", "univ-fcomte.fr"),
            U("Université de Bourgogne", "21231", "u-bourgogne.fr"),
            U("Université de technologie de Belfort-Montbéliard", "90010", "utbm.fr"),
            U("Institut Agro Dijon", "21231", "institut-agro-dijon.fr"),
        ),
        RMC,
        ("BF", "MG", "SN"),
    ),
    Region(
        "Auvergne-Rhône-Alpes",
        "RESACOOP",
        (
            C("Lyon", "69123", "69001", "69", "Hospices civils de Lyon"),
            C("Grenoble", "38185", "38000", "38", "CHU Grenoble Alpes"),
            C("Clermont-Ferrand", "63113", "63000", "63", "CHU de Clermont-Ferrand"),
            C("Saint-Étienne", "42218", "42000", "42", "CHU de Saint-Étienne"),
            C("Villeurbanne", "69266", "69100", "69"),
            C("Annecy", "74010", "74000", "74"),
            C("Chambéry", "73065", "73000", "73"),
            C("Valence", "26362", "26000", "26"),
            C("Aurillac", "15014", "15000", "15"),
            C("Le Puy-en-Velay", "43157", "43000", "43"),
        ),
        (
            U("Université Lumière Lyon 2", "69123", "univ-lyon2.fr"),
            U("Université Claude Bernard Lyon 1", "69266", "univ-lyon1.fr"),
            U("Université Grenoble Alpes", "38185", "univ-grenoble-alpes.fr"),
            U("Université Clermont Auvergne", "63113", "uca.fr"),
            U("Université Savoie Mont Blanc", "73065", "univ-smb.fr"),
        ),
        RMC,
        ("ML", "HT", "VN"),
    ),
    Region(
        "Centre-Val de Loire",
        "Centraider",
        (
            C("Orléans", "45234", "45000", "45", "CHU d’Orléans"),
            C("Tours", "37261", "37000", "37", "CHU de Tours"),
            C("Bourges", "18033", "18000", "18"),
            C("Blois", "41018", "41000", "41"),
            C("Chartres", "28085", "28000", "28"),
            C("Châteauroux", "36044", "36000", "36"),
            C("Vierzon", "18279", "18100", "18"),
            C("Dreux", "28134", "28100", "28"),
        ),
        (
            U("Université d’Orléans", "45234", "univ-orleans.fr"),
            U("Université de Tours", "37261", "univ-tours.fr"),
            U("INSA Centre Val de Loire", "18033", "insa-cvl.fr"),
        ),
        "Agence de l’eau Loire-Bretagne",
        ("ML", "BF", "IN"),
    ),
    Region(
        "Nouvelle-Aquitaine",
        "SO Coopération",
        (
            C("Bordeaux", "33063", "33000", "33", "CHU de Bordeaux"),
            C("Limoges", "87085", "87000", "87", "CHU de Limoges"),
            C("Poitiers", "86194", "86000", "86", "CHU de Poitiers"),
            C("La Rochelle", "17300", "17000", "17"),
            C("Pau", "64445", "64000", "64"),
            C("Angoulême", "16015", "16000", "16"),
            C("Périgueux", "24322", "24000", "24"),
            C("Niort", "79191", "79000", "79"),
            C("Bayonne", "64102", "64100", "64"),
        ),
        (
            U("Université de Bordeaux", "33063", "u-bordeaux.fr"),
            U("Université Bordeaux Montaigne", "33063", "u-bordeaux-montaigne.fr"),
            U("Université de Limoges", "87085", "unilim.fr"),
            U("Université de Poitiers", "86194", "univ-poitiers.fr"),
            U("La Rochelle Université", "17300", "univ-larochelle.fr"),
        ),
        "Agence de l’eau Adour-Garonne",
        ("SN", "BO", "MA"),
    ),
    Region(
        "Hauts-de-France",
        "Lianes Coopération",
        (
            C("Lille", "59350", "59000", "59", "CHU de Lille"),
            C("Amiens", "80021", "80000", "80", "CHU Amiens-Picardie"),
            C("Roubaix", "59512", "59100", "59"),
            C("Dunkerque", "59183", "59140", "59"),
            C("Arras", "62041", "62000", "62"),
            C("Beauvais", "60057", "60000", "60"),
            C("Calais", "62193", "62100", "62"),
            C("Saint-Quentin", "02691", "02100", "02"),
        ),
        (
            U("Université de Lille", "59350", "univ-lille.fr"),
            U("Université de Picardie Jules Verne", "80021", "u-picardie.fr"),
            U("Université d’Artois", "62041", "univ-artois.fr"),
            U("Université du Littoral Côte d’Opale", "59183", "univ-littoral.fr"),
        ),
        "Agence de l’eau Artois-Picardie",
        ("ML", "SN", "MA"),
    ),
    Region(
        "Normandie",
        "Horizons Solidaires",
        (
            C("Caen", "14118", "14000", "14", "CHU de Caen Normandie"),
            C("Rouen", "76540", "76000", "76", "CHU de Rouen"),
            C("Le Havre", "76351", "76600", "76"),
            C("Cherbourg-en-Cotentin", "50129", "50100", "50"),
            C("Évreux", "27229", "27000", "27"),
            C("Alençon", "61001", "61000", "61"),
            C("Saint-Lô", "50502", "50000", "50"),
            C("Lisieux", "14366", "14100", "14"),
        ),
        (
            U("Université de Caen Normandie", "14118", "unicaen.fr"),
            U("Université de Rouen Normandie", "76540", "univ-rouen.fr"),
            U("Université Le Havre Normandie", "76351", "univ-lehavre.fr"),
        ),
        "Agence de l’eau Seine-Normandie",
        ("MG", "BJ", "TG"),
    ),
    Region(
        "Bretagne",
        "Réseau Bretagne Solidaire",
        (
            C("Rennes", "35238", "35000", "35", "CHU de Rennes"),
            C("Brest", "29019", "29200", "29", "CHU de Brest"),
            C("Quimper", "29232", "29000", "29"),
            C("Lorient", "56121", "56100", "56"),
            C("Vannes", "56260", "56000", "56"),
            C("Saint-Brieuc", "22278", "22000", "22"),
            C("Saint-Malo", "35288", "35400", "35"),
            C("Lannion", "22113", "22300", "22"),
        ),
        (
            U("Université de Rennes", "35238", "univ-rennes.fr"),
            U("Université Rennes 2", "35238", "univ-rennes2.fr"),
            U("Université de Bretagne occidentale", "29019", "univ-brest.fr"),
            U("Université Bretagne Sud", "56121", "univ-ubs.fr"),
        ),
        "Agence de l’eau Loire-Bretagne",
        ("BF", "MG", "HT"),
    ),
    Region(
        "Provence-Alpes-Côte d'Azur",
        "Territoires Solidaires",
        (
            C("Marseille", "13055", "13001", "13", "Assistance publique – Hôpitaux de Marseille"),
            C("Nice", "06088", "06000", "06", "CHU de Nice"),
            C("Toulon", "83137", "83000", "83"),
            C("Aix-en-Provence", "13001", "13090", "13"),
            C("Avignon", "84007", "84000", "84"),
            C("Arles", "13004", "13200", "13"),
            C("Gap", "05061", "05000", "05"),
            C("Digne-les-Bains", "04070", "04000", "04"),
            C("Six-Fours-les-Plages", "83129", "83140", "83"),
        ),
        (
            U("Aix-Marseille Université", "13055", "univ-amu.fr"),
            U("Université Côte d’Azur", "06088", "univ-cotedazur.fr"),
            U("Université de Toulon", "83137", "univ-tln.fr"),
            U("Avignon Université", "84007", "univ-avignon.fr"),
        ),
        RMC,
        ("MA", "TN", "LB"),
    ),
    Region(
        "Occitanie",
        "Occitanie Coopération",
        (
            C("Toulouse", "31555", "31000", "31", "CHU de Toulouse"),
            C("Montpellier", "34172", "34000", "34", "CHU de Montpellier"),
            C("Nîmes", "30189", "30000", "30", "CHU de Nîmes"),
            C("Perpignan", "66136", "66000", "66"),
            C("Albi", "81004", "81000", "81"),
            C("Auch", "32013", "32000", "32"),
            C("Tarbes", "65440", "65000", "65"),
            C("Rodez", "12202", "12000", "12"),
            C("Cahors", "46042", "46000", "46"),
        ),
        (
            U("Université Toulouse Capitole", "31555", "ut-capitole.fr"),
            U("Université Toulouse – Jean Jaurès", "31555", "univ-tlse2.fr"),
            U("Université de Montpellier", "34172", "umontpellier.fr"),
            U("Université de Perpignan Via Domitia", "66136", "univ-perp.fr"),
        ),
        "Agence de l’eau Adour-Garonne",
        ("ML", "PE", "VN"),
    ),
    Region(
        "Pays de la Loire",
        "Pays de la Loire Coopération Internationale",
        (
            C("Nantes", "44109", "44000", "44", "CHU de Nantes"),
            C("Angers", "49007", "49000", "49", "CHU d’Angers"),
            C("Le Mans", "72181", "72000", "72"),
            C("Laval", "53130", "53000", "53"),
            C("La Roche-sur-Yon", "85191", "85000", "85"),
            C("Saint-Nazaire", "44184", "44600", "44"),
            C("Cholet", "49099", "49300", "49"),
            C("Saumur", "49328", "49400", "49"),
        ),
        (
            U("Nantes Université", "44109", "univ-nantes.fr"),
            U("Université d’Angers", "49007", "univ-angers.fr"),
            U("Le Mans Université", "72181", "univ-lemans.fr"),
        ),
        "Agence de l’eau Loire-Bretagne",
        ("BF", "SN", "MR"),
    ),
    Region(
        "Grand Est",
        "GESCOD",
        (
            C("Strasbourg", "67482", "67000", "67", "Hôpitaux universitaires de Strasbourg"),
            C("Nancy", "54395", "54000", "54", "CHRU de Nancy"),
            C("Reims", "51454", "51100", "51", "CHU de Reims"),
            C("Metz", "57463", "57000", "57"),
            C("Mulhouse", "68224", "68100", "68"),
            C("Colmar", "68066", "68000", "68"),
            C("Troyes", "10387", "10000", "10"),
            C("Épinal", "88160", "88000", "88"),
            C("Charleville-Mézières", "08105", "08000", "08"),
        ),
        (
            U("Université de Strasbourg", "67482", "unistra.fr"),
            U("Université de Lorraine", "54395", "univ-lorraine.fr"),
            U("Université de Reims Champagne-Ardenne", "51454", "univ-reims.fr"),
            U("Université de Haute-Alsace", "68224", "uha.fr"),
        ),
        "Agence de l’eau Rhin-Meuse",
        ("BF", "MG", "CM"),
    ),
    Region(
        "Guadeloupe",
        "Karib Horizon",
        (
            C("Pointe-à-Pitre", "97120", "97110", "971", "CHU de la Guadeloupe"),
            C("Basse-Terre", "97105", "97100", "971"),
            C("Les Abymes", "97101", "97139", "971"),
            C("Baie-Mahault", "97103", "97122", "971"),
            C("Le Gosier", "97113", "97190", "971"),
            C("Sainte-Anne", "97128", "97180", "971"),
            C("Capesterre-Belle-Eau", "97107", "97130", "971"),
        ),
        (U("Université des Antilles", "97120", "univ-antilles.fr"),),
        "Office de l’eau Guadeloupe",
        ("HT", "DO", "CU", "DM", "LC"),
    ),
)

REGION_BY_NAME = {r.name: r for r in REGIONS}

# Académies, for the role mailboxes of schools (ce.<UAI>@ac-<académie>.fr).
_ACADEMIES = {
    "besancon": "25 39 70 90",
    "dijon": "21 58 71 89",
    "lyon": "69 01 42",
    "grenoble": "38 73 74 26 07",
    "clermont": "63 03 15 43",
    "orleans-tours": "45 37 18 41 28 36",
    "bordeaux": "33 24 40 47 64",
    "limoges": "87 19 23",
    "poitiers": "86 16 17 79",
    "lille": "59 62",
    "amiens": "80 60 02",
    "normandie": "14 50 61 76 27",
    "rennes": "35 29 22 56",
    "aix-marseille": "13 04 05 84",
    "nice": "06 83",
    "toulouse": "31 32 65 81 12 46 09 82",
    "montpellier": "34 30 66 11 48",
    "nantes": "44 49 72 53 85",
    "strasbourg": "67 68",
    "nancy-metz": "54 57 55 88",
    "reims": "51 08 10 52",
    "guadeloupe": "971",
}
ACADEMIE_OF_DEPARTEMENT = {d: a for a, ds in _ACADEMIES.items() for d in ds.split()}


def regions() -> list[str]:
    """The regions of the 12 networks, in the order of the networks' table."""
    return [r.name for r in REGIONS]
