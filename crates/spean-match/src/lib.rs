//! Spean entity resolution: blocking, comparisons, Fellegi-Sunter with EM, clustering.
