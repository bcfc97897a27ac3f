from .library import CommunityPage, Resource, ResourceVersion
from .steps import ChecklistItem, ChecklistTemplateItem, DesignStep, Package, TrainingDesign, TrainingStep

__all__ = [
    "ChecklistItem",
    "ChecklistTemplateItem",
    "CommunityPage",
    "DesignStep",
    "Package",
    "Resource",
    "ResourceVersion",
    "TrainingDesign",
    "TrainingStep",
]
