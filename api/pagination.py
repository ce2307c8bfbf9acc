from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`?sida=N&per_sida=M` (default 100, at most 1000)."""

    page_query_param = "sida"
    page_size_query_param = "per_sida"
    page_size = 100
    max_page_size = 1000
    invalid_page_message = "Sidan finns inte."
