//! General text normalisation before matching: width, digits, invisible characters, look-alikes.
