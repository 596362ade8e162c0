from django.urls import path, register_converter

from . import views
from .converters import IsoDateConverter

register_converter(IsoDateConverter, "isodate")

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="list"),
    path("meetings/calendar/", views.calendar_this_month, name="calendar_now"),
    path("meetings/calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar"),
    path("meetings/feeds/all.ics", views.all_feed, name="all_feed"),
    path("meetings/feeds/borough/<slug:borough>.ics", views.borough_feed, name="borough_feed"),
    path("meetings/<slug:slug>/<isodate:day>/", views.occurrence_detail, name="occurrence"),
    path(
        "meetings/<slug:slug>/<isodate:day>/event.ics",
        views.occurrence_ics,
        name="occurrence_ics",
    ),
    path("partnerships/<slug:slug>/meetings.ics", views.partnership_feed, name="partnership_feed"),
]
