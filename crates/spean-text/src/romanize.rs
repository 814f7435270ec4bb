//! Romanisation of Thai (RTGS) and Khmer (UNGEGN) into Latin letters.
