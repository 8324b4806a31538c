"""Views: plotly figures (returned, never shown) and thin ipywidgets over the pure layer."""
