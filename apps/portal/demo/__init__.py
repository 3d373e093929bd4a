"""Demo data for trying the portal out and filling benchmark databases (`manage.py seed_demo`):
units and one login per role (`units`), missing and found reports (`reports`), children in care
(`care`). Nothing in the product imports it."""
