from django.shortcuts import render

from apps.directory.selectors import directory_size


def home(request):
    return render(request, "portal/home.html", directory_size())
