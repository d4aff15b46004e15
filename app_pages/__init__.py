"""Streamlit pages: UI only, over the :class:`assistant.Assistant` façade."""
