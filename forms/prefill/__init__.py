"""Prefill (信息免填写): fill form fields from verified licenses and the applicant's account."""
