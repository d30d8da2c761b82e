"""Compile a decision table to durable-rules and evaluate it safely; a plain-Python twin for comparison."""
