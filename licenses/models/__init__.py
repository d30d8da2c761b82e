from .keys import KeyAlgorithm, KeyState, SealKey

__all__ = ["KeyAlgorithm", "KeyState", "SealKey"]
