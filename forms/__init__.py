"""WTForms classes: shared fields and validators here, one module per wizard step."""
