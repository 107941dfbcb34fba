"""The Rejoinder application: configuration, mailboxes, drafts, journal, daemon and CLI."""
