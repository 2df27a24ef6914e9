//! The registry of every rule: stable code, default severity, one-line summary, help and documentation.
//!
//! Codes are part of the public interface (`--format json`, `ctgc explain`): never rename one.

use crate::diagnostic::Severity;
use crate::diagnostic::Severity::{Error, Warning};

#[derive(Debug)]
pub struct Rule {
    pub family: Family,
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub help: &'static str,
    pub doc: &'static str,
}

/// What a rule is about: the second segment of its code (`ctg::FAMILY::name`), so that callers
/// match on the family rather than on the text of the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Lexique,
    Syntaxe,
    Valeur,
    Projet,
    Limite,
    Inclure,
    Id,
    Ref,
    Numero,
    Fiche,
    Axe,
    Objectif,
    Periode,
    Signataire,
    Logo,
    Article,
    Modele,
    Annexe,
    Financement,
    Convention,
    Champ,
    Indicateur,
    Brouillon,
    Avenant,
    Bilan,
    Citation,
}

impl Family {
    /// The family as written in codes.
    pub fn name(self) -> &'static str {
        match self {
            Family::Lexique => "lexique",
            Family::Syntaxe => "syntaxe",
            Family::Valeur => "valeur",
            Family::Projet => "projet",
            Family::Limite => "limite",
            Family::Inclure => "inclure",
            Family::Id => "id",
            Family::Ref => "ref",
            Family::Numero => "numero",
            Family::Fiche => "fiche",
            Family::Axe => "axe",
            Family::Objectif => "objectif",
            Family::Periode => "periode",
            Family::Signataire => "signataire",
            Family::Logo => "logo",
            Family::Article => "article",
            Family::Modele => "modele",
            Family::Annexe => "annexe",
            Family::Financement => "financement",
            Family::Convention => "convention",
            Family::Champ => "champ",
            Family::Indicateur => "indicateur",
            Family::Brouillon => "brouillon",
            Family::Avenant => "avenant",
            Family::Bilan => "bilan",
            Family::Citation => "citation",
        }
    }
}

macro_rules! rules {
    ($( $name:ident = $family:ident, $code:literal, $sev:ident, $summary:literal, $help:literal, $doc:literal; )*) => {
        $( pub static $name: Rule = Rule {
            family: Family::$family, code: $code, severity: $sev, summary: $summary, help: $help, doc: $doc,
        }; )*
        /// Every rule, in documentation order.
        pub static ALL: &[&Rule] = &[ $( &$name ),* ];
    };
}

