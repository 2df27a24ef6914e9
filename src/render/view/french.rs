//! The grammar of names in a French legal text: the article a name carries (« Le Pouget », « Les
//! Herbiers », « La Rochelle », « L'Aigle »), its contraction with « de » and « à » (« du Pouget »,
//! « aux Herbiers », « de La Rochelle », « à L'Aigle »), elision (« d'Aube »), and the article a
//! body's name takes in a clause (« la Caisse … », « le Département … »).
//!
//! Every place that writes a name after « de » or « à » — the parties clause, the signature
//! cells, « Fait à », the cover, the articles — goes through [`de`] and [`a`].

use crate::model::Gender;
use crate::typography::capitalize;

/// The article a proper name starts with, as the name is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// « Le Pouget »: contracts to « du », « au ».
    Le,
    /// « Les Herbiers »: contracts to « des », « aux ».
    Les,
    /// « La Rochelle », « L'Aigle »: never contracts.
    Other,
    /// « Aube »: elides « de » before a vowel.
    None,
}

/// The article NAME starts with, and the rest of the name after it. The article's case does not
/// matter (« Le Barp », « le siège de la Communauté »); a no-break space may follow it.
fn lead(name: &str) -> (Lead, &str) {
    for (article, lead) in [("le", Lead::Le), ("les", Lead::Les), ("la", Lead::Other)] {
        if let Some(head) = name.get(..article.len())
            && head.eq_ignore_ascii_case(article)
            && let Some(rest) = name[article.len()..].strip_prefix([' ', '\u{a0}'])
        {
            return (lead, rest);
        }
    }
    let elided = ["l'", "l’", "L'", "L’"]
        .iter()
        .any(|a| name.starts_with(a) && name.len() > a.len());
    if elided {
        (Lead::Other, name)
    } else {
        (Lead::None, name)
    }
}

/// Whether « de » elides before a proper name: before a vowel or `y` (« d'Aube », « d'Yzeure »),
/// not before `h`, aspirated in most place names (« de Honfleur », « de Haguenau »).
fn elides_before_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| {
        crate::keyword::fold(&c.to_string())
            .chars()
            .next()
            .is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
    })
}

/// « de » before NAME: « du Pouget », « des Aires », « de La Rochelle », « de L'Aigle »,
/// « d'Aube », « de Rai ».
pub(crate) fn de(name: &str) -> String {
    match lead(name) {
        (Lead::Le, rest) => format!("du {rest}"),
        (Lead::Les, rest) => format!("des {rest}"),
        (Lead::Other, _) => format!("de {name}"),
        (Lead::None, _) if elides_before_name(name) => format!("d'{name}"),
        (Lead::None, _) => format!("de {name}"),
    }
}

/// « à » before NAME: « au Barp », « aux Herbiers », « à La Rochelle », « à L'Aigle », « à Rai ».
pub(crate) fn a(name: &str) -> String {
    match lead(name) {
        (Lead::Le, rest) => format!("au {rest}"),
        (Lead::Les, rest) => format!("aux {rest}"),
        _ => format!("à {name}"),
    }
}

/// How a commune is named in a legal text: « Commune du Pouget », « Commune de L'Aigle »,
/// « Commune d'Aube ». A name that already says what it is (« Ville de Brive-la-Gaillarde »,
/// « Commune nouvelle d'Annecy ») is kept.
pub(crate) fn commune(name: &str) -> String {
    let folded = crate::keyword::fold(name);
    let (_, rest) = lead(&folded);
    let first = rest.split([' ', '\u{a0}']).next().unwrap_or_default();
    if ["commune", "ville", "mairie", "municipalite"].contains(&first) {
        return name.to_string();
    }
    format!("Commune {}", de(name))
}

/// Whether a common noun elides the article before it (« l'Assemblée », « l'hôtel »).
pub(crate) fn elides(word: &str) -> bool {
    word.chars()
        .next()
        .map(|c| crate::keyword::fold(&c.to_string()))
        .is_some_and(|c| matches!(c.as_str(), "a" | "e" | "i" | "o" | "u" | "y" | "h"))
}

/// « La Caisse … », « Le Département … », « L'Établissement … »: a body's name with its article,
/// capitalised; a name that already carries one keeps it.
pub(crate) fn with_article(name: &str, gender: Gender) -> String {
    if lead(name).0 != Lead::None {
        return capitalize(name);
    }
    if elides(name) {
        format!("L'{name}")
    } else if gender == Gender::Feminin {
        format!("La {name}")
    } else {
        format!("Le {name}")
    }
}

