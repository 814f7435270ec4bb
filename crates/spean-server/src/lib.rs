//! Spean web server: HTML UI, JSON API, authentication, access control, i18n.
