"""Churn lab: planted causes of a rise in exits, to judge the product's churn explainer (see README.md)."""