/// The article of a sentence start made lowercase: « La Commune du Pouget » → « la Commune du
/// Pouget », « Le SIVOM » → « le SIVOM »; the name itself keeps its capitals.
pub(crate) fn lower_article(s: &str) -> String {
    for article in ["La ", "Le ", "Les ", "L'", "L’"] {
        if let Some(rest) = s.strip_prefix(article) {
            return format!("{}{rest}", article.to_lowercase());
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real commune names of every shape, with « la Commune de … » and « Fait à … » as a Caf's
    /// legal service writes them.
    const COMMUNES: &[(&str, &str, &str)] = &[
        // Le …: de + le → du, à + le → au.
        ("Le Pouget", "Commune du Pouget", "au Pouget"),
        ("Le Barp", "Commune du Barp", "au Barp"),
        ("Le Havre", "Commune du Havre", "au Havre"),
        ("Le Mans", "Commune du Mans", "au Mans"),
        (
            "Le Puy-en-Velay",
            "Commune du Puy-en-Velay",
            "au Puy-en-Velay",
        ),
        ("Le Creusot", "Commune du Creusot", "au Creusot"),
        ("Le Cannet", "Commune du Cannet", "au Cannet"),
        ("Le Lamentin", "Commune du Lamentin", "au Lamentin"),
        ("Le Teil", "Commune du Teil", "au Teil"),
        ("Le Pecq", "Commune du Pecq", "au Pecq"),
        ("Le Vésinet", "Commune du Vésinet", "au Vésinet"),
        (
            "Le Chesnay-Rocquencourt",
            "Commune du Chesnay-Rocquencourt",
            "au Chesnay-Rocquencourt",
        ),
        (
            "Le Mesnil-Saint-Denis",
            "Commune du Mesnil-Saint-Denis",
            "au Mesnil-Saint-Denis",
        ),
        (
            "Le Touquet-Paris-Plage",
            "Commune du Touquet-Paris-Plage",
            "au Touquet-Paris-Plage",
        ),
        ("Le Bouscat", "Commune du Bouscat", "au Bouscat"),
        ("Le Haillan", "Commune du Haillan", "au Haillan"),
        (
            "Le Taillan-Médoc",
            "Commune du Taillan-Médoc",
            "au Taillan-Médoc",
        ),
        (
            "Le Grand-Bornand",
            "Commune du Grand-Bornand",
            "au Grand-Bornand",
        ),
        (
            "Le Poiré-sur-Vie",
            "Commune du Poiré-sur-Vie",
            "au Poiré-sur-Vie",
        ),
        ("Le Blanc", "Commune du Blanc", "au Blanc"),
        (
            "Le Malzieu-Ville",
            "Commune du Malzieu-Ville",
            "au Malzieu-Ville",
        ),
        ("Le Thillot", "Commune du Thillot", "au Thillot"),
        ("Le Bourget", "Commune du Bourget", "au Bourget"),
        (
            "Le Kremlin-Bicêtre",
            "Commune du Kremlin-Bicêtre",
            "au Kremlin-Bicêtre",
        ),
        ("Le\u{a0}Barp", "Commune du Barp", "au Barp"),
        // La …: never contracts, keeps its capital.
        ("La Rochelle", "Commune de La Rochelle", "à La Rochelle"),
        (
            "La Chapelle-aux-Brocs",
            "Commune de La Chapelle-aux-Brocs",
            "à La Chapelle-aux-Brocs",
        ),
        (
            "La Roche-sur-Yon",
            "Commune de La Roche-sur-Yon",
            "à La Roche-sur-Yon",
        ),
        ("La Ciotat", "Commune de La Ciotat", "à La Ciotat"),
        (
            "La Seyne-sur-Mer",
            "Commune de La Seyne-sur-Mer",
            "à La Seyne-sur-Mer",
        ),
        (
            "La Teste-de-Buch",
            "Commune de La Teste-de-Buch",
            "à La Teste-de-Buch",
        ),
        ("La Flèche", "Commune de La Flèche", "à La Flèche"),
        (
            "La Baule-Escoublac",
            "Commune de La Baule-Escoublac",
            "à La Baule-Escoublac",
        ),
        ("La Garde", "Commune de La Garde", "à La Garde"),
        ("La Courneuve", "Commune de La Courneuve", "à La Courneuve"),
        ("La Tronche", "Commune de La Tronche", "à La Tronche"),
        (
            "La Valette-du-Var",
            "Commune de La Valette-du-Var",
            "à La Valette-du-Var",
        ),
        (
            "La Ferté-Macé",
            "Commune de La Ferté-Macé",
            "à La Ferté-Macé",
        ),
        (
            "La Souterraine",
            "Commune de La Souterraine",
            "à La Souterraine",
        ),
        ("La Bresse", "Commune de La Bresse", "à La Bresse"),
        ("La Madeleine", "Commune de La Madeleine", "à La Madeleine"),
        (
            "La Chapelle-sur-Erdre",
            "Commune de La Chapelle-sur-Erdre",
            "à La Chapelle-sur-Erdre",
        ),
        ("La Crau", "Commune de La Crau", "à La Crau"),
        (
            "La Motte-Servolex",
            "Commune de La Motte-Servolex",
            "à La Motte-Servolex",
        ),
        (
            "La Tranche-sur-Mer",
            "Commune de La Tranche-sur-Mer",
            "à La Tranche-sur-Mer",
        ),
        // Les …: de + les → des, à + les → aux.
        ("Les Herbiers", "Commune des Herbiers", "aux Herbiers"),
        ("Les Aires", "Commune des Aires", "aux Aires"),
        (
            "Les Sables-d'Olonne",
            "Commune des Sables-d'Olonne",
            "aux Sables-d'Olonne",
        ),
        ("Les Mureaux", "Commune des Mureaux", "aux Mureaux"),
        ("Les Ulis", "Commune des Ulis", "aux Ulis"),
        ("Les Lilas", "Commune des Lilas", "aux Lilas"),
        (
            "Les Pavillons-sous-Bois",
            "Commune des Pavillons-sous-Bois",
            "aux Pavillons-sous-Bois",
        ),
        (
            "Les Ponts-de-Cé",
            "Commune des Ponts-de-Cé",
            "aux Ponts-de-Cé",
        ),
        ("Les Angles", "Commune des Angles", "aux Angles"),
        (
            "Les Clayes-sous-Bois",
            "Commune des Clayes-sous-Bois",
            "aux Clayes-sous-Bois",
        ),
        (
            "Les Essarts-le-Roi",
            "Commune des Essarts-le-Roi",
            "aux Essarts-le-Roi",
        ),
        ("Les Abymes", "Commune des Abymes", "aux Abymes"),
        ("Les Andelys", "Commune des Andelys", "aux Andelys"),
        (
            "Les Contamines-Montjoie",
            "Commune des Contamines-Montjoie",
            "aux Contamines-Montjoie",
        ),
        ("Les Gets", "Commune des Gets", "aux Gets"),
        ("Les Épesses", "Commune des Épesses", "aux Épesses"),
        ("Les Avirons", "Commune des Avirons", "aux Avirons"),
        ("Les Houches", "Commune des Houches", "aux Houches"),
        ("Les Mées", "Commune des Mées", "aux Mées"),
        // L'…: never contracts, keeps its capital and its apostrophe.
        ("L'Aigle", "Commune de L'Aigle", "à L'Aigle"),
        ("L'Isle-Adam", "Commune de L'Isle-Adam", "à L'Isle-Adam"),
        (
            "L'Haÿ-les-Roses",
            "Commune de L'Haÿ-les-Roses",
            "à L'Haÿ-les-Roses",
        ),
        (
            "L'Isle-sur-la-Sorgue",
            "Commune de L'Isle-sur-la-Sorgue",
            "à L'Isle-sur-la-Sorgue",
        ),
        ("L'Union", "Commune de L'Union", "à L'Union"),
        (
            "L'Île-Saint-Denis",
            "Commune de L'Île-Saint-Denis",
            "à L'Île-Saint-Denis",
        ),
        ("L'Étang-Salé", "Commune de L'Étang-Salé", "à L'Étang-Salé"),
        (
            "L'Isle-d'Abeau",
            "Commune de L'Isle-d'Abeau",
            "à L'Isle-d'Abeau",
        ),
        ("L'Hermitage", "Commune de L'Hermitage", "à L'Hermitage"),
        ("L'Absie", "Commune de L'Absie", "à L'Absie"),
        ("L'Horme", "Commune de L'Horme", "à L'Horme"),
        ("L'Île-d'Yeu", "Commune de L'Île-d'Yeu", "à L'Île-d'Yeu"),
        ("L'Épine", "Commune de L'Épine", "à L'Épine"),
        ("L'Éguille", "Commune de L'Éguille", "à L'Éguille"),
        ("L’Aigle", "Commune de L’Aigle", "à L’Aigle"),
        // No article: « de » elides before a vowel, not before h.
        ("Rai", "Commune de Rai", "à Rai"),
        ("Aube", "Commune d'Aube", "à Aube"),
        (
            "Aime-la-Plagne",
            "Commune d'Aime-la-Plagne",
            "à Aime-la-Plagne",
        ),
        (
            "Brive-la-Gaillarde",
            "Commune de Brive-la-Gaillarde",
            "à Brive-la-Gaillarde",
        ),
        ("Salles-Curan", "Commune de Salles-Curan", "à Salles-Curan"),
        ("Meaux", "Commune de Meaux", "à Meaux"),
        ("Thueyts", "Commune de Thueyts", "à Thueyts"),
        ("Belin-Béliet", "Commune de Belin-Béliet", "à Belin-Béliet"),
        ("Lugos", "Commune de Lugos", "à Lugos"),
        ("Saint-Magne", "Commune de Saint-Magne", "à Saint-Magne"),
        ("Orange", "Commune d'Orange", "à Orange"),
        (
            "Évry-Courcouronnes",
            "Commune d'Évry-Courcouronnes",
            "à Évry-Courcouronnes",
        ),
        ("Yzeure", "Commune d'Yzeure", "à Yzeure"),
        ("Ussel", "Commune d'Ussel", "à Ussel"),
        ("Issoudun", "Commune d'Issoudun", "à Issoudun"),
        ("Île-Tudy", "Commune d'Île-Tudy", "à Île-Tudy"),
        (
            "Oloron-Sainte-Marie",
            "Commune d'Oloron-Sainte-Marie",
            "à Oloron-Sainte-Marie",
        ),
        ("Honfleur", "Commune de Honfleur", "à Honfleur"),
        ("Haguenau", "Commune de Haguenau", "à Haguenau"),
        // Names that only look like an article: no space after it.
        ("Lens", "Commune de Lens", "à Lens"),
        (
            "Lesparre-Médoc",
            "Commune de Lesparre-Médoc",
            "à Lesparre-Médoc",
        ),
        ("Laval", "Commune de Laval", "à Laval"),
        ("Lalinde", "Commune de Lalinde", "à Lalinde"),
        ("Leers", "Commune de Leers", "à Leers"),
        (
            "Lamballe-Armor",
            "Commune de Lamballe-Armor",
            "à Lamballe-Armor",
        ),
        // A name that already says what it is.
        (
            "Ville de Brive-la-Gaillarde",
            "Ville de Brive-la-Gaillarde",
            "à Ville de Brive-la-Gaillarde",
        ),
        ("Commune de Rai", "Commune de Rai", "à Commune de Rai"),
        (
            "Villeneuve-sur-Lot",
            "Commune de Villeneuve-sur-Lot",
            "à Villeneuve-sur-Lot",
        ),
        (
            "Ville-d'Avray",
            "Commune de Ville-d'Avray",
            "à Ville-d'Avray",
        ),
    ];

    #[test]
    fn commune_names_take_their_article() {
        assert!(COMMUNES.len() >= 100, "{} names", COMMUNES.len());
        for &(name, commune_name, at) in COMMUNES {
            assert_eq!(commune(name), commune_name, "{name}");
            assert_eq!(a(name), at, "{name}");
            assert_eq!(
                lower_article(&with_article(&commune(name), Gender::Feminin)),
                format!("la {commune_name}"),
                "{name}"
            );
        }
    }

    #[test]
    fn places_written_in_full_contract_too() {
        assert_eq!(a("le siège de la Communauté"), "au siège de la Communauté");
        assert_eq!(
            a("la mairie de Salles-Curan"),
            "à la mairie de Salles-Curan"
        );
        assert_eq!(a("les locaux du CIAS"), "aux locaux du CIAS");
        assert_eq!(de("Les Herbiers"), "des Herbiers");
        assert_eq!(de("Aube"), "d'Aube");
    }

    #[test]
    fn bodies_take_the_article_of_their_gender() {
        assert_eq!(
            with_article(
                "Caisse d'allocations familiales de la Savoie",
                Gender::Feminin
            ),
            "La Caisse d'allocations familiales de la Savoie"
        );
        assert_eq!(
            with_article("Établissement public", Gender::Masculin),
            "L'Établissement public"
        );
        assert_eq!(
            with_article("Département de la Savoie", Gender::Masculin),
            "Le Département de la Savoie"
        );
        assert_eq!(
            with_article("la Commune de Rai", Gender::Feminin),
            "La Commune de Rai"
        );
        assert_eq!(
            with_article("SIVOM d'Ayen", Gender::Masculin),
            "Le SIVOM d'Ayen"
        );
        assert_eq!(lower_article("Le SIVOM d'Ayen"), "le SIVOM d'Ayen");
        assert_eq!(lower_article("L'Établissement"), "l'Établissement");
    }
}
