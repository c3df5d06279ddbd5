"""Drafting the next arrangement: unit facts and their gate, the standards table, and the search
that proposes options (an instance of hard constraints, a construction step, an improvement step,
ranked options), each option a plan that ``transition check`` accepts."""
