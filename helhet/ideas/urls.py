from django.urls import path

from helhet.ideas.views import criteria, ideas, screening

app_name = "ideas"

urlpatterns = [
    path("", ideas.idea_list, name="list"),
    path("ny/", ideas.idea_submit, name="submit"),
    path("mine/", ideas.idea_mine, name="mine"),
    path("<int:pk>/", ideas.idea_detail, name="detail"),
    path("<int:pk>/historikk/", ideas.idea_history, name="history"),
    path("<int:pk>/vurdering/", screening.idea_screen, name="screen"),
    path("<int:pk>/sporsmal/", screening.idea_question, name="question"),
    path("<int:pk>/beslutning/", screening.idea_decide, name="decide"),
    path("<int:pk>/tiltak/", screening.idea_promote, name="promote"),
    path("vedlegg/<int:pk>/", ideas.attachment_download, name="attachment"),
    path("sporsmal/<int:pk>/svar/", ideas.question_answer, name="answer"),
    path("kriterier/", criteria.criteria_list, name="criteria"),
    path("kriterier/ny/", criteria.criteria_set_create, name="criteria_set_create"),
    path("kriterier/<int:pk>/nytt/", criteria.criterion_add, name="criterion_add"),
    path("kriterier/kriterium/<int:pk>/", criteria.criterion_edit, name="criterion_edit"),
]
