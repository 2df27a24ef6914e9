//! The closed vocabularies of the language: each value with its keyword, as written in `.ctg`
//! files, and its label, as printed in the documents.

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $( $variant:ident = $canon:literal, $label:literal; )* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( $variant ),* }
        impl $name {
            pub(crate) const ALL: &'static [$name] = &[ $( $name::$variant ),* ];
            /// The keyword spelling, as written in `.ctg` files.
            pub(crate) fn keyword(self) -> &'static str { match self { $( $name::$variant => $canon ),* } }
            /// The label printed in documents.
            pub fn label(self) -> &'static str { match self { $( $name::$variant => $label ),* } }
            pub fn keywords() -> Vec<&'static str> { Self::ALL.iter().map(|v| v.keyword()).collect() }
            pub(crate) fn from_keyword(word: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| crate::keyword::fold_eq(v.keyword(), word))
            }
        }
    };
}

vocabulary!(
    /// What kind of body a party is.
    Nature {
        Caf = "caf", "Caisse d'allocations familiales";
        Msa = "msa", "Mutualité sociale agricole";
        Epci = "epci", "Établissement public de coopération intercommunale";
        Commune = "commune", "Commune";
        Departement = "département", "Département";
        Region = "région", "Région";
        Syndicat = "syndicat", "Syndicat";
        Cias = "cias", "Centre intercommunal d'action sociale";
        Ccas = "ccas", "Centre communal d'action sociale";
        Etat = "état", "État";
        Cpam = "cpam", "Caisse primaire d'assurance maladie";
        Carsat = "carsat", "Carsat";
        CentreSocial = "centre-social", "Centre social";
        Evs = "evs", "Espace de vie sociale";
        Association = "association", "Association";
        EducationNationale = "éducation-nationale", "Éducation nationale";
        Autre = "autre", "Autre";
    }
);

vocabulary!(
    /// Champs d'intervention.
    Champ {
        PetiteEnfance = "petite-enfance", "Petite enfance";
        Enfance = "enfance", "Enfance";
        Jeunesse = "jeunesse", "Jeunesse";
        Parentalite = "parentalité", "Parentalité";
        AnimationVieSociale = "animation-vie-sociale", "Animation de la vie sociale";
        AccesAuxDroits = "accès-aux-droits", "Accès aux droits";
        InclusionNumerique = "inclusion-numérique", "Inclusion numérique";
        Logement = "logement", "Logement";
        CadreDeVie = "cadre-de-vie", "Cadre de vie";
        Handicap = "handicap", "Handicap";
        AccompagnementSocial = "accompagnement-social", "Accompagnement social";
        Mobilite = "mobilité", "Mobilité";
        Sante = "santé", "Santé";
        Insertion = "insertion", "Insertion";
        Education = "éducation", "Éducation";
        Seniors = "seniors", "Seniors";
        VieAssociative = "vie-associative", "Vie associative";
    }
);

vocabulary!(
    Statut {
        AEngager = "à-engager", "À engager";
        EnCours = "en-cours", "En cours";
        Realise = "réalisé", "Réalisé";
        Reporte = "reporté", "Reporté";
        Abandonne = "abandonné", "Abandonné";
    }
);

vocabulary!(
    Priorite {
        Prioritaire = "prioritaire", "Prioritaire";
        Secondaire = "secondaire", "Secondaire";
    }
);

vocabulary!(
    IndicatorType {
        Realisation = "réalisation", "Réalisation";
        Resultat = "résultat", "Résultat";
        Impact = "impact", "Impact";
        Moyens = "moyens", "Moyens";
    }
);

vocabulary!(
    EquipmentType {
        Eaje = "eaje", "Établissement d'accueil du jeune enfant (EAJE)";
        MicroCreche = "micro-crèche", "Micro-crèche";
        Alsh = "alsh", "Accueil de loisirs sans hébergement (ALSH)";
        AlshPeriscolaire = "alsh-périscolaire", "ALSH périscolaire";
        AlshExtrascolaire = "alsh-extrascolaire", "ALSH extrascolaire";
        Rpe = "rpe", "Relais petite enfance (RPE)";
        Laep = "laep", "Lieu d'accueil enfants-parents (LAEP)";
        AccueilJeunes = "accueil-jeunes", "Accueil jeunes";
        CentreSocial = "centre-social", "Centre social";
        Evs = "evs", "Espace de vie sociale (EVS)";
        Ludotheque = "ludothèque", "Ludothèque";
        FranceServices = "france-services", "France services";
        Autre = "autre", "Autre";
    }
);

vocabulary!(
    CapacityUnit {
        Places = "places", "places";
        Heures = "heures", "heures";
        Etp = "etp", "ETP";
    }
);

vocabulary!(
    InstanceType {
        Copil = "copil", "Comité de pilotage";
        Cotech = "cotech", "Comité technique";
        GroupeDeTravail = "groupe-de-travail", "Groupe de travail";
        Autre = "autre", "Instance";
    }
);

vocabulary!(
    ConventionStatus {
        Projet = "projet", "Projet";
        Signee = "signée", "Signée";
    }
);

vocabulary!(
    Gender {
        Feminin = "féminin", "féminin";
        Masculin = "masculin", "masculin";
    }
);

vocabulary!(
    Civility {
        M = "M.", "M.";
        Mme = "Mme", "Mme";
    }
);

impl Nature {
    /// Grammatical gender of the body's name when none is given: « la Caf », « le Département ».
    pub(crate) fn default_gender(self) -> Gender {
        match self {
            Nature::Caf
            | Nature::Msa
            | Nature::Epci
            | Nature::Commune
            | Nature::Region
            | Nature::Cpam
            | Nature::Carsat
            | Nature::Association
            | Nature::EducationNationale => Gender::Feminin,
            _ => Gender::Masculin,
        }
    }

    /// A collectivité for the "at least one collectivité signs" rule.
    pub(crate) fn is_collectivite(self) -> bool {
        matches!(
            self,
            Nature::Epci
                | Nature::Commune
                | Nature::Syndicat
                | Nature::Departement
                | Nature::Region
        )
    }
}
