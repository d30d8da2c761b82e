"""Cases (办件): every published service item runs as one certificate-free workflow (docs/workflows.md)."""
