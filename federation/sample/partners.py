"""Partner countries abroad for sample data, with real towns, typed by hand."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PartnerCountry:
    code: str  # ISO 3166-1 alpha-2
    name: str
    in_name: str  # "au Burkina Faso", "en Haïti", "à Madagascar"
    people: str  # "Burkinabè", for the names of diaspora associations
    weight: int
    towns: tuple[str, ...]
    uemoa: bool = False  # pays in CFA francs (XOF)


P = PartnerCountry
PARTNER_COUNTRIES: tuple[PartnerCountry, ...] = (
    P(
        "BF",
        "Burkina Faso",
        "au Burkina Faso",
        "Burkinabè",
        14,
        (
            "Ouagadougou",
            "Bobo-Dioulasso",
            "Ouahigouya",
            "Koudougou",
            "Kaya",
            "Fada N’Gourma",
            "Dori",
            "Tenkodogo",
        ),
        uemoa=True,
    ),
    P(
        "ML",
        "Mali",
        "au Mali",
        "Maliens",
        10,
        ("Bamako", "Kayes", "Ségou", "Sikasso", "Mopti", "Kita", "Nioro du Sahel"),
        uemoa=True,
    ),
    P(
        "SN",
        "Sénégal",
        "au Sénégal",
        "Sénégalais",
        12,
        ("Dakar", "Saint-Louis", "Ziguinchor", "Thiès", "Kaolack", "Podor", "Matam", "Louga"),
        uemoa=True,
    ),
    P(
        "NE",
        "Niger",
        "au Niger",
        "Nigériens",
        5,
        ("Niamey", "Zinder", "Maradi", "Tahoua", "Agadez", "Dosso"),
        uemoa=True,
    ),
    P(
        "MG",
        "Madagascar",
        "à Madagascar",
        "Malgaches",
        8,
        ("Antananarivo", "Fianarantsoa", "Toamasina", "Mahajanga", "Antsirabe", "Toliara"),
    ),
    P(
        "BJ",
        "Bénin",
        "au Bénin",
        "Béninois",
        7,
        ("Cotonou", "Porto-Novo", "Parakou", "Abomey", "Ouidah", "Natitingou"),
        uemoa=True,
    ),
    P(
        "TG",
        "Togo",
        "au Togo",
        "Togolais",
        6,
        ("Lomé", "Kara", "Sokodé", "Kpalimé", "Atakpamé", "Dapaong"),
        uemoa=True,
    ),
    P(
        "CM",
        "Cameroun",
        "au Cameroun",
        "Camerounais",
        6,
        ("Yaoundé", "Douala", "Bafoussam", "Garoua", "Dschang", "Ngaoundéré"),
    ),
    P(
        "CI",
        "Côte d’Ivoire",
        "en Côte d’Ivoire",
        "Ivoiriens",
        5,
        ("Abidjan", "Bouaké", "Yamoussoukro", "Korhogo", "Man", "San-Pédro"),
        uemoa=True,
    ),
    P("GN", "Guinée", "en Guinée", "Guinéens", 4, ("Conakry", "Kindia", "Labé", "Kankan", "Mamou")),
    P(
        "MR",
        "Mauritanie",
        "en Mauritanie",
        "Mauritaniens",
        3,
        ("Nouakchott", "Kaédi", "Rosso", "Sélibaby", "Atar"),
    ),
    P("TD", "Tchad", "au Tchad", "Tchadiens", 2, ("N’Djamena", "Moundou", "Abéché", "Sarh")),
    P(
        "HT",
        "Haïti",
        "en Haïti",
        "Haïtiens",
        5,
        ("Port-au-Prince", "Jacmel", "Cap-Haïtien", "Les Cayes", "Jérémie", "Gonaïves"),
    ),
    P(
        "MA",
        "Maroc",
        "au Maroc",
        "Marocains",
        5,
        ("Rabat", "Marrakech", "Fès", "Agadir", "Ouarzazate", "Tanger"),
    ),
    P(
        "TN",
        "Tunisie",
        "en Tunisie",
        "Tunisiens",
        4,
        ("Tunis", "Sfax", "Sousse", "Kairouan", "Bizerte"),
    ),
    P(
        "DZ",
        "Algérie",
        "en Algérie",
        "Algériens",
        3,
        ("Alger", "Oran", "Constantine", "Tlemcen", "Béjaïa"),
    ),
    P(
        "VN",
        "Vietnam",
        "au Vietnam",
        "Vietnamiens",
        4,
        ("Hanoï", "Hué", "Da Nang", "Hô Chi Minh-Ville", "Lào Cai"),
    ),
    P(
        "KH",
        "Cambodge",
        "au Cambodge",
        "Cambodgiens",
        2,
        ("Phnom Penh", "Siem Reap", "Battambang", "Kampot"),
    ),
    P(
        "LA",
        "Laos",
        "au Laos",
        "Laotiens",
        2,
        ("Vientiane", "Luang Prabang", "Savannakhet", "Paksé"),
    ),
    P("LB", "Liban", "au Liban", "Libanais", 3, ("Beyrouth", "Tripoli", "Saïda", "Tyr", "Zahlé")),
    P(
        "PS",
        "Palestine",
        "en Palestine",
        "Palestiniens",
        3,
        ("Ramallah", "Naplouse", "Bethléem", "Hébron", "Jéricho"),
    ),
    P(
        "CD",
        "République démocratique du Congo",
        "en République démocratique du Congo",
        "Congolais",
        3,
        ("Kinshasa", "Lubumbashi", "Bukavu", "Goma", "Kisangani"),
    ),
    P("CG", "Congo", "au Congo", "Congolais", 2, ("Brazzaville", "Pointe-Noire", "Dolisie")),
    P("RW", "Rwanda", "au Rwanda", "Rwandais", 2, ("Kigali", "Huye", "Musanze", "Rubavu")),
    P("BI", "Burundi", "au Burundi", "Burundais", 2, ("Bujumbura", "Gitega", "Ngozi")),
    P(
        "BO",
        "Bolivie",
        "en Bolivie",
        "Boliviens",
        2,
        ("La Paz", "Cochabamba", "Sucre", "Potosí", "El Alto"),
    ),
    P("PE", "Pérou", "au Pérou", "Péruviens", 2, ("Lima", "Cusco", "Arequipa", "Ayacucho")),
    P("CO", "Colombie", "en Colombie", "Colombiens", 1, ("Bogotá", "Medellín", "Cali")),
    P("IN", "Inde", "en Inde", "Indiens", 2, ("Pondichéry", "Chennai", "Bangalore", "Calcutta")),
    P(
        "DO",
        "République dominicaine",
        "en République dominicaine",
        "Dominicains",
        1,
        ("Saint-Domingue", "Santiago de los Caballeros", "Puerto Plata"),
    ),
    P("CU", "Cuba", "à Cuba", "Cubains", 1, ("La Havane", "Santiago de Cuba", "Cienfuegos")),
    P("DM", "Dominique", "à la Dominique", "Dominiquais", 1, ("Roseau", "Portsmouth")),
    P("LC", "Sainte-Lucie", "à Sainte-Lucie", "Saint-Luciens", 1, ("Castries", "Vieux Fort")),
)

COUNTRY_BY_CODE = {c.code: c for c in PARTNER_COUNTRIES}
