//! Spean multilingual text: Thai/Khmer/Latin normalisation and romanisation, name keys, phones, dates.
