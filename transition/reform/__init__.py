"""Administrative-reform scoring: any province's rubric (PAR INDEX) and the service index of
Decision 766/QĐ-TTg computed from the new units' dossier-processing log, with where each unit loses
points and what would raise its score most."""
