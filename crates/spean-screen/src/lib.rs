//! Spean screening of online recruitment ads: indicators, identifiers, explainable risk, near-duplicates.
