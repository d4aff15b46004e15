"""Test support: the loopback OpenAI-compatible server and the network guard."""
