"""Safety: personal data masking and the fencing of untrusted text."""
