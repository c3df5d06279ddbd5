"""Sources of plans: ``vn2025`` (the national crosswalk package); later, ``resolution`` (legal text)."""
