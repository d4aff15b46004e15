"""The HTTP client under our openai clients: a stalled server is not asked again.

The openai client retries a request that timed out as it retries a 429 or a 503, so a server that
accepts the connection and then says nothing cost ``(1 + ASSISTANT_LLM_MAX_RETRIES) ×
ASSISTANT_LLM_TIMEOUT`` — three minutes with the defaults — before the answer fell back to the
offline composer. A stall is not a hiccup a retry cures, so here a read time-out is final; rate
limits, server errors and refused connections are still retried. The openai client (3.x) speaks
through ``httpx2``, not ``httpx``. Imported only when a client for an endpoint is made.

The client is wrapped, not its transport: httpx2 reads the proxy settings of the environment
(``HTTPS_PROXY`` …) only when it builds the transports itself.
"""

from __future__ import annotations

from typing import Any

import httpx2
import openai


class StallIsFinal(openai.DefaultHttpxClient):
    """openai's own default HTTP client (proxies from the environment, redirects, connection
    limits) that raises a read time-out as the ``APITimeoutError`` it would have become after the
    retries: the openai client passes its own errors through without retrying ("Propagate
    OpenAIErrors as-is" in ``openai._base_client``)."""

    def send(self, request: httpx2.Request, **kwargs: Any) -> httpx2.Response:
        try:
            return super().send(request, **kwargs)
        except httpx2.ReadTimeout as exc:
            raise openai.APITimeoutError(request=request) from exc
