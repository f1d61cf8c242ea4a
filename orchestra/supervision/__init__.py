"""Supervision: supervisors with restart strategies and intensity, retry policies, resume."""

from ._supervisor import ChildExit, ChildSpec, RestartType, Strategy, Supervisor, SupervisorEscalation

__all__ = ["ChildExit", "ChildSpec", "RestartType", "Strategy", "Supervisor", "SupervisorEscalation"]
