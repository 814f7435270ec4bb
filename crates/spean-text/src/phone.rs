//! Phone numbers in E.164 form: the only shape in which Spean stores or compares them.
