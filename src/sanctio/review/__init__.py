"""Alert review: alerts from book re-screening, decisions, re-alert rules, evidence of
screening, the hash-chained audit trail, and the monitoring cycle (see docs/review.md)."""
