//! The interface's languages (English, Thai, Khmer) with Fluent messages embedded
//! in the binary, and the choice of language per request.
//!
//! A message missing in Thai or Khmer falls back to English, so a gap shows English
//! rather than a raw id; a test keeps the three files in step so no gap ships.

use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Thai.
    Th,
    /// Khmer.
    Km,
}

impl Lang {
    /// Every language, in the order of the language switcher.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Th, Lang::Km];

    /// The BCP 47 code (`th`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Th => "th",
            Lang::Km => "km",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Th => "ไทย",
            Lang::Km => "ខ្មែរ",
        }
    }

    /// Reads a code such as `th` or `th-TH` (case-insensitive).
    pub fn parse(code: &str) -> Option<Self> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == primary)
    }

    /// The first supported language of an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut ranked: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let lang = Lang::parse(pieces.next()?)?;
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse().ok()))
                    .unwrap_or(1.0);
                Some((quality, lang))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, lang)| *lang)
    }

    fn index(self) -> usize {
        self as usize
    }
}

const SOURCES: [(Lang, &str); 3] = [
    (Lang::En, include_str!("../locales/en.ftl")),
    (Lang::Th, include_str!("../locales/th.ftl")),
    (Lang::Km, include_str!("../locales/km.ftl")),
];

/// The loaded message bundles of every language.
pub struct I18n {
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("I18n")
    }
}

impl I18n {
    /// Parses the embedded message files.
    ///
    /// # Panics
    /// When a message file does not parse: they are part of the binary, and a test
    /// parses them.
    pub fn load() -> Self {
        let bundles = SOURCES
            .iter()
            .map(|(lang, source)| {
                let resource =
                    FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(_, errors)| {
                        panic!("messages for {} do not parse: {errors:?}", lang.code())
                    });
                let id = lang.code().parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // The pages are HTML with their own `lang`; Unicode isolation marks
                // around arguments would only clutter copied text.
                bundle.set_use_isolating(false);
                bundle
                    .add_resource(resource)
                    .unwrap_or_else(|errors| panic!("duplicate messages: {errors:?}"));
                bundle
            })
            .collect();
        Self { bundles }
    }

    /// The message `id` in `lang`, with arguments; English when missing there; the id
    /// itself when missing everywhere.
    pub fn format(&self, lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        for bundle in [&self.bundles[lang.index()], &self.bundles[Lang::En.index()]] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        id.to_owned()
    }

    /// The ids of every message in `lang` (for the completeness test).
    pub fn message_ids(lang: Lang) -> Vec<String> {
        let source = SOURCES[lang.index()].1;
        source
            .lines()
            .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim().to_owned()))
            .collect()
    }
}

/// Messages in one language, handed to templates and error pages.
#[derive(Debug, Clone)]
pub struct Translator {
    lang: Lang,
    i18n: Arc<I18n>,
}

impl Translator {
    /// A translator for `lang`.
    pub fn new(lang: Lang, i18n: Arc<I18n>) -> Self {
        Self { lang, i18n }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id`.
    pub fn get(&self, id: &str) -> String {
        self.i18n.format(self.lang, id, None)
    }

    /// The message `id` with one argument.
    pub fn get1(&self, id: &str, name: &str, value: impl std::fmt::Display) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(value.to_string()));
        self.i18n.format(self.lang, id, Some(&args))
    }

    /// A vocabulary value's label (`exploitation-ForcedLabour`), or the code itself.
    pub fn code(&self, prefix: &str, code: &str) -> String {
        self.get(&format!("{prefix}-{code}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_english_message() {
        let english = I18n::message_ids(Lang::En);
        assert!(english.len() > 50);
        for lang in [Lang::Th, Lang::Km] {
            let ids = I18n::message_ids(lang);
            let missing: Vec<_> = english.iter().filter(|id| !ids.contains(id)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            let extra: Vec<_> = ids.iter().filter(|id| !english.contains(id)).collect();
            assert!(extra.is_empty(), "{} has unknown {extra:?}", lang.code());
        }
    }

    #[test]
    fn every_message_file_parses() {
        let i18n = I18n::load();
        assert_eq!(i18n.format(Lang::Th, "nav-cases", None), "คดี");
    }

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(
            Lang::from_accept_language("fr-FR, km;q=0.8, en;q=0.5"),
            Some(Lang::Km)
        );
        assert_eq!(Lang::from_accept_language("th-TH"), Some(Lang::Th));
        assert_eq!(Lang::from_accept_language("de"), None);
    }
}
