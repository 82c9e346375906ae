"""Free-text use case: find listed parties named in documents, SWIFT MT and ISO 20022 messages."""
