"""DAC sectors used by the sample data (5-digit codes, none withdrawn), with the SDGs they serve
and French phrases to write titles and descriptions that fit the sector.

Placeholders in the phrases: {ville}, {a_ville}, {de_ville} (the partner town abroad, with "à"
or "de" elided), {pays}, {en_pays}, {commune}, {a_commune}, {de_commune} (the French commune).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sector:
    code: str
    short: str  # "eau et assainissement": for lists and group names
    sdgs: tuple[str, ...]  # goals, then targets
    titles: tuple[str, ...]
    contexts: tuple[str, ...]
    objectives: tuple[str, ...]  # infinitive phrases
    activities: tuple[str, ...]  # noun phrases


S = Sector
SECTORS: tuple[Sector, ...] = (
    S(
        "11220",
        "éducation primaire",
        ("4", "4.1"),
        (
            "Construction de deux salles de classe {a_ville}",
            "Scolarisation des filles dans les écoles {de_ville}",
            "Bibliothèques scolaires et manuels pour les écoles {de_ville}",
        ),
        (
            "les classes de l’école primaire {de_ville} accueillent souvent plus de quatre-vingts "
            "élèves",
        ),
        (
            "améliorer les conditions d’apprentissage des élèves du primaire",
            "favoriser la scolarisation et le maintien des filles à l’école",
        ),
        (
            "la construction de salles de classe en briques de terre compressée",
            "la dotation en tables-bancs et en manuels scolaires",
            "la formation des enseignants aux pédagogies actives",
            "la création d’une cantine scolaire gérée par l’association des parents d’élèves",
        ),
    ),
    S(
        "11330",
        "formation professionnelle",
        ("4", "8", "4.4"),
        (
            "Centre de formation aux métiers du bâtiment {a_ville}",
            "Insertion des jeunes par l’apprentissage {a_ville}",
            "Formation professionnelle en mécanique et en électricité {a_ville}",
        ),
        (
            "les jeunes {de_ville} quittent l’école sans qualification et peinent à trouver un "
            "emploi",
        ),
        (
            "offrir aux jeunes une formation qualifiante reconnue par les employeurs locaux",
            "rapprocher la formation des besoins des artisans et des entreprises",
        ),
        (
            "l’équipement d’ateliers de menuiserie, de soudure et d’électricité",
            "l’accueil d’apprentis chez des artisans partenaires",
            "des échanges entre formateurs français et formateurs locaux",
            "l’accompagnement des jeunes diplômés vers l’emploi ou la création d’activité",
        ),
    ),
    S(
        "11420",
        "enseignement supérieur",
        ("4", "4.3", "17"),
        (
            "Partenariat universitaire et mobilité étudiante avec {ville}",
            "Double diplôme et recherche partagée avec l’université {de_ville}",
        ),
        ("l’université {de_ville} manque d’enseignants-chercheurs dans plusieurs disciplines",),
        (
            "renforcer les formations et la recherche de l’université partenaire",
            "développer la mobilité des étudiants et des enseignants dans les deux sens",
        ),
        (
            "des missions d’enseignement croisées",
            "l’accueil de doctorants en cotutelle",
            "la création d’un master commun",
            "l’équipement d’un laboratoire de travaux pratiques",
        ),
    ),
    S(
        "12220",
        "santé de base",
        ("3", "3.8"),
        (
            "Équipement du centre de santé {de_ville}",
            "Appui à la maternité {de_ville}",
            "Soins de santé primaires dans les villages autour {de_ville}",
        ),
        (
            "le centre de santé {de_ville} couvre une population de plus de vingt mille habitants "
            "avec très peu de matériel",
        ),
        (
            "améliorer l’accès aux soins de santé primaires pour les familles",
            "réduire la mortalité maternelle et infantile",
        ),
        (
            "la rénovation et l’équipement de la maternité",
            "l’achat de médicaments essentiels",
            "la formation des agents de santé communautaires",
            "la mise en place d’une mutuelle de santé villageoise",
        ),
    ),
    S(
        "12240",
        "nutrition",
        ("2", "2.2", "3"),
        (
            "Lutte contre la malnutrition infantile {a_ville}",
            "Jardins nutritionnels et éducation alimentaire {a_ville}",
        ),
        ("un enfant sur cinq de moins de cinq ans souffre de malnutrition chronique {a_ville}",),
        (
            "réduire la malnutrition des enfants de moins de cinq ans",
            "diversifier l’alimentation des familles",
        ),
        (
            "le dépistage de la malnutrition dans les quartiers",
            "des séances de démonstration culinaire avec des produits locaux",
            "la création de jardins nutritionnels gérés par des groupements de femmes",
        ),
    ),
    S(
        "12261",
        "éducation à la santé",
        ("3", "3.3"),
        (
            "Prévention du paludisme en milieu scolaire {a_ville}",
            "Sensibilisation à l’hygiène et à la santé {a_ville}",
        ),
        ("le paludisme reste la première cause de consultation au centre de santé {de_ville}",),
        (
            "changer durablement les pratiques d’hygiène et de prévention",
            "faire des élèves des relais de prévention dans leurs familles",
        ),
        (
            "des campagnes de sensibilisation animées par des pairs éducateurs",
            "la distribution de moustiquaires imprégnées",
            "la formation d’enseignants relais en santé scolaire",
        ),
    ),
    S(
        "12281",
        "formation des personnels de santé",
        ("3", "3.c"),
        (
            "Jumelage hospitalier entre {commune} et {ville}",
            "Formation des sages-femmes et des infirmiers {de_ville}",
        ),
        ("l’hôpital {de_ville} manque de personnels formés aux urgences et à l’obstétrique",),
        (
            "renforcer les compétences des équipes soignantes de l’hôpital partenaire",
            "améliorer la qualité et la sécurité des soins",
        ),
        (
            "des missions de compagnonnage de médecins et de soignants",
            "l’accueil de professionnels en stage dans les services français",
            "la formation à la maintenance des équipements biomédicaux",
        ),
    ),
    S(
        "14030",
        "eau et assainissement",
        ("6", "6.1", "6.2"),
        (
            "Accès à l’eau potable {a_ville}",
            "Réhabilitation de forages et latrines scolaires {a_ville}",
            "Adduction d’eau potable dans la commune {de_ville}",
        ),
        (
            "moins de la moitié des ménages {de_ville} ont accès à un point d’eau potable à moins "
            "de trente minutes de marche",
        ),
        (
            "améliorer durablement l’accès à l’eau potable et à l’assainissement",
            "renforcer la commune dans la gestion du service public de l’eau",
        ),
        (
            "la réalisation de forages équipés de pompes solaires",
            "la construction de latrines dans les écoles et le centre de santé",
            "la formation des comités de gestion des points d’eau",
            "des actions de sensibilisation au lavage des mains",
        ),
    ),
    S(
        "14050",
        "gestion des déchets",
        ("11", "11.6", "12"),
        (
            "Collecte et valorisation des déchets ménagers {a_ville}",
            "Compostage et tri des déchets dans les marchés {de_ville}",
        ),
        ("les déchets s’accumulent dans les rues et les caniveaux {de_ville}",),
        (
            "organiser la précollecte et la valorisation des déchets",
            "améliorer la salubrité des quartiers",
        ),
        (
            "la création de groupements de précollecte équipés de charrettes",
            "l’aménagement d’un centre de compostage",
            "des campagnes de salubrité avec les écoles",
        ),
    ),
    S(
        "15112",
        "décentralisation",
        ("16", "16.6", "11"),
        (
            "Renforcement des services municipaux {de_ville}",
            "Appui à la maîtrise d’ouvrage communale {a_ville}",
            "Modernisation de l’état civil {de_ville}",
        ),
        (
            "la commune {de_ville} exerce depuis peu des compétences transférées par l’État sans en "
            "avoir tous les moyens",
        ),
        (
            "renforcer les capacités de la commune partenaire à exercer ses compétences",
            "améliorer la qualité des services rendus aux habitants",
        ),
        (
            "l’échange d’expériences entre élus et agents des deux collectivités",
            "l’informatisation de l’état civil",
            "l’élaboration d’un plan communal de développement",
            "la formation des agents municipaux",
        ),
    ),
    S(
        "15150",
        "participation citoyenne",
        ("16", "16.7"),
        (
            "Budget participatif et conseils de quartier {a_ville}",
            "Renforcement des associations de jeunes {de_ville}",
        ),
        ("les habitants {de_ville} sont peu associés aux décisions qui les concernent",),
        (
            "favoriser la participation des habitants à la vie locale",
            "renforcer les organisations de la société civile",
        ),
        (
            "la création de conseils de quartier",
            "des formations à la vie associative",
            "l’organisation de forums citoyens",
        ),
    ),
    S(
        "15170",
        "droits des femmes",
        ("5", "5.5"),
        (
            "Autonomisation économique des femmes {de_ville}",
            "Accès des femmes aux responsabilités locales {a_ville}",
        ),
        (
            "les femmes {de_ville} assurent l’essentiel des travaux agricoles mais ont peu accès au "
            "crédit",
        ),
        (
            "renforcer l’autonomie économique et la place des femmes",
            "lutter contre les violences faites aux femmes",
        ),
        (
            "l’alphabétisation fonctionnelle des femmes",
            "l’appui aux activités génératrices de revenus",
            "la création d’un centre d’écoute et d’accompagnement juridique",
        ),
    ),
    S(
        "15185",
        "administration locale",
        ("16", "16.6"),
        (
            "Adressage et fiscalité locale {a_ville}",
            "Appui à l’administration communale {de_ville}",
        ),
        ("la commune {de_ville} dispose de ressources propres très faibles",),
        (
            "améliorer la mobilisation des ressources propres de la commune",
            "moderniser l’administration communale",
        ),
        (
            "la réalisation d’un plan d’adressage",
            "le recensement fiscal des activités économiques",
            "l’équipement informatique des services",
        ),
    ),
    S(
        "16020",
        "insertion des jeunes",
        ("8", "8.6"),
        (
            "Emploi et entrepreneuriat des jeunes {a_ville}",
            "Incubateur de jeunes entreprises {a_ville}",
        ),
        ("plus de la moitié des jeunes {de_ville} sont sans emploi ni formation",),
        (
            "aider les jeunes à créer leur activité ou à trouver un emploi",
            "renforcer les dispositifs locaux d’accompagnement",
        ),
        (
            "l’accompagnement de porteurs de projets",
            "l’octroi de petits prêts d’amorçage",
            "des échanges entre jeunes entrepreneurs des deux territoires",
        ),
    ),
    S(
        "16061",
        "culture et loisirs",
        ("11", "11.4", "17"),
        (
            "Échanges culturels et artistiques entre {commune} et {ville}",
            "Centre culturel et bibliothèque {de_ville}",
        ),
        (
            "la jeunesse {de_ville} a peu de lieux pour se retrouver et pratiquer une activité "
            "culturelle",
        ),
        (
            "favoriser la rencontre et la connaissance mutuelle des habitants",
            "soutenir la création artistique et la lecture publique",
        ),
        (
            "l’accueil d’artistes en résidence",
            "l’équipement d’une médiathèque",
            "l’organisation d’un festival croisé",
        ),
    ),
    S(
        "22040",
        "numérique",
        ("9", "9.c", "4"),
        ("Espace numérique communautaire {a_ville}", "Informatique à l’école {a_ville}"),
        ("l’accès à internet et aux outils numériques reste rare {a_ville}",),
        ("réduire la fracture numérique", "former les jeunes aux métiers du numérique"),
        (
            "l’équipement d’une salle informatique",
            "la formation de formateurs au numérique",
            "la mise en place d’une connexion par satellite",
        ),
    ),
    S(
        "23231",
        "énergie solaire",
        ("7", "7.1", "13"),
        (
            "Électrification solaire du centre de santé {de_ville}",
            "Pompes solaires et éclairage public {a_ville}",
        ),
        ("la majorité des villages autour {de_ville} ne sont pas raccordés au réseau électrique",),
        ("donner accès à une énergie fiable et renouvelable", "réduire la dépense en carburant"),
        (
            "l’installation de kits solaires sur les équipements publics",
            "la formation de techniciens à la maintenance",
            "l’éclairage solaire des rues principales",
        ),
    ),
    S(
        "31120",
        "agriculture et alimentation",
        ("2", "2.3", "2.4"),
        (
            "Maraîchage et irrigation goutte-à-goutte {a_ville}",
            "Agroécologie et semences paysannes {a_ville}",
            "Appui aux producteurs {de_ville}",
        ),
        (
            "les rendements agricoles {de_ville} baissent avec des pluies de plus en plus "
            "irrégulières",
        ),
        (
            "améliorer les revenus et la sécurité alimentaire des familles paysannes",
            "diffuser des pratiques agroécologiques",
        ),
        (
            "l’aménagement de périmètres maraîchers irrigués",
            "la création d’une banque de céréales",
            "la formation au compostage et aux semences locales",
            "l’appui à la commercialisation des produits",
        ),
    ),
    S(
        "32130",
        "petites entreprises",
        ("8", "8.3"),
        (
            "Appui aux artisans et aux petites entreprises {de_ville}",
            "Création d’une coopérative de transformation {a_ville}",
        ),
        ("les artisans {de_ville} manquent de formation en gestion et d’accès au crédit",),
        ("renforcer les petites entreprises locales", "créer des emplois durables"),
        (
            "des formations en gestion et en comptabilité",
            "l’équipement d’un atelier partagé",
            "des missions d’experts bénévoles",
        ),
    ),
    S(
        "41010",
        "environnement",
        ("13", "15", "15.3"),
        (
            "Reboisement et lutte contre la désertification {a_ville}",
            "Plan climat et protection des ressources naturelles {de_ville}",
        ),
        ("le couvert forestier autour {de_ville} a fortement reculé en vingt ans",),
        (
            "restaurer les terres dégradées et protéger les ressources naturelles",
            "sensibiliser les habitants au changement climatique",
        ),
        (
            "la plantation d’arbres avec les écoles",
            "la création de pépinières villageoises",
            "la diffusion de foyers améliorés",
        ),
    ),
    S(
        "43010",
        "développement local",
        ("1", "11", "17"),
        (
            "Programme de développement local concerté {de_ville}",
            "Partenariat de développement local entre {commune} et {ville}",
        ),
        ("la commune {de_ville} conduit son premier plan de développement local",),
        (
            "accompagner le développement local dans plusieurs domaines à la fois",
            "consolider un partenariat de long terme entre les deux territoires",
        ),
        (
            "des missions d’élus et de techniciens dans les deux sens",
            "le financement de microprojets choisis par les habitants",
            "la formation des comités de développement villageois",
        ),
    ),
    S(
        "72010",
        "aide d’urgence",
        ("1", "11", "1.5", "11.5"),
        (
            "Aide d’urgence aux familles sinistrées {de_ville}",
            "Distribution de kits d’hygiène après les inondations {a_ville}",
        ),
        ("de fortes inondations ont détruit des centaines d’habitations {a_ville}",),
        (
            "répondre aux besoins immédiats des familles sinistrées",
            "préparer la reconstruction avec les autorités locales",
        ),
        (
            "la distribution de vivres et de kits d’hygiène",
            "la fourniture d’abris temporaires",
            "l’appui au recensement des familles touchées",
        ),
    ),
    S(
        "99820",
        "éducation à la citoyenneté et à la solidarité internationale",
        ("4", "4.7", "17"),
        (
            "Festival des solidarités {a_commune}",
            "Semaine de la solidarité internationale {a_commune}",
            "Parcours de citoyenneté mondiale dans les collèges {de_commune}",
        ),
        ("à {commune}, les jeunes connaissent mal les enjeux de la solidarité internationale",),
        (
            "sensibiliser les habitants et les jeunes aux enjeux de la solidarité internationale",
            "faire connaître les actions menées avec les partenaires {en_pays}",
        ),
        (
            "des expositions et des projections-débats",
            "des interventions dans les classes",
            "l’accueil de partenaires {de_ville} pour des témoignages",
            "un village des associations sur la place du marché",
        ),
    ),
)

SECTOR_BY_CODE = {s.code: s for s in SECTORS}
ECSI = "99820"
EMERGENCY = "72010"
WATER = "14030"

# The sectors an actor of each type is likely to work in.
SECTORS_BY_ACTOR_TYPE: dict[str, tuple[str, ...]] = {
    "collectivite": ("15112", "15185", "14030", "43010", "16061", "14050", "41010", "23231"),
    "association": (
        "14030",
        "11220",
        "12220",
        "31120",
        "15170",
        "11330",
        "12240",
        "23231",
        "41010",
        "22040",
        "43010",
        "16061",
        "12261",
    ),
    "osim": ("14030", "11220", "12220", "31120", "43010", "15170", "16020"),
    "etablissement-scolaire": ("99820", "11220", "16061", "11330"),
    "universite": ("11420", "12281", "41010", "31120"),
    "hopital": ("12281", "12220", "12261"),
    "etablissement-public": ("15185", "14030", "16061", "16020"),
    "entreprise": ("23231", "32130", "14030", "22040"),
    "fondation": ("11220", "12220", "15170", "16020", "72010"),
    "chambre-consulaire": ("32130", "31120", "11330"),
    "comite-jumelage": ("16061", "11220", "99820", "43010"),
    "autre": ("99820", "15150", "16061"),
}
