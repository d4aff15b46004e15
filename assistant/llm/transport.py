"""The HTTP transport under our openai clients: a stalled server is not asked again.

The openai client retries a request that timed out as it retries a 429 or a 503, so a server that
accepts the connection and then says nothing cost ``(1 + ASSISTANT_LLM_MAX_RETRIES) ×
ASSISTANT_LLM_TIMEOUT`` — three minutes with the defaults — before the answer fell back to the
offline composer. A stall is not a hiccup a retry cures, so here a read time-out is final; rate
limits, server errors and refused connections are still retried. The openai client (3.x) speaks
through ``httpx2``, not ``httpx``. Imported only when a client for an endpoint is made.
"""

from __future__ import annotations

import httpx2
import openai


class StallIsFinal(httpx2.HTTPTransport):
    """Raises a read time-out as the ``APITimeoutError`` it would have become after the retries:
    the openai client passes its own errors through without retrying ("Propagate OpenAIErrors
    as-is" in ``openai._base_client``)."""

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        try:
            return super().handle_request(request)
        except httpx2.ReadTimeout as exc:
            raise openai.APITimeoutError(request=request) from exc


def http_client() -> httpx2.Client:
    """The openai client's own default HTTP client (proxies from the environment, redirects,
    connection limits) over :class:`StallIsFinal`."""
    return openai.DefaultHttpxClient(transport=StallIsFinal())
