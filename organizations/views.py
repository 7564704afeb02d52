from organizations.models import Organization
from stories.models import Story
from stories.views import VocabularyDetailView


class OrganizationDetailView(VocabularyDetailView):
    model = Organization

    def get_queryset(self):
        return super().get_queryset().select_related("parent", "headquarters")

    def stories(self):
        return Story.objects.mentioning([self.object])
