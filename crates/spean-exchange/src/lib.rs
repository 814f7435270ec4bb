//! Spean node-to-node exchange: peers, signed envelopes, outbox delivery, inbox.