rules! {
    // --- Lexique et syntaxe -------------------------------------------------------------------
    LEXIQUE_UTF8 = Lexique, "ctg::lexique::utf8-invalide", Error,
        "le fichier n'est pas encodé en UTF-8",
        "enregistrez le fichier en UTF-8 (avec ou sans BOM)",
        "Les fichiers .ctg sont lus en UTF-8. Le message indique l'octet où commence la séquence invalide ; \
         un fichier enregistré en Windows-1252 ou en Latin-1 provoque cette erreur dès le premier accent.";
    LEXIQUE_CARACTERE_CONTROLE = Lexique, "ctg::lexique::caractere-controle", Error,
        "caractère de contrôle invisible dans le texte",
        "supprimez ce caractère (souvent issu d'un copier-coller depuis un traitement de texte)",
        "Seuls la tabulation et le saut de ligne (LF ou CRLF) sont admis. Les autres caractères de contrôle \
         ne s'impriment pas et corrompraient le document signé.";
    LEXIQUE_NON_IMPRIMABLE = Lexique, "ctg::lexique::caractere-non-imprimable", Error,
        "caractère qu'aucune police du PDF ne peut imprimer",
        "remplacez-le par du texte, ou placez dans le dossier fonts/ du projet une police qui le contient",
        "Le PDF n'utilise que les polices intégrées à typst (Libertinus Serif, New Computer Modern, DejaVu Sans \
         Mono) et celles du dossier fonts/ du projet, jamais celles de la machine : c'est ce qui le rend identique \
         d'un poste à l'autre. Un caractère absent de toutes ces polices (émoji, idéogramme, symbole rare) \
         s'imprimerait comme un carré vide ; il est signalé là où il est écrit, dans les textes et les chaînes \
         (les commentaires et les chemins de fichiers ne sont pas imprimés).";
    LEXIQUE_MONTANT = Lexique, "ctg::lexique::montant-invalide", Error,
        "montant mal écrit",
        "écrivez le montant à la française : 107 900 €, 1 234,50 € ou 12000 €",
        "Un montant s'écrit en euros, chiffres groupés par trois avec une espace (ou sans séparateur), \
         une virgule et deux décimales au plus, suivi de « € ». Le point n'est pas un séparateur : « 12.000 € » \
         est refusé plutôt que deviné.";
    LEXIQUE_DATE = Lexique, "ctg::lexique::date-invalide", Error,
        "date mal écrite ou inexistante",
        "écrivez la date 2023-01-13, 13 janvier 2023 ou 1er janvier 2023",
        "Une date est une date du calendrier : « 31 février 2023 » est refusée, comme un mois mal orthographié. \
         Le jour de la semaine peut précéder la date (« jeudi 20 janvier 2022 ») : il est alors vérifié. La \
         date de signature seule peut s'écrire au mois près (« signature octobre 2019 ») ; ailleurs, le jour \
         est requis.";
    LEXIQUE_GUILLEMETS = Lexique, "ctg::lexique::guillemets", Error,
        "texte entre guillemets de traitement de texte (“ ”, « ») au lieu de guillemets droits",
        "écrivez le texte entre guillemets droits \" : \"Petite enfance\" ; ctgc fmt --corriger le fait pour vous",
        "Un traitement de texte remplace les guillemets droits \" par des guillemets courbes “ ” ou français « » : \
         dans un fichier .ctg, un texte s'écrit entre guillemets droits. Les guillemets du document imprimé sont \
         ceux de ctgc : le texte \"Petite enfance\" s'imprime « Petite enfance » quand la mise en page le demande. \
         Dans un texte, les guillemets courbes ou français sont permis : \"le « relais »\". \
         ctgc fmt --corriger remplace les guillemets d'une paire écrite sur une seule ligne.";
    SYNTAXE_ATTENDU = Syntaxe, "ctg::syntaxe::attendu", Error,
        "la syntaxe n'est pas celle attendue à cet endroit",
        "comparez avec l'exemple de ce mot-clé dans le guide de ctgc (docs/guide/langage.md)",
        "Le fichier ne suit pas la forme « mot-clé arguments { … } ». Le message dit ce qui était attendu.";
    SYNTAXE_ACCOLADE_NON_FERMEE = Syntaxe, "ctg::syntaxe::accolade-non-fermee", Error,
        "bloc « { » jamais refermé",
        "ajoutez « } » à la fin du bloc",
        "Chaque « { » ouvre un bloc qui doit être refermé par « } ». Le diagnostic montre l'accolade ouvrante \
         restée seule.";
    SYNTAXE_ACCOLADE_EN_TROP = Syntaxe, "ctg::syntaxe::accolade-en-trop", Error,
        "« } » sans bloc ouvert",
        "supprimez cette accolade ou ajoutez le « { » qui manque",
        "Une accolade fermante ne correspond à aucune accolade ouvrante.";
    SYNTAXE_CHAINE_NON_TERMINEE = Syntaxe, "ctg::syntaxe::chaine-non-terminee", Error,
        "texte entre guillemets jamais refermé",
        "fermez le texte par « \" » sur la même ligne, ou utilisez \"\"\" … \"\"\" pour un texte sur plusieurs lignes",
        "Un texte \"…\" tient sur une ligne ; un texte long s'écrit entre triples guillemets.";
    SYNTAXE_MOT_CLE_INCONNU = Syntaxe, "ctg::syntaxe::mot-cle-inconnu", Error,
        "mot-clé inconnu à cet endroit",
        "consultez la liste des mots-clés de ce bloc dans la référence du langage",
        "Chaque bloc n'accepte que certains mots-clés (les accents sont facultatifs). Le diagnostic propose le \
         mot-clé le plus proche, ou indique dans quel bloc ce mot-clé s'emploie.";
    SYNTAXE_ARGUMENT = Syntaxe, "ctg::syntaxe::argument-invalide", Error,
        "argument absent, en trop ou d'un mauvais type",
        "comparez avec l'exemple de ce mot-clé dans le guide de ctgc (docs/guide/langage.md)",
        "Chaque mot-clé attend des arguments précis : un texte, un identifiant, une année, un montant…";
    SYNTAXE_CHAMP_REPETE = Syntaxe, "ctg::syntaxe::champ-repete", Error,
        "champ donné deux fois",
        "gardez une seule valeur",
        "Un champ à valeur unique (titre, période, axe d'une fiche…) ne peut être donné qu'une fois par bloc.";
    SYNTAXE_BLOC_ATTENDU = Syntaxe, "ctg::syntaxe::bloc", Error,
        "bloc « { … } » là où le mot-clé n'en ouvre pas",
        "écrivez la valeur sur la même ligne, sans accolades",
        "Seuls convention, signataire, commune, partenaire, axe, objectif, fiche, indicateur, équipement, \
         instance, convention-liée, article et annexe ouvrent un bloc ; les autres mots-clés prennent leur \
         valeur sur la ligne.";
    VALEUR_INCONNUE = Valeur, "ctg::valeur::inconnue", Error,
        "valeur hors de la liste permise",
        "choisissez une valeur de la liste donnée par la référence du langage",
        "Les natures de signataires, les champs d'intervention, les statuts, priorités, types d'indicateurs, \
         d'équipements et d'instances sont des listes fermées.";
    PROJET_CONFIGURATION = Projet, "ctg::projet::configuration", Error,
        "fichier ctgc.yaml invalide",
        "clés permises : principal, sortie, modèle, modèles, numérotation, libellés, typst",
        "ctgc.yaml est lu en YAML ; une clé inconnue ou une valeur hors liste est signalée plutôt qu'ignorée.";
    PROJET_ILLISIBLE = Projet, "ctg::projet::illisible", Error,
        "projet introuvable ou illisible : rien n'est vérifié",
        "vérifiez le chemin : un fichier .ctg, ou le dossier d'un projet (avec ctgc.yaml ou convention.ctg)",
        "Le chemin donné n'existe pas ou ne se lit pas, le dossier n'est pas un projet (ni ctgc.yaml ni \
         convention.ctg, dans ce dossier ni au-dessus), ou un fichier sans lequel rien ne se lit (le fichier \
         principal, le fichier d'articles) est illisible. Le code de sortie est 2, comme pour toute erreur de \
         fichier ; avec --format json ou github, ctgc check le donne aussi comme un diagnostic, sans position.";
    LIMITE_DEPASSEE = Limite, "ctg::limite::depassee", Error,
        "limite de taille ou de nombre dépassée",
        "une convention réelle reste très loin de ces limites : vérifiez ce qui a été inclus ou collé",
        "Pour qu'une erreur de manipulation (un fichier binaire inclus, un motif « inclure » trop large, un \
         texte collé en boucle) ne bloque pas la machine, ctgc refuse : un fichier de plus de 16 Mio ; un \
         projet de plus de 64 Mio ou de plus de 20 000 fichiers ; des inclusions imbriquées sur plus de 16 \
         niveaux ; des blocs « { … } » imbriqués sur plus de 32 niveaux ; plus de 20 000 fiches ; une ligne \
         de financement sur plus de 100 années. Une convention réelle compte quelques dizaines de fiches \
         et quelques centaines de kilo-octets.";
    // --- Inclusions ---------------------------------------------------------------------------
    INCLURE_INTROUVABLE = Inclure, "ctg::inclure::introuvable", Error,
        "fichier inclus introuvable",
        "vérifiez le chemin, relatif au fichier qui contient « inclure »",
        "Le chemin (ou le motif « *.ctg ») est relatif au fichier qui l'inclut. Un motif qui ne trouve aucun \
         fichier est aussi signalé : c'est presque toujours une faute de frappe.";
    INCLURE_CYCLE = Inclure, "ctg::inclure::cycle", Error,
        "inclusion circulaire",
        "retirez l'une des inclusions de la chaîne",
        "Un fichier s'inclut lui-même, directement ou par une chaîne d'inclusions ; la chaîne est affichée.";
    INCLURE_HORS_PROJET = Inclure, "ctg::inclure::hors-projet", Error,
        "inclusion hors du dossier du projet",
        "placez le fichier dans le dossier du projet",
        "Pour qu'un projet se relise et se construise de la même façon partout, un fichier inclus doit se \
         trouver dans le dossier du projet (ni « .. » ni lien symbolique qui en sort).";
    INCLURE_ILLISIBLE = Inclure, "ctg::inclure::illisible", Error,
        "fichier inclus illisible",
        "vérifiez les droits de lecture du fichier",
        "Le fichier existe mais n'a pas pu être lu (droits, dossier à la place d'un fichier…).";
    // --- Références ---------------------------------------------------------------------------
    ID_DUPLIQUE = Id, "ctg::id::duplique", Error,
        "identifiant déjà utilisé",
        "donnez à chaque élément un identifiant unique",
        "Les identifiants (fiches, axes, objectifs, signataires, communes, partenaires, équipements…) sont les \
         noms stables par lesquels on les cite ; deux éléments de même sorte ne peuvent pas partager un nom.";
    REF_AXE = Ref, "ctg::ref::axe-inconnu", Error,
        "axe inconnu",
        "citez l'identifiant d'un axe déclaré par « axe »",
        "Une fiche cite son axe par son identifiant, pas par son numéro affiché.";
    REF_OBJECTIF = Ref, "ctg::ref::objectif-inconnu", Error,
        "objectif inconnu",
        "citez l'identifiant d'un objectif déclaré dans un axe",
        "Les objectifs d'une fiche sont cités par leur identifiant.";
    REF_OBJECTIF_HORS_AXE = Ref, "ctg::ref::objectif-hors-axe", Error,
        "objectif d'un autre axe",
        "choisissez un objectif de l'axe de la fiche, ou changez l'axe",
        "Un objectif cité par une fiche doit appartenir à l'axe de cette fiche.";
    REF_PARTENAIRE = Ref, "ctg::ref::partenaire-inconnu", Error,
        "signataire ou partenaire inconnu",
        "déclarez-le par « signataire », « commune » ou « partenaire »",
        "Pilotes, partenaires d'une fiche, membres d'une instance et parties d'une convention liée sont cités \
         par l'identifiant d'un signataire, d'une commune ou d'un partenaire.";
    REF_COMMUNE = Ref, "ctg::ref::commune-inconnue", Error,
        "commune inconnue",
        "déclarez la commune par « commune »",
        "Le territoire d'une fiche et la commune d'un équipement citent des communes déclarées.";
    REF_FINANCEUR = Ref, "ctg::ref::financeur-inconnu", Error,
        "financeur inconnu",
        "citez l'identifiant d'un signataire ou d'un partenaire",
        "Le premier argument de « financement » est l'identifiant du financeur.";
    REF_GESTIONNAIRE = Ref, "ctg::ref::gestionnaire-inconnu", Error,
        "gestionnaire d'équipement inconnu",
        "citez l'identifiant d'un signataire, d'une commune ou d'un partenaire",
        "Le gestionnaire d'un équipement reçoit le Bonus territoire : il doit être déclaré.";
    REF_FICHE = Ref, "ctg::ref::fiche-inconnue", Error,
        "fiche inconnue",
        "citez l'identifiant d'une fiche",
        "Une instance (groupe de travail) cite les fiches qu'elle suit par leur identifiant.";
    REF_CONVENTION_LIEE = Ref, "ctg::ref::convention-liee-inconnue", Error,
        "convention liée inconnue",
        "déclarez-la par « convention-liée »",
        "Un financement peut relever d'une convention liée (Grandir en Milieu Rural, convention d'objectifs…).";
    REF_INDICATEUR = Ref, "ctg::ref::indicateur-inconnu", Error,
        "le bilan donne la valeur d'un indicateur que la fiche n'a pas",
        "recopiez le libellé exact de l'indicateur de la fiche, entre guillemets",
        "Dans un bilan, « valeur \"Libellé\" V » désigne un indicateur de la fiche par son libellé, tel qu'il est \
         écrit dans le bloc « indicateur » de la fiche (accents et majuscules compris).";
    REF_INSTANCE = Ref, "ctg::ref::instance-inconnue", Error,
        "la synthèse d'un bilan nomme une instance qui n'existe pas",
        "vérifiez l'identifiant, ou déclarez l'instance (groupe de travail) dans la convention",
        "« synthèse instance ID » donne la synthèse annuelle d'un groupe de travail ou d'une autre instance \
         déclarée par un bloc « instance ».";
    REF_ARTICLE = Ref, "ctg::ref::article-inconnu", Error,
        "article inconnu",
        "pour un nouvel article, donnez-lui un titre : article mon-id \"Titre\" { … }",
        "« article ID { … } » sans titre remplace le texte d'un article du modèle ; l'identifiant doit alors \
         en être un. Avec un titre, c'est un nouvel article.";
    // --- Numérotation et plan -----------------------------------------------------------------
    NUMERO_DUPLIQUE = Numero, "ctg::numero::duplique", Error,
        "numéro de fiche ou d'axe déjà utilisé",
        "changez le numéro, ou retirez « numéro » pour le laisser calculer",
        "Deux fiches (ou deux axes) ne peuvent pas porter le même numéro affiché.";
    NUMERO_MANQUANT = Numero, "ctg::numero::manquant", Error,
        "numéro de fiche sauté",
        "renumérotez, ou retirez les « numéro » explicites pour les laisser calculer",
        "Les numéros explicites doivent se suivre sans trou : une fiche abandonnée garde son numéro avec \
         « statut abandonné ».";
    FICHE_SANS_AXE = Fiche, "ctg::fiche::sans-axe", Error,
        "fiche sans axe",
        "ajoutez « axe ID » à la fiche",
        "Toute fiche se rattache à un axe : c'est ce qui la place dans le plan d'actions et les totaux par axe.";
    AXE_SANS_FICHE = Axe, "ctg::axe::sans-fiche", Warning,
        "axe sans aucune fiche",
        "rattachez au moins une fiche à cet axe, ou retirez-le",
        "Un axe sans fiche action n'a pas de traduction opérationnelle.";
    OBJECTIF_SANS_FICHE = Objectif, "ctg::objectif::sans-fiche", Warning,
        "objectif qu'aucune fiche ne cite",
        "citez cet objectif dans la fiche qui le met en œuvre",
        "Chaque objectif devrait être mis en œuvre par au moins une fiche.";
    // --- Périodes et dates --------------------------------------------------------------------
    PERIODE_MANQUANTE = Periode, "ctg::periode::manquante", Error,
        "convention sans période",
        "ajoutez « période 2023 .. 2026 » au bloc convention",
        "La période fixe la durée de la convention et les années admises partout ailleurs.";
    PERIODE_FIN_AVANT_DEBUT = Periode, "ctg::periode::fin-avant-debut", Error,
        "fin de période avant son début",
        "inversez les bornes",
        "Dans « A .. B », B ne peut pas précéder A.";
    PERIODE_DUREE = Periode, "ctg::periode::duree-inhabituelle", Warning,
        "durée de convention inhabituelle",
        "une CTG dure habituellement de 1 à 5 ans ; vérifiez les années",
        "La Cnaf préconise 4 à 5 ans ; au-delà de 5 ans, il s'agit le plus souvent d'une faute de frappe.";
    PERIODE_SIGNATURE_APRES = Periode, "ctg::periode::signature-apres-periode", Error,
        "signature après la fin de la période",
        "corrigez la date de signature ou la période",
        "Une signature tardive est courante (la convention est alors rétroactive), mais pas après la fin de la \
         période couverte.";
    PERIODE_CALENDRIER = Periode, "ctg::periode::calendrier-hors-periode", Error,
        "calendrier d'une fiche hors de la période",
        "ramenez les années dans la période de la convention",
        "Le calendrier et les étapes d'une fiche doivent tomber dans la période de la convention.";
    PERIODE_FINANCEMENT = Periode, "ctg::periode::financement-hors-periode", Error,
        "financement hors de la période",
        "ramenez les années dans la période, ou rattachez la ligne à sa convention liée (« convention ID »)",
        "Un financement tombe dans la période de la convention, ou dans celle de la convention liée qu'il cite.";
    PERIODE_INDICATEUR = Periode, "ctg::periode::indicateur-hors-periode", Error,
        "année d'indicateur hors de la période",
        "la cible et les valeurs tombent dans la période ; la valeur de départ la précède ou tombe dedans",
        "La cible et les valeurs annuelles d'un indicateur tombent dans la période ; sa valeur de départ \
         est mesurée avant la fin de la période (voir ctg::indicateur::depart-tardif pour une valeur de \
         départ mesurée en cours de période).";
    // --- Signataires --------------------------------------------------------------------------
    SIGNATAIRE_CAF_ABSENTE = Signataire, "ctg::signataire::caf-absente", Error,
        "aucune Caf parmi les signataires",
        "déclarez la Caf : signataire caf \"Caisse d'allocations familiales de …\" { nature caf … }",
        "Une CTG est signée par une Caisse d'allocations familiales.";
    SIGNATAIRE_COLLECTIVITE_ABSENTE = Signataire, "ctg::signataire::collectivite-absente", Error,
        "aucune collectivité parmi les signataires",
        "ajoutez l'EPCI ou une commune signataire",
        "Une CTG engage au moins une collectivité : EPCI (nature epci) ou commune signataire.";
    SIGNATAIRE_SANS_REPRESENTANT = Signataire, "ctg::signataire::sans-representant", Error,
        "signataire sans représentant",
        "ajoutez « représentant \"Qualité\" M. \"Nom\" » (le nom peut être à compléter)",
        "Chaque signataire signe par au moins une personne, dont la qualité figure dans la clause des parties.";
    SIGNATAIRE_CAF_UN_REPRESENTANT = Signataire, "ctg::signataire::caf-un-representant", Warning,
        "la Caf n'a qu'un représentant",
        "une Caf signe en général par le président de son conseil d'administration et par son directeur",
        "L'usage est une double signature pour la Caf (et la MSA) ; ignorez cet avertissement si votre Caf \
         signe autrement.";
    EXEMPLAIRES = Signataire, "ctg::signataire::exemplaires", Warning,
        "moins d'exemplaires originaux que de signataires",
        "prévoyez au moins un exemplaire original par signataire",
        "Chaque partie reçoit en principe un exemplaire original signé.";
    // --- Logos -------------------------------------------------------------------------------
    LOGO_INTROUVABLE = Logo, "ctg::logo::introuvable", Error,
        "fichier de logo introuvable",
        "écrivez le chemin du fichier relativement au dossier du projet : logo \"logos/caf.svg\" \"Logo de la Caf\"",
        "Le logo d'un signataire est lu dans le dossier du projet, qui seul est accessible à la composition du \
         PDF : un chemin absolu, un chemin qui sort du projet ou un fichier absent sont refusés.";
    LOGO_FORMAT = Logo, "ctg::logo::format", Error,
        "logo dans un format que le PDF ne peut pas inclure",
        "fournissez une image PNG, JPEG, GIF, WebP ou SVG",
        "Le PDF accepte les logos PNG, JPEG, GIF, WebP et SVG. L'extension du fichier et son contenu doivent \
         correspondre : un fichier renommé en .png sans être une image PNG est refusé.";
    LOGO_SANS_ALTERNATIVE = Logo, "ctg::logo::sans-alternative", Error,
        "logo sans texte de remplacement",
        "décrivez le logo : logo \"logos/caf.svg\" \"Logo de la Caf de la Savoie\"",
        "Le texte de remplacement est lu à la place de l'image par les lecteurs d'écran ; le PDF accessible \
         (PDF/UA) et la page HTML l'exigent.";
    // --- Modèle d'articles ----------------------------------------------------------------------
    ARTICLE_VARIABLE_INCONNUE = Article, "ctg::article::variable-inconnue", Error,
        "valeur inconnue dans un texte du modèle d'articles",
        "valeurs possibles : champs, axes_libelle, fiches_libelle, fiche_libelle, nombre_axes, nombre_fiches, axes_compte, fiches_compte, debut, fin, signature, territoire, total, msa, departement, collectivites, collectivites_pluriel, collectivites_pronom, epci, autres_signataires, autres_pluriel, instances, copil, cotech, groupes, sous_reserve_credits",
        "Les textes du modèle d'articles d'un projet (articles.yaml dans son dossier de modèles) peuvent insérer \
         des valeurs de la convention, écrites {{ nom }} : champs (les champs d'intervention), axes_libelle, \
         fiches_libelle et fiche_libelle (les libellés), nombre_axes, nombre_fiches, axes_compte et \
         fiches_compte (« 3 axes », « 1 fiche action »), debut, fin, signature, territoire, total (le total \
         général des financements) ; et qui signe : msa (vrai \
         si une MSA signe), departement (« le Département », vide sinon), collectivites (« la Commune du \
         Pouget », « la Communauté de communes et les communes signataires »…), collectivites_pluriel, \
         collectivites_pronom (elle, il, elles, ils), epci (vrai si un EPCI signe), autres_signataires et \
         autres_pluriel (les autres signataires), instances, copil, cotech et groupes (les instances \
         déclarées), sous_reserve_credits. Le filtre majuscule met en capitale la première lettre d'une \
         valeur en début de phrase : {{ collectivites|majuscule }}. Un autre nom ne correspond à rien : \
         l'article signé le montrerait vide. Le diagnostic montre le nom là où il est écrit dans \
         articles.yaml. Les citations ({{ article duree }}, {{ total caf }}) sont celles de ctg::citation::inconnue.";
    ARTICLE_SYNTAXE = Article, "ctg::article::syntaxe", Error,
        "texte du modèle d'articles mal formé",
        "fermez chaque {{ par }}, chaque {% par %}, et chaque {% if … %} par {% endif %}",
        "Les textes du modèle d'articles sont des modèles minijinja : {{ territoire }} insère une valeur, \
         {% if champs %}…{% endif %} n'écrit un passage que si la valeur existe. Une balise mal formée \
         empêcherait de produire l'article : elle est signalée dès la lecture du modèle, là où elle est écrite.";
    ARTICLE_POSITION_OMISE = Article, "ctg::article::position-omise", Error,
        "article placé avant ou après un article omis",
        "placez l'article par rapport à un article imprimé, ou retirez « omis » de l'autre",
        "« avant ID » et « après ID » placent un article par rapport à un autre. Un article omis n'est pas \
         imprimé : se placer par rapport à lui n'a pas de sens, et le nouvel article se retrouverait à une \
         place que personne n'a choisie.";
    ARTICLE_MEME_PLACE = Article, "ctg::article::meme-place", Error,
        "deux articles à la même place",
        "placez le second par rapport au premier (après ID-DU-PREMIER)",
        "Deux articles qui demandent la même place (« après suivi » tous les deux, ou « avant duree » tous \
         les deux) ne disent pas lequel vient d'abord ; deux articles préliminaires non plus. ctgc ne \
         choisit pas à la place des rédacteurs.";
    ARTICLE_POSITION_INVALIDE = Article, "ctg::article::position-invalide", Error,
        "position d'article impossible",
        "donnez une seule place à l'article : « avant ID » ou « après ID », par rapport à un autre article",
        "Un article se place avant ou après un autre, pas les deux à la fois, ni par rapport à lui-même, ni \
         en chaîne qui revient à son point de départ (a après b, b après a). L'article préliminaire vient \
         toujours en premier : il ne se déplace pas et rien ne se place avant lui.";
    ARTICLE_OMIS_MODIFIE = Article, "ctg::article::omis-modifie", Error,
        "article omis qui reçoit aussi un titre, un texte ou une place",
        "retirez « omis » pour garder l'article, ou retirez le reste pour l'omettre",
        "« article ID { omis } » retire un article du modèle. Lui donner en même temps un titre, un texte \
         ou une place se contredit : ctgc ne devine pas laquelle des deux intentions est la bonne.";
    // --- Modèle de la Caf ---------------------------------------------------------------------
    MODELE_INTROUVABLE = Modele, "ctg::modele::introuvable", Error,
        "dossier du modèle introuvable",
        "écrivez dans ctgc.yaml le chemin du dossier du modèle, relatif au dossier du projet : modèle: ../modele-caf",
        "« modèle: » dans ctgc.yaml nomme le dossier du modèle de convention de la Caf : ses articles, le plan \
         de ses annexes, son style, ses libellés. Ce dossier doit exister et contenir modele.yaml. Son chemin \
         est relatif au dossier du projet et peut en sortir (un sous-module git partagé par toutes les CTG de \
         la Caf), mais il n'est jamais absolu : le projet doit se construire de la même façon sur chaque poste.";
    MODELE_INVALIDE = Modele, "ctg::modele::invalide", Error,
        "fichier du modèle de la Caf invalide",
        "corrigez le fichier du modèle ; docs/model.md décrit chacune de ses clés",
        "modele.yaml (et articles.yaml) du dossier du modèle sont lus comme les sources : une clé inconnue, une \
         valeur hors liste (couleur, couverture, police), un identifiant d'article ou d'annexe en double, un \
         fichier qui sort du dossier du modèle sont signalés là où ils sont écrits, plutôt qu'ignorés.";
    // --- Annexes ------------------------------------------------------------------------------
    ANNEXE_MANQUANTE = Annexe, "ctg::annexe::manquante", Warning,
        "annexe prévue par le modèle que la convention n'écrit pas",
        "écrivez-la : annexe ID { texte \"\"\"…\"\"\" } (erreur avec --final)",
        "Le plan des annexes du modèle fixe leur ordre et leurs numéros : « annexe 3 » dans un texte de la \
         Caf est la troisième du plan. Une annexe libre du plan que la convention n'écrit pas est imprimée à \
         sa place, avec « [à compléter] », pour que les numéros des suivantes ne changent pas ; « ctgc check \
         --final » la refuse. Une annexe marquée « facultative: oui » dans le modèle peut manquer.";
    ANNEXE_PRODUITE = Annexe, "ctg::annexe::produite", Error,
        "texte donné à une annexe que ctgc produit",
        "retirez « texte » : cette annexe est produite à partir de la convention ; son titre seul peut changer",
        "Les annexes synthese, fiches, financements, equipements, gouvernance et conventions-liees sont \
         produites par ctgc à partir de la convention. « annexe fiches \"Les fiches actions\" » en change le \
         titre ; un texte n'y aurait pas de place.";
    // --- Financements -------------------------------------------------------------------------
    FINANCEUR_NON_PARTIE = Financement, "ctg::financement::financeur-non-partie", Error,
        "financeur qui n'est ni signataire ni partenaire",
        "faites-en un signataire ou un partenaire, ou choisissez un autre financeur",
        "Une commune qui ne signe pas ne peut pas financer au titre de la convention : déclarez-la \
         signataire (« signataire oui ») ou partenaire.";
    MONTANT_NON_POSITIF = Financement, "ctg::financement::montant-non-positif", Error,
        "montant nul ou négatif",
        "indiquez un montant positif, ou « à déterminer »",
        "Un financement apporte de l'argent : un montant nul ou négatif est une erreur de saisie.";
    PLAGE_SANS_PAR_AN = Financement, "ctg::financement::plage-sans-par-an", Error,
        "montant sur plusieurs années sans « par an »",
        "écrivez « 12 000 € par an », ou une ligne par année",
        "Sur une plage d'années, le montant est annuel : « par an » lève l'ambiguïté avec un total.";
    FINANCEMENT_DOUBLON = Financement, "ctg::financement::doublon", Warning,
        "même financeur, même année et même dispositif deux fois",
        "regroupez les deux lignes en une",
        "Deux lignes identiques de financement sont presque toujours un copier-coller oublié.";
    // --- Complétude ---------------------------------------------------------------------------
    CONVENTION_MANQUANTE = Convention, "ctg::convention::manquante", Error,
        "aucun bloc « convention »",
        "ajoutez convention \"Titre\" { territoire … période … }",
        "Le bloc convention porte le titre, le territoire, la période et la signature.";
    CONVENTION_MULTIPLE = Convention, "ctg::convention::multiple", Error,
        "plusieurs blocs « convention »",
        "gardez un seul bloc convention par projet",
        "Un projet décrit une convention ; les conventions liées s'écrivent « convention-liée ».";
    CHAMPS_MINIMUM = Champ, "ctg::champ::minimum-cnaf", Warning,
        "champs d'intervention minimaux de la Cnaf non couverts",
        "la circulaire du 16 janvier 2020 demande petite enfance, jeunesse, parentalité et au moins un autre champ",
        "Une CTG couvre au moins la petite enfance, la jeunesse et la parentalité, plus au moins un autre \
         champ (accès aux droits, animation de la vie sociale…).";
    CHAMP_SANS_FICHE = Champ, "ctg::champ::sans-fiche", Warning,
        "champ d'intervention annoncé qu'aucune fiche ne traite",
        "ajoutez une fiche sur ce champ, ou retirez-le de « champs »",
        "Les champs annoncés par la convention devraient tous se retrouver dans le plan d'actions.";
    INDICATEUR_SANS_DEPART = Indicateur, "ctg::indicateur::sans-depart", Warning,
        "indicateur sans valeur de départ",
        "ajoutez « départ VALEUR en ANNÉE » : l'évaluation compare à une valeur de référence",
        "L'évaluation d'une CTG compare les valeurs mesurées à une valeur de départ convenue entre partenaires.";
    INDICATEUR_DEPART_TARDIF = Indicateur, "ctg::indicateur::depart-tardif", Warning,
        "valeur de départ mesurée après le début de l'action",
        "mesurez la valeur de départ au début de l'action ou avant ; une action qui commence en cours de convention déclare son calendrier",
        "La valeur de départ d'un indicateur est mesurée avant que l'action ne commence : au début de la \
         période, ou, pour une action qui commence en cours de convention, au début de son calendrier \
         (« calendrier 2024 .. 2026 » admet « départ … en 2024 »). Mesurée plus tard, elle ne dit plus d'où \
         l'action est partie : c'est un avertissement. Après la fin de la période, c'est une erreur \
         (ctg::periode::indicateur-hors-periode).";
    INDICATEUR_SANS_CIBLE = Indicateur, "ctg::indicateur::sans-cible", Warning,
        "indicateur sans cible",
        "ajoutez « cible VALEUR en ANNÉE »",
        "Un indicateur sans cible ne permet pas de dire si l'action a atteint son but.";
    BROUILLON_A_COMPLETER = Brouillon, "ctg::brouillon::a-completer", Warning,
        "valeur encore « à compléter »",
        "complétez la valeur avant la signature (erreur avec --final)",
        "« à compléter » est permis pendant la rédaction. « ctgc check --final » le refuse : un document \
         signé ne peut pas contenir de trou.";
    AVENANT_NUMERO = Avenant, "ctg::avenant::numero", Error,
        "avenants mal numérotés",
        "numérotez les avenants 1, 2, 3… sans trou ni doublon",
        "Les avenants d'une convention sont numérotés dans l'ordre de leur signature, à partir de 1, \
         chaque numéro une seule fois : le document consolidé les applique dans cet ordre.";
    AVENANT_DATE = Avenant, "ctg::avenant::date", Error,
        "date d'avenant impossible ou absente",
        "datez l'avenant après la signature de la convention et de l'avenant précédent, avant la fin de la période",
        "Un avenant se signe après la convention qu'il modifie et après l'avenant précédent, tant que la \
         convention court (sa période prolongée par les avenants précédents compte). Une date connue au \
         mois près (« janvier 2020 ») est comparée au mois. Une date encore inconnue s'écrit « date à \
         compléter ».";
    AVENANT_CIBLE = Avenant, "ctg::avenant::cible", Error,
        "l'avenant modifie un élément qui n'existe pas à ce stade",
        "vérifiez l'identifiant : il doit désigner un élément de la convention telle que les avenants précédents l'ont laissée",
        "Chaque modification d'un avenant désigne un élément de la convention consolidée par les avenants \
         précédents : la fiche remplacée, retirée ou dont les financements changent, l'article remplacé, \
         la commune qui devient signataire existent ; la fiche, l'article ou l'annexe ajoutés n'existent \
         pas encore.";
    AVENANT_SIGNATAIRE = Avenant, "ctg::avenant::signataire", Error,
        "signataires de l'avenant incohérents",
        "listez dans « signataires » les parties qui signent l'avenant, dont chaque commune qui le rejoint",
        "Un avenant est signé par des parties de la convention consolidée : chaque identifiant de \
         « signataires » désigne une partie qui signe la convention après l'avenant, et une commune qui \
         devient signataire (« ajoute-signataire ») signe l'avenant qui l'y fait entrer. Seule une commune \
         qui ne signe pas encore peut devenir signataire ; seule une partie qui signe peut se retirer.";
    AVENANT_PROLONGATION = Avenant, "ctg::avenant::prolongation", Error,
        "prolongation qui ne recule pas la fin de la convention",
        "donnez une fin postérieure à la fin actuelle de la période",
        "« prolonge » repousse la fin de la période de la convention : la nouvelle fin est postérieure à \
         celle que la convention (et ses avenants précédents) fixait. Une convention sans période ne peut \
         pas être prolongée.";
    // --- Bilan annuel --------------------------------------------------------------------------
    BILAN_HORS_PERIODE = Bilan, "ctg::bilan::annee-hors-periode", Error,
        "bilan d'une année hors de la période de la convention",
        "corrigez l'année du bilan, ou prolongez la période par un avenant",
        "Un bilan annuel porte sur une année de la période de la convention (après avenants) : un bilan \
         d'une autre année ne peut rien mesurer de ce qui a été signé.";
    BILAN_DOUBLE = Bilan, "ctg::bilan::double", Error,
        "une même information donnée deux fois pour une année",
        "gardez une seule des deux valeurs",
        "Une année de bilan peut s'écrire en plusieurs fichiers (un par groupe de travail), mais une fiche n'y \
         figure qu'une fois, la date du COPIL n'est donnée qu'une fois, et la valeur d'un indicateur pour une \
         année n'est donnée qu'à un endroit : dans le bilan de l'année, ou dans « valeur ANNÉE V » de \
         l'indicateur, jamais les deux.";
    BILAN_VALEUR_MANQUANTE = Bilan, "ctg::bilan::valeur-manquante", Warning,
        "indicateur sans valeur pour une année déjà passée en bilan",
        "donnez la valeur dans le bilan de l'année : valeur \"Libellé\" V",
        "Jusqu'à la dernière année qui a un bilan, chaque indicateur a une valeur pour chaque année de la \
         période postérieure à sa valeur de départ (et à partir du début du calendrier de sa fiche). La \
         référence est le dernier bilan écrit, jamais la date du jour : la vérification donne le même \
         résultat demain.";
    BILAN_STATUT_RECUL = Bilan, "ctg::bilan::statut-recul", Warning,
        "le statut d'une fiche recule d'une année à l'autre",
        "vérifiez le statut ; une action reprise après avoir été réalisée mérite une explication dans « difficultés »",
        "D'un bilan à l'autre, une fiche avance : à engager, puis en cours, puis réalisé. Un statut qui recule \
         (réalisé puis en cours, ou en cours puis à engager) est souvent une erreur de saisie. Reporté et \
         abandonné ne sont pas comparés.";
    BILAN_REALISE_DEPASSE = Bilan, "ctg::bilan::realise-depasse", Warning,
        "le montant réalisé dépasse le prévu au-delà du seuil",
        "vérifiez le montant, ou inscrivez le financement supplémentaire par avenant",
        "Pour une fiche, un financeur et une année, le réalisé est comparé au prévu (les financements de la \
         fiche pour ce financeur et cette année). Au-delà de 10 % de dépassement, ou du seuil donné par \
         « seuil-réalisé: » dans ctgc.yaml (en pour cent), c'est un avertissement ; un réalisé sans prévu aussi.";
    CITATION_INCONNUE = Citation, "ctg::citation::inconnue", Warning,
        "citation d'un élément ou d'une valeur inconnus",
        "citez un élément par son identifiant : {{ article duree }}, {{ annexe financements }}, {{ fiche creche }}",
        "Un texte cite un élément de la convention par son identifiant, entre doubles accolades : {{ article ID }}, {{ annexe ID }}, \
         {{ fiche ID }}, {{ axe ID }}, {{ objectif ID }}, {{ instance ID }} s'impriment avec le numéro et le titre actuels de \
         l'élément (« l'article 7 « Durée de la convention » »), en lien dans le PDF et la page HTML ; {{ total ID }} imprime le \
         total des financements d'un financeur. Les valeurs de la convention s'écrivent seules : {{ debut }}, {{ fin }}, \
         {{ signature }}, {{ territoire }}, {{ nombre_fiches }}, {{ nombre_axes }}, {{ total }}. Une citation inconnue \
         s'imprime telle qu'écrite. Pour imprimer des accolades, écrivez \\{{. Les textes du modèle d'articles \
         (articles.yaml du projet ou du modèle de la Caf) sont vérifiés de même, à l'endroit du fichier où la \
         citation est écrite.";
    CITATION_MALFORMEE = Citation, "ctg::citation::malformee", Warning,
        "citation mal écrite",
        "écrivez la citation sur une ligne : {{ fiche creche }}, ou \\{{ pour imprimer des accolades",
        "Une citation tient sur une ligne, entre {{ et }}, en un mot (une valeur : {{ debut }}) ou deux (un élément : \
         {{ fiche creche }}). Une citation mal écrite s'imprime telle qu'écrite.";
    CITATION_HORS_DOCUMENT = Citation, "ctg::citation::hors-document", Warning,
        "citation d'un article omis ou d'une annexe absente",
        "citez un article ou une annexe que le document imprime",
        "Un article omis (« omis ») ou une annexe que le document n'imprime pas (facultative et sans contenu, ou absente du \
         plan des annexes du modèle) n'a ni numéro ni page : sa citation s'imprime telle qu'écrite.";
}

#[cfg(feature = "cli")]
pub(crate) fn find(code: &str) -> Option<&'static Rule> {
    let code = code.trim();
    ALL.iter()
        .copied()
        .find(|r| r.code == code || r.code.rsplit("::").next() == Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_names_its_family() {
        for rule in ALL {
            let mut segments = rule.code.split("::");
            assert_eq!(segments.next(), Some("ctg"), "{}", rule.code);
            assert_eq!(segments.next(), Some(rule.family.name()), "{}", rule.code);
            assert!(
                segments.next().is_some_and(|s| !s.is_empty()),
                "{}",
                rule.code
            );
            assert_eq!(segments.next(), None, "{}", rule.code);
        }
    }
}
