"""Who may do what in the risk register. Services enforce these; views use them for flags and 403s.

- ICT staff (technician, ICT officer) record and change the register.
- Management and the internal auditor read all of it; Management approves acceptances.
- A risk owner reviews their risks, manages their actions and may ask for an acceptance.
- An action owner records progress on their own action.
Which rows a person may see at all is the selectors' business (`risk.selectors`).
"""

from kilombero_ict.roles import Role, user_roles


def is_ict(user) -> bool:
    return user_roles(user).is_ict


def reads_everything(user) -> bool:
    roles = user_roles(user)
    return roles.is_ict or roles.is_oversight


def can_approve_acceptance(user) -> bool:
    return Role.MANAGEMENT in user_roles(user)


def can_work_on_risk(user, risk) -> bool:
    """Review the risk, add and change its actions, ask for its acceptance."""
    return is_ict(user) or (user.is_authenticated and risk.owner_id == user.pk)


def can_update_action(user, action) -> bool:
    """Change the action's details (ICT staff and the risk's owner)."""
    return can_work_on_risk(user, action.risk)


def can_record_progress(user, action) -> bool:
    """Add progress notes and move the action's status (also its own owner)."""
    return can_update_action(user, action) or (user.is_authenticated and action.owner_id == user.pk)
