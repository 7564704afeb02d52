"""The editorial models, one module per concern; import them from here."""

from stories.models.api_keys import ApiKey, ApiKeyQuerySet
from stories.models.revisions import (
    PENDING_STEPS,
    ChangeKind,
    ChangeNote,
    PendingRevision,
    content_fields,
    content_values,
)
from stories.models.roundups import FeaturingRoundUps, RoundUp, RoundUpItem, RoundUpQuerySet
from stories.models.stories import Story, StoryKind, StoryQuerySet
from stories.models.vocabularies import Region, RegionQuerySet, Topic, TopicQuerySet
from stories.models.workflow import (
    EDITABLE_STATUSES,
    LIVE_STATUSES,
    READY_STATUSES,
    WORKFLOW,
    PreviewLink,
    Publishable,
    PublishableQuerySet,
    Status,
    Step,
    Transition,
    published_condition,
    validate_plausible_date,
)

__all__ = [
    "PENDING_STEPS",
    "ChangeKind",
    "ChangeNote",
    "PendingRevision",
    "content_fields",
    "content_values",
    "EDITABLE_STATUSES",
    "LIVE_STATUSES",
    "READY_STATUSES",
    "WORKFLOW",
    "ApiKey",
    "ApiKeyQuerySet",
    "FeaturingRoundUps",
    "PreviewLink",
    "Publishable",
    "PublishableQuerySet",
    "Region",
    "RegionQuerySet",
    "RoundUp",
    "RoundUpItem",
    "RoundUpQuerySet",
    "Status",
    "Step",
    "Story",
    "StoryKind",
    "StoryQuerySet",
    "Topic",
    "TopicQuerySet",
    "Transition",
    "published_condition",
    "validate_plausible_date",
]
