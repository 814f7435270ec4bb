//! Dates as people write them: exact, partial (year, month and year), Buddhist-era years.
