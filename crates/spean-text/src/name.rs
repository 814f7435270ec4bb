//! Name keys: cross-script, phonetic keys that let spellings of one name meet in a block.
