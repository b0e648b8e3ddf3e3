"""Faults on loopback: real `mingyi` processes, real databases, real signals."""
