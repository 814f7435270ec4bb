//! Which script a piece of text is written in (Thai, Khmer, Latin, ...).
